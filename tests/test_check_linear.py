"""No draft takes time out of proportion to its size: every reader of a draft works in time
linear in its length, measured deterministically (what is judged, never a timing), and text
nested past the Markdown reader's limit is reported, never silently skipped.
`python benchmarks/check_speed.py --pathological` prints the times."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import gzfacts
from gzfacts.checking import checker, verdict
from gzfacts.drafts import MAX_NESTING, MAX_SENTENCE_CHARS

from .conftest import ROOT
from .helpers.pathological import SHAPES


@pytest.fixture(scope="module")
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load(ROOT / "facts.yaml", cache=False) as base:
        yield base


def judged(fb: gzfacts.FactBase, text: str, markdown: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sentences the checker judged, in order."""
    seen: list[str] = []
    judge = checker.Checker.judge

    def counting(self: checker.Checker, sentence: str) -> verdict.Judgement:
        seen.append(sentence)
        return judge(self, sentence)

    monkeypatch.setattr(checker.Checker, "judge", counting)
    fb.check(text, markdown=markdown)
    monkeypatch.setattr(checker.Checker, "judge", judge)
    return seen


@pytest.mark.parametrize("shape", list(SHAPES))
def test_work_grows_with_the_draft_not_its_square(
    fb: gzfacts.FactBase, shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    markdown, make = SHAPES[shape]
    small = judged(fb, make(400), markdown, monkeypatch)
    large = judged(fb, make(800), markdown, monkeypatch)
    # No sentence judged is longer than the cap (so judging one costs a bounded amount), and
    # twice the draft is at most about twice the sentences and characters judged.
    assert all(len(s) <= MAX_SENTENCE_CHARS for s in small + large)
    assert sum(map(len, large)) <= 2.1 * sum(map(len, small)) + MAX_SENTENCE_CHARS
    assert len(large) <= 2.1 * len(small) + 2


def test_a_long_run_without_a_sentence_end_is_checked_in_pieces(fb: gzfacts.FactBase) -> None:
    findings = fb.check("Guizhou's digital economy grew 30 percent in 2018 " + "and so on " * 300, markdown=False)
    assert len(findings) > 1
    assert findings[0].verdict == "contradicted"  # the claim at the start is still read


@pytest.mark.parametrize(
    "draft",
    [
        "".join("  " * i + "- item\n" for i in range(30)) + "- Guizhou's digital economy grew 30 percent in 2018.\n",
        "> " * 60 + "Guizhou's digital economy grew 30 percent in 2018.\n",
    ],
)
def test_markdown_nested_past_the_limit_is_reported_with_its_lines(fb: gzfacts.FactBase, draft: str) -> None:
    findings = fb.check(draft, path="deep.md")
    unread = [f for f in findings if f.code == "GZF205"]
    assert unread, [f.reason for f in findings]
    assert f"nested more than {MAX_NESTING} levels deep" in unread[0].reason
    last = draft.rstrip("\n").count("\n") + 1
    assert unread[-1].end_line == last
