"""`gzfacts check` for people: the findings at 60, 80, 120 and 200 columns (golden files), the
summary wrapped between words, long output through the pager, and the nearest fact of an
unverifiable sentence called what it is."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import gzfacts
from gzfacts.drafts import read_draft
from gzfacts.output.findings import summary, write_rich
from gzfacts.output.tables import make_console

from .conftest import DATA, GOLDEN, ROOT, golden
from .terminal import on_a_terminal as terminal
from .terminal import pager_writing_to

GZFACTS = Path(sys.executable).parent / "gzfacts"
#: A wrong figure, a photo caption's fact, evidence that opens with a quotation, and a year no
#: fact is about.
DRAFT = DATA / "drafts" / "short-draft.md"


@pytest.fixture(scope="module")
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load(None) as base:
        yield base


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_findings_at_every_width(fb: gzfacts.FactBase, width: int) -> None:
    path = DRAFT.relative_to(ROOT).as_posix()  # as a user in a clone types it
    findings = fb.check(read_draft(str(DRAFT)), path=path)
    out = io.StringIO()
    write_rich(findings, make_console(out, color=False, width=width))
    text = "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
    assert max(len(line) for line in text.splitlines()) <= width
    golden(f"check-{width}.txt", text)


@pytest.mark.parametrize("width", [80, 200])
def test_the_screens_in_the_docs_are_what_check_prints(fb: gzfacts.FactBase, width: int) -> None:
    """docs/screens/check-80.txt and -200.txt, captured in tmux, are the golden output and the
    summary: when check's output changes, the screens are captured again."""
    screen = (ROOT / "docs" / "screens" / f"check-{width}.txt").read_text(encoding="utf-8")
    command, _, shown = screen.partition("\n")
    assert command == f"$ gzfacts check -f {DRAFT.relative_to(ROOT).as_posix()}"
    said = summary(fb.check(read_draft(str(DRAFT)), path="-"))
    assert shown == (GOLDEN / f"check-{width}.txt").read_text(encoding="utf-8") + f"gzfacts: {said}\n"


def test_an_unverifiable_sentence_names_its_nearest_fact_as_such() -> None:
    claim = "Guiyang's digital economy may well grow faster still in 2020."
    done = subprocess.run([str(GZFACTS), "check", "-o", "plain", claim], capture_output=True, text=True, timeout=120)
    assert done.stdout == (
        "<claim>:1:1: unverifiable: 2020: no dated fact about it [nearest: digital-economy-growth-2018]\n"
    )


def on_a_terminal(args: list[str], columns: int, lines: int, pager_log: Path, stdin: bytes = b"") -> str:
    """What a terminal of `columns` x `lines` shows of the command (the pager writes what it
    got to `pager_log`)."""
    return terminal(args, {"GZFACTS_PAGER": pager_writing_to(pager_log)}, columns, lines, stdin)


def test_the_summary_wraps_between_words(tmp_path: Path) -> None:
    draft = b"The Beipanjiang Bridge rises 565.4 meters.\n\nIt is lovely.\n\nGuiyang grew faster in 2020.\n"
    shown = on_a_terminal(["check", "-f", "-"], 60, 50, tmp_path / "paged.txt", stdin=draft)
    assert shown.endswith(
        "gzfacts: 3 sentences read: 1 unverifiable, 1 supported; 1\n         not checked (no claim to check)\n"
    )


def test_long_findings_go_through_the_pager(tmp_path: Path) -> None:
    shown = on_a_terminal(["check", "-f", str(DRAFT)], 80, 10, tmp_path / "paged.txt")
    paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert "says 29.6 percent of provincial GDP; the article says 26.9" in paged
    assert "29.6 percent" not in shown
    assert shown.endswith("gzfacts: 4 sentences checked: 1 contradicted, 1 unverifiable, 2 supported\n")
    assert on_a_terminal(["--no-pager", "check", "-f", str(DRAFT)], 80, 10, tmp_path / "none.txt").count("29.6") == 2
    assert not (tmp_path / "none.txt").exists()
