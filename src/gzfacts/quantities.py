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
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

# --- vocabulary ----------------------------------------------------------------------------

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
_WORD_VALUES = {word: float(i) for i, word in enumerate(_SMALL[:20])}
_WORD_VALUES.update({word: float(10 * (i + 2)) for i, word in enumerate(_SMALL[20:])})
_WORD_VALUES["dozen"] = 12.0
#: Scale words and their multipliers ("2.09 trillion", "26 thousand").
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
#: Vague magnitudes: "thousands of patients" says more than a thousand and fewer than a million.
MAGNITUDES = {
    "dozens": (24.0, 100.0),
    "several dozen": (24.0, 100.0),
    "a few dozen": (24.0, 72.0),
    "several hundred": (200.0, 1e3),
    "a few hundred": (200.0, 600.0),
    "several thousand": (2e3, 1e4),
    "a few thousand": (2e3, 6e3),
    "several million": (2e6, 1e7),
    "scores": (40.0, 100.0),
    "hundreds": (200.0, 1e3),
    "thousands": (2e3, 1e6),
    "tens of thousands": (2e4, 1e5),
    "hundreds of thousands": (2e5, 1e6),
    "millions": (2e6, 1e9),
    "tens of millions": (2e7, 1e8),
    "hundreds of millions": (2e8, 1e9),
    "billions": (2e9, 1e12),
}
#: Hedges before a number, longest first, and what each canonically means.
QUALIFIERS = {
    "more than": "more than",
    "greater than": "more than",
    "higher than": "more than",
    "larger than": "more than",
    "in excess of": "more than",
    "upwards of": "more than",
    "just over": "more than",
    "over": "more than",
    "above": "more than",
    "exceeding": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "as many as": "at least",
    "fewer than": "less than",
    "less than": "less than",
    "lower than": "less than",
    "just under": "less than",
    "under": "less than",
    "below": "less than",
    "up to": "at most",
    "at most": "at most",
    "no more than": "at most",
    "not more than": "at most",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "approaching": "nearly",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "exactly": "exactly",
    "precisely": "exactly",
}
#: How far from a hedged figure ("about 27 percent") the true one may lie, as a share of it.
HEDGE_SLACK = 0.05
#: Units, as written, and the canonical unit each stands for.
UNIT_WORDS = {
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "pct": "percent",
    "percentage points": "percentage points",
    "percentage point": "percentage points",
    "points": "percentage points",
    "point": "percentage points",
    "ppts": "percentage points",
    "pp": "percentage points",
    "meters": "meters",
    "meter": "meters",
    "metres": "meters",
    "metre": "meters",
    "m": "meters",
    "kilometers": "kilometers",
    "kilometer": "kilometers",
    "kilometres": "kilometers",
    "kilometre": "kilometers",
    "km": "kilometers",
    "feet": "feet",
    "foot": "feet",
    "ft": "feet",
    "miles": "miles",
    "mile": "miles",
    "yuan": "yuan",
    "rmb": "yuan",
    "renminbi": "yuan",
    "dollars": "dollars",
    "dollar": "dollars",
    "usd": "dollars",
    "consecutive years": "consecutive years",
    "straight years": "consecutive years",
    "years in a row": "consecutive years",
    "successive years": "consecutive years",
    "years": "years",
    "year": "years",
    "months": "months",
    "month": "months",
    "days": "days",
    "day": "days",
}
#: Lengths in meters, so "1,855 feet" can be compared with "565.4 meters".
_LENGTHS = {"meters": 1.0, "kilometers": 1000.0, "feet": 0.3048, "miles": 1609.344}
_CURRENCY_SIGNS = {"$": "dollars", "US$": "dollars", "¥": "yuan", "RMB": "yuan"}
#: Ways of saying the figure leads or trails ("two years ahead of time", "behind schedule").
_AHEAD = ("ahead of", "ahead", "early", "earlier", "before")
_BEHIND = ("behind", "late", "later", "after", "overdue")
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
#: Words that end a unit phrase (besides punctuation): function words and verbs of reporting.
_UNIT_STOP = frozenset(
    """a an and are as at be been but by during for from had has have in into is it its last
    on or over since than that the their this those to under until was were which while who
    whose with within said says say show shows showed according ahead behind early earlier ago
    before after above below across per compared against year-on-year yoy nationwide nationally""".split()
)

# --- the token grammar --------------------------------------------------------------------

