"""How much of each source a fact base covers: its checkable sentences, and which no fact quotes."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.quotes import body_sentence_spans, locate

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.authoring.base import Draft


class Sentence(NamedTuple):
    """A sentence of a source with checkable content (a figure, a period, a ranking, an attribution)."""

    start: int
    end: int
    line: int
    text: str
    covered: bool


class Coverage(NamedTuple):
    """One source's coverage."""

    source: str
    sentences: tuple[Sentence, ...]

    @property
    def covered(self) -> int:
        """How many checkable sentences some fact quotes."""
        return sum(1 for s in self.sentences if s.covered)

    @property
    def share(self) -> float:
        """The share of checkable sentences covered (1.0 when there are none)."""
        return self.covered / len(self.sentences) if self.sentences else 1.0

    @property
    def percent(self) -> int:
        """The share covered as a whole percent, as the exports say it (see `percent()`)."""
        return percent(self.covered, len(self.sentences))

    def to_dict(self) -> dict[str, object]:
        """The JSON object `gzfacts coverage --json` prints for a source."""
        return {
            "source": self.source,
            "checkable": len(self.sentences),
            "covered": self.covered,
            "share": round(self.share, 4),
            "uncovered": [
                {"line": s.line, "start": s.start, "end": s.end, "text": s.text}
                for s in self.sentences
                if not s.covered
            ],
        }


def percent(covered: int, checkable: int) -> int:
    """The share of checkable sentences covered, as a whole percent rounded down, as `gzfacts
    coverage` and the exports both print it: 100% only when every checkable sentence has a fact
    (0 when nothing is checkable)."""
    return covered * 100 // checkable if checkable else 0


def checkable(text: str, quoted: Sequence[tuple[int, int]], title: str = "") -> list[tuple[int, int, bool]]:
    """(start, end, covered) of each checkable sentence of the source's body, in order.

    This is the one rule `gzfacts coverage` and the exports' coverage line share: a sentence of
    the body (page furniture such as the title, bylines and copyright lines left out) is checkable
    when some fact quotes it (a quote overlaps it: `quoted` are the quotes' [start, end) spans), or
    when `extract` would find something checkable in it (a figure, a period, a ranking, an
    attribution). Only sentences no fact quotes are read, so a well-covered source costs little.
    """
    from gzfacts.authoring.extract import statement

    spans = sorted(quoted)
    starts = [start for start, _ in spans]
    # The furthest end among the quotes so far, so that "does a quote overlap [a, b)" is one bisection.
    reach: list[int] = []
    furthest = -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)
    found = []
    for start, end in body_sentence_spans(text, title):
        before = bisect_left(starts, end)  # quotes starting before the sentence ends
        if before and reach[before - 1] > start:
            found.append((start, end, True))
        elif statement(" ".join(text[start:end].split())):
            found.append((start, end, False))
    return found


def coverage(draft: Draft, source: str | None = None) -> list[Coverage]:
    """The coverage of each readable source (or just `source`), in file order, by its reviewed
    facts: a draft (`draft: true`, as `extract` proposes them) covers nothing until reviewed."""
    result = []
    reviewed = draft.reviewed()
    for src in draft.sources(source):
        text = draft.texts[src.id]
        quoted = [span for f in reviewed if f.source == src.id and (span := locate(text, f.quote))]
        sentences = tuple(
            Sentence(start, end, text.count("\n", 0, start) + 1, " ".join(text[start:end].split()), covered)
            for start, end, covered in checkable(text, quoted, src.title)
        )
        result.append(Coverage(src.id, sentences))
    return result


def marked(text: str, sentences: tuple[Sentence, ...]) -> str:
    """The source text with covered sentences as `{+ ... +}`, uncovered checkable ones as `[- ... -]` (as wdiff)."""
    parts: list[str] = []
    last = 0
    for s in sentences:
        parts.append(text[last : s.start])
        open_, close = ("{+", "+}") if s.covered else ("[-", "-]")
        parts.append(f"{open_}{text[s.start : s.end]}{close}")
        last = s.end
    parts.append(text[last:])
    return "".join(parts)
