"""Which fact base a run uses: the one asked for, else the project's, found by walking up from
the current directory (as ruff, pytest and git find theirs), else the one shipped with gzfacts.

A project is a directory holding `gzfacts.toml`, a `pyproject.toml` with a `[tool.gzfacts]`
table, or `facts.yaml`; the nearest one up from the start wins, and at one level they are looked
for in that order. The configuration says where the facts are, relative to itself
(`facts = "data/facts.yaml"`, a YAML file or a directory of them); without a `facts` key it
means the `facts.yaml` beside it.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation
# into a ForwardRef, which every run of the command would pay for (issue 23).
import os
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from gzfacts.errors import FactBaseUnreadable, Problem

#: The names that mark a project directory, in the order they are looked for at each level.
CONFIG_NAME = "gzfacts.toml"
PYPROJECT_NAME = "pyproject.toml"
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


class Choice(NamedTuple):
    """The fact base a run uses, and why."""

    path: Path
    origin: Origin
    #: For a project: the file that marked it (gzfacts.toml or facts.yaml).
    marker: Path | None = None

    @property
    def config(self) -> Path | None:
        """The project's configuration file (gzfacts.toml, pyproject.toml) that named the fact
        base, if one did."""
        named = self.origin is Origin.PROJECT and self.marker is not None and self.marker.name != FACTS_NAME
        return self.marker if named else None


class Settings(NamedTuple):
    """What a run was asked for (the CLI's global options): the fact base to use, and why
    (`which`, in the words of the entry point), whether to page, how many processes build its
    index, whether to say which base is used, and the project's configuration that named it."""

    facts: Path
    pager: bool = True
    jobs: int | None = None
    which: str = ""
    verbose: bool = False
    config: Path | None = None


def choose(path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] | None = None) -> Choice:
    """The fact base to use: `path` if given, else $GZFACTS_FACTS, else the nearest project up
    from `start` (the current directory by default), else the shipped one."""
    if path is not None and str(path) != "":
        return Choice(Path(path), Origin.GIVEN)
    env = os.environ.get("GZFACTS_FACTS", "")
    if env:
        return Choice(Path(env), Origin.ENVIRONMENT)
    here = _cwd()
    found = find_project(Path(start) if start is not None else here)
    if found is not None and not _same_file(found.path, shipped_path()):
        # Said as ruff and git say paths: from the current directory ("facts.yaml", "../facts.yaml").
        return found if here is None else found._replace(path=_shown(found.path, here))
    return Choice(shipped_path(), Origin.SHIPPED)


def _shown(path: Path, here: Path) -> Path:
    try:
        return Path(os.path.relpath(path, here))
    except ValueError:  # another drive (Windows): as it is
        return path


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
        pyproject = folder / PYPROJECT_NAME
        if pyproject.is_file() and _has_tool_table(pyproject):
            return Choice(_configured(pyproject, ("tool", "gzfacts")), Origin.PROJECT, pyproject)
        facts = folder / FACTS_NAME
        if facts.is_file():
            return Choice(facts, Origin.PROJECT, facts)
    return None


def _has_tool_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml may have a [tool.gzfacts] table (a byte search: most have none,
    and are not parsed)."""
    try:
        with pyproject.open("rb") as handle:
            return b"[tool.gzfacts" in handle.read(MAX_CONFIG_BYTES * 16)
    except OSError:
        return False


def _configured(config: Path, table: tuple[str, ...] = ()) -> Path:
    """Where `config` (gzfacts.toml, or the `table` of a pyproject.toml) says the facts are."""
    import tomllib

    def unreadable(message: str, hint: str = "") -> FactBaseUnreadable:
        return FactBaseUnreadable(Problem(str(config), message, hint or f"See `facts = {FACTS_NAME!r}` in the docs"))

    limit = MAX_CONFIG_BYTES * (16 if table else 1)  # a pyproject.toml holds much else
    try:
        with config.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise unreadable(f"cannot be read ({exc.strerror or exc})", "Check its permissions") from None
    if len(raw) > limit:
        raise unreadable(f"is larger than {limit // 1024} KiB: too large to be read as gzfacts' configuration")
    try:
        settings = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise unreadable("is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise unreadable(f"is not valid TOML ({exc})", 'Write it as: facts = "facts.yaml"') from None
    for key in table:
        settings = settings.get(key, {})
        if not isinstance(settings, dict):
            raise unreadable(f"[{'.'.join(table)}] must be a table", 'Write it as: [tool.gzfacts] facts = "facts.yaml"')
    facts = settings.get("facts", FACTS_NAME)
    if not isinstance(facts, str) or not facts.strip():
        raise unreadable(f"`facts` must be a path in quotes, not {facts!r}", 'Write it as: facts = "facts.yaml"')
    return config.parent / facts
