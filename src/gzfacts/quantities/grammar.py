"""The words and token patterns every part of the quantities parser reads: number words and
ordinals, scales, magnitudes, hedges, units, and the regular expressions of numerals and years."""

from __future__ import annotations

import re
from functools import lru_cache

# --- vocabulary ----------------------------------------------------------------------------

SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
WORD_VALUES = {word: float(i) for i, word in enumerate(SMALL[:20])}
WORD_VALUES.update({word: float(10 * (i + 2)) for i, word in enumerate(SMALL[20:])})
WORD_VALUES["dozen"] = 12.0
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
ORDINALS = {
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
    "upward of": "more than",
    "just over": "more than",
    "a little over": "more than",
    "a little more than": "more than",
    "slightly over": "more than",
    "slightly more than": "more than",
    "a bit over": "more than",
    "a bit more than": "more than",
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
    "just shy of": "nearly",
    "shy of": "less than",
    "a shade under": "less than",
    "a touch under": "less than",
    "a shade over": "more than",
    "a touch over": "more than",
    "give or take": "about",
    "a little under": "less than",
    "a little less than": "less than",
    "slightly under": "less than",
    "slightly less than": "less than",
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
#: The most a figure said rounded may differ from the source's, as a share of it ("1 km" for 565 metres is too far).
ROUNDING_LIMIT = 0.1
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
    "yrs": "years",
    "yr": "years",
    "months": "months",
    "month": "months",
    "days": "days",
    "day": "days",
}
#: Lengths in meters, so "1,855 feet" can be compared with "565.4 meters".
LENGTHS = {"meters": 1.0, "kilometers": 1000.0, "feet": 0.3048, "miles": 1609.344}
CURRENCY_SIGNS = {"$": "dollars", "US$": "dollars", "¥": "yuan", "RMB": "yuan"}
#: Ways of saying the figure leads or trails ("two years ahead of time", "behind schedule").
AHEAD = ("ahead of", "ahead", "early", "earlier", "before")
BEHIND = ("behind", "late", "later", "after", "overdue")
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
#: Words that end a unit phrase (besides punctuation): function words and verbs of reporting.
UNIT_STOP = frozenset(
    """a an and are as at be been but by during for from had has have in into is it its last
    on or over since than that the their this those to under until was were which while who
    whose with within said says say show shows showed according ahead behind early earlier ago
    before after above below across per compared against year-on-year yoy nationwide nationally""".split()
)

# --- the token grammar --------------------------------------------------------------------

NUMERAL = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
NUMBER_WORD = "|".join(sorted([*WORD_VALUES, "hundred", "thousand", "million", "billion", "trillion"], key=len))
# A run of number words: "four", "twenty-six", "one hundred and two", "twenty-six thousand".
DIGIT_WORD = "zero|one|two|three|four|five|six|seven|eight|nine"
# ... with decimals read out: "twenty-six point nine".
WORDS_RUN = rf"(?:{NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{NUMBER_WORD}))*(?:\s+point(?:\s+(?:{DIGIT_WORD})\b)+)?"
SCALE = r"(?:hundred|thousand|million|billion|trillion|mln|bln|bn|tn)\b"
NUMBER_RE = re.compile(
    rf"(?<![\w.,/$¥-])(?<!RMB)(?<!RMB\s)(?P<currency>US\$|\$|¥|RMB\s?)?"
    rf"(?:(?P<numeral>{NUMERAL})(?!(?(currency)\w|(?!(?:km|m)\b)\w)|,\d|/|\.\d)(?:\s?(?P<scale>{SCALE}))?"
    rf"|(?P<words>\b(?:{WORDS_RUN})\b)"
    rf"|(?P<a>\b(?:half\s+)?a\s+(?:{SCALE}))"
    # "a kilometre above the valley": one of a unit of length, said as a round figure.
    r"|(?P<one>\b(?:half\s+)?an?(?=\s+(?:kilomet(?:re|er)s?\b|km\b|metres?\b|meters?\b|miles?\b)))"
    # "a single year ahead": one year (only of time: "not a single patient" is no count)
    r"|(?P<single>\b(?:a|one)\s+single\b(?=\s+(?:year|month|week|day)\b)))",
    re.IGNORECASE,
)
MAGNITUDE_RE = re.compile(
    r"\b(?:(?P<mag>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)"
    r"\s+of\b|(?P<few>(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million))\b(?!\s+(?:percent|per\s+cent)))",
    re.IGNORECASE,
)
#: A count said after what it counts: "the village sites number (only) in the hundreds", "... number
#: just a few hundred". The subject's last words say what is counted.
COUNTED_BEFORE_RE = re.compile(
    r"(?P<noun>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2})\s+(?:still\s+)?(?:numbers?|numbered|totals?|totalled|totaled)"
    r"\s+(?:only\s+|just\s+|merely\s+)?(?:in\s+the\s+(?P<mag>hundreds|thousands|millions|dozens)\b|"
    r"(?P<few>(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million))\b)",
    re.IGNORECASE,
)
PERCENT_RE = re.compile(r"\s?(%|per\s?cent\b|percent\b|pct\b)", re.IGNORECASE)
POINTS_RE = re.compile(r"\s+(percentage\s+points?|points?|ppts?|pp)\b", re.IGNORECASE)
YEAR_RE = re.compile(r"(?<![\w.,$¥-])(1[89]\d\d|20\d\d)(?!\w|,\d|%|\.\d)(?:s\b)?")
WORD_RE = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*|%|\$")


#: The number words from one to nineteen, as a pattern ("top three", "four consecutive years").
TOP_WORDS = "|".join(SMALL[1:20])


@lru_cache(maxsize=4096)
def parse_number_words(words: str) -> float | None:
    """The value of number words ("four", "twenty-six thousand", "one hundred and two"), or None."""
    key = " ".join(words.lower().replace("-", " ").split())
    whole, point, decimals = key.partition(" point ")
    if point:
        digits = [WORD_VALUES.get(word) for word in decimals.split()]
        value = parse_number_words(whole)
        if value is None or any(d is None or d > 9 for d in digits):
            return None
        return value + float("0." + "".join(str(int(d or 0)) for d in digits))
    if key in WORD_VALUES:
        return WORD_VALUES[key]
    head, _, last = key.rpartition(" ")
    if last == "dozen" and head:
        # "two dozen", "half a dozen" is not read here: number-parser does not know "dozen".
        times = parse_number_words(head)
        return None if times is None else times * 12.0
    # number-parser reads compound number words; it is only imported when a text has them.
    from number_parser import parse_number

    value = parse_number(key)
    return float(value) if value is not None else None


def ordinal(word: str) -> int | None:
    """The position an ordinal names ("first" 1, "3rd" 3, "twenty-first" 21), or None."""
    lowered = word.lower()
    if lowered in ORDINALS:
        return ORDINALS[lowered]
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", lowered)
    if match:
        return int(match.group(1))
    if "-" in lowered or " " in lowered:
        from number_parser import parse_ordinal

        value = parse_ordinal(lowered)
        return int(value) if value is not None else None
    return None