_NUMERAL = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_NUMBER_WORD = "|".join(sorted([*_WORD_VALUES, "hundred", "thousand", "million", "billion", "trillion"], key=len))
# A run of number words: "four", "twenty-six", "one hundred and two", "twenty-six thousand".
_DIGIT_WORD = "zero|one|two|three|four|five|six|seven|eight|nine"
# ... with decimals read out: "twenty-six point nine".
_WORDS_RUN = rf"(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*(?:\s+point(?:\s+(?:{_DIGIT_WORD})\b)+)?"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mln|bln|bn|tn)\b"
_NUMBER_RE = re.compile(
    rf"(?<![\w.,/-])(?P<currency>US\$|\$|¥|RMB\s?)?"
    rf"(?:(?P<numeral>{_NUMERAL})(?!\w|,\d|/|\.\d)(?:\s?(?P<scale>{_SCALE}))?"
    rf"|(?P<words>\b(?:{_WORDS_RUN})\b)"
    rf"|(?P<a>\ba\s+(?:{_SCALE})))",
    re.IGNORECASE,
)
_MAGNITUDE_RE = re.compile(
    r"\b(?:(?P<mag>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)"
    r"\s+of\b|(?P<few>(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million))\b(?!\s+(?:percent|per\s+cent)))",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(r"\s?(%|per\s?cent\b|percent\b|pct\b)", re.IGNORECASE)
_POINTS_RE = re.compile(r"\s+(percentage\s+points?|points?|ppts?|pp)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\w.,$¥-])(1[89]\d\d|20\d\d)(?!\w|,\d|%|\.\d)(?:s\b)?")
_WORD_RE = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*|%|\$")


class Quantity(NamedTuple):
    """A number as written in a text, with what makes it a claim: scale, unit, hedge and direction.

    `value` has the scale applied ("2.09 trillion" is 2.09e12); `low`/`high` are the bounds the
    words allow, which a hedge or a vague magnitude ("thousands of") widens.
    """

    start: int
    end: int
    #: The whole mention as written: hedge, number, unit ("more than 70 county-level ... centers").
    text: str
    value: float
    #: Canonical unit: "percent", "percentage points", "meters", "yuan", "years", "consecutive
    #: years", ..., or "" when the number counts the things named in `noun`.
    unit: str
    #: The words after the number that say what it counts ("village-level e-commerce service sites").
    noun: str
    #: Canonical hedge ("more than", "at least", "less than", "at most", "nearly", "about",
    #: "exactly") or None.
    qualifier: str | None
    #: The number as written ("26.9", "four", "2.09 trillion", "thousands").
    number: str
    #: Decimal places as written; negative for round numbers ("26,000" is -3, "70" is -1).
    precision: int
    #: "ahead" or "behind" when the words say the figure leads or trails, else None.
    direction: str | None = None
    #: True for vague magnitudes such as "thousands of".
    vague: bool = False

    @property
    def measure(self) -> str:
        """What the figure measures, as a fact base's `unit` field writes it: "percent of
        provincial GDP", "village-level e-commerce service sites", "meters"."""
        if self.unit in ("percent", "percentage points") or self.noun.lower().startswith("of "):
            return f"{self.unit} {self.noun}".strip()
        return self.noun or self.unit

    @property
    def approximate(self) -> bool:
        """Whether the words hedge the figure ("about", "nearly") or it is a vague magnitude."""
        return self.vague or self.qualifier in ("about", "nearly")

    def bounds(self) -> tuple[float, float, bool, bool]:
        """(low, high, low_open, high_open): the values the words allow.

        An exact figure allows what rounds to it at the precision written ("26.9" allows 26.85 to
        26.95) only when it has decimals; whole numbers are exact counts.
        """
        v = self.value
        if self.vague:
            low, high = _magnitude_bounds(self.number)
            return low, high, False, True
        unit = _unit_step(self)
        q = self.qualifier
        if q == "more than":
            return v, math.inf, True, False
        if q == "at least":
            return v, math.inf, False, False
        if q == "less than":
            return -math.inf, v, False, True
        if q == "at most":
            return -math.inf, v, False, False
        # A hedge allows what rounds to the figure, or lies within 5 percent of it.
        slack = max(unit / 2, HEDGE_SLACK * abs(v))
        if q == "nearly":
            return v - slack, v, False, True
        if q == "about":
            return v - slack, v + slack, False, False
        if "." in self.number:  # "26.9" stands for what rounds to it
            return v - unit / 2, v + unit / 2, False, True
        return v, v, False, False

    def in_unit(self, unit: str) -> float | None:
        """The value converted to `unit` (lengths only), or None when they are not comparable."""
        if self.unit == unit:
            return self.value
        if self.unit in _LENGTHS and unit in _LENGTHS:
            return self.value * _LENGTHS[self.unit] / _LENGTHS[unit]
        return None


class Period(NamedTuple):
    """A time a text puts its figures in: a year ("in 2018"), or words relative to publication."""

    start: int
    end: int
    text: str
    #: The year written, or None for a relative period.
    year: int | None
    #: Years from the publication year for relative periods ("last year" is -1, "currently" 0).
    offset: int | None = None
    #: "in", "by", "since", "until" or "" (for "the 2019 expo"): how the year is used.
    relation: str = ""
    #: For "over the past two years": how many years back the span reaches (0 when the words do
    #: not say, as in "the past few years"); None for a single year.
    span: int | None = None

    def resolve(self, published: str | None = None) -> str | None:
        """The year as a string, a relative period resolved against a publication date
        ("2019-10-01"); a span of years ("over the past two years") resolves to None: it names no
        one year, and a fact base records it as the article's words."""
        if self.year is not None:
            return str(self.year)
        if self.span is None and self.offset is not None and published and published[:4].isdigit():
            return str(int(published[:4]) + self.offset)
        return None


class Rank(NamedTuple):
    """A ranking: a position ("first", "No. 2", "the fastest"), a top group ("top three"), or
    membership of a leading group ("one of the world's highest")."""

    start: int
    end: int
    text: str
    #: The position for "first", "No. 1", "second", superlatives (1); None for groups.
    position: int | None
    #: The size of the group for "top three" / "among the top 10"; None otherwise.
    top: int | None = None
    #: True for "one of the ...": a leading group of unstated size.
    one_of: bool = False

    def holds_for(self, position: int | None, top: int | None, one_of: bool) -> str:
        """Whether the ranking a source states makes this one true: "yes", "no" or "unknown"."""
        if self.one_of:
            # "one of the best" is implied by any leading position or group.
            return "yes" if (position is not None or top is not None or one_of) else "unknown"
        if self.position is not None:
            if position is not None:
                return "yes" if position == self.position else "no"
            if top is not None:
                return "unknown" if self.position <= top else "no"
            return "unknown"
        if self.top is not None:
            if position is not None:
                return "yes" if position <= self.top else "no"
            if top is not None:
                return "yes" if top <= self.top else "unknown"
        return "unknown"


class Attribution(NamedTuple):
    """Who a text says stated something ("according to X", "X said", "statistics from X show")."""

    start: int
    end: int
    text: str
    who: str


class Scan(NamedTuple):
    """Everything checkable the parser found in a text, each list in text order."""

    quantities: tuple[Quantity, ...]
    periods: tuple[Period, ...]
    ranks: tuple[Rank, ...]
    attributions: tuple[Attribution, ...]

    def __bool__(self) -> bool:
        return bool(self.quantities or self.periods or self.ranks or self.attributions)


# --- numbers ------------------------------------------------------------------------------


def _magnitude_bounds(words: str) -> tuple[float, float]:
    return MAGNITUDES.get(" ".join(words.lower().split()), (0.0, math.inf))


def _unit_step(q: Quantity) -> float:
    return float(10.0 ** (-q.precision))


def _precision(numeral: str, scale: float) -> int:
    """Decimal places as written, scale included: "26.9" is 1, "2.09 trillion" is -10, "26,000" 0.

    The trailing zeros of a whole number do not make it round: "30 percent" is not "about 30"."""
    digits = numeral.replace(",", "")
    places = len(digits.split(".", 1)[1]) if "." in digits else 0
    return places - round(math.log10(scale)) if scale > 1 else places


@lru_cache(maxsize=4096)
def parse_number_words(words: str) -> float | None:
    """The value of number words ("four", "twenty-six thousand", "one hundred and two"), or None."""
    key = " ".join(words.lower().replace("-", " ").split())
    whole, point, decimals = key.partition(" point ")
    if point:
        digits = [_WORD_VALUES.get(word) for word in decimals.split()]
        value = parse_number_words(whole)
        if value is None or any(d is None or d > 9 for d in digits):
            return None
        return value + float("0." + "".join(str(int(d or 0)) for d in digits))
    if key in _WORD_VALUES:
        return _WORD_VALUES[key]
    # number-parser reads compound number words; it is only imported when a text has them.
    from number_parser import parse_number

    value = parse_number(key)
    return float(value) if value is not None else None


def ordinal(word: str) -> int | None:
    """The position an ordinal names ("first" 1, "3rd" 3, "twenty-first" 21), or None."""
    lowered = word.lower()
    if lowered in _ORDINALS:
        return _ORDINALS[lowered]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", lowered)
    if match:
        return int(match.group(1))
    if "-" in lowered or " " in lowered:
        from number_parser import parse_ordinal

        value = parse_ordinal(lowered)
        return int(value) if value is not None else None
    return None


_QUALIFIER_WORDS = max(len(q.split()) for q in QUALIFIERS)
_BEFORE_WORDS = re.compile(r"[^\W\d_]+")
_MONTH_AFTER = re.compile(rf"\s+(?:{'|'.join(_MONTHS)})\b", re.I)


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """The hedge that ends just before `start`, and where it begins."""
    offset = max(0, start - 32)
    before = text[offset:start]
    if not before[-1:].isspace():
        return None, start
    # The last few words before the number, longest hedge first ("no more than", "more than"),
    # with nothing but spaces between them and the number.
    words = list(_BEFORE_WORDS.finditer(before))[-_QUALIFIER_WORDS:]
    for n in range(len(words), 0, -1):
        chosen = words[-n:]
        gaps = [before[a.end() : b.start()] for a, b in pairwise(chosen)]
        if before[chosen[-1].end() :].strip() or any(gap.strip() for gap in gaps):
            continue
        phrase = " ".join(w.group().lower() for w in chosen)
        if phrase in QUALIFIERS:
            return QUALIFIERS[phrase], offset + chosen[0].start()
    return None, start


def _unit_after(text: str, end: int) -> tuple[str, str, int]:
    """(canonical unit, noun phrase, end) of the words after a number."""
    rest = text[end : end + 240]
    percent = _PERCENT_RE.match(rest)
    if percent:
        unit, stop = "percent", end + percent.end()
        points = _POINTS_RE.match(text, stop)
        if points:  # "2 percentage points" is never read as "2 percent"
            unit, stop = "percentage points", stop + points.end()
        noun, stop = _noun_after(text, stop, of_only=True)
        return unit, noun, stop
    points = _POINTS_RE.match(rest)
    if points and "percent" in points.group(1).lower():
        noun, stop = _noun_after(text, end + points.end(), of_only=True)
        return "percentage points", noun, stop
    noun, stop = _noun_after(text, end, of_only=False)
    lowered = noun.lower()
    if lowered in ("year", "years") and _IN_A_ROW.match(text, stop):
        return "consecutive years", noun, stop
    for written in sorted(UNIT_WORDS, key=len, reverse=True):
        if written in ("%", "point", "points", "pp", "ppts", "m"):
            continue
        if lowered == written or lowered.startswith(written + " ") or lowered.endswith(" " + written):
            return UNIT_WORDS[written], noun, stop
    first = lowered.split(" ", 1)[0] if lowered else ""
    if first in ("m", "ft", "km"):
        return UNIT_WORDS[first], noun, stop
    return "", noun, stop


_AGO = re.compile(r"\s+ago\b", re.I)
_WORD_AFTER = re.compile(r"\s*(?:([^\W_]+(?:[-'\u2019][^\W_]+)*)|(\S))")
_IN_A_ROW = re.compile(r"\s+(?:in\s+a\s+row|running|straight)\b")


def _noun_after(text: str, end: int, *, of_only: bool) -> tuple[str, int]:
    """The words that say what a number counts, up to a function word or punctuation (at most 6)."""
    words: list[str] = []
    stop = end
    position = end
    allow_of = True
    # A bounded slice: six words fit in it, and copying the rest of a long text per number would not scale.
    for match in _WORD_AFTER.finditer(text[end : end + 240]):
        word = match.group(1)
        if word is None:
            break
        lowered = word.lower()
        if of_only and not words and lowered != "of":
            break
        if lowered == "of" and allow_of and len(words) < 5:
            allow_of = False
        elif lowered in _UNIT_STOP or (words and lowered in ("of",)) or lowered in _MONTHS:
            break
        words.append(word)
        position = end + match.end()
        if lowered != "of":
            stop = position
        if len(words) >= 6:
            break
    while words and words[-1].lower() == "of":
        words.pop()
    return " ".join(words), stop


def _direction_after(text: str, end: int) -> str | None:
    following = text[end : end + 40].lower()
    match = re.match(r"\s*(?:[\w-]+\s+){0,2}?(ahead of|ahead|early|earlier|behind|late|later|overdue)\b", following)
    if not match:
        return None
    return "ahead" if match.group(1) in _AHEAD else "behind"


def quantities(text: str, *, years: bool = False) -> list[Quantity]:
    """Every number in `text` that is a figure (years are periods, ordinals are ranks), in order.
    With `years`, a number that looks like a year is a figure too: a fact whose value is 2047
    (points) is read from its quote as a figure, not a date."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in _MAGNITUDE_RE.finditer(text):
        words = " ".join((match.group("mag") or match.group("few")).split()).lower()
        low, _ = _magnitude_bounds(words)
        # "thousands of patients": the unit is read from "of"; "several dozen countries" from the end.
        unit, noun, stop = _unit_after(text, match.end() - 2 if match.group("mag") else match.end())
        qualifier, begin = _qualifier_before(text, match.start())
        noun = noun[3:] if noun.lower().startswith("of ") else noun
        found.append(Quantity(begin, stop, text[begin:stop], low, unit, noun, qualifier, words, 0, vague=True))
        taken.append((match.start(), match.end()))
    taken.extend((r.start, r.end) for r in ranks(text) if r.top is not None or r.text[:1] in "Nn#")
    for match in _ORDINAL_COUNT_RE.finditer(text):
        # "for a fourth consecutive year": a count of years, not a rank.
        qualifier, begin = _qualifier_before(text, match.start())
        number = ordinal(match.group("ord")) or 0
        found.append(
            Quantity(
                begin,
                match.end(),
                text[begin : match.end()],
                float(number),
                "consecutive years",
                match.group("noun"),
                qualifier,
                match.group("ord"),
                0,
            )
        )
        taken.append(match.span())
    for match in _NUMBER_RE.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in taken):
            continue
        quantity = _quantity(text, match, years)
        if quantity is not None:
            found.append(quantity)
    found.sort(key=lambda q: q.start)
    return found


def _quantity(text: str, match: re.Match[str], years: bool = False) -> Quantity | None:
    start, end = match.span()
    numeral, words = match.group("numeral"), match.group("words")
    currency = match.group("currency")
    before = text[max(0, start - 12) : start]
    after = text[end : end + 24]
    if numeral is not None:
        reading = _numeral_reading(match, before, after, years)
    elif words is not None:
        reading = _words_reading(words, after)
    else:
        scale_name = match.group("a").split()[-1].lower()
        reading = (1.0, SCALES[scale_name], match.group("a"), -round(math.log10(SCALES[scale_name])))
    if reading is None:
        return None
    value, scale, number_text, precision = reading
    odd = re.match(r"-?\s?odd\b", text[end : end + 6])  # "70-odd", "seventy odd": more than 70
    if odd:
        end += odd.end()
    unit, noun, stop = _unit_after(text, end)
    if currency:
        unit = _CURRENCY_SIGNS.get(currency.strip(), unit)
    qualifier, begin = _qualifier_before(text, start)
    if odd and qualifier is None:
        qualifier = "more than"
    if qualifier == "more than" and re.search(
        r"\bover\s+the\s+(?:past|last|next)\s*$", text[max(0, start - 20) : start]
    ):
        qualifier, begin = None, start
    if qualifier is None and re.search(
        r"\b(?:over|in|during|for)\s+the\s+(?:past|last|next)\s+$", text[max(0, start - 30) : start]
    ):
        begin = start
    if unit in ("years", "months", "days") and _AGO.match(text, stop):
        return None  # "two years ago": a period (see periods()), not a figure
    direction = _direction_after(text, stop) if unit in ("years", "months", "days") else None
    if words is not None or match.group("a"):
        value *= scale
    return Quantity(begin, stop, text[begin:stop], value, unit, noun, qualifier, number_text, precision, direction)


#: A figure as read: its value (before a word's scale is applied), scale, text and precision.
_Reading = tuple[float, float, str, int]


def _numeral_reading(match: re.Match[str], before: str, after: str, years: bool = False) -> _Reading | None:
    """A figure written in digits ("26.9", "$3.2 million"), or None for a year, a rank or part of a name."""
    numeral, scale_word, currency = match.group("numeral"), match.group("scale"), match.group("currency")
    if not years and _YEAR_RE.fullmatch(numeral) and not scale_word and not _PERCENT_RE.match(after) and not currency:
        return None  # a year: see periods()
    if re.search(r"\bNo\.?\s*$", before, re.IGNORECASE) or re.match(r"(?:st|nd|rd|th)\b", after):
        return None  # a rank: see ranks()
    if (
        re.match(r"\s+[A-Z][a-z]", after)
        and not _MONTH_AFTER.match(after)
        and re.search(r"\bthe\s*$", before, re.IGNORECASE)
    ):
        return None  # "the 39 Internet Hospital": a number that is part of a name
    scale = SCALES[scale_word.lower()] if scale_word else 1.0
    value = float(numeral.replace(",", ""))
    if scale > 1:
        # Decimal arithmetic, so that "2.09 trillion" is 2.09e12 and not 2089999999999.9998.
        from decimal import Decimal

        value = float(Decimal(numeral.replace(",", "")) * Decimal(int(scale)))
    number_text = match.group()[len(currency or "") :].strip()
    return value, scale, number_text, _precision(numeral, scale)


def _words_reading(words: str, after: str) -> _Reading | None:
    """A figure written in words ("four", "twenty-five"), or None for a lone "one" that is no figure."""
    # "one" is a figure only before a scale or a unit ("one million", "one year ahead").
    if words.lower() == "one" and not re.match(
        r"[\s-]+(?:hundred|thousand|million|billion|trillion|percent|per cent|years?\b)", after
    ):
        return None
    parsed = parse_number_words(words)
    if parsed is None:
        return None
    _, point, decimals = words.lower().partition(" point ")
    return parsed, 1.0, words, len(decimals.split()) if point else 0


# --- periods ------------------------------------------------------------------------------

_RELATIVE = [
    (re.compile(r"\blast\s+year\b|\ba\s+year\s+(?:ago|earlier)\b|\bthe\s+previous\s+year\b", re.I), -1),
    (re.compile(r"\bthis\s+year(?:['\u2019]s)?\b|\bcurrently\b|\bat\s+present\b|\bso\s+far\s+this\s+year\b", re.I), 0),
    (re.compile(r"\bnext\s+year\b", re.I), 1),
    (re.compile(r"\btwo\s+years\s+(?:ago|earlier)\b", re.I), -2),
    (re.compile(r"\bthree\s+years\s+(?:ago|earlier)\b", re.I), -3),
]
_TOP_WORDS = "|".join(_SMALL[1:20])
#: Spans of years up to the time of writing: "over the past two years", "in the last few years".
_SPAN = re.compile(
    rf"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?P<count>\d+|few|several|{_TOP_WORDS})\s+years\b", re.I
)
_RELATION = re.compile(
    r"\b(in|by|since|until|till|through|before|after|from|during|as\s+of|end\s+of)\s+(?:the\s+end\s+of\s+)?$", re.I
)


def periods(text: str) -> list[Period]:
    """The years and relative periods ("last year", "currently") of `text`, in order."""
    found: list[Period] = []
    for match in _YEAR_RE.finditer(text):
        after = text[match.end() : match.end() + 16]
        if _PERCENT_RE.match(after) or re.match(r"\s?(?:hundred|thousand|million|billion|trillion)\b", after, re.I):
            continue
        relation = _RELATION.search(text[max(0, match.start() - 20) : match.start()])
        word = " ".join(relation.group(1).lower().split()) if relation else ""
        found.append(Period(match.start(), match.end(), match.group(), int(match.group(1)), relation=word))
    for pattern, offset in _RELATIVE:
        for match in pattern.finditer(text):
            found.append(Period(match.start(), match.end(), match.group(), None, offset))
    for match in _SPAN.finditer(text):
        count = match.group("count").lower()
        years = 0 if count in ("few", "several") else int(count) if count.isdigit() else parse_number_words(count)
        found.append(Period(match.start(), match.end(), match.group(), None, 0, span=int(years or 0)))
    found.sort(key=lambda p: p.start)
    return found


#: A fact's period: a year ("2018") or a span of years ("2015-2018"; an en dash is read alike).
_PERIOD_YEARS = re.compile(r"(\d{4})(?:\s*[-\u2013]\s*(\d{4}))?\Z")
#: A run of years ending at a year the sentence states: "four consecutive years", "three years in a row".
_STREAK = re.compile(
    rf"\b(?P<count>\d+|{_TOP_WORDS}|ten)\s+(?:(?:consecutive|straight|successive)\s+years\b"
    rf"|years\s+(?:in\s+a\s+row|running)\b)",
    re.I,
)


def period_years(period: str | None) -> tuple[int, int] | None:
    """The first and last year of a fact's period: ("2018") -> (2018, 2018), ("2015-2018" or
    "2015\u20132018") -> (2015, 2018); None for anything else ("Q3 2018", null)."""
    match = _PERIOD_YEARS.match(period.strip()) if period else None
    if match is None:
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


def span_text(first: int, last: int) -> str:
    """A period as a fact base writes it: "2018", or "2015-2018" for a span (a hyphen, no spaces)."""
    return str(first) if first == last else f"{first}-{last}"


class Stretch(NamedTuple):
    """A stretch of years a text states: a run ending at a year the sentence gives ("four
    consecutive years", `relative` False), or reaching back from publication ("over the past two
    years", `relative` True)."""

    start: int
    end: int
    text: str
    #: How many years the words say (0 when they do not: "the past few years").
    years: int
    relative: bool

    def resolve(self, published: str | None, sentence: str = "") -> tuple[int, int] | None:
        """The stretch's first and last year: a run ends at the one year `sentence` states (none
        or several: unknown), a relative stretch reaches back from the year of `published` to the
        calendar years it touches ("over the past two years" in 2019 is 2017-2019)."""
        if not self.years:
            return None
        if self.relative:
            if not published or not published[:4].isdigit():
                return None
            last = int(published[:4])
            return last - self.years, last
        stated = {p.year for p in periods(sentence) if p.year is not None and p.relation != "since"}
        if len(stated) != 1:
            return None
        last = stated.pop()
        return last - self.years + 1, last


def stretches(text: str) -> list[Stretch]:
    """The stretches of years of `text`, in order: runs ("four consecutive years", "three years
    in a row") and spans up to the time of writing ("over the past two years")."""
    found: list[Stretch] = []
    for match in _STREAK.finditer(text):
        count = match.group("count").lower()
        years = int(count) if count.isdigit() else parse_number_words(count)
        found.append(Stretch(match.start(), match.end(), match.group(), int(years or 0), relative=False))
    for p in periods(text):
        if p.span is not None:
            found.append(Stretch(p.start, p.end, p.text, p.span, relative=True))
    found.sort(key=lambda s: s.start)
    return found


# --- ranks --------------------------------------------------------------------------------

_ORDINAL_WORDS = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_RANK_RE = re.compile(
    rf"(?P<oneof>\b(?:one\s+of|among)\s+(?:the\s+)?(?:[\w'\u2019]+\s+){{0,3}}?)?"
    rf"(?:(?P<top>\b(?:among\s+)?(?:the\s+)?top[\s-]+(?P<topn>\d+|{'|'.join(_SMALL[1:20])}|ten)\b)"
    rf"|(?P<no>\b(?:No\.|no\.|number|#)\s?(?P<non>\d+|one|two|three)\b)"
    rf"|(?P<ord>\b(?:{_ORDINAL_WORDS}|\d+(?:st|nd|rd|th))\b)"
    rf"|(?P<sup>\b(?:the\s+)?(?:world['\u2019]s\s+|China['\u2019]s\s+|country['\u2019]s\s+|nation['\u2019]s\s+)?"
    rf"(?:fastest|highest|tallest|largest|biggest|best|longest|greatest|most\s+\w+|top(?![\s-]+(?:\d|{_TOP_WORDS})\b))\b)"
    # First, said with a verb: "topped the national rankings", "led the country", "heads the list".
    rf"|(?P<lead>\b(?:led|leads|leading|topped|tops|topping|headed|heads)\s+(?:the\s+)?(?:(?:national|country['\u2019]s|"
    rf"nation['\u2019]s|China['\u2019]s|world['\u2019]s)\s+)?(?:country|nation|China|world|rankings?|list|league\s+table|"
    rf"table|chart)\b))",
)
_ORDINAL_COUNT_RE = re.compile(
    rf"\b(?P<ord>{_ORDINAL_WORDS}|\d+(?:st|nd|rd|th))\s+(?P<noun>(?:consecutive|straight|successive|running)\s+"
    rf"(?:years?|times?)|(?:years?|times?)\s+(?:running|in\s+a\s+row|straight))\b",
    re.I,
)
#: Ordinals that do not rank: "at first", "first of all", "for the first time" (an event, not a rank).
_NOT_RANK = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?)\s*,|\bat\s+first\b|\bfirst\s+of\s+all\b|\bfor\s+the\s+first\s+time\b",
    re.I,
)


