"""The fact base's data model: immutable records, no I/O.

Each record's fields are declared once, here: name, type, and how the field is written in
YAML and stored in the index (its Kind, in `Annotated[type, KIND]`). A field is required
unless its type admits None or it has a default. The loader's schema, the JSON keys, the
index's columns and the mapping of rows back to records are all derived from these
declarations (`data_fields`), so a new field is one line here.

The records are typed NamedTuples rather than frozen dataclasses: they are as immutable and
as typed, and defining them costs a fraction of the time (dataclasses import `inspect`),
which every run of the command pays.
"""

# No `from __future__ import annotations`: the declarations are read at run time (the Kind in
# each `Annotated`), and evaluated annotations are also cheaper for NamedTuple to define.
from collections.abc import Mapping
from typing import Annotated, Any, NamedTuple, TypeVar, get_args

Number = int | float


class Kind(NamedTuple):
    """How a field's value is written in YAML, checked, and stored in the index."""

    name: str
    #: The SQLite column type ("" leaves the column untyped, so a number keeps int or float).
    sql: str
    #: The value of the field when the YAML leaves it out (or writes null).
    empty: object = None
    #: The values the field may take, when it is one of a few words ("" choices: any).
    choices: tuple[str, ...] = ()


#: Printable text.
TEXT = Kind("text", "TEXT")
#: A kebab-case identifier such as `digital-economy`.
SLUG = Kind("slug", "TEXT")
#: A calendar date written "YYYY-MM-DD".
DATE = Kind("date", "TEXT")
#: A plain decimal number, int or float as written.
NUMBER = Kind("number", "")
#: A list of texts (a tuple in the record); stored as one joined column.
TEXT_LIST = Kind("text list", "TEXT", ())

#: Where in its source a quote stands, and how a reader is told so when it is not the body: the
#: article's own running text, the summary under the headline, a photo caption, or the byline.
PLACES: dict[str, str] = {
    "body": "the article's body",
    "standfirst": "the article's standfirst",
    "caption": "the article's photo caption",
    "byline": "the article's byline",
}
#: One of PLACES; "body" when the YAML leaves it out.
PLACE = Kind("place", "TEXT", "body", tuple(PLACES))


class Field(NamedTuple):
    """One declared field of a record."""

    name: str
    kind: Kind
    required: bool


