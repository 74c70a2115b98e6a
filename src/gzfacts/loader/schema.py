"""Composed YAML nodes converted into records, checked against the schema `model.py` declares.

This module turns nodes into values itself: YAML 1.1's implicit types (`no`, `012`, bare dates)
never change what a string field holds, and every problem carries `file:line:column` and a rule
code. Problems are recorded, not raised, so that all of them are reported at once.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from gzfacts import model, rules
from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.files import FileStamp
from gzfacts.loader.events import ALLOWED_TAGS, NextEvent, Node, compose, yaml_module
from gzfacts.loader.files import source_path_problem
from gzfacts.model import Fact, Kind, Number, Origin, Record, Source, Topic, data_fields, make

# A record is made by tuple.__new__ with its fields in order (see events.Node).
_new = tuple.__new__

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")
# C0 and C1 controls other than tab and newline, and the bidirectional overrides.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


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


#: The most digits a fact's value may have (a float holds 15 exactly; see `Walker.number`).
MAX_DIGITS = 15


# Each section's records, and what an item of it is called in messages.
_RECORDS: dict[str, tuple[type[Record], str]] = {
    "sources": (Source, "a source"),
    "topics": (Topic, "a topic"),
    "facts": (Fact, "a fact"),
}
_SECTIONS = ("sources", "topics", "facts")


class _Invalid(Exception):
    """A field's value cannot be used; the problem has been recorded."""


class Walker:
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
        if node.tag is not None and node.tag not in ALLOWED_TAGS:
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
            root = compose(event, next_event, self.name, 0)
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
            key_node = compose(event, next_event, self.name, 1)
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
                and (value_event.tag is None or value_event.tag in ALLOWED_TAGS)
            )
            if key not in _SECTIONS or not plain_list:
                value = compose(value_event, next_event, self.name, 1)
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
                self.record(key, compose(event, next_event, self.name, 2))
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
        from gzfacts.suggest import did_you_mean

        close = did_you_mean(key, allowed, limit=1)
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
        self.required(required, values, origins, failed, node, label, fact_id)
        if values["id"]:
            self.declare(record, values, origins, self.origin(node))

    def required(
        self,
        required: tuple[str, ...],
        values: dict[str, Any],
        origins: dict[str, Origin],
        failed: set[str],
        node: Node,
        label: str,
        fact_id: str | None,
    ) -> None:
        """Record a problem for each required field that is missing or empty (unless its value
        failed already), and give it an empty value."""
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

    def declare(self, record: type[Record], values: dict[str, Any], origins: dict[str, Origin], origin: Origin) -> None:
        """Add the record made of `values` to the parsed fact base (a source with its text file)."""
        if record is Source:
            source = make(Source, values, origin=origin)
            self.parsed.sources.append(source)
            if source.path:
                self.source_file(source, origins.get("path", origin))
        elif record is Topic:
            self.parsed.topics.append(make(Topic, values, origin=origin))
        else:
            self.parsed.facts.append(make(Fact, values, origin=origin, field_origins=origins))

    def source_file(self, source: Source, where: Origin) -> None:
        """Note where the source's text is, or why it is never read (`where`: its `path`)."""
        assert source.path is not None
        root = self.parsed.root or self.base_dir.resolve()
        refused = source_path_problem(source.path, Path(self.name), root)
        if refused is None:
            self.parsed.source_files.setdefault(source.id, self.base_dir / source.path)
            return
        self.parsed.problems.append(
            Problem(
                str(where),
                f"source `{source.id}`: its `path` {source.path!r} {refused}: it is never read",
                "Put the source's text in the fact base's folder and give its path relative to the "
                "YAML file that declares it",
                rules.SOURCE_OUTSIDE,
            )
        )

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
        """The value of field `key` of `kind` written in `node`; raises _Invalid, its problem
        recorded, when the value cannot be used. The common case (a plain, valid string) runs
        inline; each way of failing is a method of its own."""
        if node.anchor is not None or node.tag is not None or node.kind == "alias":
            self.visit(node)  # records the problem and raises _Invalid, unless the tag is allowed
        if kind is model.TEXT_LIST:
            return self.text_list(node, key)
        if node.kind != "scalar":
            self.not_single(node, key)
        raw: str = node.value
        plain = not node.style
        if plain and raw in NULLS:
            return kind.empty
        if kind is model.NUMBER:
            return self.number(node, key, raw, plain)
        # Printable ASCII (nearly every value) holds none of CONTROL's characters: two flag and
        # table checks in C, cheaper than a regex search on each of a fact's dozen values.
        if not (raw.isascii() and raw.isprintable()) and CONTROL.search(raw):
            self.control(node, key, raw)
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
            self.not_a_choice(node, key, kind, raw)
        if kind is model.DATE and not (DATE.match(raw) and _valid_date(raw)):
            self.problem(
                node,
                f"`{key}` {raw!r} is not a date",
                'Write a real date as a quoted string "YYYY-MM-DD"',
                rules.BAD_DATE,
            )
            raise _Invalid
        return raw

    def text_list(self, node: Node, key: str) -> tuple[str, ...]:
        """A list of strings (aliases): null is the empty list."""
        if node.kind == "scalar" and not node.style and node.value in NULLS:
            return ()
        if node.kind != "seq":
            self.problem(node, f"`{key}` must be a list of strings", f'Write `{key}: ["one", "two"]`', rules.WRONG_TYPE)
            raise _Invalid
        items = []
        for item in node.value:
            items.append(self.convert(item, key, model.TEXT))
        return tuple(item for item in items if item is not None)

    def not_single(self, node: Node, key: str) -> NoReturn:
        shape = "a list" if node.kind == "seq" else "a mapping"
        self.problem(
            node,
            f"`{key}` must be a single value, not {shape}",
            "Write the value on the same line as the key",
            rules.WRONG_TYPE,
        )
        raise _Invalid

    def control(self, node: Node, key: str, raw: str) -> NoReturn:
        char = CONTROL.search(raw).group()  # type: ignore[union-attr]
        self.problem(
            node,
            f"`{key}` contains the control character U+{ord(char):04X}",
            "Remove it: text fields hold printable text only",
            rules.WRONG_TYPE,
        )
        raise _Invalid

    def not_a_choice(self, node: Node, key: str, kind: Kind, raw: str) -> NoReturn:
        from gzfacts.suggest import did_you_mean

        close = did_you_mean(raw, kind.choices, limit=1)
        hint = f"Did you mean `{close[0]}`? " if close else ""
        self.problem(
            node,
            f"`{key}` {raw!r} is not one of {', '.join(kind.choices)}",
            f"{hint}Write one of them, or leave `{key}` out for `{kind.empty}`",
            rules.WRONG_TYPE,
        )
        raise _Invalid

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
