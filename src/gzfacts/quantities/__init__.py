"""Quantities in free text: numbers with their scale, unit and hedge, periods, ranks and attributions.

One parser, shared by `gzfacts check` (what does a draft's sentence claim?) and by the authoring
tools (`extract`, `validate`: what does a source sentence state?). Everything works on plain
strings and returns spans into them, so a caller can point at the words it read:

    >>> from gzfacts.quantities import scan
    >>> found = scan("Last year the digital economy grew more than 24.6% year-on-year.")
    >>> q = found.quantities[0]
    >>> q.value, q.unit, q.qualifier, q.text
    (24.6, 'percent', 'more than', 'more than 24.6%')
    >>> found.periods[0].text, found.periods[0].resolve("2019-10-01")
    ('Last year', '2018')

The API, for both uses:

- `scan(text)` -> `Scan(quantities, periods, ranks, attributions)`, each a tuple in text order;
  the four functions it calls can be used alone;
- `Quantity`: `value` (scale applied), `unit` (canonical), `noun` (what it counts), `measure`
  (the unit as a fact base writes it, "percent of provincial GDP"), `qualifier` (canonical
  hedge), `number` (as written), `precision`, `direction`, `vague`, `bounds()`, `in_unit()`;
- `Period`: `year`, or `offset` for words relative to publication, `relation` ("in", "since"),
  `span` ("over the past two years"), `resolve(published)` -> "2018";
- `stretches(text)` -> `Stretch`: a run of years ("four consecutive years", ending at the year its
  sentence states) or a span up to the time of writing ("over the past two years"), with
  `resolve(published, sentence)` -> (first, last); `period_years("2015-2018")` -> (2015, 2018)
  reads a fact's period (a year or a span, hyphen or en dash) and `span_text()` writes one;
- `Rank`: `position`, `top`, `one_of`, `holds_for(...)`; `Attribution`: `who`;
- `values_in(text)`: every figure as a number (is a fact's value in its quote?);
- `compare(said, truth)`: "yes", "no" or "unknown".

The grammar is small on purpose and written against the units and qualifiers fact bases use:
numerals ("10,250", "26.9", "2.09 trillion"), number words ("four", "twenty-six thousand", read
by number-parser), vague magnitudes ("thousands of"), percent and percentage points, years and
periods ("in 2018", "last year", "currently", "over the past two years"), ranks ("first",
"No. 1", "top three", "the fastest", "one of the world's highest") and hedges ("more than",
"nearly", "about"), with the direction of a lead ("ahead of" against "behind").

One module per job: `grammar` (the words and token patterns), `numbers` (figures, and comparing
them), `periods` (years, relative periods, stretches of years), `ranks` and `attributions`; this
module joins them (`scan`, `values_in`).
"""

from __future__ import annotations

from typing import NamedTuple

from gzfacts.quantities.attributions import Attribution, attributions
from gzfacts.quantities.grammar import (
    HEDGE_SLACK,
    MAGNITUDES,
    QUALIFIERS,
    SCALES,
    UNIT_WORDS,
    ordinal,
    parse_number_words,
)
from gzfacts.quantities.numbers import Quantity, compare, quantities
from gzfacts.quantities.periods import Period, Stretch, period_years, periods, span_text, stretches
from gzfacts.quantities.ranks import Rank, ranks

__all__ = [
    "HEDGE_SLACK",
    "MAGNITUDES",
    "QUALIFIERS",
    "SCALES",
    "UNIT_WORDS",
    "Attribution",
    "Period",
    "Quantity",
    "Rank",
    "Scan",
    "Stretch",
    "attributions",
    "compare",
    "ordinal",
    "parse_number_words",
    "period_years",
    "periods",
    "quantities",
    "ranks",
    "scan",
    "span_text",
    "stretches",
    "values_in",
]


class Scan(NamedTuple):
    """Everything checkable the parser found in a text, each list in text order."""

    quantities: tuple[Quantity, ...]
    periods: tuple[Period, ...]
    ranks: tuple[Rank, ...]
    attributions: tuple[Attribution, ...]

    def __bool__(self) -> bool:
        return bool(self.quantities or self.periods or self.ranks or self.attributions)


def scan(text: str) -> Scan:
    """Every quantity, period, rank and attribution of `text`."""
    found = periods(text)
    # A year said in words ("in two thousand and thirteen") is a period, not a figure.
    spoken = [(p.start, p.end) for p in found if p.year is not None and not p.text[:1].isdigit()]
    figures = tuple(q for q in quantities(text) if not any(a <= q.start < b for a, b in spoken))
    return Scan(figures, tuple(found), tuple(ranks(text)), tuple(attributions(text)))


def values_in(text: str) -> set[float]:
    """Every figure of `text` as a number, years included ("validate": is the value in the quote?)."""
    found = {q.value for q in quantities(text) if not q.vague}
    found.update(float(p.year) for p in periods(text) if p.year is not None)
    found.update(float(r.position) for r in ranks(text) if r.position is not None)
    found.update(float(r.top) for r in ranks(text) if r.top is not None)
    return found
