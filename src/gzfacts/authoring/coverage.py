"""How much of each source a fact base covers: its checkable sentences, and which no fact quotes."""

from __future__ import annotations

from typing import NamedTuple

from gzfacts.authoring.base import Draft
from gzfacts.authoring.extract import statement
from gzfacts.quotes import locate, sentence_spans


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


def checkable(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences of `text` that state something checkable (as `extract` reads them)."""
    return [(start, end) for start, end in sentence_spans(text) if statement(" ".join(text[start:end].split()))]


def coverage(draft: Draft, source: str | None = None) -> list[Coverage]:
    """The coverage of each readable source (or just `source`), in file order."""
    result = []
    for src in draft.sources(source):
        text = draft.texts[src.id]
        quoted = [span for f in draft.parsed.facts if f.source == src.id and (span := locate(text, f.quote))]
        sentences = tuple(
            Sentence(
                start,
                end,
                text.count("\n", 0, start) + 1,
                " ".join(text[start:end].split()),
                any(a < end and start < b for a, b in quoted),
            )
            for start, end in checkable(text)
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
