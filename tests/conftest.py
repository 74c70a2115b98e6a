"""Shared fixtures: every test gets its own cache directory and a clean environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini" / "facts.yaml"
GOLDEN = DATA / "golden"
ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "sources" / "china-daily-2019-10-01.txt"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache directory, no GZFACTS_* settings, no colour, a fixed terminal width."""
    cache = tmp_path_factory.mktemp("cache")
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
