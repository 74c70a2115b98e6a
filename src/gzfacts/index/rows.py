"""Records to rows and back, by field name, as the record tables of `schema` lay them out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gzfacts.index.schema import FACTS, SEP, SOURCES, TOPICS, Table
from gzfacts.model import TEXT_LIST, Fact, Origin, R, Record, Source, Topic

#: The columns to select for fact_from_row, topic_from_row and source_from_row.
FACT_COLUMNS = FACTS.columns
TOPIC_COLUMNS = TOPICS.columns
SOURCE_COLUMNS = SOURCES.columns


def record_from_row(table: Table, record: type[R], row: Sequence[Any]) -> R:
    """A record from a row selected with `table.columns`: its fields by name, then its origin."""
    values = dict(zip((f.name for f in table.fields), row, strict=False))
    for field in table.fields:
        if field.kind is TEXT_LIST:
            text = values[field.name]
            values[field.name] = tuple(text.split(SEP)) if text else ()
    file, line, col = row[len(table.fields) :]
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
