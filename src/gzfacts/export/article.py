"""A source text laid out for the page: paragraphs of segments, each marked with the facts quoting it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


class Segment(NamedTuple):
    """A run of a source text that the same facts quote (none, one, or several)."""

    text: str
    #: The ids of the facts whose quotes cover this run, in the order the quotes start.
    facts: tuple[str, ...]
    #: The ids of the facts whose quotes start here (where each fact's "in the article" link lands).
    starts: tuple[str, ...]
    #: Inside a checkable sentence that no fact quotes (see gzfacts.authoring.coverage.checkable).
    gap: bool
    #: The ids of the facts whose quotes end here (where each fact's number is shown).
    ends: tuple[str, ...] = ()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of the text's paragraphs (separated by blank lines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def layout(
    text: str, quoted: Sequence[tuple[str, int, int]], gaps: Sequence[tuple[int, int]] = ()
) -> list[list[Segment]]:
    """The paragraphs of `text`, each a list of segments, given (fact id, start, end) quotes."""
    paragraphs = paragraph_spans(text)
    starts_at: dict[int, list[str]] = {}
    ends_at: dict[int, list[str]] = {}
    for fact_id, start, end in quoted:
        starts_at.setdefault(start, []).append(fact_id)
        ends_at.setdefault(end, []).append(fact_id)
    gap_starts = {start for start, _ in gaps}
    gap_ends = {end for _, end in gaps}
    points = sorted({*starts_at, *ends_at, *gap_starts, *gap_ends, *(p for span in paragraphs for p in span)})
    paragraph_starts = [start for start, _ in paragraphs]
    out: list[list[Segment]] = [[] for _ in paragraphs]
    active: dict[str, None] = {}  # an ordered set of the facts quoting the current run
    in_gap = False
    for here, after in pairwise(points):
        for fact_id in ends_at.get(here, ()):
            active.pop(fact_id, None)
        for fact_id in starts_at.get(here, ()):
            active[fact_id] = None
        in_gap = (in_gap and here not in gap_ends) or here in gap_starts
        which = bisect_right(paragraph_starts, here) - 1
        if which < 0 or here >= paragraphs[which][1]:
            continue  # the blank lines between paragraphs
        ending = set(ends_at.get(after, ()))
        out[which].append(
            Segment(
                text[here:after],
                tuple(active),
                tuple(starts_at.get(here, ())),
                in_gap,
                tuple(fact_id for fact_id in active if fact_id in ending),
            )
        )
    return out
