"""Long tables in a terminal go through the pager; never into a pipe, never with --no-pager."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gzfacts.cli import app, global_options_first

from .conftest import MINI
from .terminal import on_a_terminal as terminal
from .terminal import pager_writing_to

GZFACTS = Path(sys.executable).parent / "gzfacts"


def on_a_terminal(args: list[str], pager_log: Path) -> str:
    """Run the installed command with stdout on a pseudo-terminal of 10 lines; what the pager got."""
    terminal(args, {"GZFACTS_PAGER": pager_writing_to(pager_log)}, stderr=False)
    return pager_log.read_text(encoding="utf-8") if pager_log.exists() else ""


def test_a_long_table_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = on_a_terminal(["list"], tmp_path / "paged.txt")
    assert "big-data-initiative-launched-2013" in paged
    assert "\u2500\u2500\u2500" in paged  # drawn for a terminal (TERM=dumb here: no colour)


def test_no_pager_and_short_output_are_not_paged(tmp_path: Path) -> None:
    assert on_a_terminal(["--no-pager", "list"], tmp_path / "a.txt") == ""
    assert on_a_terminal(["list", "--no-pager"], tmp_path / "b.txt") == ""
    assert on_a_terminal(["show", "digital-economy-gdp-share-2018", "--json"], tmp_path / "c.txt") == ""


def test_never_into_a_pipe(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GZFACTS_PAGER", f"touch {tmp_path / 'ran'}")
    done = subprocess.run([str(GZFACTS), "list"], capture_output=True, text=True, timeout=60, check=True)
    assert "big-data-initiative-launched-2013" in done.stdout
    assert not (tmp_path / "ran").exists()


def test_global_options_after_the_command() -> None:
    runner = CliRunner()
    before = runner.invoke(app, ["--facts", str(MINI), "list", "--json"])
    after = runner.invoke(app, ["list", "--json", "--facts", str(MINI)])
    assert after.exit_code == 0 and after.stdout == before.stdout
    assert runner.invoke(app, ["list", f"--facts={MINI}", "--json"]).stdout == before.stdout
    # After `--` it is a value, not an option.
    assert global_options_first(["show", "--", "--facts"], {"show": None}) == ["show", "--", "--facts"]
    assert global_options_first(["cite", "x", "--no-pager"], {"cite": None}) == ["--no-pager", "cite", "x"]
