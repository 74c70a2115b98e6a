"""Another gzfacts renaming its index into place at the worst moment never makes a command serve
what the fact base does not say, now or later (tests/race_driver.py stages each race with hooks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).parent / "race_driver.py"
MODES = ["update", "reopen"]


@pytest.mark.parametrize("mode", MODES)
def test_an_index_renamed_in_at_the_worst_moment(tmp_path: Path, mode: str) -> None:
    done = subprocess.run(
        [sys.executable, str(DRIVER), mode, str(tmp_path)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "PROGRAMME 1-0" in result["file"]
    assert result["served"] == result["file"]
    assert result["later"] == result["file"]
