"""Records to rows and back, by field name, as the record tables of `schema` lay them out; source
texts to compressed blocks and back; files to their numbers."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

from gzfacts.index.schema import FACTS, FILE_GAP, SEP, SOURCES, TEXT_BLOCK, TOPICS, Table
from gzfacts.model import TEXT_LIST, Fact, Origin, R, Record, Source, Topic

#: The columns to select for fact_from_row, topic_from_row and source_from_row.
FACT_COLUMNS = FACTS.columns
TOPIC_COLUMNS = TOPICS.columns
SOURCE_COLUMNS = SOURCES.columns


class IndexDamaged(sqlite3.DatabaseError):
    """A row of the index does not match its digest: the index was damaged or edited."""


def row_digest(values: Sequence[object]) -> int:
    """The digest of a row's values (text, numbers, None), as a signed 64-bit integer.

    BLAKE2b without a key: it catches damage and hand edits, not someone who recomputes it.
    """
    data = repr(tuple(values)).encode("utf-8", "surrogatepass")
    return int.from_bytes((_BLAKE2B or _blake2b())(data, digest_size=8).digest(), "big", signed=True)


_BLAKE2B: Any = None


def _blake2b() -> Any:
    """BLAKE2b, imported on first use (a run that reads no row does not pay for it)."""
    global _BLAKE2B  # imported once, then every row's digest uses it
    try:  # what hashlib uses, without hashlib's OpenSSL import (~3 ms) at every start
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python without CPython's built-in module
        from hashlib import blake2b
    _BLAKE2B = blake2b
    return blake2b


def checked(row: Sequence[Any]) -> Sequence[Any]:
    """A row selected with a table's `columns`, once its digest (the last column) is checked.

    A quote the index left in its source text comes as the compressed block(s) holding it (the
    only BLOB a row can hold): it is cut out with the row's start and end, before the check.
    """
    types = [*map(type, row)]
    if bytes in types:
        at = types.index(bytes)
        row = (*row[:at], _quote(row[at], row[-3], row[-2]), *row[at + 1 :])
    if row_digest(row[:-1]) != row[-1]:
        raise IndexDamaged("a row of the index does not match its digest")
    return row


def _quote(blocks: bytes, start: int, end: int) -> str:
    """text[start:end] of a source text, from the compressed blocks holding it (the first is
    block start // TEXT_BLOCK). Raises IndexDamaged."""
    try:
        # A quote within one block (most): one block decompressed, what may follow ignored.
        text = _inflate_one(blocks) if (end - 1) // TEXT_BLOCK == start // TEXT_BLOCK else _inflate(blocks)
    except (zlib.error, UnicodeDecodeError, TypeError) as exc:
        raise IndexDamaged(f"a source text in the index cannot be read ({exc})") from None
    first = start // TEXT_BLOCK * TEXT_BLOCK
    return text[start - first : end - first]


# A block holds the quotes of several facts, which are mostly read one after another (an update
# reads every kept fact, a build the facts whose source another file declares): each block is
# then decompressed once.
@lru_cache(maxsize=64)
def _inflate_one(block: bytes) -> str:
    """The text of a compressed block."""
    return zlib.decompress(block, -zlib.MAX_WBITS).decode("utf-8", "surrogatepass")


@lru_cache(maxsize=64)
def _inflate(blocks: bytes) -> str:
    """The text of one or more compressed blocks, one after the other."""
    text = b""
    while blocks:
        block = zlib.decompressobj(-zlib.MAX_WBITS)
        text += block.decompress(blocks)
        if not block.eof:
            raise zlib.error("a block is cut short")
        blocks = block.unused_data
    return text.decode("utf-8", "surrogatepass")


def checked_text(text: str, digest: int) -> str:
    """A source text read from the index, once it is checked against its digest."""
    if row_digest((text,)) != digest:
        raise IndexDamaged("a source text in the index does not match its digest")
    return text


def text_blocks(text: str) -> list[bytes]:
    """A source text as the index stores it: blocks of TEXT_BLOCK characters, each compressed
    (raw DEFLATE, so that two blocks read one after the other decompress as they are)."""
    blocks = []
    for at in range(0, len(text), TEXT_BLOCK):
        deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        piece = text[at : at + TEXT_BLOCK].encode("utf-8", "surrogatepass")
        blocks.append(deflate.compress(piece) + deflate.flush())
    return blocks


def write_text(conn: sqlite3.Connection, source_id: str, text: str) -> None:
    """Store a source's text (in place of any it had): its digest goes in its row (`source_row`)."""
    conn.execute("DELETE FROM blocks WHERE sid = ?", (source_id,))
    conn.executemany(
        "INSERT INTO blocks(sid, n, data) VALUES (?, ?, ?)",
        [(source_id, n, block) for n, block in enumerate(text_blocks(text))],
    )


def stored_text(conn: sqlite3.Connection, source_id: str) -> str | None:
    """A source's whole text, checked against its digest; None if the index has no such source.
    Raises IndexDamaged."""
    row = conn.execute("SELECT text_digest FROM sources WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        return None
    blocks = conn.execute("SELECT data FROM blocks WHERE sid = ? ORDER BY n", (source_id,)).fetchall()
    text = "".join(_quote(data, 0, TEXT_BLOCK) for (data,) in blocks)
    return checked_text(text, row[0])


def record_from_row(table: Table, record: type[R], row: Sequence[Any]) -> R:
    """A record from a row selected with `table.columns` (its digest checked): its fields by
    name, then its origin. Raises IndexDamaged."""
    count = len(table.fields)
    values = list(checked(row)[:count])
    for at in _lists(table):
        values[at] = tuple(values[at].split(SEP)) if values[at] else ()
    file, line, col = row[count : count + 3]
    # The data fields are the record's first fields, in order, and its origin comes next.
    return record(*values, Origin(file, line, col) if file is not None else None)  # type: ignore[call-arg]


@cache
def _lists(table: Table) -> tuple[int, ...]:
    """Where a table's list fields stand among its fields (each stored as one joined text)."""
    assert table.record._fields[: len(table.fields) + 1] == (*(f.name for f in table.fields), "origin")
    return tuple(at for at, field in enumerate(table.fields) if field.kind is TEXT_LIST)


def fact_from_row(row: Sequence[Any]) -> Fact:
    """A Fact from a row selected with FACT_COLUMNS."""
    return record_from_row(FACTS, Fact, row)


def topic_from_row(row: Sequence[Any]) -> Topic:
    """A Topic from a row selected with TOPIC_COLUMNS."""
    return record_from_row(TOPICS, Topic, row)


def source_from_row(row: Sequence[Any]) -> Source:
    """A Source from a row selected with SOURCE_COLUMNS."""
    return record_from_row(SOURCES, Source, row)


def record_values(table: Table, record: Record) -> tuple[object, ...]:
    """The record's columns of `table`: its fields by name (lists joined), then its origin."""
    # The table's fields are the record's first fields, in order (`_lists` checks it): a slice
    # takes them at once, where a getattr by name per field costs twice as much for every fact.
    values: list[Any] = list(record[: len(table.fields)])
    for at in _lists(table):
        values[at] = SEP.join(values[at])
    origin = record.origin
    return (*values, *((origin.file, origin.line, origin.column) if origin else (None, None, None)))


def sealed_values(table: Table, record: Record, *checked_values: object) -> tuple[object, ...]:
    """`record_values()` and then the digest of them and of the table's checked columns' values."""
    values = record_values(table, record)
    return (*values, row_digest((*values, *checked_values)))


_QUOTE = [f.name for f in FACTS.fields].index("quote")


def fact_values(fact: Fact, start: int, end: int, *, exact: bool) -> tuple[object, ...]:
    """A fact's columns of the facts table after its `forder`: its quote's span, its fields (the
    quote left out if `exact`: it is then read from its source text), origin and digest.

    The digest is of the quote itself, so the row only passes `checked` if the text still holds it.
    """
    values = sealed_values(FACTS, fact, start, end)
    if exact:
        values = (*values[:_QUOTE], None, *values[_QUOTE + 1 :])
    return (start, end, *values)


def exact_slice(text: str, fact: Fact, start: int, end: int) -> bool:
    """Whether a fact's quote is text[start:end] as it is, short enough to be read from the one
    or two blocks it starts in (`fact_values` then leaves it out)."""
    return end - start <= TEXT_BLOCK and text[start:end] == fact.quote


def file_numbers(conn: sqlite3.Connection, paths: Iterable[str]) -> dict[str, int] | None:
    """Numbers for the files the index has not numbered yet, in path order among those it has
    (FILE_GAP apart where there is room); None when two numbered files leave no room between them.
    """
    from bisect import bisect_left  # a write's, not a warm start's (issue 23)

    known = sorted(conn.execute("SELECT path, fno FROM origins"))
    names = [path for path, _ in known]
    new: dict[int, list[str]] = {}
    for path in sorted(set(paths) - set(names)):
        new.setdefault(bisect_left(names, path), []).append(path)
    numbers: dict[str, int] = {}
    for at, group in new.items():
        low = known[at - 1][1] if at else None
        high = known[at][1] if at < len(known) else None
        if low is None:
            low = (high if high is not None else FILE_GAP * (len(group) + 1)) - FILE_GAP * (len(group) + 1)
        step = FILE_GAP if high is None else (high - low) // (len(group) + 1)
        if step < 1:
            return None
        numbers.update((path, low + step * k) for k, path in enumerate(group, start=1))
    return numbers


def number_files(conn: sqlite3.Connection, numbers: dict[str, int]) -> None:
    """Record files' numbers (from `file_numbers`): rows name their file by it."""
    conn.executemany("INSERT INTO origins(fno, path) VALUES (?, ?)", [(n, p) for p, n in numbers.items()])