def ranks(text: str) -> list[Rank]:
    """The rankings of `text` ("first in China", "No. 2", "top three", "one of the highest")."""
    found: list[Rank] = []
    counts = [m.span() for m in _ORDINAL_COUNT_RE.finditer(text)]
    for match in _RANK_RE.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in counts):
            continue
        segment = text[max(0, start - 12) : end + 8]
        if _NOT_RANK.search(segment) and match.group("ord"):
            continue
        if match.group("ord") and start == 0 and re.match(r"\w+\s*,", text):
            continue
        one_of = bool(match.group("oneof"))
        if match.group("top"):
            one_of = (match.group("oneof") or "").lower().startswith("one")
            n = match.group("topn")
            size = int(n) if n.isdigit() else int(parse_number_words(n) or 0)
            found.append(Rank(start, end, match.group(), None, size or None, one_of))
        elif match.group("no"):
            n = match.group("non")
            found.append(
                Rank(start, end, match.group(), int(n) if n.isdigit() else int(_WORD_VALUES[n.lower()]), None, one_of)
            )
        elif match.group("ord"):
            word = match.group("ord")
            after = text[end : end + 16]
            if re.match(r"\s+(?:half|quarter)\b", after, re.I):
                continue
            found.append(Rank(start, end, match.group(), ordinal(word), None, one_of))
        elif match.group("lead"):
            found.append(Rank(start, end, match.group(), 1, None, one_of))
        else:
            sup = match.group("sup")
            if sup.lower().strip() in ("top", "the top"):
                continue
            found.append(Rank(start, end, match.group(), None if one_of else 1, None, one_of))
    return found


