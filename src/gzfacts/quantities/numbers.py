"""Figures in free text: a number with its scale, unit, noun, hedge and direction (`quantities`),
and whether one figure makes another true (`compare`)."""

from __future__ import annotations

import math
import re
from itertools import pairwise
from typing import NamedTuple

from gzfacts.quantities.grammar import (
    AHEAD,
    COUNTED_BEFORE_RE,
    CURRENCY_SIGNS,
    HEDGE_SLACK,
    LENGTHS,
    MAGNITUDE_RE,
    MAGNITUDES,
    MONTHS,
    NUMBER_RE,
    PERCENT_RE,
    POINTS_RE,
    QUALIFIERS,
    ROUNDING_LIMIT,
    SCALES,
    UNIT_STOP,
    UNIT_WORDS,
    YEAR_RE,
    ordinal,
    parse_number_words,
)
from gzfacts.quantities.ranks import ORDINAL_COUNT_RE, ranks


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
        # A hedge allows what rounds to the figure (but no tenth of it away), or lies within 5 percent
        # of it (1 percent of a figure said to a decimal place).
        share = HEDGE_SLACK if self.precision <= 0 else HEDGE_SLACK / 5
        slack = max(min(unit / 2, ROUNDING_LIMIT * abs(v)), share * abs(v))
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
        if self.unit in LENGTHS and unit in LENGTHS:
            return self.value * LENGTHS[self.unit] / LENGTHS[unit]
        return None


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


_QUALIFIER_WORDS = max(len(q.split()) for q in QUALIFIERS)
_BEFORE_WORDS = re.compile(r"[^\W\d_]+")
_MONTH_AFTER = re.compile(rf"\s+(?:{'|'.join(MONTHS)})\b", re.I)


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
    percent = PERCENT_RE.match(rest)
    if percent:
        unit, stop = "percent", end + percent.end()
        points = POINTS_RE.match(text, stop)
        if points:  # "2 percentage points" is never read as "2 percent"
            unit, stop = "percentage points", stop + points.end()
        noun, stop = _noun_after(text, stop, of_only=True)
        return unit, noun, stop
    points = POINTS_RE.match(rest)
    if points and "percent" in points.group(1).lower():
        noun, stop = _noun_after(text, end + points.end(), of_only=True)
        return "percentage points", noun, stop
    short = re.match(r"\s*yrs?\b", text[end:])
    if short and _IN_A_ROW.match(text, end + short.end()):
        return "consecutive years", short.group().strip(), end + short.end()  # "4 yrs running"
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


#: "two years ago", "six years before the article appeared": a time counted from another, not a figure.
_AGO = re.compile(
    r"\s+(?:ago\b|(?:before|after|ahead\s+of)\s+(?:the\s+)?(?:China\s+Daily\s+)?(?:article|story|report|piece|paper)\b)",
    re.I,
)
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
        elif lowered in UNIT_STOP or (words and lowered in ("of",)) or lowered in MONTHS:
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
        # "two years after the State's deadline": before or after a deadline is ahead or behind.
        match = re.match(
            r"\s*(before|after)\s+(?:the\s+|its\s+)?(?:[\w-]+['\u2019]s\s+)?(?:[\w-]+\s+)?"
            r"(?:deadline|target|schedule|goal|due\s+date)",
            text[end : end + 60].lower(),
        )
    if not match:
        return None
    return "ahead" if match.group(1) in AHEAD else "behind"


