"""What the checker needs of a fact, worked out once per fact (its `Profile`: what it is about,
its figures, ranks, year and names), and how a sentence's words and years are matched with it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from gzfacts.checking import vocabulary
from gzfacts.checking.words import proper_names, terms, unit_words
from gzfacts.model import Fact
from gzfacts.quantities import Period, Quantity, Rank, period_years, quantities, ranks
from gzfacts.text import stem

#: The share of a fact's own words (those of its claim) a sentence must have to be about it.
ALIGNED = 0.5


@lru_cache(maxsize=1)
def _dimensions() -> dict[str, str]:
    return vocabulary.pairs("dimensions")


@lru_cache(maxsize=1)
def event_words() -> frozenset[str]:
    return vocabulary.words("events")


@lru_cache(maxsize=1)
def generic_sources() -> frozenset[str]:
    """The stems of who any fact of a source may be attributed to ("the article", "China Daily")."""
    return frozenset(stem(word) for word in vocabulary.words("attribution"))


# --- facts, read once ---------------------------------------------------------------------


class Profile(NamedTuple):
    """What the checker needs of a fact, worked out once per fact."""

    fact: Fact
    #: Content terms of the claim: what the fact is about.
    key: frozenset[str]
    #: Content terms of everything said of the fact (claim, quote, aliases, unit, topic).
    text: frozenset[str]
    #: The figure as the quote states it (with its hedge and direction), or None.
    truth: Quantity | None
    #: Every figure the fact states: (figure, the words of what it counts, whether it is the value).
    truths: tuple[tuple[Quantity, frozenset[str], bool], ...]
    ranks: tuple[Rank, ...]
    #: The year the fact is about: its period, else the year its source was published.
    year: str | None
    #: When the fact's source was published ("2019-10-01"), which relative periods are read against.
    published: str | None
    #: Whether the period is the date of an event ("launched in 2013").
    event: bool
    names: frozenset[str]
    unit_terms: frozenset[str]
    dimension: str | None


def profile_of(fact: Fact, published: str | None, topic_title: str, about: frozenset[str]) -> Profile:
    everything = " ".join([fact.claim, fact.quote, " ".join(fact.aliases), fact.unit or "", topic_title])
    truth = _truth(fact)
    fact_ranks = tuple(ranks(fact.quote)) + tuple(ranks(fact.qualifier or ""))
    year = fact.period or _streak_years(truth, published) or (published[:4] if published else None)
    event = (
        fact.value is None
        and fact.period is not None
        and fact.period_inferred_from is None
        and bool(terms(fact.claim) & event_words())
    )
    names = proper_names(
        " ".join([fact.claim, fact.quote, fact.attributed_to or ""]),
    )
    unit_terms = unit_words(" ".join([fact.unit or "", truth.noun if truth else ""]))
    truths: list[tuple[Quantity, frozenset[str], bool]] = []
    if truth is not None:
        truths.append((truth, frozenset(unit_terms), True))
    # The other figures of the quote and the qualifier ("thousands of patients") are the fact's too.
    for other in [*quantities(fact.quote), *quantities(fact.qualifier or "")]:
        if truth is None or (other.value, other.unit, other.vague) != (truth.value, truth.unit, truth.vague):
            truths.append((other, frozenset(unit_words(f"{other.noun} {other.unit}")), False))
    return Profile(
        fact,
        # What the fact is about, not who says it ("According to the China Academy of ...").
        frozenset(terms(fact.claim) - terms(fact.attributed_to or "") - about) or frozenset(terms(fact.claim) - about),
        frozenset(terms(everything) - about),
        truth,
        tuple(truths),
        fact_ranks,
        year,
        published,
        event,
        frozenset(names),
        frozenset(unit_terms),
        dimension_of(" ".join([fact.quote, fact.unit or "", " ".join(fact.aliases)])),
    )


def _streak_years(truth: Quantity | None, published: str | None) -> str | None:
    """The years an undated run of years surely covers, so that "last year" is one of them: "for
    three consecutive years" in 2019 is 2016-2018 or 2017-2019 (a ranking is often of the year
    before), and 2017-2018 in either reading."""
    if truth is None or truth.unit != "consecutive years" or not published or not published[:4].isdigit():
        return None
    end = int(published[:4])
    first, last = end - int(truth.value) + 1, end - 1
    return f"{first}-{last}" if first < last else str(last) if first == last else None


def dimension_of(text: str) -> str | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _dimensions():
            return _dimensions()[word]
    return None


def _truth(fact: Fact) -> Quantity | None:
    """The fact's figure as its quote states it, hedge and direction included."""
    if fact.value is None:
        return None
    value = float(fact.value)
    # A value that looks like a year (2047 points) is read as a figure: the fact says it is one.
    years = value.is_integer() and 1000 <= value <= 2999
    candidates = [q for q in quantities(fact.quote, years=years) if abs(q.value - value) < 1e-9 * max(1.0, abs(value))]
    unit_words = terms(fact.unit or "")
    if candidates:
        candidates.sort(key=lambda q: -len(terms(q.noun + " " + q.unit) & unit_words))
        return candidates[0]
    # Not in the quote as a figure (a base that is not validated): build it from the fields.
    written = f"{fact.qualifier or ''} {fact.value} {fact.unit or ''}".strip()
    parsed = [q for q in quantities(written, years=years) if abs(q.value - value) < 1e-9 * max(1.0, abs(value))]
    return parsed[0] if parsed else None


