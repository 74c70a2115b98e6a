"""Writing records into an index: their rows, search columns and metadata (`stream` builds a whole
fact base with these; `update` a directory base's changed files)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts.files import FileStamp
from gzfacts.index.rows import row_digest, sealed_values
from gzfacts.index.schema import FACTS, FORMAT, FTS_COLUMNS, SEP, SOURCES, TOPICS
from gzfacts.model import Fact, Origin, Source
from gzfacts.quotes import locate
from gzfacts.text import index_terms

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import ParsedFactBase, Progress

#: Facts written per batch (and per progress report).
BATCH = 2000


class FileOrder:
    """Numbers records in the order they stand in their own file (0, 1, 2... per file)."""

    def __init__(self) -> None:
        self._counters: dict[str | None, Iterator[int]] = {}

    def __call__(self, origin: Origin | None) -> int:
        return next(self._counters.setdefault(origin.file if origin else None, count()))


def insert(
    conn: sqlite3.Connection,
    parsed: ParsedFactBase,
    texts: dict[str, str],
    shas: dict[str, str],
    titles: dict[str, str],
    words: dict[str, str],
    progress: Progress | None,
    *,
    first_rowid: int,
) -> None:
    """Insert the sources, topics and facts of `parsed`, each ordered within its own file.

    `shas` are the SHA-256 of each source text's file bytes; `titles` are every topic's title
    (a fact's topic title is searched with it); the words met are added to `words`.
    """
    order = FileOrder()
    conn.executemany(
        SOURCES.insert(), [source_row(order(s.origin), s, texts[s.id], shas[s.id]) for s in parsed.sources]
    )
    order = FileOrder()
    conn.executemany(TOPICS.insert(), [(order(t.origin), *sealed_values(TOPICS, t)) for t in parsed.topics])
    order = FileOrder()
    total = len(parsed.facts)
    batch: list[tuple[object, ...]] = []
    fts_batch: list[tuple[object, ...]] = []
    for rowid, fact in enumerate(parsed.facts, start=first_rowid):
        batch.append(_fact_row(rowid, order(fact.origin), fact, texts[fact.source], titles, words, fts_batch))
        if len(batch) >= BATCH:
            flush(conn, batch, fts_batch)
            if progress:
                progress("indexing", rowid - first_rowid + 1, total)
    flush(conn, batch, fts_batch)
    if progress:
        progress("indexing", total, total)


def _fact_row(
    rowid: int,
    forder: int,
    fact: Fact,
    text: str,
    titles: dict[str, str],
    words: dict[str, str],
    fts_batch: list[tuple[object, ...]],
) -> tuple[object, ...]:
    """A fact's row of the facts table; its row of the search table is added to `fts_batch`."""
    span = locate(text, fact.quote)
    assert span is not None  # checked by validation
    columns = fts_columns(fact, titles.get(fact.topic, ""), words)
    fts_batch.append((rowid, *(columns[name] for name, _ in FTS_COLUMNS)))
    return (rowid, forder, span[0], span[1], *sealed_values(FACTS, fact, *span))


def source_row(order: int, source: Source, text: str, sha: str) -> tuple[object, ...]:
    """A source's row of the sources table: its text, the hash of the file bytes it was read
    from, the text's digest, the record and the row's digest."""
    text_digest = row_digest((text,))
    return (order, text, sha, text_digest, *sealed_values(SOURCES, source, sha, text_digest))


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


def flush(conn: sqlite3.Connection, batch: list[tuple[object, ...]], fts_batch: list[tuple[object, ...]]) -> None:
    conn.executemany(FACTS.insert(), batch)
    names = ", ".join(name for name, _ in FTS_COLUMNS)
    marks = ", ".join("?" * (len(FTS_COLUMNS) + 1))
    conn.executemany(f"INSERT INTO fts(rowid, {names}) VALUES ({marks})", fts_batch)
    batch.clear()
    fts_batch.clear()


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
    return (
        _column(words, fact.claim)[1],
        _column(words, fact.quote)[1],
        _column(words, *fact.aliases)[1],
        _column(words, fact.attributed_to or "")[1],
        _column(words, _extra(fact))[1],
    )


def topic_column(title: str, words: dict[str, str]) -> str:
    """The analysed text of the search column of a fact's topic title."""
    return _column(words, title)[1]


def _extra(fact: Fact) -> str:
    return " ".join(filter(None, (fact.id.replace("-", " "), fact.unit, fact.qualifier, fact.period)))


def fts_columns(fact: Fact, topic_title: str, words: dict[str, str]) -> dict[str, str]:
    """The analysed text of each FTS column, and the term sequences used for phrase matching."""
    claim, claim_text = _column(words, fact.claim)
    quote, quote_text = _column(words, fact.quote)
    aliases = [index_terms(alias, words)[0] for alias in fact.aliases]
    _, aliases_text = _column(words, *fact.aliases)
    topic, topic_text = _column(words, topic_title)
    _, attribution_text = _column(words, fact.attributed_to or "")
    _, extra_text = _column(words, _extra(fact))
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
