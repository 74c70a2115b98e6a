"""Output writers, one per format. Only the table writer uses Rich, and imports it lazily.

Every writer takes records (dicts with the documented keys, in order) and a text stream.
Text from the fact base or a query is never interpreted: no Rich markup is parsed, and
control characters are shown as visible escapes in tables and escaped in JSON.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import IO, Any, Literal, NamedTuple

from gzfacts.errors import UsageError

FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "tsv", "yaml", "markdown")
Record = Mapping[str, Any]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with control characters (escape sequences included) made visible and harmless."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


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
    """JSON as UTF-8 text, with C1 controls and line separators escaped."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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


class Column(NamedTuple):
    """A table column: its header, the record key it shows, and how it may be drawn."""

    header: str
    key: str
    ratio: int | None = None
    justify: Literal["left", "right"] = "left"
    style: str | None = None
    no_wrap: bool = False
    #: Another key whose value is shown on the lines below this one's, in the same cell.
    below: str | None = None
    #: Never break this column's values (ids): the column is as wide as its widest value.
    whole: bool = False


class TableSpec(NamedTuple):
    """What a table shows: its columns, an optional title, and spans to highlight per key."""

    columns: list[Column]
    title: str | None = None
    caption: str | None = None
    highlights: Sequence[Mapping[str, Sequence[tuple[int, int]]]] = ()


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


def write_table(records: Sequence[Record], spec: TableSpec, console: Any) -> None:
    """A Rich table of the records."""
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