def quantities(text: str, *, years: bool = False) -> list[Quantity]:
    """Every number in `text` that is a figure (years are periods, ordinals are ranks), in order.
    With `years`, a number that looks like a year is a figure too: a fact whose value is 2047
    (points) is read from its quote as a figure, not a date."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in COUNTED_BEFORE_RE.finditer(text):
        words = " ".join((match.group("mag") or match.group("few")).split()).lower()
        low, _ = _magnitude_bounds(words)
        start = match.start("mag") if match.group("mag") else match.start("few")
        found.append(
            Quantity(
                start, match.end(), text[start : match.end()], low, "", match.group("noun"), None, words, 0, vague=True
            )
        )
        taken.append((start, match.end()))
    for match in MAGNITUDE_RE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        words = " ".join((match.group("mag") or match.group("few")).split()).lower()
        low, _ = _magnitude_bounds(words)
        # "thousands of patients": the unit is read from "of"; "several dozen countries" from the end.
        unit, noun, stop = _unit_after(text, match.end() - 2 if match.group("mag") else match.end())
        qualifier, begin = _qualifier_before(text, match.start())
        noun = noun[3:] if noun.lower().startswith("of ") else noun
        found.append(Quantity(begin, stop, text[begin:stop], low, unit, noun, qualifier, words, 0, vague=True))
        taken.append((match.start(), match.end()))
    taken.extend((r.start, r.end) for r in ranks(text) if r.top is not None or r.text[:1] in "Nn#")
    for match in ORDINAL_COUNT_RE.finditer(text):
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
    for match in NUMBER_RE.finditer(text):
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
    elif match.group("single") is not None:
        reading = (1.0, 1.0, match.group("single"), 0)
    elif match.group("one") is not None:
        # "nearly a kilometre": a round figure, no nearer to 565 metres than "1.0 km" is.
        reading = (0.5 if match.group("one").lower().startswith("half") else 1.0, 1.0, match.group("one"), 1)
    else:
        scale_name = match.group("a").split()[-1].lower()
        half = 0.5 if match.group("a").lower().startswith("half") else 1.0
        reading = (half, SCALES[scale_name], match.group("a"), -round(math.log10(SCALES[scale_name])))
    if reading is None:
        return None
    value, scale, number_text, precision = reading
    # "70-odd", "seventy odd", "70-plus": more than 70 (not "70 plus 30", a sum)
    odd = re.match(r"-?\s?(?:odd|plus)\b(?!\s*\d)|\+(?!\s*\d)", text[end : end + 12])
    if odd:
        end += odd.end()
    unit, noun, stop = _unit_after(text, end)
    if currency:
        unit = CURRENCY_SIGNS.get(currency.strip(), unit)
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
    if not years and YEAR_RE.fullmatch(numeral) and not scale_word and not PERCENT_RE.match(after) and not currency:
        return None  # a year: see periods()
    if re.search(r"\bNo\.?\s*$", before, re.IGNORECASE) or re.match(r"(?:st|nd|rd|th)\b", after):
        return None  # a rank: see ranks()
    if (
        re.match(r"\s+[A-Z][a-z]", after)
        and not _MONTH_AFTER.match(after)
        and (re.search(r"\bthe\s*$", before, re.IGNORECASE) or not before.strip())
    ):
        return None  # "the 39 Internet Hospital", a headline's "39 Internet Hospital ...": part of a name
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
        r"[\s-]+(?:hundred|thousand|million|billion|trillion|percent|per cent|years?\b|kilomet|km\b|miles?\b)", after
    ):
        return None
    parsed = parse_number_words(words)
    if parsed is None:
        return None
    _, point, decimals = words.lower().partition(" point ")
    return parsed, 1.0, words, len(decimals.split()) if point else 0


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
        return "yes" if abs(truth.value - said.value) <= _rounding(said) + 1e-9 * abs(said.value) else "no"
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
        if said.qualifier in ("about", "nearly") and s_low >= 2 * ceiling:
            return "no"  # "some seven hundred" against "more than 70" (not "roughly 30,000" against 26,000)
        if said.qualifier in ("more than", "at least") and said.value >= 2 * ceiling:
            return "no"
    if said.approximate and not truth.vague:
        # "about 27 percent" for 26.9, "about 26,000" for "more than 26,000": the source's figure
        # must round to the one said, or lie within 5 percent of it.
        # A figure said to a decimal place is hedged by no more than 1 percent of it ("some 81.3 percent" is not 83.1).
        share = HEDGE_SLACK if said.precision <= 0 else HEDGE_SLACK / 5
        slack = max(_rounding(said), share * abs(said.value)) + 1e-9
        if said.qualifier == "nearly":
            near = said.value - slack <= truth.value <= said.value + _rounding(said)
        else:
            near = abs(truth.value - said.value) <= slack
        if near:
            return "yes"
        return "no" if exact_truth else "unknown"
    return "unknown"


def _rounding(said: Quantity) -> float:
    """How far the figure a source states may lie from one said rounded: half the last place
    said ("27 percent" for 26.9), but never a tenth of the figure or more ("1 km" is no rounding
    of 565 metres)."""
    return min(_unit_step(said) / 2, ROUNDING_LIMIT * abs(said.value))


def _round_step(value: float) -> float:
    """The place of a whole number's last non-zero digit: 10 for 70, 1000 for 26,000."""
    step = 1.0
    while value >= 10 * step and value % (10 * step) == 0:
        step *= 10
    return step


def _comparable_units(a: str, b: str) -> bool:
    """Units that measure the same kind of thing, so one said for the other is an error."""
    families = [{"percent", "percentage points"}, set(LENGTHS), {"yuan", "dollars"}, {"years", "months", "days"}]
    return any(a in family and b in family for family in families)


def _disjoint(
    a_low: float, a_high: float, a_lo: bool, a_ho: bool, b_low: float, b_high: float, b_lo: bool, b_ho: bool
) -> bool:
    if a_high < b_low or b_high < a_low:
        return True
    if a_high == b_low and (a_ho or b_lo):
        return True
    return b_high == a_low and (b_ho or a_lo)
