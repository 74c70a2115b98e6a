"""Which sentences of a source say something checkable, and which of those have a fact.

The rule is deliberately simple, and lives in one function (`is_checkable`) so that it can be
replaced by the shared quantities parser later:

    a sentence of at least MIN_WORDS words is checkable when it contains a number (a digit, as in
    "26.9" or "10,250", or a number word such as "four" or "million"), or a named claim: a word
    that attributes it ("said", "according to", "statistics show") or ranks it ("first",
    "largest", "top").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from gzfacts.quotes import sentence_spans

#: Shorter lines (a byline, a dateline, a headline fragment) are not sentences to check.
MIN_WORDS = 5
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion dozen half twice double triple".split()
)
_CLAIM_WORDS = frozenset(
    "said says say according statistics show shows showed reported reports announced first largest "
    "biggest highest lowest top leading ranked ranks ranking record".split()
)


def is_checkable(sentence: str) -> bool:
    """Whether a sentence states something a fact could check: a number or a named claim."""
    if len(sentence.split()) < MIN_WORDS:
        return False
    if _DIGIT.search(sentence):
        return True
    words = set(_LETTERS.findall(sentence.lower()))
    return not words.isdisjoint(_NUMBER_WORDS) or not words.isdisjoint(_CLAIM_WORDS)


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
        """The covered share, rounded down to a whole percent (0 when nothing is checkable)."""
        return self.covered * 100 // self.checkable if self.checkable else 0


NO_COVERAGE = Coverage(0, 0, ())


def coverage(text: str, quoted: Sequence[tuple[int, int]]) -> Coverage:
    """The coverage of `text` by facts quoting the [start, end) spans `quoted`."""
    spans = sorted(quoted)
    starts = [start for start, _ in spans]
    # The longest quote ending so far, so that "does a quote overlap [a, b)" is one bisection.
    reach: list[int] = []
    furthest = -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)
    checkable = covered = 0
    gaps: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        if not is_checkable(text[start:end]):
            continue
        checkable += 1
        before = bisect_left(starts, end)  # quotes starting before the sentence ends
        if before and reach[before - 1] > start:
            covered += 1
        else:
            gaps.append((start, end))
    return Coverage(checkable, covered, tuple(gaps))