def within(period: str | None, year: str | int | None) -> bool:
    """Whether a year falls in a fact's period: "2018" in "2018", and in the span "2015-2018"."""
    span = period_years(period)
    if span is None or year is None:
        return period is not None and period == str(year)
    return span[0] <= int(year) <= span[1]


def same_period(when: list[Period], profile: Profile) -> float:
    """How much the sentence's period speaks for a fact: two facts resting on one quote ("600,000
    servers in 2019 and 1.2 million by 2021") are told apart by the year the sentence gives."""
    years = {p.resolve(profile.published) for p in when} - {None}
    if not years or profile.year is None:
        return 0.0
    return 1.5 if any(within(profile.year, year) for year in years) else -1.0


def is_about(sentence_terms: set[str], profile: Profile, synonyms: Mapping[str, frozenset[str]] | None = None) -> bool:
    """Whether a sentence is about what a fact is about: it has half the words of the fact's
    claim, or most of its own words are the fact's and two of them are the claim's. A word counts
    as the fact's when one of its `synonyms` (by the word's term) is ("started its big data drive"
    is about "launched its big data initiative")."""
    if not sentence_terms:
        return False
    synonyms = synonyms or {}

    def hits(words: frozenset[str]) -> int:
        return sum(1 for term in sentence_terms if term in words or synonyms.get(term, frozenset()) & words)

    key = hits(profile.key)
    if key / max(1, len(profile.key)) >= ALIGNED:
        return True
    return key >= 2 and hits(profile.text) / len(sentence_terms) >= 0.6


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        whole = int(value)
        for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
            if whole >= size and whole % (size // 100) == 0:
                return f"{whole / size:g} {word}"
        return f"{whole:,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"


def expected_of(profile: Profile) -> str:
    """What the fact says, in words: "more than 70 county-level ... centers", "26.9 percent of provincial GDP, 2018"."""
    fact = profile.fact
    truth = profile.truth
    hedge = f"{truth.qualifier} " if truth and truth.qualifier and not truth.vague else ""
    figure = truth.text if truth and truth.vague else f"{hedge}{_number(float(fact.value or 0))} {fact.unit or ''}"
    return with_period(figure.strip(), fact)


def with_period(text: str, fact: Fact) -> str:
    return f"{text}, {fact.period}" if fact.period else text
