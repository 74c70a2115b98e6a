"""The docs' tutorial (docs/guides/authoring.md, "Tutorial: from a new article to a validated fact base"),
followed command by command through the installed gzfacts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import DATA, ROOT

GZFACTS = Path(sys.executable).parent / "gzfacts"
TUTORIAL = "\n## Tutorial: from a new article to a validated fact base\n"


def tutorial_steps() -> list[tuple[str, str, list[str]]]:
    """The tutorial's blocks in order: ("run", command, expected lines) and ("facts", yaml, [])."""
    guide = (ROOT / "docs" / "guides" / "authoring.md").read_text(encoding="utf-8")
    section = guide.split(TUTORIAL, 1)[1].split("\n## ", 1)[0]
    steps: list[tuple[str, str, list[str]]] = []
    for kind, body in re.findall(r"```(console|yaml)\n(.*?)```", section, re.DOTALL):
        if kind == "yaml":
            steps.append(("facts", body, []))
            continue
        for chunk in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]:
            command, *expected = chunk.rstrip("\n").split("\n")
            steps.append(("run", command, expected))
    return steps


def test_the_tutorial_has_its_steps() -> None:
    steps = tutorial_steps()
    assert [kind for kind, _, _ in steps].count("facts") == 1
    assert sum(1 for kind, command, _ in steps if kind == "run" and command.startswith("gzfacts ")) >= 8


def test_following_the_tutorial_gives_a_valid_fact_base(tmp_path: Path) -> None:
    (tmp_path / "tests" / "data" / "texts").mkdir(parents=True)
    shutil.copy(DATA / "texts" / "riverside-library-2022.txt", tmp_path / "tests" / "data" / "texts")
    env = {**os.environ, "PATH": f"{GZFACTS.parent}{os.pathsep}{os.environ['PATH']}"}
    here = tmp_path
    for kind, text, expected in tutorial_steps():
        if kind == "run" and text.startswith("cd "):  # the commands after it run in that folder
            here = here / text.removeprefix("cd ").strip()
            continue
        if kind == "facts":  # the reviewed facts replace everything after `facts:`
            base = tmp_path / "library" / "facts.yaml"
            head = base.read_text(encoding="utf-8").split("\nfacts:\n", 1)[0]
            base.write_text(f"{head}\nfacts:\n{text}", encoding="utf-8")
            continue
        assert "--facts" not in text  # every command finds the base it is run in
        done = subprocess.run(text, shell=True, cwd=here, env=env, capture_output=True, text=True, timeout=120)
        shown = done.stdout + done.stderr
        assert "Traceback" not in shown, shown
        for line in expected:
            assert line in shown.splitlines(), f"{text!r} did not print {line!r}:\n{shown}"
        if any("no problems" in line for line in expected) or text.startswith(("gzfacts init", "gzfacts extract")):
            assert done.returncode == 0, shown
        if text.startswith("gzfacts validate") and not any("no problems" in line for line in expected):
            assert done.returncode == 1, shown
        if text.startswith("gzfacts check"):
            assert done.returncode == 1, shown  # the tutorial's claim is wrong on purpose
    # every command used the new base, never the shipped one
    sheet = (tmp_path / "library" / "sheet.html").read_text(encoding="utf-8")
    assert "e-book-loans-2021" in sheet and "digital-economy" not in sheet
