"""Output writers, one per format, in a registry (WRITERS: format name -> function).

A view (gzfacts.views) describes what to print as a Listing: records, the fields machine
formats write, and how a table or a card shows them. Every writer takes a Listing and a text
stream; adding a format is one function registered with @writer. Only the table writer uses
Rich, and imports it lazily. Text from the fact base or a query is never interpreted: no Rich
markup is parsed, and control characters are shown as visible escapes in tables and escaped
in JSON.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, Literal, NamedTuple

from gzfacts.errors import NoResults, PartialResults, UsageError

Record = Mapping[str, Any]

# Translation tables rather than regexes: they cost microseconds to build at start-up.
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
_CONTROLS.update({c: f"\\u{c:04x}" for c in _BIDI})
# json.dumps escapes C0 controls itself; these it would leave raw.
_JSON_UNSAFE = {c: f"\\u{c:04x}" for c in [*range(0x7F, 0xA0), *_BIDI]}


def printable(text: str) -> str:
    """`text` with control characters (escape sequences included) made visible and harmless."""
    return text.translate(_CONTROLS)


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


class Card(NamedTuple):
    """One record for people: a title and label/value rows (`show FACT` in a table format).

    With `context`, (before, exact, after): the quote as it stands in the source, with the
    sentences around it, shown in place of the "quote" row.
    """

    title: str
    rows: list[tuple[str, str]]
    context: tuple[str, str, str] | None = None


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

    def only(self, fields: Sequence[str]) -> Listing:
        """The listing cut down to `fields`, shown as a table of just those columns (an unknown
        field is a UsageError)."""
        records = select_fields(self.records, fields, self.available)
        columns = [Column(name, name, ratio=1) for name in fields]
        table = TableSpec(columns, self.table.title, self.table.caption, self.table.highlights)
        return self._replace(records=records, fields=tuple(fields), table=table, card=None)


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
        #: Whether long tables on a terminal go through a pager (see gzfacts.pager).
        self.pager = pager
        self.out = out
        self.err = err

    def message(self, text: str) -> None:
        """A message for people, on stderr."""
        self.err.write(f"gzfacts: {printable(text)}\n")

    def write(self, listing: Listing) -> None:
        """Write a listing with the chosen format's writer, cut to --fields; its notes go to
        stderr. A listing that says why it is empty ends in NoResults, one that answers only in
        part in PartialResults (both exit 1)."""
        if self.fields:
            listing = listing.only(self.fields)
        if self.raw:
            listing = listing._replace(raw=True)
        for note in listing.notes:
            self.message(note)
        if listing.records or listing.nothing is None or self.fmt in DOCUMENT_FORMATS:
            if self.pager and self.fmt == "table" and _isatty(self.out):
                from gzfacts.pager import paged

                paged(lambda stream: WRITERS["table"](listing, stream), self.out)
            else:
                WRITERS[self.fmt](listing, self.out)
        if not listing.records and listing.nothing is not None:
            raise NoResults(listing.nothing)
        if listing.records and listing.partial is not None:
            raise PartialResults(listing.partial)

    def text(self, text: str) -> None:
        """Text as it is (a citation, a schema), on stdout, control characters made visible."""
        self.out.write(printable(text) + "\n")


# --- the writers ------------------------------------------------------------------------------

Writer = Callable[[Listing, IO[str]], None]
#: The output formats by name, in the order they are listed in --help.
WRITERS: dict[str, Writer] = {}
#: The formats that write the whole answer as one document, so that even an empty answer is
#: written (`[]`); the others write nothing when a search or filter matched nothing.
DOCUMENT_FORMATS: set[str] = set()


def writer(name: str, *, document: bool = False) -> Callable[[Writer], Writer]:
    """Register a writer for format `name` (a decorator): adding a format is one function."""

    def register(function: Writer) -> Writer:
        WRITERS[name] = function
        if document:
            DOCUMENT_FORMATS.add(name)
        return function

    return register


@writer("table")
def write_table(listing: Listing, out: IO[str]) -> None:
    """A card or a table: drawn by Rich for a terminal (or FORCE_COLOR), else plain aligned text."""
    if wants_rich(out):
        _write_rich(listing, make_console(out))
        return
    out.write("".join(printable(line) + "\n" for line in listing.lines))
    if listing.card is not None:
        write_plain_card(listing.card, out)
    elif listing.table.columns:
        write_plain_table(listing.records, listing.table, out)


def _write_rich(listing: Listing, console: Any) -> None:
    for line in listing.lines:
        console.print(printable(line))
    if listing.card is not None:
        write_card(listing.card, console)
    elif listing.table.columns:
        write_rich_table(listing.records, listing.table, console)


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
        csv_writer.writerow([_data_cell(value, listing.raw) for value in record.values()])


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
        out.write("\t".join(_tsv_cell(_data_cell(value, listing.raw)) for value in record.values()) + "\n")


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet shows as text: one that starts like a formula (=, +, -, @, tab,
    carriage return) gets a leading apostrophe, as OWASP advises; other cells are unchanged."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _data_cell(value: Any, raw: bool) -> str:
    """A CSV/TSV cell: lists and objects as JSON (so an item with a "; " in it round-trips),
    booleans as true/false, text made spreadsheet-safe unless `raw`; numbers stay numbers."""
    if isinstance(value, list | tuple | dict):
        return to_json(value, indent=None)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and not raw:
        return spreadsheet_safe(value)
    return _cell(value)


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
        out.write(f"### {_md_cell(card.title)}\n\n")
        for label, value in card.rows:
            if label != "quote":
                out.write(f"- **{label}**: {_md_cell(value)}\n")
        quote = next((value for label, value in card.rows if label == "quote"), None)
        if quote is not None:
            out.write(
                "\n" + "\n".join(f"> {_md_cell(line)}" if line.strip() else ">" for line in quote.splitlines()) + "\n"
            )
        return
    out.write("| " + " | ".join(listing.fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in listing.fields) + "|\n")
    for record in listing.rows():
        out.write("| " + " | ".join(_md_cell(value) for value in record.values()) + " |\n")


#: The output formats of every data command.
FORMATS: tuple[str, ...] = tuple(WRITERS)


def to_json(data: Any, *, indent: int | None = 2) -> str:
    """JSON text, UTF-8 rather than ASCII-escaped, with C1 controls, line separators and
    bidirectional overrides escaped too (json.dumps escapes only C0 controls). Never `Infinity`
    or `NaN`, which are not JSON: values are finite by the loader's rule (at most 15 digits)."""
    import json  # only the JSON formats pay for it

    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False).translate(_JSON_UNSAFE)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return to_json(value, indent=None)
    return str(value)


