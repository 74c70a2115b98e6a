"""The README stays a short front page whose commands and links work, and the docs site builds
with every link checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from .conftest import ROOT

README = ROOT / "README.md"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def test_the_readme_is_short() -> None:
    lines = readme().splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines: move the depth into docs/"


def test_the_readme_set_up_commands_are_the_ones_ci_runs() -> None:
    text = readme()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = "python3 -m venv .venv && . .venv/bin/activate && pip install . && gzfacts show digital-economy"
    test = "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && python -m pytest"
    assert f"```sh\n{install}\n```" in text
    assert f"```sh\n{test}\n```" in text
    assert "pip install --quiet --disable-pip-version-check '.[test]'" in ci
    assert "\npython -m pytest\n" in ci
    assert "gzfacts show digital-economy" in ci


def test_the_readme_names_the_system_packages_ci_installs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = set()
    for command in re.findall(r"apt-get install (-y [^>]*)>/dev/null", ci.replace("\\\n", " ")):
        installed |= {word for word in command.split() if not word.startswith("-")}
    [named] = re.findall(r"`apt-get install ([^`]*)`", readme())
    assert set(named.split()) == installed, "README's apt-get line and .ci/run's differ"
    # Beside the test command, not buried further down.
    text = readme()
    assert 0 < text.index(f"`apt-get install {named}`") - text.index("python -m pytest") < 400


def slug(heading: str) -> str:
    """A heading's anchor as Python-Markdown's toc and GitHub make it."""
    text = re.sub(r"[`*_]|\{#.*\}", "", heading).strip().lower()
    text = unicodedata.normalize("NFKD", text)
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[-\s]+", "-", text)


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)}


def test_every_link_of_the_readme_leads_somewhere() -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", readme())
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert len(local) >= 15  # the docs pages, the screenshot, the licences
    for link in local:
        target, _, anchor = link.partition("#")
        path = ROOT / target
        assert path.exists(), f"README links to {target}, which does not exist"
        if anchor:
            assert anchor in anchors(path), f"README links to #{anchor} in {target}, which has no such heading"


def test_the_docs_site_builds_with_every_link_checked(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "gzfacts" in index
    reference = (tmp_path / "site" / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    assert 'id="gzfacts-check"' in reference


def test_every_code_block_of_the_docs_is_closed() -> None:
    # An unclosed fence turns the rest of a page into code, and hides its links from the build's check.
    for path in [README, *sorted((ROOT / "docs").rglob("*.md"))]:
        fences = re.findall(r"^ *```", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        assert len(fences) % 2 == 0, f"{path.relative_to(ROOT)} has a code block that is never closed"
