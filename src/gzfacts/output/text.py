"""Text made safe to print: control characters shown, JSON escaped, spreadsheet cells
neutralised, cells of tables and CSV. No Rich here: the writers that draw use it."""

from __future__ import annotations

import os
from typing import IO, Any

# Translation tables rather than regexes: they cost microseconds to build at start-up.
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
_CONTROLS.update({c: f"\\u{c:04x}" for c in _BIDI})
# json.dumps escapes C0 controls itself; these it would leave raw.
_JSON_UNSAFE = {c: f"\\u{c:04x}" for c in [*range(0x7F, 0xA0), *_BIDI]}


def printable(text: str) -> str:
    """`text` with control characters (escape sequences included) made visible and harmless."""
    return text.translate(_CONTROLS)


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet shows as text: one that starts like a formula (=, +, -, @, tab,
    carriage return) gets a leading apostrophe, as OWASP advises; other cells are unchanged."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def data_cell(value: Any, raw: bool) -> str:
    """A CSV/TSV cell: lists and objects as JSON (so an item with a "; " in it round-trips),
    booleans as true/false, text made spreadsheet-safe unless `raw`; numbers stay numbers."""
    if isinstance(value, list | tuple | dict):
        return to_json(value, indent=None)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and not raw:
        return spreadsheet_safe(value)
    return plain_cell(value)


def to_json(data: Any, *, indent: int | None = 2) -> str:
    """JSON text, UTF-8 rather than ASCII-escaped, with C1 controls, line separators and
    bidirectional overrides escaped too (json.dumps escapes only C0 controls). Never `Infinity`
    or `NaN`, which are not JSON: values are finite by the loader's rule (at most 15 digits)."""
    import json  # only the JSON formats pay for it

    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False).translate(_JSON_UNSAFE)


def plain_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(plain_cell(v) for v in value)
    if isinstance(value, dict):
        return to_json(value, indent=None)
    return str(value)


def tsv_cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def markdown_cell(value: Any) -> str:
    html = printable(plain_cell(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return html.replace("|", "\\|").replace("\n", " ")


def isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def wrapped(line: str, stream: IO[str]) -> str:
    """A message line as it is; on a terminal, wrapped between words (never inside a word or
    at its hyphen, as the terminal itself would) at the terminal's width, the lines after the
    first indented under the text after "gzfacts: "."""
    if not isatty(stream):
        return line
    try:
        width = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return line
    import textwrap

    lines = textwrap.wrap(
        line, width=max(40, width), subsequent_indent=" " * 9, break_long_words=False, break_on_hyphens=False
    )
    return "\n".join(lines)


def wants_rich(out: IO[str]) -> bool:
    """Whether tables on `out` are drawn by Rich: on a terminal, or when FORCE_COLOR asks for it.
    Into a pipe or a file they are plain aligned text, one record a line."""
    return bool(os.environ.get("FORCE_COLOR")) or isatty(out)


def human_size(size: int) -> str:
    """A size as people read it: 512 bytes, 1.2 kB, 154.3 MB (powers of 1000, as `ls --si`)."""
    from rich.filesize import decimal  # only `cache` pays for it

    return decimal(size)
