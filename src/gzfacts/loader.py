"""Read a fact base (a YAML file, or a directory of them) into the model, strictly.

The YAML is composed into nodes with the C safe parser where PyYAML has it (the pure-Python
safe parser otherwise) and never constructed by PyYAML: this module turns nodes into values
itself, so no tag can run code, YAML 1.1's implicit types (`no`, `012`, bare dates) never
change what a string field holds, and every problem carries `file:line:column`.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, NoReturn, TypeAlias

from gzfacts import model, rules
from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.files import FileStamp, all_files, make_stamp, sha256_hex, yaml_files
from gzfacts.model import Fact, Kind, Number, Origin, Record, Source, Topic, data_fields, make

#: Default cap on the size of one fact file; GZFACTS_MAX_BYTES overrides it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Nesting deeper than this is refused before parsing (the schema needs 4 levels).
MAX_DEPTH = 64

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")
# C0 and C1 controls other than tab and newline, and the bidirectional overrides.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

#: Told what a long load is doing: (stage, done, total); total is 0 when unknown.
Progress: TypeAlias = Callable[[str, int, int], None]


@dataclass
class ParsedFactBase:
    """What the loader read: the records, the schema problems found, and the files involved."""

    sources: list[Source] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    #: Each source's text file, resolved against the YAML file that declares it.
    source_files: dict[str, Path] = field(default_factory=dict)
    #: The stamp of every file read, by path: its stat before reading and the hash of the bytes read.
    stamps: dict[str, FileStamp] = field(default_factory=dict)
    #: The directory every source text must stand in (see `base_root`); None: the directory of
    #: the file that declares the source.
    root: Path | None = None


def base_root(path: Path) -> Path:
    """The directory a fact base's source texts must stand in, symlinks resolved: the directory
    of a fact file, or the directory that holds a fact directory (where `facts/` and `sources/`
    stand side by side). Nothing outside it is ever read: a fact base from an untrusted pull
    request cannot publish ~/.ssh/id_rsa or /etc/passwd in its exports."""
    path = path.resolve()
    return path.parent


def source_path_problem(declared: str, file: Path, root: Path) -> str | None:
    """Why a source's `path` may not be read, or None: it must be relative, pass through no
    hidden file or folder (".git/config" holds CI tokens), and stay inside `root` once symlinks
    are resolved."""
    if Path(declared).is_absolute() or declared.startswith("~") or re.match(r"^[A-Za-z]:", declared):
        return "is not a relative path"
    parts = Path(declared).parts
    if any(part.startswith(".") and part != ".." for part in parts):
        return "passes through a hidden file or folder"
    resolved = (file.parent / declared).resolve()
    if not resolved.is_relative_to(root):
        return f"leads outside the fact base's folder {str(root)!r}"
    return None


#: The most items a list inside a record may have (aliases), and twice the most keys of a mapping
#: (a fact has 13 fields): a 31 MB fact of two million keys is refused at once, not in 2 GB.
MAX_ITEMS = 1000
#: The most digits a fact's value may have (a float holds 15 exactly; see `_Walker.number`).
MAX_DIGITS = 15


def max_bytes_from_env() -> int:
    """The size cap for one fact file: GZFACTS_MAX_BYTES if set, else the default."""
    raw = os.environ.get("GZFACTS_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise FactBaseUnreadable(
            Problem(
                "GZFACTS_MAX_BYTES",
                f"{raw!r} is not a positive whole number of bytes",
                "Set it to a size such as 67108864, or unset it for the default (64 MiB)",
            )
        )
    return int(raw)


def fact_files(path: Path) -> list[Path]:
    """The YAML files that make up the fact base at `path` (a file, or a directory of them)."""
    files = _fact_files(path)
    for file in files:
        try:
            str(file.resolve()).encode("utf-8")
        except UnicodeEncodeError:  # the index records paths as text, which must be UTF-8
            shown = str(file).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise FactBaseUnreadable(
                Problem(
                    shown,
                    "the file's path is not valid UTF-8 (bytes of another encoding in a name)",
                    "Rename the file or folder to a UTF-8 name",
                )
            ) from None
    return files


def _fact_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = yaml_files(path)
        if not files:
            others = sorted(str(p.relative_to(path)) for p in all_files(path))
            found = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            raise FactBaseUnreadable(
                Problem(
                    str(path),
                    f"directory holds no .yaml or .yml files ({f'found: {found}' if others else 'it is empty'})",
                    "Point --facts at a fact file or a directory of them",
                )
            )
        return files
    if not path.exists():
        raise FactBaseUnreadable(
            Problem(str(path), "no such file or directory", "Check the path given to --facts or GZFACTS_FACTS")
        )
    return [path]


def read_fact_base(path: Path, *, max_bytes: int | None = None) -> ParsedFactBase:
    """Read the fact base at `path` and check it against the schema.

    Raises FactBaseUnreadable when a file cannot be read or parsed; schema problems are
    collected in the result's `problems` so that all of them can be reported at once.
    """
    return read_files(fact_files(path), max_bytes=max_bytes, root=base_root(path))


def read_files(files: list[Path], *, max_bytes: int | None = None, root: Path | None = None) -> ParsedFactBase:
    """Read some of a fact base's YAML files (all of them, or just those that changed)."""
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    parsed = ParsedFactBase(root=root)
    for file in files:
        parsed.files.append(file)
        _read_file(file, limit, parsed)
    return parsed


