"""Output writers, one per format. Only the table writer uses Rich, and imports it lazily.

Every writer takes records (dicts with the documented keys, in order) and a text stream.
Text from the fact base or a query is never interpreted: no Rich markup is parsed, and
control characters are shown as visible escapes in tables and escaped in JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import IO, Any, Literal

from gzfacts.errors import UsageError

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


def parse_fields(raw: str | None) -> list[str] | None:
    """The field names of a --fields value such as "id,claim,value"."""
    if raw is None:
        return None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    if not names:
        raise UsageError("--fields is empty: name one or more fields, such as --fields id,claim,value")
    return names


# --- machine formats --------------------------------------------------------------------------


def to_json(data: Any, *, indent: int | None = 2) -> str:
    """JSON text, as json.dumps(data, ensure_ascii=False, indent=indent) writes it, with C1
    controls, line separators and bidirectional overrides escaped too.

    Written here rather than by json.dumps because importing the json package costs ~2 ms,
    a twentieth of the command's start-up; strings are escaped by the same C function json
    uses. tests/test_robustness.py checks the two agree on arbitrary data.
    """
    try:
        from _json import encode_basestring
    except ImportError:  # pragma: no cover - a Python without the C accelerator
        from json.encoder import py_encode_basestring as encode_basestring
    parts: list[str] = []
    _encode(data, parts, indent, 0, encode_basestring)
    return "".join(parts).translate(_JSON_UNSAFE)


def _encode(value: Any, out: list[str], indent: int | None, level: int, quote: Any) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(quote(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{value!r} has no JSON form")
        out.append(float.__repr__(value))
    elif isinstance(value, dict | list | tuple):
        is_dict = isinstance(value, dict)
        if not value:
            out.append("{}" if is_dict else "[]")
            return
        out.append("{" if is_dict else "[")
        if indent is None:
            separator, closing = ", ", ""
        else:
            separator = ",\n" + " " * (indent * (level + 1))
            closing = "\n" + " " * (indent * level)
            out.append(separator[1:])
        items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
        for index, (key, item) in enumerate(items):
            if index:
                out.append(separator)
            if is_dict:
                out.append(quote(str(key)) + ": ")
            _encode(item, out, indent, level + 1, quote)
        out.append(closing + ("}" if is_dict else "]"))
    else:
        raise TypeError(f"{type(value).__name__} is not JSON serializable")


def write_json(data: Any, out: IO[str]) -> None:
    """One JSON document."""
    out.write(to_json(data) + "\n")


def write_jsonl(records: Sequence[Record], out: IO[str]) -> None:
    """One JSON object a line."""
    for record in records:
        out.write(to_json(record, indent=None) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return to_json(value, indent=None)
    return str(value)


def write_csv(records: Sequence[Record], fields: Sequence[str], out: IO[str]) -> None:
    """RFC 4180 CSV with a header row; lists are joined with "; "."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in fields])


def _tsv_cell(value: Any) -> str:
    return _cell(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_tsv(records: Sequence[Record], fields: Sequence[str], out: IO[str]) -> None:
    """Tab-separated values with a header row; tabs and newlines in values are escaped."""
    out.write("\t".join(fields) + "\n")
    for record in records:
        out.write("\t".join(_tsv_cell(record.get(name)) for name in fields) + "\n")


def write_yaml(data: Any, out: IO[str]) -> None:
    """YAML, block style, keys in their documented order."""
    import yaml

    out.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def _md_cell(value: Any) -> str:
    return printable(_cell(value)).replace("|", "\\|").replace("\n", " ")


def write_markdown(records: Sequence[Record], fields: Sequence[str], out: IO[str]) -> None:
    """A GitHub-flavoured Markdown table."""
    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in fields) + "|\n")
    for record in records:
        out.write("| " + " | ".join(_md_cell(record.get(name)) for name in fields) + " |\n")


# --- tables -----------------------------------------------------------------------------------


class Column:
    """A table column: its header, the record key it shows, and how it may be drawn.

    `below` names another key whose value is shown under this one's, in the same cell;
    `whole` keeps values (ids) unbroken: the column is as wide as its widest value.
    """

    __slots__ = ("below", "header", "justify", "key", "no_wrap", "ratio", "style", "whole")

    def __init__(
        self,
        header: str,
        key: str,
        ratio: int | None = None,
        justify: Literal["left", "right"] = "left",
        style: str | None = None,
        no_wrap: bool = False,
        below: str | None = None,
        whole: bool = False,
    ) -> None:
        self.header, self.key, self.ratio, self.justify = header, key, ratio, justify
        self.style, self.no_wrap, self.below, self.whole = style, no_wrap, below, whole


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
    if column.below is not None:
        cell.append("\n")
        cell.append_text(text(record.get(column.below), None, marks.get(column.below, ())))
    return cell


#: Below this many columns a table would squeeze or drop cells: records are listed instead.
NARROW = 60


def write_table(records: Sequence[Record], spec: TableSpec, console: Any) -> None:
    """A Rich table of the records (on a narrow terminal, a list: nothing is dropped or cut)."""
    if console.width < NARROW:
        _write_list(records, spec, console)
        return
    from rich import box
    from rich.table import Table

    table = Table(
        title=printable(spec.title) if spec.title else None,
        caption=printable(spec.caption) if spec.caption else None,
        box=box.SIMPLE_HEAD,
        expand=any(c.ratio for c in spec.columns),
        show_lines=any(c.below for c in spec.columns),
    )
    for column in spec.columns:
        widest = max((len(printable(_cell(r.get(column.key)))) for r in records), default=0) if column.whole else None
        table.add_column(
            column.header,
            ratio=column.ratio,
            justify=column.justify,
            overflow="fold",
            no_wrap=column.no_wrap,
            min_width=widest,
            # Rich's ratio layout takes a flexible column's `width` as its minimum.
            width=widest if column.ratio else None,
        )
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
        if column.below:
            columns.append((column.below, column.below, "left"))
    rows = [[h for h, _, _ in columns]] + [[_plain(record.get(key)) for _, key, _ in columns] for record in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    last = len(columns) - 1
    for row in rows:
        cells = [
            cell if i == last else cell.rjust(widths[i]) if columns[i][2] == "right" else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def write_plain_card(rows: Sequence[tuple[str, str]], out: IO[str], *, title: str | None = None) -> None:
    """One record as "label  value" lines of plain text (the pipe form of write_card)."""
    if title:
        out.write(_plain(title) + "\n")
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        out.write(f"{label.ljust(width)}  {_plain(value)}\n")


def write_card(rows: Sequence[tuple[str, Any]], console: Any, *, title: str | None = None) -> None:
    """A two-column label/value layout for one record (used by `show FACT`)."""
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE, show_header=False, title=printable(title) if title else None, title_justify="left")
    grid.add_column("field", style="bold", no_wrap=True)
    grid.add_column("value", overflow="fold")
    for label, value in rows:
        grid.add_row(label, value if not isinstance(value, str) else text(value))
    console.print(grid)
