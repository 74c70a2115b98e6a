"""Records into an index's rows: their order, search columns and metadata (`prepare` makes a
file's rows with these, `stream` writes a whole fact base, `update` a directory base's changes)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path

from gzfacts.files import FileStamp
from gzfacts.index.freshness import pack_stamps
from gzfacts.index.rows import row_digest, sealed_values
from gzfacts.index.schema import FORMAT, SEP, SOURCES
from gzfacts.model import Fact, Origin, Source
from gzfacts.text import index_terms

#: Facts written per batch (and per progress report).
BATCH = 2000


class FileOrder:
    """Numbers records in the order they stand in their own file (0, 1, 2... per file)."""

    def __init__(self) -> None:
        self._counters: dict[str | None, Iterator[int]] = {}

    def __call__(self, origin: Origin | None) -> int:
        file = origin.file if origin else None
        counter = self._counters.get(file)
        if counter is None:  # not setdefault(file, count()): that makes a counter on every call
            counter = self._counters[file] = count()
        return next(counter)


def source_row(order: int, source: Source, text: str, sha: str) -> tuple[object, ...]:
    """A source's row of the sources table: the hash of the file bytes its text was read from,
    the text's digest, the record and the row's digest (the text itself: `rows.write_text`)."""
    text_digest = row_digest((text,))
    return (order, sha, text_digest, *sealed_values(SOURCES, source, sha, text_digest))


def finish(
    conn: sqlite3.Connection, stamps: Iterable[FileStamp], words: dict[str, str], fact_path: Path | None, total: int
) -> None:
    """Record the input files' stamps, the vocabulary and the metadata that mark the index whole."""
    conn.execute("DELETE FROM files")
    conn.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [tuple(s) for s in stamps])
    conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", sorted(words.items()))
    conn.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        [
            ("format", FORMAT),
            ("path", str(fact_path.resolve()) if fact_path else ""),
            ("facts", str(total)),
            ("complete", "1"),
        ],
    )
    pack_stamps(conn)


def _column(words: dict[str, str], *texts: str) -> tuple[list[str], str]:
    """A search column's term sequence, and its analysed text (the sequence, then hyphenated parts)."""
    seq: list[str] = []
    parts: list[str] = []
    for text in texts:
        more, more_parts = index_terms(text, words)
        seq += more
        parts += more_parts
    return seq, " ".join(seq + parts)


def fact_search_columns(fact: Fact, words: dict[str, str]) -> tuple[str, str, str, str, str]:
    """The analysed text of a fact's search columns but its topic's: claim, quote, aliases,
    attribution, extra (in FTS_COLUMNS order). `words` collects a surface word for each term."""
    return _fact_columns(fact, words)[0]


def _fact_columns(fact: Fact, words: dict[str, str]) -> tuple[tuple[str, str, str, str, str], list[str], list[str]]:
    """fact_search_columns(), and the term sequences of the claim and the quote."""
    claim, claim_text = _column(words, fact.claim)
    quote, quote_text = _column(words, fact.quote)
    texts = (
        claim_text,
        quote_text,
        _column(words, *fact.aliases)[1],
        _column(words, fact.attributed_to or "")[1],
        _column(words, _extra(fact))[1],
    )
    return texts, claim, quote


def topic_column(title: str, words: dict[str, str]) -> str:
    """The analysed text of the search column of a fact's topic title."""
    return _column(words, title)[1]


def _extra(fact: Fact) -> str:
    return " ".join(filter(None, (fact.id.replace("-", " "), fact.unit, fact.qualifier, fact.period)))


def fts_columns(fact: Fact, topic_title: str, words: dict[str, str]) -> dict[str, str]:
    """The analysed text of each FTS column, and the term sequences used for phrase matching."""
    (claim_text, quote_text, aliases_text, attribution_text, extra_text), claim, quote = _fact_columns(fact, words)
    aliases = [index_terms(alias, words)[0] for alias in fact.aliases]
    topic, topic_text = _column(words, topic_title)
    return {
        "claim": claim_text,
        "quote": quote_text,
        "aliases": aliases_text,
        "topic": topic_text,
        "attribution": attribution_text,
        "extra": extra_text,
        # Phrase matching looks for the query's terms in a row inside one of these sequences.
        "seq": SEP.join(" ".join(s) for s in [claim, quote, topic, *aliases]),
    }
