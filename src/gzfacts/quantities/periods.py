"""Periods in free text: years and words relative to publication ("last year"), stretches of
years ("four consecutive years", "over the past two years"), and a fact's period read and written."""

from __future__ import annotations

import re
from typing import NamedTuple

from gzfacts.quantities.grammar import PERCENT_RE, TOP_WORDS, YEAR_RE, parse_number_words


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


# --- periods ------------------------------------------------------------------------------

_RELATIVE = [
    (re.compile(r"\blast\s+year\b|\ba\s+year\s+(?:ago|earlier)\b|\bthe\s+previous\s+year\b", re.I), -1),
    (re.compile(r"\bthis\s+year(?:['\u2019]s)?\b|\bcurrently\b|\bat\s+present\b|\bso\s+far\s+this\s+year\b", re.I), 0),
    (re.compile(r"\bnext\s+year\b", re.I), 1),
    (re.compile(r"\btwo\s+years\s+(?:ago|earlier)\b", re.I), -2),
    (re.compile(r"\bthree\s+years\s+(?:ago|earlier)\b", re.I), -3),
]
#: Spans of years up to the time of writing: "over the past two years", "in the last few years".
_SPAN = re.compile(
    rf"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?P<count>\d+|few|several|{TOP_WORDS})\s+years\b", re.I
)
_RELATION = re.compile(
    r"\b(in|by|since|until|till|through|before|after|from|during|as\s+of|end\s+of)\s+(?:the\s+end\s+of\s+)?$", re.I
)


_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
#: A year said as it is spoken, after a word that makes it a date ("by twenty twenty-five",
#: "in two thousand and thirteen"): read as a year, not as figures.
SPOKEN_YEAR = re.compile(
    r"\b(?:in|by|since|until|from|of|before|after)\s+(?P<year>(?:nineteen|twenty)[\s-]+(?:"
    + _TEENS
    + r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+"
    + _UNITS
    + r")?|oh[\s-]+"
    + _UNITS
    + r")|two\s+thousand(?:\s+and)?(?:\s+(?:"
    + _TEENS
    + r"|twenty(?:[\s-]+"
    + _UNITS
    + r")?|"
    + _UNITS
    + r"))?)\b",
    re.I,
)


def _spoken_year(words: str) -> int | None:
    """The year of "twenty twenty-five" (2025), "nineteen ninety-nine", "two thousand and thirteen"."""
    lower = " ".join(words.lower().replace("-", " ").split())
    if lower.startswith("two thousand"):
        rest = lower[len("two thousand") :].replace(" and ", " ").strip()
        value = parse_number_words(rest) if rest else 0.0
        return None if value is None else 2000 + int(value)
    century, _, rest = lower.partition(" ")
    rest = rest.removeprefix("oh ")
    head, tail = parse_number_words(century), parse_number_words(rest)
    if head is None or tail is None:
        return None
    return int(head) * 100 + int(tail)


def periods(text: str) -> list[Period]:
    """The years and relative periods ("last year", "currently") of `text`, in order."""
    found: list[Period] = []
    for match in YEAR_RE.finditer(text):
        after = text[match.end() : match.end() + 16]
        if PERCENT_RE.match(after) or re.match(r"\s?(?:hundred|thousand|million|billion|trillion)\b", after, re.I):
            continue
        relation = _RELATION.search(text[max(0, match.start() - 20) : match.start()])
        word = " ".join(relation.group(1).lower().split()) if relation else ""
        found.append(Period(match.start(), match.end(), match.group(), int(match.group(1)), relation=word))
    for match in SPOKEN_YEAR.finditer(text):
        relation = _RELATION.search(text[max(0, match.start() - 20) : match.start("year")])
        word = " ".join(relation.group(1).lower().split()) if relation else ""
        year = _spoken_year(match.group("year"))
        if year is not None:
            found.append(Period(match.start("year"), match.end(), match.group("year"), year, relation=word))
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
    rf"\b(?P<count>\d+|{TOP_WORDS}|ten)\s+(?:(?:consecutive|straight|successive)\s+years\b"
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