def _read_file(file: Path, limit: int, parsed: ParsedFactBase, sink: Callable[[], None] | None = None) -> None:
    name = str(file)
    text = read_text(file, limit, parsed.stamps)
    _check_tabs(text, name)
    pyyaml = yaml_module()
    # The parser's own get_event(), called by the walker: no generator between them (a fact is
    # ~25 events), and its errors are caught here, once, rather than around every event.
    next_event = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)(text).get_event
    try:
        _Walker(name, file.parent, parsed, sink).document(next_event)
    except pyyaml.YAMLError as exc:
        raise _syntax_error(exc, text, name) from None


def stream_file(file: Path, parsed: ParsedFactBase, sink: Callable[[], None], *, limit: int) -> None:
    """Read one YAML file into `parsed`, calling `sink` after each record so that it can take
    the records away: a build then holds one record at a time, not the whole fact base."""
    parsed.files.append(file)
    _read_file(file, limit, parsed, sink)


def read_text(file: Path, limit: int, stamps: dict[str, FileStamp] | None = None, role: str = "facts") -> str:
    """The file's text, refusing what is not a regular UTF-8 text file within the size cap.

    Given `stamps`, the file's stamp is added to it: its stat taken on the open file before
    reading, and the hash of exactly the bytes read, so that an index records what was parsed.
    """
    name = str(file)
    try:
        if not file.is_file():  # before opening: opening a FIFO would block
            raise FactBaseUnreadable(
                Problem(name, "not a regular file", "Point --facts at a .yaml file or a directory of them")
            )
        with file.open("rb") as handle:
            seen_ns = time.time_ns()
            info = os.fstat(handle.fileno())
            if info.st_size > limit:
                _too_big(name, info.st_size, limit)
            data = _read_at_most(handle, limit + 1)  # the file may have grown since its stat
        if len(data) > limit:
            _too_big(name, len(data), limit)
    except OSError as exc:
        raise FactBaseUnreadable(
            Problem(name, f"cannot read: {exc.strerror or exc}", "Check that the file exists and is readable")
        ) from None
    if stamps is not None:
        stamps[name] = make_stamp(file, role, info, sha256_hex(data), seen_ns)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise FactBaseUnreadable(
            Problem(
                f"{name}:{line}:{column}",
                "binary data (a NUL byte), not a YAML text file",
                "Point --facts at the YAML fact file",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise FactBaseUnreadable(
            Problem(
                f"{name}:{line}:{column}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", "Save the file as UTF-8"
            )
        ) from None
    return text.removeprefix("\ufeff")


def _read_at_most(handle: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, read a mebibyte at a time: memory follows the file, not the cap
    (GZFACTS_MAX_BYTES=1099511627776 must not allocate a terabyte for a 2 KB file)."""
    chunks = []
    left = size
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_big(name: str, size: int, limit: int) -> NoReturn:
    raise FactBaseUnreadable(
        Problem(
            name,
            f"file is {size:,} bytes, over the {limit:,}-byte cap",
            "Split it into a directory of smaller files, or raise GZFACTS_MAX_BYTES",
        )
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1


def _text_position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# Characters YAML does not allow in a stream (YAML 1.1, 5.1), found before the parser does so
# that the message can say where.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


#: The ASCII characters YAML allows: _NOT_YAML matches none of them, and every other ASCII one.
_YAML_ASCII = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])


def _check_tabs(text: str, name: str) -> None:
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


def _syntax_error(exc: Any, text: str, name: str) -> FactBaseUnreadable:
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


def _compose(first: Any, next_event: NextEvent, name: str, depth: int) -> Node:
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


# Each section's records, and what an item of it is called in messages.
_RECORDS: dict[str, tuple[type[Record], str]] = {
    "sources": (Source, "a source"),
    "topics": (Topic, "a topic"),
    "facts": (Fact, "a fact"),
}
_SECTIONS = ("sources", "topics", "facts")


class _Invalid(Exception):
    """A field's value cannot be used; the problem has been recorded."""


class _Walker:
    """Turns one file's parser events into records, one record at a time, recording every
    schema problem it meets. Only one record's nodes exist at once, so memory stays flat
    however large the file."""

    def __init__(
        self, name: str, base_dir: Path, parsed: ParsedFactBase, sink: Callable[[], None] | None = None
    ) -> None:
        self.name = name
        self.base_dir = base_dir
        self.parsed = parsed
        self.sink = sink

    def origin(self, node: Node) -> Origin:
        return Origin(self.name, node.line, node.column)

    def problem(self, node: Node, message: str, hint: str, code: str, fact: str | None = None) -> None:
        self.parsed.problems.append(Problem(f"{self.name}:{node.line}:{node.column}", message, hint, code, fact))

    def visit(self, node: Node) -> None:
        if node.kind == "alias" or node.anchor is not None:
            self.problem(
                node,
                "anchors and aliases (&name, *name) are not supported",
                "Write the value out in full",
                rules.TAG_OR_ANCHOR,
            )
            raise _Invalid
        if node.tag is not None and node.tag not in _ALLOWED_TAGS:
            self.problem(
                node,
                f"the tag {node.tag!r} is not allowed",
                "Remove the tag: fact files hold plain strings, numbers and lists",
                rules.TAG_OR_ANCHOR,
            )
            raise _Invalid

    def unreadable(self, event: Any, message: str) -> FactBaseUnreadable:
        mark = event.start_mark
        return FactBaseUnreadable(
            Problem(
                f"{self.name}:{mark.line + 1}:{mark.column + 1}",
                message,
                "A fact file is a mapping with `sources`, `topics` and `facts` lists; see docs/schema.md",
                code=rules.STRUCTURE,
            )
        )

    def document(self, next_event: NextEvent) -> None:
        yaml = yaml_module()
        next_event()  # the stream's start
        event = next_event()
        if isinstance(event, yaml.StreamEndEvent):
            raise FactBaseUnreadable(
                Problem(
                    f"{self.name}:1:1",
                    "the file is empty",
                    "A fact file is a mapping with `sources`, `topics` and `facts` lists; see docs/schema.md",
                    code=rules.STRUCTURE,
                )
            )
        event = next_event()  # the document's first node
        if not isinstance(event, yaml.MappingStartEvent):
            root = _compose(event, next_event, self.name, 0)
            kind = "a list" if root.kind == "seq" else "a single value"
            raise self.unreadable(event, f"the top level is {kind}, not a mapping")
        self.sections(next_event)
        next_event()  # the document's end
        event = next_event()
        if isinstance(event, yaml.DocumentStartEvent):
            raise self.unreadable(event, "the file holds more than one YAML document (`---`)")

    def sections(self, next_event: NextEvent) -> None:
        """The top-level mapping: each section's items are composed and converted one by one."""
        yaml = yaml_module()
        seen: dict[str, int] = {}
        while True:
            event = next_event()
            if isinstance(event, yaml.MappingEndEvent):
                return
            key_node = _compose(event, next_event, self.name, 1)
            value_event = next_event()
            key = key_node.value if key_node.kind == "scalar" else None
            if key in seen:
                first = seen[key]
                self.problem(
                    key_node,
                    f"duplicate key `{key}` at the top level (first at line {first})",
                    "Merge the lists",
                    rules.DUPLICATE_KEY,
                )
                key = None
            elif key is not None:
                seen[key] = key_node.line
            plain_list = (
                isinstance(value_event, yaml.SequenceStartEvent)
                and value_event.anchor is None
                and (value_event.tag is None or value_event.tag in _ALLOWED_TAGS)
            )
            if key not in _SECTIONS or not plain_list:
                value = _compose(value_event, next_event, self.name, 1)
                if key is None:
                    continue
                if key not in _SECTIONS:
                    self.unknown(value, key, "the top level", _SECTIONS)
                    continue
                try:
                    self.visit(value)
                except _Invalid:
                    continue
                if not (value.kind == "scalar" and not value.style and value.value in NULLS):
                    self.problem(
                        value,
                        f"`{key}` must be a list",
                        f"Write `{key}:` followed by `- id: ...` items",
                        rules.WRONG_TYPE,
                    )
                continue
            while True:
                event = next_event()
                if isinstance(event, yaml.SequenceEndEvent):
                    break
                self.record(key, _compose(event, next_event, self.name, 2))
                if self.sink is not None:
                    self.sink()

    def key(self, key_node: Node, keys: dict[str, int], what: str) -> str | None:
        """The name a key node gives its value in a mapping (`keys`: the names met so far, with
        their lines), or None when it gives none: its problem is recorded."""
        try:
            self.visit(key_node)
        except _Invalid:
            return None
        if key_node.kind != "scalar":
            self.problem(
                key_node,
                f"a key in {what} is not a plain name",
                "Keys are plain names such as `id` or `claim`",
                rules.WRONG_TYPE,
            )
            return None
        key: str = key_node.value
        if key in keys:
            self.problem(
                key_node,
                f"duplicate key `{key}` in {what} (first at line {keys[key]})",
                "Remove one of the two",
                rules.DUPLICATE_KEY,
            )
            return None
        return key

    def unknown(self, node: Node, key: str, what: str, allowed: tuple[str, ...] | dict[str, Any]) -> None:
        import difflib

        close = difflib.get_close_matches(key, list(allowed), n=1)
        hint = f"Did you mean `{close[0]}`? " if close else ""
        self.problem(
            node, f"unknown field `{key}` in {what}", f"{hint}Allowed: {', '.join(allowed)}", rules.UNKNOWN_FIELD
        )

    def record(self, section: str, node: Node) -> None:
        record, what = _RECORDS[section]
        try:
            self.visit(node)
        except _Invalid:
            return
        if node.kind != "map":
            self.problem(
                node,
                f"each item of `{section}` must be a mapping",
                f"Write {what} as `- id: ...` with one `key: value` per line",
                rules.WRONG_TYPE,
            )
            return
        ident = _scalar_id(node)
        first_problem = len(self.parsed.problems)
        try:
            self.fields(section, record, node, ident, what)
        finally:
            problems = self.parsed.problems
            if section == "facts" and ident and len(problems) > first_problem:  # every problem of a fact names it
                problems[first_problem:] = [p if p.fact else p._replace(fact=ident) for p in problems[first_problem:]]

    def fields(self, section: str, record: type[Record], node: Node, ident: str | None, what: str) -> None:
        """Convert a record's fields and declare the record, recording each field's problems."""
        spec, required = _schema(record)
        values: dict[str, Any] = {}
        origins: dict[str, Origin] = {}
        failed: set[str] = set()
        label = f"{what} ({ident})" if ident else what
        fact_id = ident if section == "facts" else None
        keys: dict[str, int] = {}
        name = self.name
        for key_node, value in node.value:
            key = key_node.value
            # A plain name met for the first time (nearly every key) needs no closer look.
            if key_node.kind != "scalar" or key_node.anchor is not None or key_node.tag is not None or key in keys:
                key = self.key(key_node, keys, label)
                if key is None:
                    continue
            keys[key] = key_node.line
            kind = spec.get(key)
            if kind is None:
                if section == "facts" and key == "draft":
                    self.draft(value, label, fact_id)
                else:
                    self.unknown(value, key, label, spec)
                continue
            try:
                values[key] = self.convert(value, key, kind)
            except _Invalid:
                failed.add(key)
                if kind.choices:
                    # Not its default either: a rule reading the field (Q308 reads `place`) must
                    # not report again what was reported here (the record is never served).
                    values[key] = None
                continue
            origins[key] = _new(Origin, (name, value.line, value.column))
        for key in required:
            if values.get(key) is not None:
                continue
            if key in origins:
                self.parsed.problems.append(
                    Problem(
                        str(origins[key]), f"{label}: `{key}` is empty", f"Give `{key}` a value", rules.MISSING_FIELD
                    )
                )
            elif key not in failed:
                self.problem(
                    node,
                    f"{label} has no `{key}`",
                    f"Add `{key}:`; required fields are {', '.join(required)}",
                    rules.MISSING_FIELD,
                    fact_id,
                )
            # One broken field is that field's problem only: the record is still declared (its
            # problems keep the base from being served), so what refers to it does not fail too.
            values[key] = ""
        if not values["id"]:
            return
        origin = self.origin(node)
        if record is Source:
            source = make(Source, values, origin=origin)
            self.parsed.sources.append(source)
            if source.path:
                root = self.parsed.root or self.base_dir.resolve()
                refused = source_path_problem(source.path, Path(self.name), root)
                if refused is None:
                    self.parsed.source_files.setdefault(source.id, self.base_dir / source.path)
                else:
                    where = origins.get("path", origin)
                    self.parsed.problems.append(
                        Problem(
                            str(where),
                            f"source `{source.id}`: its `path` {source.path!r} {refused}: it is never read",
                            "Put the source's text in the fact base's folder and give its path relative to the "
                            "YAML file that declares it",
                            rules.SOURCE_OUTSIDE,
                        )
                    )
        elif record is Topic:
            self.parsed.topics.append(make(Topic, values, origin=origin))
        else:
            self.parsed.facts.append(make(Fact, values, origin=origin, field_origins=origins))

    def draft(self, node: Node, label: str, fact_id: str | None) -> None:
        """`draft: true` marks a fact `gzfacts extract` proposed and no one has reviewed: refused."""
        raw = node.value if node.kind == "scalar" else None
        if raw in ("false", "False", "FALSE"):
            return
        if raw in ("true", "True", "TRUE") and not node.style:
            self.problem(
                node,
                f"{label} is a draft",
                "Write the claim in your own words, then remove `draft: true`",
                rules.DRAFT,
                fact_id,
            )
            return
        self.problem(node, "`draft` must be true or false", "Write `draft: true`, or remove it", rules.WRONG_TYPE)

    def convert(self, node: Node, key: str, kind: Kind) -> Any:
        if node.anchor is not None or node.tag is not None or node.kind == "alias":
            self.visit(node)  # records the problem and raises _Invalid, unless the tag is allowed
        if kind is model.TEXT_LIST:
            if node.kind == "scalar" and not node.style and node.value in NULLS:
                return ()
            if node.kind != "seq":
                self.problem(
                    node, f"`{key}` must be a list of strings", f'Write `{key}: ["one", "two"]`', rules.WRONG_TYPE
                )
                raise _Invalid
            items = []
            for item in node.value:
                items.append(self.convert(item, key, model.TEXT))
            return tuple(item for item in items if item is not None)
        if node.kind != "scalar":
            shape = "a list" if node.kind == "seq" else "a mapping"
            self.problem(
                node,
                f"`{key}` must be a single value, not {shape}",
                "Write the value on the same line as the key",
                rules.WRONG_TYPE,
            )
            raise _Invalid
        raw: str = node.value
        plain = not node.style
        if plain and raw in NULLS:
            return kind.empty
        if kind is model.NUMBER:
            return self.number(node, key, raw, plain)
        # Printable ASCII (nearly every value) holds none of CONTROL's characters: two flag and
        # table checks in C, cheaper than a regex search on each of a fact's dozen values.
        if not (raw.isascii() and raw.isprintable()) and CONTROL.search(raw):
            char = CONTROL.search(raw).group()  # type: ignore[union-attr]
            self.problem(
                node,
                f"`{key}` contains the control character U+{ord(char):04X}",
                "Remove it: text fields hold printable text only",
                rules.WRONG_TYPE,
            )
            raise _Invalid
        if not raw.strip():
            self.problem(node, f"`{key}` is blank", f"Give `{key}` a value", rules.MISSING_FIELD)
            raise _Invalid
        if kind is model.SLUG and not SLUG.match(raw):
            self.problem(
                node,
                f"`{key}` {raw!r} is not a kebab-case slug",
                "Use lowercase letters, digits and single hyphens, such as `digital-economy`",
                rules.WRONG_TYPE,
            )
            raise _Invalid
        if kind.choices and raw not in kind.choices:
            import difflib

            close = difflib.get_close_matches(raw.strip().lower(), kind.choices, n=1, cutoff=0.5)
            hint = f"Did you mean `{close[0]}`? " if close else ""
            self.problem(
                node,
                f"`{key}` {raw!r} is not one of {', '.join(kind.choices)}",
                f"{hint}Write one of them, or leave `{key}` out for `{kind.empty}`",
                rules.WRONG_TYPE,
            )
            raise _Invalid
        if kind is model.DATE and not (DATE.match(raw) and _valid_date(raw)):
            self.problem(
                node,
                f"`{key}` {raw!r} is not a date",
                'Write a real date as a quoted string "YYYY-MM-DD"',
                rules.BAD_DATE,
            )
            raise _Invalid
        return raw

    def number(self, node: Node, key: str, raw: str, plain: bool) -> Number:
        if not plain:
            self.problem(
                node,
                f"`{key}` must be a number, not a quoted string",
                f"Remove the quotes: `{key}: {raw}`",
                rules.WRONG_TYPE,
            )
            raise _Invalid
        if NUMBER.match(raw):
            digits = len(re.sub(r"[^0-9]", "", raw).lstrip("0"))
            if digits > MAX_DIGITS:
                # A float holds 15 digits exactly, an index integer fewer than 2**63: more would be
                # stored as another number, as infinity, or not at all.
                self.problem(
                    node,
                    f"`{key}` has {digits:,} digits; a value may have at most {MAX_DIGITS}",
                    'Write the figure as the source states it, with a scale in `unit` (2.09 and "trillion yuan")',
                    rules.WRONG_TYPE,
                )
                raise _Invalid
            return float(raw) if "." in raw else int(raw)
        if re.fullmatch(r"-?0[0-9]+(\.[0-9]+)?", raw):
            plain_number = raw.lstrip("0") or "0"
            hint = f"Write it without the leading zero: `{key}: {plain_number}` (YAML 1.1 would read {raw} as octal)"
        elif re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", raw):
            hint = f"Write it without separators: `{key}: {raw.replace(',', '')}`"
        else:
            hint = "Write a plain decimal number such as 26.9 or 1625, or null"
        self.problem(node, f"`{key}` {raw!r} is not a plain decimal number", hint, rules.WRONG_TYPE)
        raise _Invalid


_SCHEMAS: dict[type, tuple[dict[str, Kind], tuple[str, ...]]] = {}


def _schema(record: type[Record]) -> tuple[dict[str, Kind], tuple[str, ...]]:
    """A record's fields (name: Kind), and its required fields' names, in order (made once)."""
    found = _SCHEMAS.get(record)
    if found is None:
        fields = data_fields(record)
        found = _SCHEMAS[record] = {f.name: f.kind for f in fields}, tuple(f.name for f in fields if f.required)
    return found


def _scalar_id(node: Node) -> str | None:
    """The `id` written in a mapping node, if it is a scalar (for labels in messages)."""
    for key, value in node.value:
        if key.kind == "scalar" and key.value == "id" and value.kind == "scalar":
            return str(value.value)
    return None


def _valid_date(raw: str) -> bool:
    try:
        _dt.date.fromisoformat(raw)
    except ValueError:
        return False
    return True
