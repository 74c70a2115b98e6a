"""Output: writers in one registry (WRITERS: kind of result -> format name -> function).

Every view (gzfacts.views) returns a Result: a body of one kind (a Listing of records, check's
findings, text, an authored draft) and what to say or raise after it. A Listing says what to
print of records: the fields machine formats write, and how a table or a card shows them.
Every writer takes a body and a text stream; adding a format is one function registered with
@writer. Only the writers that draw (tables, cards, check's table) use Rich, and import it
lazily. Text from the fact base or a query is never interpreted: no Rich
markup is parsed, and control characters are shown as visible escapes in tables and escaped
in JSON.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation
# into a ForwardRef, which every run of the command would pay for (issue 23).
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, NamedTuple

from gzfacts.errors import GzfactsError, NoResults, PartialResults, UsageError
from gzfacts.output.spec import MEASURE, Card, Column, Record, TableSpec
from gzfacts.output.text import (
    data_cell,
    isatty,
    markdown_cell,
    plain_cell,
    printable,
    spreadsheet_safe,
    to_json,
    tsv_cell,
    wants_rich,
    wrapped,
)

__all__ = [
    "MEASURE",
    "Authored",
    "Card",
    "Column",
    "Listing",
    "Output",
    "Record",
    "Result",
    "TableSpec",
    "plain_cell",
    "printable",
    "spreadsheet_safe",
    "to_json",
    "wants_rich",
    "wrapped",
]


def select_fields(
    records: Sequence[Record], fields: Sequence[str] | None, available: Sequence[str]
) -> list[dict[str, Any]]:
    """The records cut down to `fields` (all when None); an unknown field is a UsageError."""
    if not fields:
        return [dict(r) for r in records]
    unknown = [f for f in fields if f not in available]
    if unknown:
        raise UsageError(
            f"unknown field {', '.join(repr(f) for f in unknown)}; available fields: {', '.join(available)}"
        )
    return [{name: r.get(name) for name in fields} for r in records]


# --- what a command prints -------------------------------------------------------------------


class Listing(NamedTuple):
    """What a command prints, in a form every writer can take."""

    records: list[dict[str, Any]]
    #: The keys machine formats write when --fields is not given, in order.
    fields: tuple[str, ...]
    #: How a table shows the records (it may use keys beyond `fields`).
    table: TableSpec
    #: Further keys that --fields may name.
    extra: tuple[str, ...] = ()
    #: JSON and YAML: these keys, then the records under "facts" (a topic with its facts).
    envelope: dict[str, Any] | None = None
    #: JSON and YAML: the one record itself rather than an array of it.
    single: bool = False
    #: Table format: the record drawn as a card instead of a table.
    card: Card | None = None
    #: Table format: plain lines of data printed before the table.
    lines: tuple[str, ...] = ()
    #: Messages for people (a corrected word, where the cache is), written to stderr.
    notes: tuple[str, ...] = ()
    #: When there are no records: why (the search or filters matched nothing).
    nothing: str | None = None
    #: When the records answer only part of what was asked (no search hit matches every word):
    #: why, said after they are written; the command then exits 1.
    partial: str | None = None
    #: CSV and TSV: cells exactly as they are, formula-leading ones not neutralised (--raw).
    raw: bool = False

    @property
    def available(self) -> tuple[str, ...]:
        """Every field --fields may name."""
        return (*self.fields, *self.extra)

    def rows(self) -> list[dict[str, Any]]:
        """The records cut down to `fields`, in that order."""
        return [{name: record.get(name) for name in self.fields} for record in self.records]

    def document(self) -> Any:
        """The whole answer as one JSON or YAML document."""
        rows = self.rows()
        if self.single and rows:
            return rows[0]
        return {**self.envelope, "facts": rows} if self.envelope is not None else rows

    def only(self, fields: Sequence[str]) -> "Listing":
        """The listing cut down to `fields`, shown as a table of just those columns (an unknown
        field is a UsageError)."""
        records = select_fields(self.records, fields, self.available)
        columns = [Column(name, name, ratio=1) for name in fields]
        table = TableSpec(columns, self.table.title, self.table.caption, self.table.highlights)
        return self._replace(records=records, fields=tuple(fields), table=table, card=None)


class Result(NamedTuple):
    """What every view hands the writers: a body of one kind, then what to say or raise.

    Kinds and their bodies: "records", a Listing (tables, JSON, CSV ...); "findings", check's
    findings; "text", text as it is (a citation); "authored", an Authored draft (YAML to paste,
    or records). The writers of a kind are registered in WRITERS[kind].
    """

    body: Any
    kind: str = "records"
    #: Said on stderr once the body is written, when the command does not fail.
    summary: str | None = None
    #: What the command ends in once the body is written (exit 1 for ProblemsFound), or None.
    failure: GzfactsError | None = None
    #: Said on stderr before the body (a source text that cannot be read).
    notes: tuple[str, ...] = ()


class Authored(NamedTuple):
    """An authoring command's answer: records for machines and `text` to paste or read (YAML
    stubs, the marked source), and optionally a different listing for people (`table`)."""

    listing: Listing
    text: str
    table: Listing | None = None


class Output:
    """Where and how a command writes its data (`out`) in a format, and messages (`err`)."""

    def __init__(
        self,
        fmt: str = "table",
        fields: list[str] | None = None,
        *,
        out: IO[str],
        err: IO[str],
        raw: bool = False,
        pager: bool = False,
    ) -> None:
        self.fmt = fmt
        self.fields = fields
        self.raw = raw
        #: Whether long tables on a terminal go through a pager (see gzfacts.output.pager).
        self.pager = pager
        self.out = out
        self.err = err

    def message(self, text: str) -> None:
        """A message for people, on stderr (on a terminal, wrapped between words)."""
        self.err.write(wrapped(f"gzfacts: {printable(text)}", self.err) + "\n")

    def write(self, result: Result | Listing) -> None:
        """Write a view's result with the chosen format's writer for its kind; then raise what
        it fails with, or say its summary."""
        if isinstance(result, Listing):
            result = Result(result)
        for note in result.notes:
            self.message(note)
        if result.body is None:
            pass  # a view that only says something (cache clear)
        elif result.kind == "records":
            self._records(result.body)
        else:
            self._body(writers(result.kind)[self.fmt], result.body)
        if result.failure is not None:
            raise result.failure
        if result.summary:
            self.message(result.summary)

    def _body(self, write: "Writer", body: Any) -> None:
        """Write `body` with `write`: a table (records, check's findings) on a terminal through
        the pager when it is taller than the screen (see gzfacts.output.pager)."""
        if self.pager and self.fmt == "table" and isatty(self.out):
            from gzfacts.output.pager import paged

            paged(lambda stream: write(body, stream), self.out)
        else:
            write(body, self.out)

    def _records(self, listing: Listing) -> None:
        """A listing cut to --fields; its notes go to stderr. A listing that says why it is
        empty ends in NoResults, one that answers only in part in PartialResults (both exit 1)."""
        if self.fields:
            listing = listing.only(self.fields)
        if self.raw:
            listing = listing._replace(raw=True)
        for note in listing.notes:
            self.message(note)
        if listing.records or listing.nothing is None or self.fmt in DOCUMENT_FORMATS:
            self._body(WRITERS["records"][self.fmt], listing)
        if not listing.records and listing.nothing is not None:
            raise NoResults(listing.nothing)
        if listing.records and listing.partial is not None:
            raise PartialResults(listing.partial)


# --- the writers ------------------------------------------------------------------------------

Writer = Callable[[Any, IO[str]], None]
#: The writers by the kind of result they take, then by format name, in the order --help
#: lists them: adding a format is one function registered with @writer.
WRITERS: dict[str, dict[str, Writer]] = {}
#: The records formats that write the whole answer as one document, so that even an empty
#: answer is written (`[]`); the others write nothing when a search or filter matched nothing.
DOCUMENT_FORMATS: set[str] = set()
#: The modules that register the writers of a kind, imported only when that kind is written.
_WRITER_MODULES = {"findings": "gzfacts.output.findings"}


def writer(name: str, *, kind: str = "records", document: bool = False) -> Callable[[Writer], Writer]:
    """Register a writer for format `name` of results of `kind` (a decorator)."""

    def register(function: Writer) -> Writer:
        WRITERS.setdefault(kind, {})[name] = function
        if document and kind == "records":
            DOCUMENT_FORMATS.add(name)
        return function

    return register


def writers(kind: str = "records") -> dict[str, Writer]:
    """The writers of results of `kind`, by format name (importing the module that has them)."""
    if kind not in WRITERS and kind in _WRITER_MODULES:
        import importlib

        importlib.import_module(_WRITER_MODULES[kind])
    return WRITERS[kind]


def formats(kind: str = "records") -> tuple[str, ...]:
    """The format names results of `kind` can be written in, the default first."""
    return tuple(writers(kind))


@writer("table")
def write_table(listing: Listing, out: IO[str]) -> None:
    """A card or a table: drawn by Rich for a terminal (or FORCE_COLOR), else plain aligned text."""
    from gzfacts.output.tables import write_table as draw

    draw(listing, out)


@writer("json", document=True)
def write_json(listing: Listing, out: IO[str]) -> None:
    """One JSON document."""
    out.write(to_json(listing.document()) + "\n")


@writer("jsonl")
def write_jsonl(listing: Listing, out: IO[str]) -> None:
    """One JSON object a line (a topic: one line, the topic with its facts, as in JSON)."""
    if listing.envelope is not None:
        out.write(to_json(listing.document(), indent=None) + "\n")
        return
    for record in listing.rows():
        out.write(to_json(record, indent=None) + "\n")


@writer("csv", document=True)
def write_csv(listing: Listing, out: IO[str]) -> None:
    """RFC 4180 CSV with a header row (even for no rows); lists and objects as JSON, booleans as
    true/false, and formula-leading cells neutralised unless --raw (see spreadsheet_safe)."""
    import csv

    csv_writer = csv.writer(out, lineterminator="\n")
    rows = [_flat(record) for record in listing.rows()] if listing.single else listing.rows()
    csv_writer.writerow(rows[0].keys() if listing.single and rows else listing.fields)
    for record in rows:
        csv_writer.writerow([data_cell(value, listing.raw) for value in record.values()])


def _flat(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A record with its objects spread over columns (anchor.line, anchor.column …), so that a
    single fact is a spreadsheet row rather than JSON in a cell."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


@writer("tsv", document=True)
def write_tsv(listing: Listing, out: IO[str]) -> None:
    """Tab-separated values with a header row; tabs and newlines in values are escaped, lists
    and objects written as JSON, formula-leading cells neutralised unless --raw."""
    out.write("\t".join(listing.fields) + "\n")
    for record in listing.rows():
        out.write("\t".join(tsv_cell(data_cell(value, listing.raw)) for value in record.values()) + "\n")


@writer("yaml", document=True)
def write_yaml(listing: Listing, out: IO[str]) -> None:
    """YAML, block style, keys in their documented order."""
    import yaml

    out.write(yaml.safe_dump(listing.document(), sort_keys=False, allow_unicode=True, width=100))


@writer("markdown")
def write_markdown(listing: Listing, out: IO[str]) -> None:
    """A GitHub-flavoured Markdown table (one fact: its fields as a list, the quote as a
    blockquote); HTML in the data is escaped, never passed through."""
    if listing.single and listing.card is not None:
        card = listing.card
        out.write(f"### {markdown_cell(card.title)}\n\n")
        for label, value in card.rows:
            if label != "quote":
                out.write(f"- **{label}**: {markdown_cell(value)}\n")
        quote = next((value for label, value in card.rows if label == "quote"), None)
        if quote is not None:
            out.write(
                "\n"
                + "\n".join(f"> {markdown_cell(line)}" if line.strip() else ">" for line in quote.splitlines())
                + "\n"
            )
        return
    out.write("| " + " | ".join(listing.fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in listing.fields) + "|\n")
    for record in listing.rows():
        out.write("| " + " | ".join(markdown_cell(value) for value in record.values()) + " |\n")


#: The output formats of every data command.
FORMATS: tuple[str, ...] = tuple(WRITERS["records"])


def chosen_format(fmt: str | None, as_json: bool, formats: tuple[str, ...] = FORMATS, command: str = "") -> str:
    """The one place --json and --format/-o are reconciled: --json is --format json, and the
    format must be one of the `formats` the command writes (the first is its default)."""
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    chosen = "json" if as_json else (fmt.lower() if fmt else formats[0])
    if chosen not in formats:
        raise UsageError(
            f"unknown format {chosen!r}{' for ' + command if command else ''}; formats: {', '.join(formats)}"
        )
    return chosen


def field_names(raw: str | None) -> list[str] | None:
    """The field names of a --fields value such as "id,claim,value"."""
    if raw is None:
        return None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    if not names:
        raise UsageError("--fields is empty: name one or more fields, such as --fields id,claim,value")
    return names


# --- text and authored drafts ------------------------------------------------------------------


@writer("text", kind="text")
@writer("json", kind="text")
def write_text(text: str, out: IO[str]) -> None:
    """Text as it is (a citation, CSL-JSON), control characters made visible."""
    out.write(printable(text) + "\n")


@writer("yaml", kind="authored")
@writer("text", kind="authored")
def write_authored_text(authored: Authored, out: IO[str]) -> None:
    """What an author pastes or reads: YAML fact stubs, a source marked up."""
    out.write(printable(authored.text))


@writer("table", kind="authored")
def write_authored_table(authored: Authored, out: IO[str]) -> None:
    """The listing for people, as a table."""
    WRITERS["records"]["table"](authored.table or authored.listing, out)


@writer("json", kind="authored")
def write_authored_json(authored: Authored, out: IO[str]) -> None:
    """The records as one JSON array."""
    write_json(authored.listing, out)


@writer("jsonl", kind="authored")
def write_authored_jsonl(authored: Authored, out: IO[str]) -> None:
    """The records, one JSON object a line."""
    write_jsonl(authored.listing, out)
