"""A fact base from an untrusted pull request: no file outside its folder is ever read.

A source's `path` that is absolute, passes through a hidden file or folder, or leads outside the
fact base's folder (after symlinks) is refused with R207 by `validate` and by every read, so
that `export html` or `export sqlite` can never publish ~/.ssh/id_rsa, /etc/passwd or
.git/config (which holds CI's token).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gzfacts
from gzfacts.errors import FactBaseInvalid

from .conftest import MINI

GZFACTS = Path(sys.executable).parent / "gzfacts"
SECRET = "BEGIN OPENSSH PRIVATE KEY not-for-publishing"


def hostile_base(tmp_path: Path, path: str) -> Path:
    """The mini base in tmp_path/base, its source's path replaced; a secret beside it, outside."""
    base = tmp_path / "base"
    shutil.copytree(MINI.parent, base)
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (base / ".git").mkdir()
    (base / ".git" / "config").write_text(SECRET + "\n", encoding="utf-8")
    (base / "sources" / "link.txt").symlink_to(tmp_path / "secret.txt")
    facts = base / "facts.yaml"
    text = facts.read_text(encoding="utf-8").replace('path: "sources/harbour-2024.txt"', f"path: {json.dumps(path)}")
    assert text != facts.read_text(encoding="utf-8")
    facts.write_text(text, encoding="utf-8")
    return facts


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../secret.txt", "leads outside the fact base's folder"),
        ("../../../../../../../../etc/passwd", "leads outside the fact base's folder"),
        ("/etc/passwd", "is not a relative path"),
        ("~/.ssh/id_rsa", "is not a relative path"),
        ("sources/link.txt", "leads outside the fact base's folder"),
        (".git/config", "passes through a hidden file or folder"),
        ("sources/../.git/config", "passes through a hidden file or folder"),
    ],
)
def test_validate_refuses_a_source_outside_the_base(tmp_path: Path, path: str, why: str) -> None:
    facts = hostile_base(tmp_path, path)
    result = subprocess.run(
        [str(GZFACTS), "--facts", str(facts), "validate", "--json"], capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert [(p["code"], why in p["message"]) for p in problems if p["code"] == "R207"] == [("R207", True)]
    assert problems[0]["where"].startswith(str(facts))


@pytest.mark.parametrize("path", ["../secret.txt", "sources/link.txt", ".git/config"])
def test_no_read_and_no_export_publishes_the_file(tmp_path: Path, path: str) -> None:
    facts = hostile_base(tmp_path, path)
    with pytest.raises(FactBaseInvalid) as caught:
        gzfacts.load(facts, cache=False)
    assert "R207" in str(caught.value)
    for command in (
        ["export", "html", "--output", str(tmp_path / "sheet.html")],
        ["export", "sqlite", "--output", str(tmp_path / "x.db")],
    ):
        result = subprocess.run(
            [str(GZFACTS), "--facts", str(facts), *command],
            capture_output=True,
            timeout=120,
            check=False,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        )
        assert result.returncode == 2, result.stderr
        assert b"R207" in result.stderr and b"Traceback" not in result.stderr
    published = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix in (".html", ".db")]
    assert all(SECRET.encode() not in p.read_bytes() for p in published)


def test_a_directory_base_may_keep_its_texts_beside_its_folder(tmp_path: Path) -> None:
    """facts/ and sources/ side by side, as `gzfacts init` and the benchmarks lay them out, is inside."""
    facts = tmp_path / "project" / "facts"
    shutil.copytree(MINI.parent / "sources", tmp_path / "project" / "sources")
    facts.mkdir()
    text = MINI.read_text(encoding="utf-8").replace('path: "sources/', 'path: "../sources/')
    (facts / "a.yaml").write_text(text, encoding="utf-8")
    with gzfacts.load(facts, cache=False) as fb:
        assert fb.source_text("harbour-report-2024").startswith("Harbour")


def test_a_source_no_fact_quotes_is_a_warning(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(MINI.parent, base)
    facts = base / "facts.yaml"
    extra = (
        '  - id: unquoted\n    title: "Unquoted"\n    author: "Ana Silva"\n    publisher: "Harbour Gazette"\n'
        '    published: "2024-03-05"\n    path: "sources/harbour-2024.txt"\n'
    )
    facts.write_text(facts.read_text(encoding="utf-8").replace("sources:\n", "sources:\n" + extra, 1), encoding="utf-8")
    result = subprocess.run(
        [str(GZFACTS), "--facts", str(facts), "validate"], capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 0
    assert "R208 warning: source `unquoted`: no fact quotes it" in result.stdout.decode()
    strict = [str(GZFACTS), "--facts", str(facts), "validate", "--fail-on", "warning"]
    assert subprocess.run(strict, capture_output=True, timeout=120, check=False).returncode == 1
