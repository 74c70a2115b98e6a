"""The installed `gzfacts` command, run as a user runs it: exit codes, streams, environment, completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI

GZFACTS = Path(sys.executable).parent / "gzfacts"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GZFACTS), *args], env={**os.environ, **(env or {})}, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_python_dash_m_is_the_same_command() -> None:
    script = run("--version")
    module = subprocess.run([sys.executable, "-m", "gzfacts", "--version"], capture_output=True, text=True, timeout=60)
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout and script.stdout.startswith("gzfacts ")


def test_shipped_fact_base_works_from_an_empty_directory(tmp_path: Path) -> None:
    assert run("validate", cwd=tmp_path).returncode == 0
    shown = run("show", "digital-economy", "--json", cwd=tmp_path)
    assert shown.returncode == 0
    assert json.loads(shown.stdout)["facts"][0]["id"] == "digital-economy-gdp-share-2018"


def test_exit_codes_and_streams() -> None:
    found = run("show", "digital-economy-gdp-share-2018", "--json")
    assert (found.returncode, found.stderr) == (0, "")
    assert json.loads(found.stdout)["value"] == 26.9
    missing = run("show", "digital-economy-gdp")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert "did you mean: digital-economy-gdp-share-2018?" in missing.stderr
    usage = run("list", "--format", "xml")
    assert (usage.returncode, usage.stdout) == (2, "")
    assert run("search", "zeppelin").returncode == 1
    assert run("search", "--", "?!").returncode == 2
    assert run("no-such-command").returncode == 2


def test_facts_flag_wins_over_the_environment_variable(tmp_path: Path) -> None:
    env = {"GZFACTS_FACTS": str(MINI)}
    assert json.loads(run("topics", "--json", env=env).stdout)[0]["id"] == "shipping"
    shipped = Path(__file__).parents[1] / "facts.yaml"
    flag = run("--facts", str(shipped), "topics", "--json", env=env)
    assert json.loads(flag.stdout)[0]["id"] == "big-data-strategy"
    broken = run("topics", env={"GZFACTS_FACTS": str(tmp_path / "missing.yaml")})
    assert broken.returncode == 2
    assert "missing.yaml: F001 no such file or directory" in broken.stderr


def test_pipes_get_plain_text() -> None:
    table = run("list", "--topic", "digital-economy")
    assert table.returncode == 0
    assert "\x1b[" not in table.stdout
    assert "digital-economy-gdp-share-2018" in table.stdout
    lines = run("list", "-o", "jsonl").stdout.splitlines()
    assert len(lines) == 44 and all(json.loads(line)["id"] for line in lines)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "gzfacts show digital-e",
            {"digital-economy", "digital-economy-gdp-share-2018", "digital-employment-growth-ranked-first"},
        ),
        ("gzfacts cite beipan", {"beipanjiang-bridge-height"}),
        ("gzfacts list --topic tele", {"telemedicine"}),
        ("gzfacts search --topic e-g", {"e-government"}),
    ],
)
def test_shell_completion_completes_fact_and_topic_ids(words: str, expected: set[str]) -> None:
    env = {"_GZFACTS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = run(env=env)
    assert result.returncode == 0
    offered = set(result.stdout.split())
    assert expected <= offered
    assert all(word.startswith(words.split()[-1]) for word in offered)


def test_completion_uses_the_facts_flag() -> None:
    words = f"gzfacts --facts {MINI} show shi"
    env = {"_GZFACTS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}
    assert set(run(env=env).stdout.split()) == {"ship-growth-2023", "ships-handled-2023", "shipping"}
