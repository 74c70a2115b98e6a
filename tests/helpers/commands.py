"""The installed `gzfacts` command, run as a user runs it, and the index it leaves in a cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GZFACTS = Path(sys.executable).parent / "gzfacts"


def gzfacts_script() -> Path:
    """The `gzfacts` script installed beside this Python: a test that needs it is skipped without
    it, and fails under CI (CI=true), where a missing script means a broken setup."""
    if not GZFACTS.exists():
        message = f"the gzfacts script is not installed beside Python ({GZFACTS}): pip install -e ."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return GZFACTS


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed command, with `env` added to the environment."""
    return subprocess.run(
        [str(gzfacts_script()), *args],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def the_index(cache_home: Path) -> Path:
    """The one index file in the cache folder of XDG_CACHE_HOME `cache_home`."""
    [index] = (cache_home / "gzfacts").glob("*.sqlite3")
    return index
