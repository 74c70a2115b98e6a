"""YAML events composed into light nodes that keep their marks (1-based line and column).

The YAML is parsed with the C safe parser where PyYAML has it (the pure-Python safe parser
otherwise) and composed here, never constructed by PyYAML: no tag can run code, and every node
knows where it stands. Walking the parser's events by hand keeps a mark on every value, lets a
file stream one record at a time, and stays at C speed. What YAML forbids (control characters,
tab indentation, nesting and lists out of proportion) is refused here, with a caret under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple, NoReturn, TypeAlias

from gzfacts import rules
from gzfacts.errors import FactBaseUnreadable, Problem

#: Nesting deeper than this is refused before parsing (the schema needs 4 levels).
MAX_DEPTH = 64
_STANDARD_TAG = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

#: The most items a list inside a record may have (aliases), and twice the most keys of a mapping
#: (a fact has 13 fields): a 31 MB fact of two million keys is refused at once, not in 2 GB.
MAX_ITEMS = 1000


def _text_position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# Characters YAML does not allow in a stream (YAML 1.1, 5.1), found before the parser does so
# that the message can say where.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


#: The ASCII characters YAML allows: _NOT_YAML matches none of them, and every other ASCII one.
_YAML_ASCII = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])


def check_characters(text: str, name: str) -> None:
    """Refuse characters YAML forbids, and tab indentation, with clearer messages than the parser's."""
    # Both checks have a fast form for what nearly every fact file is: ASCII text whose bytes,
    # once the allowed ones are deleted (bytes.translate), leave nothing, and no tab at all. A
    # regex scan of the whole file is several times slower.
    bad = None if text.isascii() and not text.encode().translate(None, _YAML_ASCII) else _NOT_YAML.search(text)
    if bad:
        line, column = _text_position(text, bad.start())
        raise FactBaseUnreadable(
            Problem(
                f"{name}:{line}:{column}",
                f"the control character U+{ord(bad.group()):04X} is not allowed in YAML",
                "Remove it (a text editor that shows invisible characters helps)",
                code=rules.YAML_SYNTAX,
                detail=caret(text, line, column),
            )
        )
    tab = re.search(r"(?m)^[ ]*\t", text) if "\t" in text else None
    if tab:
        line, column = _text_position(text, tab.end() - 1)
        raise FactBaseUnreadable(
            Problem(
                f"{name}:{line}:{column}",
                "a tab is used for indentation",
                "YAML indents with spaces only: replace the tab with spaces",
                code=rules.YAML_SYNTAX,
                detail=caret(text, line, column),
            )
        )


