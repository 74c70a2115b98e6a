"""The checkable parts of a sentence, judged against the facts: figures, years, ranks, speakers.

Each sentence is read by the quantities parser into its checkable parts (figures with unit and
hedge, years, ranks, who said it). The facts it may rest on are retrieved with the sentence's
words *without its numbers*, so that a wrong figure cannot steer retrieval away from the fact it
contradicts. Each part is then matched with the fact about the same thing (same unit, same
words) and judged:

- `supported`: the fact makes the part true ("about 27 percent" for 26.9 percent);
- `contradicted`: the fact, about the same thing, place and period, makes it false;
- `unverifiable`: no fact is about it, or the fact is about another period, place or measure
  (a figure for 2018 never contradicts one said of 2019; Guiyang is not Guizhou).

The words around the parts are the aligner's (gzfacts.checking.align).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.checking import comparisons, vocabulary
from gzfacts.checking.verdict import Part
from gzfacts.checking.words import (
    demonym,
    first_word,
    head_noun,
    name_terms,
    proper_names,
    retrieval_query,
    terms,
    unit_words,
)
from gzfacts.model import Fact
from gzfacts.quantities import (
    Attribution,
    Period,
    Quantity,
    Rank,
    Scan,
    compare,
    period_years,
    quantities,
    ranks,
    scan,
)
from gzfacts.text import stem, tokens

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.factbase import FactBase

#: Facts retrieved per sentence before parts are matched with them.
CANDIDATES = 8
#: The share of a fact's own words (those of its claim) a sentence must have to be about it.
ALIGNED = 0.5
NAMES_NO_ONE = "the article names no one"


@lru_cache(maxsize=1)
def _dimensions() -> dict[str, str]:
    return vocabulary.pairs("dimensions")


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    return vocabulary.words("events")


@lru_cache(maxsize=1)
def _generic_sources() -> frozenset[str]:
    return vocabulary.words("attribution")


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


def _profile(fact: Fact, published: str | None, topic_title: str, about: frozenset[str]) -> Profile:
    everything = " ".join([fact.claim, fact.quote, " ".join(fact.aliases), fact.unit or "", topic_title])
    truth = _truth(fact)
    fact_ranks = tuple(ranks(fact.quote)) + tuple(ranks(fact.qualifier or ""))
    year = fact.period or _streak_years(truth, published) or (published[:4] if published else None)
    event = (
        fact.value is None
        and fact.period is not None
        and fact.period_inferred_from is None
        and bool(terms(fact.claim) & _event_words())
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
        _dimension(" ".join([fact.quote, fact.unit or "", " ".join(fact.aliases)])),
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


def _dimension(text: str) -> str | None:
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


class _SourceTerms(NamedTuple):
    published: str | None
    #: The stems of the names its title gives ("Guizhou"): what every fact of it is about, so
    #: they tell none of them apart.
    about: frozenset[str]
    #: The terms of its publisher and author: an attribution to them is an attribution to the article.
    words: frozenset[str]
    #: The places and bodies its title, publisher and author name: a sentence may name them.
    names: frozenset[str]


class PartsRead(NamedTuple):
    """What the parts reader found in a sentence."""

    scan: Scan
    parts: list[Part]
    #: The facts the parts were judged against.
    used: list[Fact]
    #: The candidate facts the sentence's words are about, the likeliest first.
    aligned: list[Profile]
    #: Every candidate retrieved.
    candidates: list[Profile]


class Parts:
    """Reads and judges the checkable parts of sentences against one fact base; keeps what it
    has worked out about its facts."""

    def __init__(self, fb: FactBase) -> None:
        self.fb = fb
        self.retriever = fb.retriever()
        self._profiles: dict[str, Profile] = {}
        self._names: dict[str, bool] = {}
        self._topics = {topic.id: topic.title for topic in fb.topics()}
        # Sources are read when a fact of theirs is judged: a big base has thousands of them.
        self._sources: dict[str, _SourceTerms] = {}

    def source_terms(self, source_id: str) -> _SourceTerms:
        """What the checker needs of a fact's source: when it was published, the words of its
        publisher and author, and the names its title, publisher and author give (read once)."""
        found = self._sources.get(source_id)
        if found is None:
            source = self.fb.source(source_id)
            found = self._sources[source_id] = _SourceTerms(
                source.published,
                frozenset(stem(name) for name in proper_names(source.title)),
                frozenset(terms(f"{source.publisher} {source.author}")),
                frozenset(proper_names(f"{source.title} {source.publisher} {source.author}")),
            )
        return found

    def profile(self, fact: Fact) -> Profile:
        """The checker's reading of a fact (worked out once)."""
        found = self._profiles.get(fact.id)
        if found is None:
            source = self.source_terms(fact.source)
            found = _profile(fact, source.published, self._topics.get(fact.topic, ""), source.about)
            self._profiles[fact.id] = found
        return found

    def is_name(self, word: str) -> bool:
        """Whether a lowercased word is a name in the fact base: capitalised mid-sentence in a
        fact that has it ("Guiyang"), not only at the start of one ("Village")."""
        found = self._names.get(word)
        if found is None:
            first = self.retriever.first(stem(word), 3)
            found = any(word in proper_names(f"{f.claim} {f.quote}") for f in self.retriever.facts(first))
            self._names[word] = found
        return found

    def candidates(self, sentence: str) -> list[Profile]:
        """The facts a sentence may rest on, retrieved with its words and without its numbers."""
        query = [t.term for t in tokens(retrieval_query(sentence))]
        return [self.profile(fact) for fact in self.retriever.candidates(query, CANDIDATES)]

    # -- one sentence ----------------------------------------------------------------------

    def read(self, sentence: str) -> PartsRead:
        """The sentence's checkable parts, each judged, with the facts they rest on and the
        candidate facts the sentence may be about (those it is aligned with first)."""
        found = scan(sentence)
        candidates = self.candidates(sentence)
        found = _yearlike_figures(sentence, found, candidates)
        context = _without(sentence, [(a.start, a.end) for a in found.attributions])
        about = frozenset().union(*(self.source_terms(p.fact.source).about for p in candidates[:3]))
        # A figure's number and hedge say nothing of what it is about ("upwards of twenty-six thousand").
        numbers = [
            (q.start, q.end - len(q.noun) if q.noun and q.text.endswith(q.noun) else q.end) for q in found.quantities
        ]
        bare = _without(context, numbers)
        sentence_terms = (terms(bare) | _phrasal_terms(bare)) - about
        names = self._names_in(context)
        aligned = [p for p in candidates if _aligned(sentence_terms, p)]
        if not found:
            return PartsRead(found, [], [], aligned, candidates)
        parts, used = self._parts(sentence, found, aligned, sentence_terms)
        return PartsRead(found, self._qualified(parts, used, names) if parts else parts, used, aligned, candidates)

    def _names_in(self, context: str) -> set[str]:
        """The places and bodies a sentence names (those its facts' sources name are known: `_qualified`)."""
        names = {name for name in proper_names(context) if not demonym(name)}
        first = first_word(context)
        # The first word is capitalised anyway: it names a place when it is possessive
        # ("Guiyang's") or a name in the fact base ("Guiyang built ...", not "Village ...").
        if first and (first[1] or self.is_name(first[0])):
            names.add(first[0])
        return names

    def _parts(
        self, sentence: str, found: Scan, aligned: list[Profile], sentence_terms: set[str]
    ) -> tuple[list[Part], list[Fact]]:
        """The sentence's parts (figures, ranks, a year, attributions), each judged, and the facts they rest on."""
        attribution_spans = [(a.start, a.end) for a in found.attributions]
        # Years, and relative periods ("last year") read as the article would: a draft that
        # paraphrases it keeps its frame of time.
        when = [p for p in found.periods if p.span is None]
        parts: list[Part] = []
        used: list[Fact] = []
        figure_spans: list[tuple[int, int]] = []
        figures: list[tuple[Part, Fact | None, float, bool]] = []
        bounds = bounds_of(found.quantities)
        # "Ten times as many X as Y": the multiple is a comparison's (gzfacts.checking.comparisons), no count.
        multiples = [(c.start, c.end) for c in comparisons.multiples(sentence)]
        for q in found.quantities:
            if any(a <= q.start < b for a, b in attribution_spans + multiples):
                continue
            figures.append(self._figure(sentence, q, aligned, sentence_terms, when, bounds))
            figure_spans.append((q.start, q.end))
        judged = list(_one_figure_per_fact(figures))
        for r in found.ranks:
            if any(a <= r.start < b for a, b in figure_spans):
                continue
            judged.append(self._rank(sentence, r, aligned, when))
        # A year is a part of its own only in a sentence with no figure or rank.
        year = next((p for p in found.periods if p.year is not None), None)
        if year is not None and not judged:
            judged.append(self._year(sentence, year, aligned))
        for part, fact in judged:
            parts.append(part)
            if fact is not None:
                used.append(fact)
        for a in found.attributions:
            part, fact = self.attribution(sentence, a, aligned, used)
            parts.append(part)
            if fact is not None:
                used.append(fact)
        return parts, used

    def _qualified(self, parts: list[Part], used: list[Fact], names: set[str]) -> list[Part]:
        """The parts, unverifiable where the sentence is about another place or credits someone unnamed."""
        # A place or body the sentence names that none of its facts (or their sources) does: the
        # facts are about something else (Guiyang is not Guizhou).
        known: set[str] = set()
        for fact in used:
            known |= self.source_terms(fact.source).names | self.profile(fact).names
            known |= proper_names(self._topics.get(fact.topic, ""))
        strange = sorted(names - known)
        if strange and used:
            note = f"another place or body: {strange[0].title()}"
            parts = [p._replace(status="unverifiable", note=note) if p.fact else p for p in parts]
        if any(p.kind == "attribution" and p.note == NAMES_NO_ONE for p in parts):
            # "according to the provincial commerce department": someone else's figure, perhaps
            # of another date; the article's cannot contradict it.
            note = "the sentence credits someone the article does not name"
            parts = [p._replace(status="unverifiable", note=note) if p.status == "contradicted" else p for p in parts]
        return parts

    def _figure(
        self,
        sentence: str,
        q: Quantity,
        aligned: list[Profile],
        sentence_terms: set[str],
        when: list[Period],
        bounds: Bounds,
    ) -> tuple[Part, Fact | None, float, bool]:
        """The figure judged against the fact figure it is most likely about, how likely, and
        whether the sentence names what it counts in the fact's words ("10,250 county-level centres")."""
        local = terms(_local(sentence, q, bounds))
        noun = unit_words(f"{head_noun(q.noun)} {q.unit}")
        best: tuple[float, Profile, Quantity, bool, frozenset[str]] | None = None
        for profile in aligned:
            key = len(sentence_terms & profile.key) / max(1, len(profile.key))
            local_share = len(local & profile.text) / max(1, len(local))
            spanned = (period_years(profile.fact.period) or (0, 0))[0] != (period_years(profile.fact.period) or (0, 0))[
                1
            ]
            for truth, unit_terms, primary in profile.truths:
                if not _same_kind(q, truth):
                    continue
                if spanned and not primary:
                    # The quote's other figures are of one year ("24.6 percent ... in 2018"), not of
                    # the fact's span ("2015-2018"): the span would vouch for years they never had.
                    continue
                if not q.unit and not truth.unit and noun and unit_terms and not noun & unit_terms:
                    continue  # counts of different things: "exhibitors" are not "participants"
                # Overlap coefficient: "61 countries" is all of what "countries and regions" counts.
                unit_share = len(noun & unit_terms) / max(1, min(len(unit_terms), len(noun)))
                # A bare number ("at 10,250 against just over 70") is paired by its value alone.
                bare = _bare_match(q, truth) if not q.unit and not noun else None
                if local_share < 0.4 and unit_share < 0.5 and bare != _BARE_AGREES:
                    continue
                score = 2 * unit_share + local_share + key + (1.0 if primary else 0.0) + _same_period(when, profile)
                score += bare or 0.0
                if best is None or score > best[0]:
                    best = (score, profile, truth, primary, unit_terms)
        if best is None:
            return Part("figure", q.text, q.start, q.end, "unverifiable", note="no fact about it"), None, 0.0, False
        score, profile, truth, primary, unit_terms = best
        expected = _expected(profile) if primary else _with_period(truth.text, profile.fact)
        note = _mismatch(sentence, profile, when, q) or _streak_of_another(sentence, truth, profile)
        agrees = compare(q, truth)
        misdated = _misdated(q, truth, profile, when, noun | local, unit_terms, primary, agrees, note)
        if misdated is not None:
            return misdated, profile.fact, score, False
        status = "unverifiable" if note else {"yes": "supported", "no": "contradicted"}.get(agrees, "unverifiable")
        if status == "contradicted" and not _measures(q, truth, noun | local, unit_terms):
            # "Guizhou's 30 percent digital economy": 30 percent of what? Not enough to contradict.
            status, note = "unverifiable", "the sentence does not say what the figure measures"
        named = bool(q.noun) and bool(unit_words(head_noun(q.noun)) & unit_terms)
        part = Part("figure", q.text, q.start, q.end, status, expected, profile.fact.id, note)
        return part, profile.fact, score, named

    def _rank(self, sentence: str, r: Rank, aligned: list[Profile], when: list[Period]) -> tuple[Part, Fact | None]:
        ranked = [p for p in aligned if p.ranks]
        if not ranked:
            return Part("rank", r.text, r.start, r.end, "unverifiable", note="the article ranks nothing here"), None
        local = terms(sentence[max(0, r.start - 60) : r.end + 60])
        profile = max(ranked, key=lambda p: len(local & p.key) + 0.5 * len(local & p.text))
        expected = "; ".join(dict.fromkeys(x.text for x in profile.ranks))
        note = _mismatch(sentence, profile, when)
        answers = {r.holds_for(x.position, x.top, x.one_of) for x in profile.ranks}
        status = "supported" if "yes" in answers else ("contradicted" if answers == {"no"} else "unverifiable")
        return Part(
            "rank", r.text, r.start, r.end, "unverifiable" if note else status, expected, profile.fact.id, note
        ), (profile.fact)

    def _year(self, sentence: str, p: Period, aligned: list[Profile]) -> tuple[Part, Fact | None]:
        """A year that is the sentence's only checkable part: the date of an event ("launched in
        2013"), which a fact dating the same event supports or contradicts, or a dated fact's year."""
        # Only a sentence about an event ("launched", "began") dates one.
        said = terms(sentence) | _phrasal_terms(sentence)
        events = [x for x in aligned if x.event] if said & _event_words() else []
        if events:
            fact = events[0].fact
            status = "supported" if within(fact.period, p.year) else "contradicted"
            return Part("year", p.text, p.start, p.end, status, fact.period, fact.id), fact
        # A period inferred from the article's words ("this year's expo", in a 2019 article) dates a fact as well.
        dated = [x.fact for x in aligned if within(x.fact.period, p.year)]
        if dated:
            return Part("year", p.text, p.start, p.end, "supported", dated[0].period, dated[0].id), dated[0]
        return Part("year", p.text, p.start, p.end, "unverifiable", note="no dated fact about it"), None

    def attribution(
        self, sentence: str, a: Attribution, aligned: list[Profile], used: list[Fact]
    ) -> tuple[Part, Fact | None]:
        """Who the sentence says said it, against who the fact it rests on (`used`, else the
        likeliest of `aligned`) is attributed to."""
        said_by = name_terms(a.who)
        profile = None
        if used:
            profile = self.profile(used[0])
        elif aligned:
            context = terms(_without(sentence, [(a.start, a.end)]))
            best = max(aligned, key=lambda p: len(context & p.key) / max(1, len(p.key)))
            if len(terms(_without(sentence, [(a.start, a.end)])) & best.key) / max(1, len(best.key)) >= 0.5:
                profile = best
        if profile is None:
            if said_by and said_by <= _generic_sources() and aligned:
                # "the report says", "China Daily reports": the article itself, whatever it says.
                return Part("attribution", a.text, a.start, a.end, "supported", "the article"), None
            return Part("attribution", a.text, a.start, a.end, "unverifiable", note="no fact about it"), None
        fact = profile.fact
        if fact.attributed_to is None:
            if said_by <= _generic_sources() | self.source_terms(fact.source).words | {"local", "offici"}:
                return Part("attribution", a.text, a.start, a.end, "supported", "the article", fact.id), fact
            return Part(
                "attribution",
                a.text,
                a.start,
                a.end,
                "unverifiable",
                "the article",
                fact.id,
                NAMES_NO_ONE,
            ), fact
        truth = name_terms(fact.attributed_to + " " + " ".join(x for x in fact.aliases if x.isupper()))
        significant = said_by - {"director", "deputi", "head", "chief"}
        # The names the sentence gives its speaker must all be the article's ("Pi Shengming of
        # the Guizhou Provincial Health Commission" is not "An Shihai of" it); a description
        # in lowercase ("officials", "a hospital director") need only share a word.
        named = name_terms(" ".join(re.findall(r"\b[A-Z][\w-]*", a.who))) - {"director", "deputi"}
        if (named and named <= truth) or (not named and significant & truth):
            return Part("attribution", a.text, a.start, a.end, "supported", fact.attributed_to, fact.id), fact
        return Part("attribution", a.text, a.start, a.end, "contradicted", fact.attributed_to, fact.id), fact


