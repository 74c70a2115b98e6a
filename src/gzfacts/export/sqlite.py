"""A SQLite database of the fact base for Datasette and sqlite-utils, and its metadata.json.

Tables `topics`, `sources` and `facts`, with primary keys and foreign keys (facts.topic ->
topics.id, facts.source -> sources.id), and full-text search on `facts` set up the way
`sqlite-utils enable-fts` does (an FTS5 table `facts_fts` with triggers), which is what
Datasette's search box looks for. The metadata follows Datasette's metadata.json format.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gzfacts import __version__
from gzfacts.export.sheet import Sheet
from gzfacts.factbase import FactBase
from gzfacts.model import SOURCE_FIELDS

#: The columns full-text search covers, as `gzfacts search` weighs them (claim first).
FTS_COLUMNS = ("claim", "quote", "aliases", "unit", "qualifier", "attributed_to")
_BATCH = 2000


def _fact_rows(sheet: Sheet, fb: FactBase) -> Iterator[dict[str, Any]]:
    spans = {fact_id: (start, end) for entry in sheet.sources for fact_id, start, end in entry.quoted}
    for group in sheet.topics:
        for card in group.cards:
            fact = card.fact
            start, end = spans[fact.id]
            yield {
                "id": fact.id,
                "topic": fact.topic,
                "source": fact.source,
                "claim": fact.claim,
                "value": fact.value,
                "unit": fact.unit,
                "period": fact.period,
                "period_inferred_from": fact.period_inferred_from,
                "qualifier": fact.qualifier,
                "attributed_to": fact.attributed_to,
                "place": fact.place,
                "quote": fact.quote,
                "aliases": json.dumps(list(fact.aliases), ensure_ascii=False),
                "quote_start": start,
                "quote_end": end,
            }


def write_database(fb: FactBase, sheet: Sheet, path: Path) -> None:
    """Write the sheet's topics, sources and facts into a new SQLite database at `path`."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        # A new file that is renamed into place only once complete (gzfacts.export.writing):
        # no journal or sync is needed on the way, and sqlite-utils commits every ~70 rows,
        # which with a sync each took half a minute for 100,000 facts. One fsync at the end.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.table("topics").create({"id": str, "title": str, "summary": str}, pk="id")
        db.table("topics").insert_all(
            {"id": g.topic.id, "title": g.topic.title, "summary": g.topic.summary} for g in sheet.topics
        )
        names = "id title author author_family publisher published updated page channel url rights citation text"
        source_columns: dict[str, Any] = dict.fromkeys(names.split(), str)
        db.table("sources").create(source_columns, pk="id")
        db.table("sources").insert_all(
            {
                **{name: getattr(e.source, name) for name in source_columns if name in SOURCE_FIELDS},
                "rights": e.rights,
                "citation": e.citation,
                "text": fb.source_text(e.source.id),
            }
            for e in sheet.sources
        )
        facts = db.table("facts")
        facts.create(
            {
                "id": str,
                "topic": str,
                "source": str,
                "claim": str,
                "value": "ANY",
                "unit": str,
                "period": str,
                "period_inferred_from": str,
                "qualifier": str,
                "attributed_to": str,
                "place": str,
                "quote": str,
                "aliases": str,
                "quote_start": int,
                "quote_end": int,
            },
            pk="id",
            foreign_keys=[("topic", "topics", "id"), ("source", "sources", "id")],
        )
        facts.insert_all(_fact_rows(sheet, fb), batch_size=_BATCH)
        facts.create_index(["topic"])
        facts.create_index(["source"])
        facts.enable_fts(list(FTS_COLUMNS), create_triggers=True)
        db.conn.commit()
    finally:
        db.close()
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def metadata(sheet: Sheet, database: str) -> dict[str, Any]:
    """Datasette's metadata for the database named `database`: titles, descriptions, sources, licence."""
    rights = " ".join(f"{e.source.title}: {e.rights}" for e in sheet.sources)
    about: dict[str, Any] = {
        "title": sheet.title,
        "description": (
            f"{sheet.counts}, each resting on a verbatim quote "
            f"of its source, checked character for character. Exported by gzfacts {__version__}. "
            f"Source rights: {rights}"
        ),
    }
    if len(sheet.sources) == 1:
        about["source"] = sheet.sources[0].citation
        if sheet.sources[0].source.url:
            about["source_url"] = sheet.sources[0].source.url
    else:
        about["source"] = f"{len(sheet.sources)} sources (see the sources table)"
    if sheet.license is not None:
        about["license"] = f"Fact base: {sheet.license.name}"
        if sheet.license.url:
            about["license_url"] = sheet.license.url
    tables = {
        "facts": {
            "title": "Facts",
            "description": "One claim per row, in our words, with the verbatim quote it rests on and its "
            "place in the source (quote_start, quote_end: 0-based character offsets, end exclusive; place: "
            "body, standfirst, caption or byline).",
            "label_column": "claim",
            "fts_table": "facts_fts",
        },
        "topics": {"title": "Topics", "description": "Groups of related facts.", "label_column": "title"},
        "sources": {
            "title": "Sources",
            "description": "The published texts the facts quote, how to cite them and their rights: " + rights,
            "label_column": "title",
        },
    }
    return {**about, "databases": {database: {**about, "tables": tables}}}


def metadata_json(sheet: Sheet, database: str) -> str:
    """The metadata as JSON text."""
    return json.dumps(metadata(sheet, database), ensure_ascii=False, indent=2) + "\n"