class Origin(NamedTuple):
    """Where something was written: a file, a 1-based line and a 1-based column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Source(NamedTuple):
    """A published text that facts quote, with the bibliographic data needed to cite it.

    Its fields have no defaults so that they stand in the order they are documented and
    printed; build one by keyword, or from a mapping with `make()`.
    """

    id: Annotated[str, SLUG]
    title: Annotated[str, TEXT]
    author: Annotated[str, TEXT]
    author_family: Annotated[str | None, TEXT]
    publisher: Annotated[str, TEXT]
    published: Annotated[str, DATE]
    updated: Annotated[str | None, DATE]
    page: Annotated[str | None, TEXT]
    channel: Annotated[str | None, TEXT]
    url: Annotated[str | None, TEXT]
    path: Annotated[str, TEXT]
    #: Who holds the rights to the text and on what terms it may be used, as the publisher states it.
    rights: Annotated[str | None, TEXT]
    origin: Origin | None = None

    def to_dict(self) -> dict[str, object]:
        """The source as a plain dict with the documented keys."""
        return to_dict(self)


class Topic(NamedTuple):
    """A group of related facts, named by a kebab-case slug."""

    id: Annotated[str, SLUG]
    title: Annotated[str, TEXT]
    summary: Annotated[str, TEXT]
    origin: Origin | None = None

    def to_dict(self) -> dict[str, object]:
        """The topic as a plain dict with the documented keys."""
        return to_dict(self)


class Fact(NamedTuple):
    """One claim of a source, in our words, resting on a verbatim quote of that source."""

    id: Annotated[str, SLUG]
    topic: Annotated[str, SLUG]
    claim: Annotated[str, TEXT]
    quote: Annotated[str, TEXT]
    source: Annotated[str, SLUG]
    value: Annotated[Number | None, NUMBER] = None
    unit: Annotated[str | None, TEXT] = None
    period: Annotated[str | None, TEXT] = None
    period_inferred_from: Annotated[str | None, TEXT] = None
    qualifier: Annotated[str | None, TEXT] = None
    attributed_to: Annotated[str | None, TEXT] = None
    #: Where the quote stands in its source: "body", "standfirst", "caption" or "byline" (PLACES).
    place: Annotated[str, PLACE] = "body"
    aliases: Annotated[tuple[str, ...], TEXT_LIST] = ()
    origin: Origin | None = None
    #: Where each field's value was written, for error messages.
    field_origins: Mapping[str, Origin] | None = None

    def to_dict(self) -> dict[str, object]:
        """The fact as a plain dict with every documented key, None where absent."""
        return to_dict(self)

    def said_by(self, own_voice: str = "the article itself") -> str:
        """Who says the fact, as a reader is told: whom the article attributes it to, else where
        the article says it (`own_voice` for its body; "the article's photo caption" for a caption).

        A quote outside the body is named as such even when attributed, so that a caption or a
        standfirst is never read as the reporter's running text.
        """
        where = PLACES.get(self.place) if self.place != "body" else None
        if self.attributed_to:
            return f"{self.attributed_to} (in {where})" if where else self.attributed_to
        return where or own_voice

    def where(self, name: str) -> Origin | None:
        """Where field `name` was written, else where the fact starts."""
        return (self.field_origins or {}).get(name, self.origin)


Record = Source | Topic | Fact
R = TypeVar("R", Source, Topic, Fact)
_DATA_FIELDS: dict[type, tuple[Field, ...]] = {}


def data_fields(record: type[Record]) -> tuple[Field, ...]:
    """The fields a record declares with a Kind, in order: its data, without its bookkeeping."""
    found = _DATA_FIELDS.get(record)
    if found is None:
        found = _DATA_FIELDS[record] = tuple(
            Field(
                name, kind, required=name not in record._field_defaults and type(None) not in get_args(hint.__origin__)
            )
            for name, hint in record.__annotations__.items()
            for kind in getattr(hint, "__metadata__", ())
            if isinstance(kind, Kind)
        )
    return found


def field_names(record: type[Record]) -> tuple[str, ...]:
    """The names of a record's data fields, in order: the keys of its JSON objects."""
    return tuple(f.name for f in data_fields(record))


_Layout = tuple[tuple[str, ...], tuple[object, ...], tuple[str, ...], tuple[object, ...]]
#: Per record type: its data fields' names and empty values, then its other fields' names and
#: defaults (its bookkeeping: origin, and where each field was written), in the record's order.
_LAYOUTS: dict[type, _Layout] = {}


def _layout(record: type[Record]) -> _Layout:
    found = _LAYOUTS.get(record)
    if found is None:
        fields = data_fields(record)
        names = tuple(f.name for f in fields)
        assert record._fields[: len(names)] == names  # the data comes first, in order
        others = record._fields[len(names) :]
        defaults = tuple(record._field_defaults.get(name) for name in others)
        found = _LAYOUTS[record] = (names, tuple(f.kind.empty for f in fields), others, defaults)
    return found


def make(record: type[R], values: Mapping[str, Any], **extra: Any) -> R:
    """A record from its fields' values by name; a field left out gets its Kind's empty value."""
    # The fields in order, given to tuple.__new__: a loader makes a record of every fact, and
    # record(**fields) would run the NamedTuple's Python __new__ with keywords, three times slower.
    return tuple.__new__(record, _in_order(record, values, extra))


def _in_order(record: type[Record], values: Mapping[str, Any], extra: dict[str, Any]) -> tuple[object, ...]:
    """A record's fields in order: its data from `values`, then its bookkeeping from `extra`."""
    names, empties, others, defaults = _layout(record)
    unknown = extra.keys() - set(others)
    if unknown:
        raise TypeError(f"{record.__name__} has no field {', '.join(sorted(unknown))}")
    return (*map(values.get, names, empties), *map(extra.get, others, defaults))


def to_dict(record: Record) -> dict[str, object]:
    """A record as a plain dict of its data fields, lists as lists, None where absent."""
    return {
        f.name: list(value) if isinstance(value := getattr(record, f.name), tuple) else value
        for f in data_fields(type(record))
    }


#: The keys every fact object has in JSON output, in this order (null where absent).
FACT_FIELDS: tuple[str, ...] = field_names(Fact)
TOPIC_FIELDS: tuple[str, ...] = field_names(Topic)
SOURCE_FIELDS: tuple[str, ...] = field_names(Source)


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