# --- attributions -------------------------------------------------------------------------

_WHO = r"(?P<who>(?:the\s+)?[^,.;:!?\"\u201c\u201d]{2,80}?)"
_ATTRIBUTION_RES = [
    re.compile(rf"\baccording\s+to\s+{_WHO}(?=\s*(?:[,.;:!?]|$))", re.I),
    re.compile(
        rf"\b(?:statistics|data|figures|numbers|a\s+report|reports?|research|a\s+survey|estimates)\s+"
        rf"(?:from|by|of)\s+{_WHO}\s+(?:show|shows|showed|indicate|indicates|suggest|suggests|found|say|says)\b",
        re.I,
    ),
    re.compile(
        r"[,\u201d\"]\s*(?:said|says|say|told\s+\w+(?:\s+\w+)?|noted|added|explained)\s+"
        r"(?P<who>(?:[A-Z]|(?:local|provincial|government|senior|city|state)\s+officials|officials|authorities|experts)"
        r"[^,.;:!?\"\u201c\u201d]{0,100}?)(?=\s*(?:[,.;:!?]|$))"
    ),
    re.compile(
        r"(?:^|[,.;]\s*|\bthat\s+|\u201d\s*|\"\s*)(?P<who>(?:the\s+)?(?:(?:[A-Z][\w-]*|of|the|and|for|local|provincial|"
        r"government|city|county|health|senior|state)\s+){0,12}?(?:[A-Z][\w-]*|officials|authorities|experts|analysts"
        r"|researchers|statistics|data|figures))\s+(?:said|says|say|show|shows|showed|reported|estimated|noted)\b"
    ),
]


