"""Which sentences of a source say something checkable, and which of those have a fact.

The rule is `gzfacts coverage`'s, in one place: `gzfacts.authoring.coverage.checkable()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from gzfacts.authoring.coverage import checkable, percent


class Coverage(NamedTuple):
    """How many of a text's checkable sentences have a fact, and where the others are."""

    checkable: int
    covered: int
    #: The [start, end) spans of the checkable sentences that no fact quotes.
    gaps: tuple[tuple[int, int], ...]

    def __add__(self, other: object) -> Coverage:
        if not isinstance(other, Coverage):
            return NotImplemented
        return Coverage(self.checkable + other.checkable, self.covered + other.covered, self.gaps + other.gaps)

    @property
    def percent(self) -> int:
        """The covered share, rounded down to a whole percent, as `gzfacts coverage` says it."""
        return percent(self.covered, self.checkable)


NO_COVERAGE = Coverage(0, 0, ())


def coverage(text: str, quoted: Sequence[tuple[int, int]], title: str = "") -> Coverage:
    """The coverage of `text` (a source titled `title`) by facts quoting the [start, end) spans `quoted`."""
    sentences = checkable(text, quoted, title)
    gaps = tuple((start, end) for start, end, covered in sentences if not covered)
    return Coverage(len(sentences), len(sentences) - len(gaps), gaps)
