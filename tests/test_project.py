"""Project discovery: gzfacts uses the nearest facts.yaml or gzfacts.toml up from the current
directory, as ruff, pytest and git find their projects; --facts and $GZFACTS_FACTS still win."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gzfacts.project import Origin, choose, shipped_path

from .conftest import MINI

GZFACTS = Path(sys.executable).parent / "gzfacts"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    if not GZFACTS.exists():
        pytest.fail(f"the gzfacts script is not installed beside {sys.executable}")
    done = subprocess.run(
        [str(GZFACTS), *args], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def mini_project(root: Path) -> Path:
    """A copy of the five-fact mini base (facts.yaml and its sources/) in `root`."""
    shutil.copytree(MINI.parent, root)
    return root


def test_a_bare_command_inside_a_project_uses_its_facts(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "desk")
    deep = project / "drafts" / "october"
    deep.mkdir(parents=True)
    ids = [row["id"] for row in json.loads(run("list", "--json", cwd=deep).stdout)]
    assert len(ids) == 5  # the mini base's facts, not the shipped base's 44
    shipped = [row["id"] for row in json.loads(run("list", "--json", cwd=tmp_path).stdout)]
    assert len(shipped) == 44 and not set(ids) & set(shipped)


def test_facts_and_the_environment_win_over_the_project(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "desk")
    shipped = str(shipped_path())
    assert len(json.loads(run("--facts", shipped, "list", "--json", cwd=project).stdout)) == 44
    assert len(json.loads(run("list", "--json", cwd=project, env={"GZFACTS_FACTS": shipped}).stdout)) == 44


def test_gzfacts_toml_says_where_the_facts_are(tmp_path: Path) -> None:
    mini_project(tmp_path / "desk" / "data")
    (tmp_path / "desk" / "gzfacts.toml").write_text('facts = "data/facts.yaml"\n', encoding="utf-8")
    (tmp_path / "desk" / "notes").mkdir()
    done = run("validate", cwd=tmp_path / "desk" / "notes")
    assert done.returncode == 0, done.stderr
    expected = tmp_path / "desk" / "data" / "facts.yaml"
    assert "gzfacts: ../data/facts.yaml (the project's: the nearest found up from here): 5 facts" in done.stderr
    # the nearest marker wins: a facts.yaml deeper down is a project of its own
    assert choose(start=tmp_path / "desk" / "data").path.resolve() == expected
    assert choose(start=tmp_path / "desk" / "notes").marker == tmp_path / "desk" / "gzfacts.toml"


def test_a_pyproject_with_a_tool_gzfacts_table_is_a_project(tmp_path: Path) -> None:
    mini_project(tmp_path / "desk" / "facts")
    (tmp_path / "desk" / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.gzfacts]\nfacts = "facts/facts.yaml"\n', encoding="utf-8"
    )
    (tmp_path / "desk" / "src").mkdir()
    assert len(json.loads(run("list", "--json", cwd=tmp_path / "desk" / "src").stdout)) == 5
    # a pyproject.toml without the table is not a project: the search goes on upward
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert choose(start=tmp_path / "other").origin is Origin.SHIPPED


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("facts = [1, 2]\n", "`facts` must be a path in quotes, not [1, 2]"),
        ("facts = data/facts.yaml\n", "is not valid TOML"),
        (b"facts = '\xff'\n", "is not UTF-8 text"),
    ],
)
def test_a_broken_gzfacts_toml_is_one_line_naming_the_file(tmp_path: Path, config: str | bytes, message: str) -> None:
    path = tmp_path / "gzfacts.toml"
    path.write_bytes(config if isinstance(config, bytes) else config.encode())
    done = run("list", cwd=tmp_path)
    assert done.returncode == 2
    assert str(path) in done.stderr and message in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2  # the error and its hint, no traceback


def test_without_a_project_the_shipped_base_is_used(tmp_path: Path) -> None:
    assert choose(start=tmp_path).origin is Origin.SHIPPED
    # the shipped file itself (as in a source checkout, where it is the top facts.yaml) is the
    # shipped base, not a project of its own
    (tmp_path / "checkout").mkdir()
    (tmp_path / "checkout" / "facts.yaml").symlink_to(shipped_path())
    assert choose(start=tmp_path / "checkout").origin is Origin.SHIPPED
    assert choose(str(MINI), start=tmp_path).origin is Origin.GIVEN


def test_verbose_and_sources_say_which_fact_base(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "desk")
    (project / "notes").mkdir()
    said = run("--verbose", "list", cwd=project).stderr
    assert "gzfacts: fact base: facts.yaml (the project's: the nearest found up from here)" in said
    assert "(the shipped fact base)" in run("list", "-v", cwd=tmp_path).stderr
    assert "(from --facts)" in run("--facts", str(MINI), "topics", "--verbose", cwd=tmp_path).stderr
    assert run("list", cwd=project).stderr == ""  # said only when asked
    assert "gzfacts: fact base: ../facts.yaml\n" in run("sources", cwd=project / "notes").stderr


def test_help_lists_the_lookup_commands_first(tmp_path: Path) -> None:
    help_text = run("--help", cwd=tmp_path, env={"COLUMNS": "100"}).stdout
    sections = [line for line in help_text.splitlines() if line and not line.startswith(" ") and line.endswith(":")]
    assert sections == [
        "Options:",
        "Look up:",
        "Check a draft:",
        "Build a fact base:",
        "Share:",
        "Editors and assistants:",
        "Other:",
    ]
    look_up = help_text.split("Look up:")[1].split("\n\n")[0].split()
    assert look_up[0] == "show" and "validate" not in look_up


def test_a_configuration_naming_a_missing_base_says_to_check_it(tmp_path: Path) -> None:
    (tmp_path / "gzfacts.toml").write_text('facts = "data/facts.yaml"\n', encoding="utf-8")
    done = run("list", cwd=tmp_path)
    assert done.returncode == 2
    assert f"{tmp_path / 'data' / 'facts.yaml'}: F001 no such file or directory" in done.stderr
    assert f"Check `facts` in {tmp_path / 'gzfacts.toml'}, which names this path" in done.stderr
    assert "--facts" not in done.stderr
    # given with --facts, the hint still names --facts
    assert "Check the path given to --facts" in run("--facts", "missing.yaml", "list", cwd=tmp_path).stderr
