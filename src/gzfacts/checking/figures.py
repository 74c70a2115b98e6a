"""A sentence's figures matched with a fact's: the same kind and measure, the same period, one
figure of the sentence per figure of the fact, and the words around each figure (its clause)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from gzfacts.checking import comparisons
from gzfacts.checking.profiles import Profile, dimension_of, within
from gzfacts.checking.verdict import Part
from gzfacts.checking.words import terms
from gzfacts.clauses import leading_clause_end
from gzfacts.model import Fact
from gzfacts.quantities import Period, Quantity, Scan, compare, quantities, ranks

#: What `bare_match` gives a bare number that is the article's figure.
BARE_AGREES = 1.5


def bare_match(said: Quantity, truth: Quantity) -> float:
    """How well a bare number ("at 10,250 against just over 70") fits a figure of the article: it
    says what it counts only by being that figure, or near it in size."""
    bound = said.qualifier in ("more than", "less than", "at least", "at most")
    if compare(said, truth) == "yes" and (not bound or 0.5 <= said.value / max(truth.value, 1e-9) <= 2):
        # "Fewer than 20,000" holds of 61 countries too: a bound agrees only with a figure of its size.
        return BARE_AGREES
    if said.value > 0 and truth.value > 0:
        return max(0.0, 1.0 - abs(math.log10(said.value / truth.value)))
    return 0.0


def read_terms(text: str) -> set[str]:
    """The terms of a text as read: a phrasal verb by what it is read as ("dates back to" is
    "begin", not "date" and "back"), every other word by its own."""
    from gzfacts.checking import reader

    return terms(" ".join(word.base or word.text for word in reader.words(text)))


def phrasal_terms(text: str) -> set[str]:
    """The terms of the words phrasal verbs are read as ("kicked off": "launch"; "stepped up": "increase")."""
    from gzfacts.checking import reader

    return terms(" ".join(word.base for word in reader.words(text) if word.base))


def yearlike_figures(sentence: str, found: Scan, candidates: list[Profile]) -> Scan:
    """A number read as a year that a candidate fact states as a figure, with a unit after it
    ("2047 points", where a fact gives 2047 points), is that figure, not a year."""
    figures = {int(p.truth.value) for p in candidates if p.truth and p.truth.value.is_integer()}
    years = [p for p in found.periods if p.year is not None and p.year in figures and p.span is None]
    if not years:
        return found
    spans = {(p.start, p.end) for p in years}
    read = [q for q in quantities(sentence, years=True) if q.unit or q.noun]
    taken = [q for q in read if any(a <= q.start < b for a, b in spans)]
    if not taken:
        return found
    starts = {q.start for q in taken}
    periods = tuple(p for p in found.periods if not any(p.start <= s < p.end for s in starts))
    quantities_ = tuple(sorted([*found.quantities, *taken], key=lambda q: q.start))
    return found._replace(quantities=quantities_, periods=periods)


def one_figure_per_fact(
    figures: list[tuple[Part, Fact | None, float, bool]],
) -> list[tuple[Part, Fact | None]]:
    """Each of a fact's figures judges one figure of the sentence: the one that agrees with it,
    else the likeliest. "GDP grew 9.1 percent, while the digital economy grew 24.6 percent":
    the 9.1 percent is not the digital economy's growth. But a figure that names what it counts
    in the fact's words and is wrong stays wrong ("sites number just over seventy, backed by
    10,250 county-level centres": the two figures swapped)."""
    chosen: dict[tuple[str | None, str | None], int] = {}
    for index, (part, fact, score, _) in enumerate(figures):
        if fact is None:
            continue
        key = (part.fact, part.expected)
        best = chosen.get(key)
        if best is None or (part.status == "supported", score) > (
            figures[best][0].status == "supported",
            figures[best][2],
        ):
            chosen[key] = index
    result = []
    for index, (part, fact, _, named) in enumerate(figures):
        if named and part.status == "contradicted":
            pass
        elif fact is not None and chosen[(part.fact, part.expected)] != index:
            note = "the fact's figure is another one of the sentence"
            part, fact = Part(part.kind, part.text, part.start, part.end, "unverifiable", note=note), None
        result.append((part, fact))
    return result


def mismatch(sentence: str, profile: Profile, when: list[Period], q: Quantity | None = None) -> str | None:
    """Why a fact cannot judge a sentence's part (another period or measure), or None."""
    years = {p.resolve(profile.published) for p in when} - {None}
    if years and profile.year is not None and not any(within(profile.year, year) for year in years):
        return f"another period: the article's figure is for {profile.year}"
    if q is not None and q.unit in ("meters", "feet", "kilometers", "miles"):
        said = dimension_of(around(sentence, q, bounds_of([q])))
        if said and profile.dimension and said != profile.dimension:
            return f"another measure: {said}, not {profile.dimension}"
    return None