def _tsv_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _md_cell(value: Any) -> str:
    html = printable(_cell(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return html.replace("|", "\\|").replace("\n", " ")


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def wants_rich(out: IO[str]) -> bool:
    """Whether tables on `out` are drawn by Rich: on a terminal, or when FORCE_COLOR asks for it.
    Into a pipe or a file they are plain aligned text, one record a line."""
    return bool(os.environ.get("FORCE_COLOR")) or _isatty(out)


# --- tables -----------------------------------------------------------------------------------


class Column:
    """A table column: its header, the record key it shows, and how it may be drawn.

    `below` names further keys whose values are shown under this one's, in the same cell (each
    with its style from `below_styles`);
    `note` names a key shown dimmed under those, as "key: value", where it has a value (in
    plain tables it becomes a column of its own when any record has one);
    `whole` keeps values (ids) unbroken: the column is as wide as its widest value.
    """

    __slots__ = (
        "below",
        "below_styles",
        "fold",
        "header",
        "justify",
        "key",
        "most",
        "no_wrap",
        "note",
        "ratio",
        "style",
        "whole",
    )

    def __init__(
        self,
        header: str,
        key: str,
        ratio: int | None = None,
        justify: Literal["left", "right"] = "left",
        style: str | None = None,
        no_wrap: bool = False,
        below: str | tuple[str, ...] = (),
        whole: bool = False,
        note: str | None = None,
        below_styles: tuple[str | None, ...] = (),
        most: int | None = None,
        fold: bool = False,
    ) -> None:
        self.header, self.key, self.ratio, self.justify = header, key, ratio, justify
        self.style, self.no_wrap, self.whole = style, no_wrap, whole
        self.below: tuple[str, ...] = (below,) if isinstance(below, str) else below
        self.note = note
        self.below_styles = below_styles
        #: The widest the column is drawn (MEASURE for prose columns with a ratio).
        self.most = most if most is not None else MEASURE if ratio else None
        #: When the table does not fit, the column moves under the first column's value.
        self.fold = fold


class TableSpec:
    """What a table shows: its columns, an optional title and caption, and spans to highlight
    per record and key."""

    __slots__ = ("caption", "columns", "highlights", "title")

    def __init__(
        self,
        columns: list[Column],
        title: str | None = None,
        caption: str | None = None,
        highlights: Sequence[Mapping[str, Sequence[tuple[int, int]]]] = (),
    ) -> None:
        self.columns, self.title, self.caption, self.highlights = columns, title, caption, highlights


def make_console(out: IO[str], *, color: bool | None = None, width: int | None = None) -> Any:
    """A Rich console on `out`: colour only on a terminal (NO_COLOR, FORCE_COLOR and TERM=dumb
    honoured by Rich), never markup from data, and no cropping when `out` is not a terminal."""
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=color,
        no_color=None if color is None else not color,
        markup=False,
        emoji=False,
        highlight=False,
        width=width,
        soft_wrap=False,
    )


def text(value: Any, style: str | None = None, spans: Sequence[tuple[int, int]] = ()) -> Any:
    """A Rich Text of a value, printable, with the given spans highlighted."""
    from rich.text import Text

    raw = _cell(value)
    safe = printable(raw)
    result = Text(safe, style=style or "")
    if spans and safe == raw:
        for start, end in spans:
            result.stylize("bold reverse", start, end)
    return result


def _cell_text(record: Record, column: Column, marks: Mapping[str, Sequence[tuple[int, int]]]) -> Any:
    cell = text(record.get(column.key), column.style, marks.get(column.key, ()))
    if column.below or column.note:
        # The column's style is the first line's only: the claim under a cyan id is plain text.
        first, cell = cell, text("")
        cell.append_text(first)
    for index, key in enumerate(column.below):
        if record.get(key) in (None, ""):
            continue
        style = column.below_styles[index] if index < len(column.below_styles) else None
        cell.append("\n")
        cell.append_text(text(record.get(key), style, marks.get(key, ())))
    if column.note is not None and record.get(column.note):
        cell.append("\n")
        cell.append_text(text(f"{column.note}: {_cell(record.get(column.note))}", "dim"))
    return cell


#: Below this many columns a table would squeeze or drop cells: records are listed instead.
NARROW = 60
#: The widest a column of prose (a claim, a quote, a summary) is drawn.
MEASURE = 80


def _cell_lines(record: Record, column: Column) -> list[str]:
    lines = [printable(_cell(record.get(key))) for key in (column.key, *column.below)]
    if column.note is not None and record.get(column.note):
        lines.append(printable(f"{column.note}: {_cell(record.get(column.note))}"))
    return [part for line in lines for part in line.split("\n")]


def column_widths(records: Sequence[Record], spec: TableSpec, available: int) -> list[int] | None:
    """The width of each column so that no word is broken and the table is no wider than its
    content: every column as wide as its widest line if that fits; else the columns with a
    ratio (the claim, the quote) give up their slack first, then the others, never below their
    longest word (or their widest value, for `whole` and `no_wrap` columns). None when even
    that does not fit `available` cells: the records are then listed instead."""
    from rich.cells import cell_len

    natural: list[int] = []
    least: list[int] = []
    for column in spec.columns:
        lines = [line for record in records for line in _cell_lines(record, column)]
        words = [word for line in lines for word in line.split()]
        widest = max([cell_len(column.header), *(cell_len(line) for line in lines)])
        natural.append(widest)
        # An id is kept whole; the text under it (the claim) may wrap at its words.
        whole = [printable(_cell(r.get(column.key))) for r in records] if column.whole or column.no_wrap else []
        least.append(max([cell_len(column.header), *(cell_len(w) for w in [*words, *whole])]))
    if sum(least) > available:
        return None
    # Prose reads best at a measure of about 80 characters: wider, the eye loses the line.
    widths = [min(n, max(m, c.most or n)) for n, m, c in zip(natural, least, spec.columns, strict=True)]
    # Give back slack from the flexible columns (largest ratio first), then from the rest.
    order = sorted(range(len(widths)), key=lambda i: (spec.columns[i].ratio is None, -(spec.columns[i].ratio or 0)))
    while sum(widths) > available:
        excess = sum(widths) - available
        flexible = [i for i in order if widths[i] > least[i] and spec.columns[i].ratio]
        pool = flexible or [i for i in order if widths[i] > least[i]]
        # Shrink the widest for its ratio first, so that flexible columns end up in proportion.
        i = max(pool, key=lambda j: widths[j] / (spec.columns[j].ratio or 1))
        step = max(1, min(excess, widths[i] - least[i], max(1, excess // len(pool))))
        widths[i] -= step
    return widths


def _table_overhead(columns: int) -> int:
    # SIMPLE_HEAD: an edge cell each side, one separator between columns, padding of 1 each side.
    return 2 + (columns - 1) + 2 * columns


def write_rich_table(records: Sequence[Record], spec: TableSpec, console: Any) -> None:
    """A Rich table of the records, its columns sized by column_widths (on a narrow terminal,
    or when the words would not fit, a list: nothing is dropped or cut)."""
    widths = None
    if console.width >= NARROW:
        widths = column_widths(records, spec, console.width - _table_overhead(len(spec.columns)))
        folding = [c for c in spec.columns[1:] if c.fold]
        if widths is None and folding:
            # Fold columns such as the topic under the id and claim rather than give up the table.
            first, kept = spec.columns[0], [c for c in spec.columns[1:] if not c.fold]
            merged = copy.copy(first)
            merged.below = (*first.below, *(c.key for c in folding))
            merged.below_styles = (*first.below_styles, *((None,) * (len(first.below) - len(first.below_styles))))
            merged.below_styles += tuple(c.style or "dim" for c in folding)
            spec = TableSpec([merged, *kept], spec.title, spec.caption, spec.highlights)
            widths = column_widths(records, spec, console.width - _table_overhead(len(spec.columns)))
    if widths is None:
        _write_list(records, spec, console)
        return
    from rich import box
    from rich.table import Table

    table = Table(
        title=printable(spec.title) if spec.title else None,
        caption=printable(spec.caption) if spec.caption else None,
        box=box.SIMPLE_HEAD,
        expand=False,
        show_lines=any(c.below for c in spec.columns),
        title_justify="left",
        caption_justify="left",
    )
    for column, width in zip(spec.columns, widths, strict=True):
        table.add_column(column.header, justify=column.justify, overflow="fold", width=width, no_wrap=column.no_wrap)
    for index, record in enumerate(records):
        marks = spec.highlights[index] if index < len(spec.highlights) else {}
        table.add_row(*(_cell_text(record, c, marks) for c in spec.columns))
    console.print(table)


def _write_list(records: Sequence[Record], spec: TableSpec, console: Any) -> None:
    """Each record as "header: value" lines, wrapped to the terminal's width."""
    from rich.rule import Rule

    if spec.title:
        console.print(text(spec.title, "bold"))
    for index, record in enumerate(records):
        marks = spec.highlights[index] if index < len(spec.highlights) else {}
        console.print(Rule(style="dim"))
        for column in spec.columns:
            line = text(f"{column.header}: ", "bold")
            line.append_text(_cell_text(record, column, marks))
            console.print(line)
    if spec.caption:
        console.print(text(spec.caption, "dim"))


def _plain(value: Any) -> str:
    return printable(_cell(value)).replace("\n", " ")


def write_plain_table(records: Sequence[Record], spec: TableSpec, out: IO[str]) -> None:
    """The table as aligned plain text, one record a line: for pipes and files, where a
    drawn table would wrap each record over several lines. Nothing is cut."""
    columns: list[tuple[str, str, str]] = []
    for column in spec.columns:
        columns.append((column.key if column.below else column.header, column.key, column.justify))
        columns.extend((key, key, "left") for key in column.below)
        if column.note and any(record.get(column.note) for record in records):
            columns.append((column.note, column.note, "left"))
    rows = [[h for h, _, _ in columns]] + [[_plain(record.get(key)) for _, key, _ in columns] for record in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    last = len(columns) - 1
    for row in rows:
        cells = [
            cell if i == last else cell.rjust(widths[i]) if columns[i][2] == "right" else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def write_plain_card(card: Card, out: IO[str]) -> None:
    """One record as "label  value" lines of plain text (the pipe form of write_card); with
    context, the quote as it stands in the source, marked, with its neighbours."""
    rows = card.rows
    if card.context is not None:
        before, exact, after = card.context
        marked = " ".join(part for part in (before, f"\u201c{exact}\u201d", after) if part)
        rows = [(label, marked if label == "quote" else value) for label, value in rows]
    out.write(_plain(card.title) + "\n")
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        out.write(f"{label.ljust(width)}  {_plain(value)}\n")


def write_card(card: Card, console: Any) -> None:
    """A two-column label/value layout for one record, the quote in italics (or, with
    context, in bold between its dimmed neighbours)."""
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE, show_header=False, title=printable(card.title), title_justify="left")
    grid.add_column("field", style="bold", no_wrap=True)
    grid.add_column("value", overflow="fold")
    for label, value in card.rows:
        grid.add_row(label, _quote_text(value, card.context) if label == "quote" else text(value))
    console.print(grid)


def _quote_text(quote: str, context: tuple[str, str, str] | None) -> Any:
    if context is None:
        return text(quote, "italic")
    before, exact, after = context
    result = text("")
    if before:
        result.append(printable(before) + " ", style="dim")
    result.append("\u201c")
    result.append(printable(exact), style="bold")
    result.append("\u201d")
    if after:
        result.append(" " + printable(after), style="dim")
    return result


class ProgressBar:
    """A progress bar on stderr while an index is built (shown on a terminal only)."""

    def __init__(self, err: IO[str]) -> None:
        self._err = err
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            from rich.progress import Progress

            self._bar = Progress(console=make_console(self._err), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("building the index", total=None)
        self._bar.update(self._task, description=f"{stage} the fact base", completed=done, total=total or None)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self._bar is not None:
            self._bar.stop()