_APPOSITION = re.compile(
    r"(?:^|[.;]\s+)(?P<who>(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*),\s+[^,;:\"\u201c\u201d]{3,90},\s+"
    r"(?:said|says|told|noted|added)\b"
)
_ATTRIBUTION_RES.append(_APPOSITION)


def attributions(text: str) -> list[Attribution]:
    """Who `text` says stated something: "according to X", "X said", "said X", "data from X show"."""
    found: list[Attribution] = []
    for pattern in _ATTRIBUTION_RES:
        for match in pattern.finditer(text):
            who = match.group("who").strip()
            if not who or any(a.start <= match.start("who") < a.end for a in found):
                continue
            found.append(Attribution(match.start(), match.end(), match.group().strip(' ,.;"\u201c\u201d'), who))
    found.sort(key=lambda a: a.start)
    return found


def scan(text: str) -> Scan:
    """Every quantity, period, rank and attribution of `text`."""
    return Scan(tuple(quantities(text)), tuple(periods(text)), tuple(ranks(text)), tuple(attributions(text)))


def values_in(text: str) -> set[float]:
    """Every figure of `text` as a number, years included ("validate": is the value in the quote?)."""
    found = {q.value for q in quantities(text) if not q.vague}
    found.update(float(p.year) for p in periods(text) if p.year is not None)
    found.update(float(r.position) for r in ranks(text) if r.position is not None)
    found.update(float(r.top) for r in ranks(text) if r.top is not None)
    return found