#: Why a figure the article gives is contradicted by the year a sentence puts it in.
MISDATED = "the article's figure, put in another year"


def misdated_part(
    q: Quantity,
    truth: Quantity,
    profile: Profile,
    when: list[Period],
    words: set[str],
    unit_terms: frozenset[str],
    primary: bool,
    agrees: str,
    note: str | None,
) -> Part | None:
    """The article's own figure, of the fact's own measure, dated to a year the fact is not of
    ("26.9 percent of GDP in 2016" where the article gives it for 2018): the writer took the
    figure and moved it, and the year is the error, not something the article leaves open. A
    figure the article does not give ("30 percent in 2019") stays unverifiable: the article
    says nothing of that year."""
    if not (note or "").startswith("another period") or not primary or agrees != "yes":
        return None
    if truth.vague or not profile.fact.period or not measures(q, truth, words, unit_terms):
        return None
    said = next(
        (p for p in when if p.resolve(profile.published) and not within(profile.year, p.resolve(profile.published))),
        None,
    )
    if said is None or said.span is not None or said.relation not in ("in", ""):
        return None  # "since 2016", "by 2020": a run of years or a deadline, not the figure's year
    year = said.resolve(profile.published)
    if profile.published and year and int(year) > int(profile.published[:4]):
        return None  # a year after the article: it cannot know what was said of it
    expected = f"{truth.text} for {profile.year}"
    return Part("year", said.text, said.start, said.end, "contradicted", expected, profile.fact.id, MISDATED)


def streak_of_another(sentence: str, truth: Quantity, profile: Profile) -> str | None:
    """Why a run of years cannot be judged: the article's run is of a ranking ("ranking first in
    China for four consecutive years") and the sentence ranks nothing ("grew more than 20
    percent for four straight years"; "faster than any other" ranks), so it gives the run to something else."""
    ranked = ranks(sentence) or comparisons.spans(comparisons.find(sentence))
    if truth.unit != "consecutive years" or not profile.ranks or ranked:
        return None
    return f"the article's {truth.text} are of ranking {profile.ranks[0].text}, which the sentence does not say"


def measures(said: Quantity, truth: Quantity, words: set[str], unit_terms: frozenset[str]) -> bool:
    """Whether the sentence says what its figure measures in the fact's terms: the same kind of
    unit (meters for meters or feet), or a word of the fact's unit ("GDP", "growth", "villages")."""
    if said.unit not in ("", "percent", "percentage points"):
        return True  # a unit of the fact's kind (same_kind chose it): "feet" for "meters"
    return bool(words & (unit_terms - {"of", "the", "and", "percent", "per", "cent"}))


def same_kind(said: Quantity, truth: Quantity) -> bool:
    percent = {"percent", "percentage points"}
    if (said.unit in percent) != (truth.unit in percent):
        return False
    durations = {"years", "consecutive years", "months", "days"}
    if (said.unit in durations) != (truth.unit in durations):
        return False
    money = {"yuan", "dollars"}
    return (said.unit in money) == (truth.unit in money)


#: The figures' ends and starts of a sentence, each in order (figures do not overlap).
Bounds = tuple[tuple[int, ...], tuple[int, ...]]


def bounds_of(found: Sequence[Quantity]) -> Bounds:
    """Worked out once a sentence: asked for every figure, a scan of them all would take time in
    the square of their number ("1 2 3 4 ..." pasted from a table)."""
    return tuple(x.end for x in found), tuple(x.start for x in found)


#: Where a clause about something else begins ("..., whereas in e-governance ...").
_OTHER_CLAUSE = re.compile(r";|,\s+(?:whereas|while|but|although|though)\b|\s+whereas\s+", re.I)


def around(sentence: str, q: Quantity, bounds: Bounds) -> str:
    """The words around a figure, up to the figures before and after it, within its clause
    ("for four years, whereas in e-governance ... three years": e-governance is the other's)."""
    ends, starts = bounds
    before = bisect_right(ends, q.start)
    after = bisect_left(starts, q.end)
    start = ends[before - 1] if before else 0
    end = starts[after] if after < len(starts) else len(sentence)
    for match in _OTHER_CLAUSE.finditer(sentence, start, end):
        if match.end() <= q.start:
            start = match.end()
        elif match.start() >= q.end:
            end = match.start()
            break
    lead = leading_clause_end(sentence)  # "Though it was a quarter of GDP, it grew by nearly 25 percent"
    if lead is not None:
        start, end = (max(start, lead + 1), end) if q.start > lead else (start, min(end, lead))
    return sentence[start:end]


def blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)