def caret(text: str, line: int, column: int) -> tuple[str, ...]:
    """The 1-based `line` of `text` and a caret under its 1-based `column`, as a compiler shows them."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ()
    shown = lines[line - 1].expandtabs(1)
    # Long lines are cut around the column, so the caret stays on screen.
    start = max(0, column - 60)
    prefix = "..." if start else ""
    pointer = " " * (len(prefix) + column - 1 - start) + "^"
    return (f"{line:>5} | {prefix}{shown[start : start + 100]}", f"{'':>5} | {pointer}")


def yaml_module() -> Any:
    """PyYAML, imported on first use (it costs tens of milliseconds at start-up)."""
    import yaml

    return yaml


def syntax_error(exc: Any, text: str, name: str) -> FactBaseUnreadable:
    """The error to report for the parser's exception `exc` (a yaml.YAMLError), located."""
    if isinstance(exc, yaml_module().MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        what = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return FactBaseUnreadable(
            Problem(
                where,
                f"YAML syntax error: {what}",
                "Fix the YAML at that position (check indentation, colons and quotes)",
                code=rules.YAML_SYNTAX,
                detail=caret(text, mark.line + 1, mark.column + 1) if mark else (),
            )
        )
    return FactBaseUnreadable(
        Problem(name, f"YAML error: {exc}", "Fix the YAML, or save the file as UTF-8 text", code=rules.YAML_SYNTAX)
    )


#: Reads the parser's next event (`get_event`), raising yaml.YAMLError for a syntax error.
NextEvent: TypeAlias = Callable[[], Any]


class Node(NamedTuple):
    """A composed YAML node, kept light: no marks, just a 1-based line and column.

    `kind` is "scalar" (value: str), "seq" (value: list of Node), "map" (value: list of
    (key, value) Node pairs) or "alias" (value: the anchor's name; no anchor of its own).
    """

    kind: str
    value: Any
    style: str | None
    tag: str | None
    anchor: str | None
    line: int
    column: int


# A node is made by tuple.__new__ with its fields in order: a C call, where Node(...) would run
# a Python __new__ (and a class with __slots__ an __init__), on each of the ~25 nodes of a fact.
_new = tuple.__new__


@cache
def _event_classes() -> tuple[type, type, type, type]:
    """The parser's event classes: scalar, alias, sequence start, mapping start."""
    yaml = yaml_module()
    return yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent


def compose(first: Any, next_event: NextEvent, name: str, depth: int) -> Node:
    """Compose one node from its first event, iteratively, refusing nesting deeper than MAX_DEPTH."""
    # The parsers make exactly these classes; comparing types is the cheapest test on every event.
    scalar, alias, sequence, mapping = _event_classes()
    # The open containers' start events, each with the item list of the container around it. A
    # container's node is made when it ends, from its items: a mapping's keys and values
    # alternate, and are paired then (no bookkeeping of a pending key on every event).
    opened: list[tuple[Any, list[Any] | None]] = []
    items: list[Any] | None = None  # the innermost open container's items
    event = first
    while True:
        kind = type(event)
        if kind is scalar:
            mark = event.start_mark
            node = _new(
                Node, ("scalar", event.value, event.style, event.tag, event.anchor, mark.line + 1, mark.column + 1)
            )
        elif kind is sequence or kind is mapping:
            if depth + len(opened) >= MAX_DEPTH:
                raise FactBaseUnreadable(
                    Problem(
                        f"{name}:{event.start_mark.line + 1}:{event.start_mark.column + 1}",
                        f"data is nested more than {MAX_DEPTH} levels deep",
                        "A fact file needs 4 levels at most; flatten the data",
                        code=rules.STRUCTURE,
                    )
                )
            opened.append((event, items))
            items = []
            event = next_event()
            continue
        elif kind is alias:
            mark = event.start_mark
            node = _new(Node, ("alias", event.anchor, None, None, None, mark.line + 1, mark.column + 1))
        else:  # the end of a sequence or mapping
            start, outer = opened.pop()
            assert items is not None
            value = items if type(start) is sequence else list(zip(items[::2], items[1::2], strict=True))
            mark = start.start_mark
            shape = "seq" if type(start) is sequence else "map"
            node = _new(Node, (shape, value, None, start.tag, start.anchor, mark.line + 1, mark.column + 1))
            items = outer
        if items is None:
            return node
        items.append(node)
        if len(items) > MAX_ITEMS:
            _too_many(opened[-1][0], name, sequence)
        event = next_event()


def _too_many(start: Any, name: str, sequence: type) -> NoReturn:
    """A list of more than MAX_ITEMS items or a mapping of more than MAX_ITEMS // 2 keys inside a
    record: refused where it starts, before it takes memory out of proportion to any fact."""
    what = (
        f"a list of more than {MAX_ITEMS:,} items"
        if type(start) is sequence
        else f"a mapping of more than {MAX_ITEMS // 2} keys"
    )
    mark = start.start_mark
    raise FactBaseUnreadable(
        Problem(
            f"{name}:{mark.line + 1}:{mark.column + 1}",
            f"{what}: no record of the schema needs as many",
            "A fact has a dozen fields and a few aliases; remove the rest",
            code=rules.STRUCTURE,
        )
    )
