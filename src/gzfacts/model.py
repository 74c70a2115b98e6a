"""The fact base's data model: immutable records, no I/O.

The records are typed NamedTuples rather than frozen dataclasses: they are as immutable and
as typed, and defining them costs a fifth of the time, which every run of the command pays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

#: The keys every fact object has in JSON output, in this order (null where absent).
FACT_FIELDS: tuple[str, ...] = (
    "id",
    "topic",
    "claim",
    "quote",
    "source",
    "value",
    "unit",
    "period",
    "period_inferred_from",
    "qualifier",
    "attributed_to",
    "aliases",
)
TOPIC_FIELDS: tuple[str, ...] = ("id", "title", "summary")
SOURCE_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "author",
    "author_family",
    "publisher",
    "published",
    "updated",
    "page",
    "channel",
    "url",
    "path",
)

Number = int | float


class Origin(NamedTuple):
    """Where something was written: a file, a 1-based line and a 1-based column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Source(NamedTuple):
    """A published text that facts quote, with the bibliographic data needed to cite it."""

    id: str
    title: str
    author: str
    publisher: str
    published: str
    path: str
    updated: str | None = None
    author_family: str | None = None
    page: str | None = None
    channel: str | None = None
    url: str | None = None
    origin: Origin | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The source as a plain dict with the documented keys."""
        return {name: getattr(self, name) for name in SOURCE_FIELDS}


class Topic(NamedTuple):
    """A group of related facts, named by a kebab-case slug."""

    id: str
    title: str
    summary: str
    origin: Origin | None = None

    def to_dict(self) -> dict[str, str]:
        """The topic as a plain dict with the documented keys."""
        return {"id": self.id, "title": self.title, "summary": self.summary}


class Fact(NamedTuple):
    """One claim of a source, in our words, resting on a verbatim quote of that source."""

    id: str
    topic: str
    claim: str
    quote: str
    source: str
    value: Number | None = None
    unit: str | None = None
    period: str | None = None
    period_inferred_from: str | None = None
    qualifier: str | None = None
    attributed_to: str | None = None
    aliases: tuple[str, ...] = ()
    origin: Origin | None = None
    #: Where each field's value was written, for error messages.
    field_origins: Mapping[str, Origin] | None = None

    def to_dict(self) -> dict[str, object]:
        """The fact as a plain dict with every documented key, None where absent."""
        data: dict[str, object] = {name: getattr(self, name) for name in FACT_FIELDS}
        data["aliases"] = list(self.aliases)
        return data

    def where(self, name: str) -> Origin | None:
        """Where field `name` was written, else where the fact starts."""
        return (self.field_origins or {}).get(name, self.origin)


class Anchor(NamedTuple):
    """Where a quote stands in its source text (W3C Web Annotation selectors).

    `start` and `end` are 0-based character offsets, end exclusive (TextPositionSelector);
    `exact`, `prefix` and `suffix` form a TextQuoteSelector.
    """

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def to_dict(self) -> dict[str, object]:
        """The anchor as a plain dict."""
        return {
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }
