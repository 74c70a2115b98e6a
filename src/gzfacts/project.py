"""Which fact base a run uses: the one asked for, else the project's, found by walking up from
the current directory (as ruff, pytest and git find theirs), else the one shipped with gzfacts.

A project is a directory holding `gzfacts.toml` or `facts.yaml`; the nearest one up from the
start wins, and at one level `gzfacts.toml` wins over `facts.yaml`. `gzfacts.toml` says where
the facts are, relative to itself (`facts = "data/facts.yaml"`, a YAML file or a directory of
them); without a `facts` key it means the `facts.yaml` beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from gzfacts.errors import FactBaseUnreadable, Problem

#: The names that mark a project directory, in the order they are looked for at each level.
CONFIG_NAME = "gzfacts.toml"
FACTS_NAME = "facts.yaml"
#: A configuration file larger than this is not a gzfacts.toml (a few lines suffice).
MAX_CONFIG_BYTES = 64 * 1024

_PACKAGE_DATA = Path(__file__).resolve().parent / "data" / "facts.yaml"
# In a source checkout (editable install, or tests run from the tree) the data is at the top.
_CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "facts.yaml"


def shipped_path() -> Path:
    """The fact base that ships with gzfacts."""
    return _PACKAGE_DATA if _PACKAGE_DATA.is_file() else _CHECKOUT_DATA


class Origin(StrEnum):
    """Where the choice of fact base came from."""

    GIVEN = "given"  # a path passed in (the CLI's --facts)
    ENVIRONMENT = "environment"  # $GZFACTS_FACTS
    PROJECT = "project"  # found walking up from the start directory
    SHIPPED = "shipped"  # the fact base that ships with gzfacts


@dataclass(frozen=True)
class Choice:
    """The fact base a run uses, and why."""

    path: Path
    origin: Origin
    #: For a project: the file that marked it (gzfacts.toml or facts.yaml).
    marker: Path | None = None


def choose(path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] | None = None) -> Choice:
    """The fact base to use: `path` if given, else $GZFACTS_FACTS, else the nearest project up
    from `start` (the current directory by default), else the shipped one."""
    if path is not None and str(path) != "":
        return Choice(Path(path), Origin.GIVEN)
    env = os.environ.get("GZFACTS_FACTS", "")
    if env:
        return Choice(Path(env), Origin.ENVIRONMENT)
    found = find_project(Path(start) if start is not None else _cwd())
    if found is not None and not _same_file(found.path, shipped_path()):
        return found
    return Choice(shipped_path(), Origin.SHIPPED)


def _cwd() -> Path | None:
    try:
        return Path.cwd()
    except OSError:  # the current directory was removed under us: there is no project
        return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def find_project(start: Path | None) -> Choice | None:
    """The nearest project at or above `start`, or None."""
    if start is None:
        return None
    start = start.absolute()
    for folder in (start, *start.parents):
        config = folder / CONFIG_NAME
        if config.is_file():
            return Choice(_configured(config), Origin.PROJECT, config)
        facts = folder / FACTS_NAME
        if facts.is_file():
            return Choice(facts, Origin.PROJECT, facts)
    return None


def _configured(config: Path) -> Path:
    """Where `config` (a gzfacts.toml) says the facts are."""
    import tomllib

    def unreadable(message: str, hint: str = "") -> FactBaseUnreadable:
        return FactBaseUnreadable(Problem(str(config), message, hint or f"See `facts = {FACTS_NAME!r}` in the docs"))

    try:
        with config.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise unreadable(f"cannot be read ({exc.strerror or exc})", "Check its permissions") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise unreadable(f"is larger than {MAX_CONFIG_BYTES // 1024} KiB: not a gzfacts.toml")
    try:
        settings = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise unreadable("is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise unreadable(f"is not valid TOML ({exc})", 'Write it as: facts = "facts.yaml"') from None
    facts = settings.get("facts", FACTS_NAME)
    if not isinstance(facts, str) or not facts.strip():
        raise unreadable(f"`facts` must be a path in quotes, not {facts!r}", 'Write it as: facts = "facts.yaml"')
    return config.parent / facts