# --- comparing ----------------------------------------------------------------------------


def compare(said: Quantity, truth: Quantity) -> str:
    """Whether the figure a source states (`truth`) makes `said` true: "yes", "no" or "unknown".

    Both are read as intervals (a hedge or a vague magnitude widens one). Disjoint intervals
    contradict; `said` holds when it contains `truth`, or when it is hedged ("about 27 percent")
    and the source's figure rounds to it; otherwise the source cannot vouch for it.
    """
    if {said.unit, truth.unit} == {"years", "consecutive years"}:
        # "for two years" and "two years running" count the same years.
        said = said._replace(unit=truth.unit)
    if said.unit != truth.unit:
        converted = truth.in_unit(said.unit)
        if converted is None:
            return "no" if _comparable_units(said.unit, truth.unit) else "unknown"
        truth = truth._replace(value=converted, precision=min(truth.precision, said.precision))
    if said.direction and truth.direction and said.direction != truth.direction:
        return "no"
    exact_truth = not truth.vague and truth.qualifier in (None, "exactly")
    if exact_truth and not said.vague and said.qualifier in (None, "exactly") and said.precision <= truth.precision:
        # A bare figure as precise as the source's, or rounded from it ("27 percent" for 26.9).
        return "yes" if abs(truth.value - said.value) <= _unit_step(said) / 2 + 1e-9 * abs(said.value) else "no"
    s_low, s_high, s_low_open, s_high_open = said.bounds()
    t_low, t_high, t_low_open, t_high_open = truth.bounds()
    if _disjoint(s_low, s_high, s_low_open, s_high_open, t_low, t_high, t_low_open, t_high_open):
        return "no"
    contains = (s_low < t_low or (s_low == t_low and (not s_low_open or t_low_open))) and (
        s_high > t_high or (s_high == t_high and (not s_high_open or t_high_open))
    )
    if contains:
        return "yes"
    if truth.qualifier in ("more than", "at least") and not said.vague:
        # "more than 26,000" in a source means less than 27,000: "2.6 million" is a scale error,
        # and so is "more than 62,000" (a bound at twice as much).
        ceiling = truth.value + _round_step(truth.value)
        if said.qualifier is None:
            return "no" if said.value >= ceiling else "unknown"
        if said.qualifier in ("more than", "at least") and said.value >= 2 * ceiling:
            return "no"
    if said.approximate and not truth.vague:
        # "about 27 percent" for 26.9, "about 26,000" for "more than 26,000": the source's figure
        # must round to the one said, or lie within 5 percent of it.
        slack = max(_unit_step(said) / 2, HEDGE_SLACK * abs(said.value)) + 1e-9
        if said.qualifier == "nearly":
            near = said.value - slack <= truth.value <= said.value + _unit_step(said) / 2
        else:
            near = abs(truth.value - said.value) <= slack
        if near:
            return "yes"
        return "no" if exact_truth else "unknown"
    return "unknown"


def _round_step(value: float) -> float:
    """The place of a whole number's last non-zero digit: 10 for 70, 1000 for 26,000."""
    step = 1.0
    while value >= 10 * step and value % (10 * step) == 0:
        step *= 10
    return step


def _comparable_units(a: str, b: str) -> bool:
    """Units that measure the same kind of thing, so one said for the other is an error."""
    families = [{"percent", "percentage points"}, set(_LENGTHS), {"yuan", "dollars"}, {"years", "months", "days"}]
    return any(a in family and b in family for family in families)


def _disjoint(
    a_low: float, a_high: float, a_lo: bool, a_ho: bool, b_low: float, b_high: float, b_lo: bool, b_ho: bool
) -> bool:
    if a_high < b_low or b_high < a_low:
        return True
    if a_high == b_low and (a_ho or b_lo):
        return True
    return b_high == a_low and (b_ho or a_lo)