#: What `_bare_match` gives a bare number that is the article's figure.
_BARE_AGREES = 1.5


def _bare_match(said: Quantity, truth: Quantity) -> float:
    """How well a bare number ("at 10,250 against just over 70") fits a figure of the article: it
    says what it counts only by being that figure, or near it in size."""
    if compare(said, truth) == "yes":
        return _BARE_AGREES
    if said.value > 0 and truth.value > 0:
        return max(0.0, 1.0 - abs(math.log10(said.value / truth.value)))
    return 0.0


def _phrasal_terms(text: str) -> set[str]:
    """The terms of the words phrasal verbs are read as ("kicked off": "launch"; "stepped up": "increase")."""
    from gzfacts.checking import reader

    return terms(" ".join(word.base for word in reader.words(text) if word.base))


def _yearlike_figures(sentence: str, found: Scan, candidates: list[Profile]) -> Scan:
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


def _one_figure_per_fact(
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


def _mismatch(sentence: str, profile: Profile, when: list[Period], q: Quantity | None = None) -> str | None:
    """Why a fact cannot judge a sentence's part (another period or measure), or None."""
    years = {p.resolve(profile.published) for p in when} - {None}
    if years and profile.year is not None and not any(within(profile.year, year) for year in years):
        return f"another period: the article's figure is for {profile.year}"
    if q is not None and q.unit in ("meters", "feet", "kilometers", "miles"):
        said = _dimension(_local(sentence, q, bounds_of([q])))
        if said and profile.dimension and said != profile.dimension:
            return f"another measure: {said}, not {profile.dimension}"
    return None


#: Why a figure the article gives is contradicted by the year a sentence puts it in.
MISDATED = "the article's figure, put in another year"


def _misdated(
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
    if truth.vague or not profile.fact.period or not _measures(q, truth, words, unit_terms):
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


def within(period: str | None, year: str | int | None) -> bool:
    """Whether a year falls in a fact's period: "2018" in "2018", and in the span "2015-2018"."""
    span = period_years(period)
    if span is None or year is None:
        return period is not None and period == str(year)
    return span[0] <= int(year) <= span[1]


def _same_period(when: list[Period], profile: Profile) -> float:
    """How much the sentence's period speaks for a fact: two facts resting on one quote ("600,000
    servers in 2019 and 1.2 million by 2021") are told apart by the year the sentence gives."""
    years = {p.resolve(profile.published) for p in when} - {None}
    if not years or profile.year is None:
        return 0.0
    return 1.5 if any(within(profile.year, year) for year in years) else -1.0


def _streak_of_another(sentence: str, truth: Quantity, profile: Profile) -> str | None:
    """Why a run of years cannot be judged: the article's run is of a ranking ("ranking first in
    China for four consecutive years") and the sentence ranks nothing ("grew more than 20
    percent for four straight years"; "faster than any other" ranks), so it gives the run to something else."""
    ranked = ranks(sentence) or comparisons.spans(comparisons.find(sentence))
    if truth.unit != "consecutive years" or not profile.ranks or ranked:
        return None
    return f"the article's {truth.text} are of ranking {profile.ranks[0].text}, which the sentence does not say"


def _aligned(sentence_terms: set[str], profile: Profile) -> bool:
    """Whether a sentence is about what a fact is about: it has half the words of the fact's
    claim, or most of its own words are the fact's and two of them are the claim's."""
    if not sentence_terms:
        return False
    key = len(sentence_terms & profile.key)
    if key / max(1, len(profile.key)) >= ALIGNED:
        return True
    return key >= 2 and len(sentence_terms & profile.text) / len(sentence_terms) >= 0.6


def _measures(said: Quantity, truth: Quantity, words: set[str], unit_terms: frozenset[str]) -> bool:
    """Whether the sentence says what its figure measures in the fact's terms: the same kind of
    unit (meters for meters or feet), or a word of the fact's unit ("GDP", "growth", "villages")."""
    if said.unit not in ("", "percent", "percentage points"):
        return True  # a unit of the fact's kind (_same_kind chose it): "feet" for "meters"
    return bool(words & (unit_terms - {"of", "the", "and", "percent", "per", "cent"}))


def _same_kind(said: Quantity, truth: Quantity) -> bool:
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


def _local(sentence: str, q: Quantity, bounds: Bounds) -> str:
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
    return sentence[start:end]


def _without(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        whole = int(value)
        for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
            if whole >= size and whole % (size // 100) == 0:
                return f"{whole / size:g} {word}"
        return f"{whole:,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"


def _expected(profile: Profile) -> str:
    """What the fact says, in words: "more than 70 county-level ... centers", "26.9 percent of provincial GDP, 2018"."""
    fact = profile.fact
    truth = profile.truth
    hedge = f"{truth.qualifier} " if truth and truth.qualifier and not truth.vague else ""
    figure = truth.text if truth and truth.vague else f"{hedge}{_number(float(fact.value or 0))} {fact.unit or ''}"
    return _with_period(figure.strip(), fact)


def _with_period(text: str, fact: Fact) -> str:
    return f"{text}, {fact.period}" if fact.period else text
