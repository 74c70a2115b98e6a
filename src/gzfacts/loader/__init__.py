"""Read a fact base (a YAML file, or a directory of them) into the model, strictly.

Three jobs, one module each: `files` (which files, the file policy and its limits), `events`
(the parser's events composed into nodes with their marks) and `schema` (nodes converted into
records, every problem recorded with file:line:column). This module joins them: a file's text
is read, checked, parsed and walked one record at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from gzfacts.loader.events import check_characters, syntax_error, yaml_module
from gzfacts.loader.files import (
    DEFAULT_MAX_BYTES,
    base_root,
    fact_files,
    max_bytes_from_env,
    read_text,
    source_path_problem,
)
from gzfacts.loader.schema import SLUG, ParsedFactBase, Walker

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SLUG",
    "ParsedFactBase",
    "Progress",
    "base_root",
    "fact_files",
    "max_bytes_from_env",
    "read_fact_base",
    "read_files",
    "read_text",
    "source_path_problem",
    "stream_file",
]

#: Told what a long load is doing: (stage, done, total); total is 0 when unknown.
Progress: TypeAlias = Callable[[str, int, int], None]


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


def stream_file(file: Path, parsed: ParsedFactBase, sink: Callable[[], None], *, limit: int) -> None:
    """Read one YAML file into `parsed`, calling `sink` after each record so that it can take
    the records away: a build then holds one record at a time, not the whole fact base."""
    parsed.files.append(file)
    _read_file(file, limit, parsed, sink)


def _read_file(file: Path, limit: int, parsed: ParsedFactBase, sink: Callable[[], None] | None = None) -> None:
    name = str(file)
    text = read_text(file, limit, parsed.stamps)
    check_characters(text, name)
    pyyaml = yaml_module()
    # The parser's own get_event(), called by the walker: no generator between them (a fact is
    # ~25 events), and its errors are caught here, once, rather than around every event.
    next_event = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)(text).get_event
    try:
        Walker(name, file.parent, parsed, sink).document(next_event)
    except pyyaml.YAMLError as exc:
        raise syntax_error(exc, text, name) from None
