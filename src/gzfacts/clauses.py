"""Which period of a sentence belongs to which figure: the one of the figure's own clause.

"The province had 600,000 servers in 2019 and expects 1,200,000 by 2021" gives each figure the
year beside it. But in "It now has 1,200,000 servers, up from 600,000 in 2019" the year is the
other figure's, and in "In 2019 the centre handled 500 requests a second, while by 2021 it will
hold 1,200,000 servers" each figure has its own. `extract` proposes a figure's period, and
`validate` checks a fact's, by the same rule (`own_periods`).
"""

from __future__ import annotations

import re

from gzfacts.quantities import Period, Quantity, Scan

#: Where a clause of its own begins: after a semicolon, at a contrasting conjunction, at a
#: comparison with another figure ("up from", "compared with"), at ", and" joining two clauses,
#: and between sentences. A bare "and" joins the parts of a list ("102 ... and 1,050 ..."), and
#: ", up 12.5 percent" is the same figure's growth over the same period: neither begins a clause.
_BOUNDARY = re.compile(
    r";\s*"
    r"|,?\s+(?:while|whereas|but)\s+"
    r"|,\s+(?:and|although|though|(?:up|down) from|compared (?:with|to)|against|as against|versus)\s+"
    r"|(?<=[.!?])\s+(?=[A-Z\"\u201c])",
    re.IGNORECASE,
)


#: A subordinate clause that opens a sentence, to its comma: "Though it accounted for a quarter
#: of GDP, the digital economy grew ...", "Although the network reaches every township, ...".
_LEADING = re.compile(r"\s*(?:even\s+though|although|though|while|whereas|despite)\b[^,;:]*,", re.IGNORECASE)


def leading_clause_end(text: str) -> int | None:
    """Where the subordinate clause that opens `text` ends (its comma), or None."""
    match = _LEADING.match(text)
    return match.end() - 1 if match else None


def clauses(text: str, boundary: re.Pattern[str] = _BOUNDARY, *, keep_break: bool = True) -> list[tuple[int, int]]:
    """The [start, end) spans of the clauses of `text`, in order, cut where `boundary` matches:
    the break's words open the next clause (`keep_break`), else belong to none."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in boundary.finditer(text):
        spans.append((start, match.start()))
        start = match.start() if keep_break else match.end()
    spans.append((start, len(text)))
    return spans


def _clause(spans: list[tuple[int, int]], position: int) -> int:
    return next((i for i, (_, end) in enumerate(spans) if position < end), len(spans) - 1)


def own_periods(found: Scan, figure: Quantity, text: str) -> list[Period]:
    """The periods of `text` (read into `found`) that belong to `figure`, nearest first: those of
    its own clause; else those put before every figure of the text ("Last year, ..."), which
    hold for all of them; else those of a clause without a figure. None when every period of
    the text stands in another figure's clause."""
    spans = clauses(text)
    figures = [q for q in found.quantities if not q.vague]
    own = _clause(spans, figure.start)
    chosen = [p for p in found.periods if _clause(spans, p.start) == own]
    if not chosen:
        first = min((q.start for q in figures), default=len(text))
        chosen = [p for p in found.periods if p.end <= first]
    if not chosen:
        taken = {_clause(spans, q.start) for q in figures}
        chosen = [p for p in found.periods if _clause(spans, p.start) not in taken]
    return sorted(chosen, key=lambda p: min(abs(p.start - figure.end), abs(figure.start - p.end)))
