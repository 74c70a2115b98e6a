"""Shared fixtures: every test gets its own cache directory and a clean environment."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini" / "facts.yaml"
GOLDEN = DATA / "golden"
ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "sources" / "china-daily-2019-10-01.txt"
#: The installed command, which most tests run as a user would.
GZFACTS = Path(sys.executable).parent / "gzfacts"


def pytest_sessionstart(session: pytest.Session) -> None:
    """The suite runs the installed `gzfacts` command: without it, stop at once and say how to
    install it, rather than skip the tests of every command that needs it."""
    if not GZFACTS.exists():
        pytest.exit(f"the gzfacts script is not installed beside {sys.executable}: "
                    "install the project first (python -m pip install -e '.[test]')", returncode=4)  # fmt: skip


@pytest.fixture(scope="session", autouse=True)
def neutral_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole session, module fixtures included, runs in a directory with no facts.yaml above
    it: run from a clone with gzfacts installed (not editable), the clone's facts.yaml would
    otherwise be a project of its own, not the shipped base the tests mean."""
    here = Path.cwd()
    neutral = tmp_path_factory.mktemp("session-cwd")
    os.chdir(neutral)
    try:
        yield neutral
    finally:
        os.chdir(here)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache directory, no GZFACTS_* settings, no colour, a fixed terminal width, and a
    current directory of its own: no facts.yaml above it, so the default fact base is the shipped
    one however the suite is run (from a clone with gzfacts installed, a clone's facts.yaml is
    a project of its own)."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    for name in list(os.environ):
        if name.startswith("GZFACTS_") or name in ("FORCE_COLOR", "NO_COLOR"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    yield cache


def golden(name: str, actual: str) -> None:
    """Compare `actual` with tests/data/golden/NAME; UPDATE_GOLDEN_FILES=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN_FILES") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with UPDATE_GOLDEN_FILES=1 to create it"
    assert actual == path.read_text(encoding="utf-8")


def require_tool(name: str, *candidates: str, package: str | None = None) -> str:
    """The path of a system tool a test needs: skipped locally when missing, a failure on CI.

    `.ci/run` installs the tool (Debian's `package`, by default the tool's name), so on CI
    (CI=true) a missing one means the setup is broken, and a skipped test would hide it.
    """
    for candidate in (name, *candidates):
        found = shutil.which(candidate)
        if found:
            return found
    message = f"{name} is not installed (apt-get install -y {package or name}); .ci/run installs it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
