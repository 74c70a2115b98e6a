"""Find the sentence of a source that holds a fragment, as a reader typed it.

Matching forgives what a reader cannot see or does not type: case, runs of whitespace, quote
marks and apostrophes of any style (or none: "minutes walk" finds "minutes' walk"), hyphens and dashes,
thousands separators ("10250" finds "10,250") and "%" for "percent".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.model import Anchor
from gzfacts.quotes import anchor, sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.authoring.extract import Candidate

_QUOTE_MARKS = frozenset("'\"\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033`\u00b4")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


class Match(NamedTuple):
    """A sentence (or run of sentences) of a source that holds the fragment."""

    source: str
    #: The exact text of the sentence(s), as a fact's `quote` should hold it.
    quote: str
    anchor: Anchor
    #: The 1-based line the sentence starts on.
    line: int


def normalise(text: str) -> tuple[str, list[int]]:
    """`text` folded for matching, and for each character of the result its offset in `text`."""
    out: list[str] = []
    where: list[int] = []

    def emit(chars: str, at: int) -> None:
        for char in chars:
            if char == " " and (not out or out[-1] == " "):
                continue
            out.append(char)
            where.append(at)

    for i, char in enumerate(text):
        if char in _QUOTE_MARKS:
            continue
        if char.isspace():
            emit(" ", i)
        elif char in _DASHES or char == "-":
            emit(" ", i)  # "year on year" finds "year-on-year"
        elif char == "%":
            emit(" percent", i)
        elif char == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        else:
            lowered = char.lower()
            emit(lowered if len(lowered) == 1 else char, i)
    folded = "".join(out)
    # "per cent" and "pct" are "percent" too.
    for pattern in (r"\bper cent\b", r"\bpct\b"):
        while (found := re.search(pattern, folded)) is not None:
            start, end = found.span()
            folded = folded[:start] + "percent" + folded[end:]
            where = where[:start] + [where[start]] * 7 + where[end:]
    return folded, where


def find(fragment: str, texts: dict[str, str]) -> list[Match]:
    """Every sentence of the texts (source id -> text) that holds `fragment`, in source and text order."""
    wanted, _ = normalise(fragment)
    wanted = wanted.strip()
    if not wanted:
        return []
    found: list[Match] = []
    for source_id, text in texts.items():
        folded, where = normalise(text)
        spans = sentence_spans(text)
        seen: set[tuple[int, int]] = set()
        for hit in re.finditer(re.escape(wanted), folded):
            start, end = where[hit.start()], where[hit.end() - 1] + 1
            first = next((s for s in spans if s[1] > start), (start, end))
            last = next((s for s in spans if s[1] >= end), first)
            span = (min(first[0], start), max(last[1], end))
            if span in seen:
                continue
            seen.add(span)
            found.append(
                Match(
                    source_id,
                    " ".join(text[span[0] : span[1]].split()),
                    anchor(text, *span),
                    text.count("\n", 0, span[0]) + 1,
                )
            )
    return found


def nearest(fragment: str, texts: dict[str, str]) -> tuple[str, str, int] | None:
    """The sentence most like `fragment` (source id, sentence, line), for "did you mean"."""
    from rapidfuzz import fuzz

    wanted, _ = normalise(fragment)
    best: tuple[float, str, str, int] | None = None
    for source_id, text in texts.items():
        for start, end in sentence_spans(text):
            sentence = " ".join(text[start:end].split())
            score = fuzz.partial_ratio(wanted, normalise(sentence)[0])
            if best is None or score > best[0]:
                best = (score, source_id, sentence, text.count("\n", 0, start) + 1)
    if best is None or best[0] < 60:
        return None
    return best[1], best[2], best[3]


def stub(match: Match, found: Sequence[Candidate] = ()) -> str:
    """Fact stubs for the match, as YAML to paste under `facts:`: one per figure `extract` reads
    in it (`found`: the candidates of its source text that overlap it), its value, unit, period,
    qualifier, attribution and place filled in as `extract` fills them; else one stub to fill in."""
    import json

    def text(value: object) -> str:
        if value is None:
            return "null"
        return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)

    mine = [c for c in found if c.anchor.start < match.anchor.end and match.anchor.start < c.anchor.end]
    stubs = []
    chosen: list[Candidate | None] = [*mine] or [None]
    for candidate in chosen:
        lines = [
            f"  - id: {candidate.id if candidate else ''}",
            "    topic: ",
            '    claim: ""',
            f"    quote: {json.dumps(match.quote, ensure_ascii=False)}",
            f"    source: {match.source}",
            f"    value: {text(candidate.value if candidate else None)}",
            f"    unit: {text(candidate.unit if candidate else None)}",
            f"    period: {text(candidate.period if candidate else None)}",
        ]
        if candidate is not None:
            if candidate.period_inferred_from:
                lines.append(f"    period_inferred_from: {text(candidate.period_inferred_from)}")
            lines.append(f"    qualifier: {text(candidate.qualifier)}")
            lines.append(f"    attributed_to: {text(candidate.attributed_to)}")
            if candidate.place != "body":
                lines.append(f"    place: {candidate.place}")
        stubs.append("\n".join(lines))
    return "\n".join(stubs)
