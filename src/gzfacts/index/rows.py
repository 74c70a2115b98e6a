"""Records to rows and back, by field name, as the record tables of `schema` lay them out."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from gzfacts.index.schema import FACTS, SEP, SOURCES, TOPICS, Table
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
    try:  # what hashlib uses, without hashlib's OpenSSL import (~3 ms) at every start
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python without CPython's built-in module
        from hashlib import blake2b

    data = repr(tuple(values)).encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "big", signed=True)


def checked(row: Sequence[Any]) -> Sequence[Any]:
    """A row selected with a table's `columns`, once its digest (the last column) is checked."""
    if row_digest(row[:-1]) != row[-1]:
        raise IndexDamaged("a row of the index does not match its digest")
    return row


def checked_text(text: str, digest: int) -> str:
    """A source text read from the index, once it is checked against its digest."""
    if row_digest((text,)) != digest:
        raise IndexDamaged("a source text in the index does not match its digest")
    return text


def record_from_row(table: Table, record: type[R], row: Sequence[Any]) -> R:
    """A record from a row selected with `table.columns` (its digest checked): its fields by
    name, then its origin. Raises IndexDamaged."""
    values = dict(zip((f.name for f in table.fields), checked(row), strict=False))
    for field in table.fields:
        if field.kind is TEXT_LIST:
            text = values[field.name]
            values[field.name] = tuple(text.split(SEP)) if text else ()
    file, line, col = row[len(table.fields) : len(table.fields) + 3]
    return record(**values, origin=Origin(file, line, col) if file is not None else None)


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
    values = [
        SEP.join(value) if field.kind is TEXT_LIST else value
        for field in table.fields
        for value in (getattr(record, field.name),)
    ]
    origin = record.origin
    return (*values, *((origin.file, origin.line, origin.column) if origin else (None, None, None)))


def sealed_values(table: Table, record: Record, *checked_values: object) -> tuple[object, ...]:
    """`record_values()` and then the digest of them and of the table's checked columns' values."""
    values = record_values(table, record)
    return (*values, row_digest((*values, *checked_values)))
