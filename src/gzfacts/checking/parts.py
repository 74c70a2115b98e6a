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

import re
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.checking import comparisons, vocabulary
from gzfacts.checking.figures import (
    BARE_AGREES,
    Bounds,
    around,
    bare_match,
    blanked,
    bounds_of,
    measures,
    misdated_part,
    mismatch,
    one_figure_per_fact,
    phrasal_terms,
    read_terms,
    same_kind,
    streak_of_another,
    yearlike_figures,
)
from gzfacts.checking.profiles import (
    Profile,
    event_words,
    expected_of,
    generic_sources,
    is_about,
    profile_of,
    same_period,
    with_period,
    within,
)
from gzfacts.checking.verdict import Part
from gzfacts.checking.words import (
    KINDS_OF_PLACE,
    STANDARD_BEFORE,
    counted_as,
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
    scan,
)
from gzfacts.text import stem, tokens

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.factbase import FactBase

#: Words before a figure that make it a goal, not a measure ("aims to lift the share above 30 percent").
_GOAL = re.compile(
    r"\b(?:aims?|aiming|plans?|planning|hopes?|hoping|intends?|seeks?|wants?|targets?|strives?)\s+to\b|\bgoal\s+of\b|\btarget\s+of\b",
    re.I,
)
GOAL_NOTE = "a goal: the article gives no such target"
#: What a rank is said to be for, after it ("first in China for the share of ...").
_RANKED_FOR = re.compile(
    r"(?:\s+(?:in|among|across)\s+(?:the\s+)?(?:china|the\s+country|the\s+nation|provinces|\w+)(?:['\u2019]s)?)?"
    r"\s+(?:for|by|in\s+terms\s+of|on)\s+(?:the\s+|its\s+)?(?:(?:absolute|overall|total|sheer|raw)\s+)?"
    r"(share|size|proportion|number|value|output|scale|volume|revenue|population|investment)\b",
    re.I,
)
#: What a ranking is by, said first ("In absolute size, Guizhou ranks ...").
_MEASURED_FIRST = re.compile(
    r"\s*(?:in|by|on)\s+(?:terms\s+of\s+)?(?:(?:absolute|overall|total|sheer|raw)\s+)?"
    r"(share|size|proportion|number|value|output|scale|volume|revenue|population|investment)\b",
    re.I,
)
#: What follows a source in an attribution to say who relays it ("CAICT data cited by Li Xin").
_CITED_BY = re.compile(
    r"\s+(?:data|figures|statistics|numbers)?\s*(?:as\s+)?(?:cited|quoted|reported|relayed)\s+(?:by|in)\b.*$", re.I
)
#: Facts retrieved per sentence before parts are matched with them.
CANDIDATES = 8
NAMES_NO_ONE = "the article names no one"


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
            found = profile_of(fact, source.published, self._topics.get(fact.topic, ""), source.about)
            self._profiles[fact.id] = found
        return found

    def is_name(self, word: str) -> bool:
        """Whether a lowercased word is a name in the fact base: capitalised mid-sentence in a
        fact that has it ("Guiyang"), not only at the start of one ("Village")."""
        found = self._names.get(word)
        if found is None:
            texts = [f"{f.claim} {f.quote}" for f in self.retriever.facts(self.retriever.first(stem(word), 3))]
            # Capitalised in a name ("the People's Republic") but written in lowercase elsewhere
            # ("people's livelihoods"): a common word, not a name.
            lowercase = re.compile(rf"\b{re.escape(word)}\b")
            found = any(word in proper_names(text) for text in texts) and not any(lowercase.search(x) for x in texts)
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
        found = yearlike_figures(sentence, found, candidates)
        context = blanked(sentence, [(a.start, a.end) for a in found.attributions])
        about = frozenset().union(*(self.source_terms(p.fact.source).about for p in candidates[:3]))
        # A figure's number and hedge say nothing of what it is about ("upwards of twenty-six thousand").
        numbers = [
            (q.start, q.end - len(q.noun) if q.noun and q.text.endswith(q.noun) else q.end) for q in found.quantities
        ]
        bare = blanked(context, numbers)
        sentence_terms = read_terms(bare) - about
        names = self._names_in(context)
        synonyms = _synonyms(bare)
        aligned = [p for p in candidates if is_about(sentence_terms, p, synonyms)]
        if not found:
            return PartsRead(found, [], [], aligned, candidates)
        parts, used = self._parts(sentence, found, aligned, sentence_terms)
        return PartsRead(
            found, self._qualified(parts, used, names, sentence) if parts else parts, used, aligned, candidates
        )

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
        multiples = comparisons.multiple_spans(sentence)
        # Who said it is not what a figure measures ("Statistics from CAICT show ... grew 26.9 percent").
        unsaid = blanked(sentence, attribution_spans)
        for q in found.quantities:
            if any(a <= q.start < b for a, b in attribution_spans + multiples):
                continue
            figures.append(self._figure(unsaid, q, aligned, sentence_terms, when, bounds))
            figure_spans.append((q.start, q.end))
        judged = list(one_figure_per_fact(figures))
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

    def _qualified(self, parts: list[Part], used: list[Fact], names: set[str], sentence: str) -> list[Part]:
        """The parts, unverifiable where the sentence is about another place or credits someone unnamed."""
        # A place or body the sentence names that none of its facts (or their sources) does: the
        # facts are about something else (Guiyang is not Guizhou).
        known: set[str] = set()
        for fact in used:
            known |= self.source_terms(fact.source).names | self.profile(fact).names
            known |= proper_names(self._topics.get(fact.topic, ""))
        # A name a rank or comparison is measured against ("second, behind only Guangdong") is
        # no other place the sentence is about.
        strange = sorted(n for n in names - known if not STANDARD_BEFORE.search(_before_name(sentence, n)))
        renamed = next((part for name in strange if (part := _renamed(sentence, name, used)) is not None), None)
        if renamed is not None:
            # "565 metres over the Wujiang Grand Valley": the article's own valley, under another name.
            return [*parts, renamed]
        if strange and used:
            note = f"another place or body: {strange[0].title()}"
            # "Guiyang is China's first national big data pilot area": a role the article gives one
            # holder; the rank stands, and the name is judged against the article's holder.
            first = _is_the_first(sentence, strange[0])
            parts = [
                p._replace(status="unverifiable", note=note) if p.fact and not (first and p.kind == "rank") else p
                for p in parts
            ]
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
        near = around(sentence, q, bounds)
        local = terms(near) | phrasal_terms(near)  # "26,000 people took part": participants
        noun = unit_words(f"{head_noun(q.noun)} {q.unit}") | phrasal_terms(q.noun)
        best: tuple[float, Profile, Quantity, bool, frozenset[str], set[str]] | None = None
        for profile in aligned:
            key = len(sentence_terms & profile.key) / max(1, len(profile.key))
            local_share = len(local & profile.text) / max(1, len(local))
            years = period_years(profile.fact.period) or (0, 0)
            spanned = years[0] != years[1]
            for truth, unit_terms, primary in profile.truths:
                if not same_kind(q, truth):
                    continue
                if spanned and not primary:
                    # The quote's other figures are of one year ("24.6 percent ... in 2018"), not of
                    # the fact's span ("2015-2018"): the span would vouch for years they never had.
                    continue
                counted = counted_as(noun, q, truth, unit_terms)
                if counted is None:
                    continue  # counts of different things: "exhibitors" are not "participants"
                # Overlap coefficient: "61 countries" is all of what "countries and regions" counts.
                unit_share = len(counted & unit_terms) / max(1, min(len(unit_terms), len(counted)))
                # A bare number ("at 10,250 against just over 70") is paired by its value alone.
                bare = bare_match(q, truth) if not q.unit and not counted else None
                if local_share < 0.4 and unit_share < 0.5 and bare != BARE_AGREES:
                    continue
                score = 2 * unit_share + local_share + key + (1.0 if primary else 0.0) + same_period(when, profile)
                score += bare or 0.0
                if best is None or score > best[0]:
                    best = (score, profile, truth, primary, unit_terms, counted)
        if best is None:
            return Part("figure", q.text, q.start, q.end, "unverifiable", note="no fact about it"), None, 0.0, False
        score, profile, truth, primary, unit_terms, noun = best
        expected = expected_of(profile) if primary else with_period(truth.text, profile.fact)
        note = (
            mismatch(sentence, profile, when, q)
            or streak_of_another(sentence, truth, profile)
            or (GOAL_NOTE if _GOAL.search(sentence, 0, q.start) else None)
        )
        agrees = compare(q, truth)
        misdated = misdated_part(q, truth, profile, when, noun | local, unit_terms, primary, agrees, note)
        if misdated is not None:
            return misdated, profile.fact, score, False
        status = "unverifiable" if note else {"yes": "supported", "no": "contradicted"}.get(agrees, "unverifiable")
        if status == "contradicted" and not measures(q, truth, noun | local, unit_terms):
            # "Guizhou's 30 percent digital economy": 30 percent of what? Not enough to contradict.
            status, note = "unverifiable", "the sentence does not say what the figure measures"
        named = bool(q.noun) and bool(unit_words(head_noun(q.noun)) & unit_terms)
        part = Part("figure", q.text, q.start, q.end, status, expected, profile.fact.id, note)
        return part, profile.fact, score, named

    def _rank(self, sentence: str, r: Rank, aligned: list[Profile], when: list[Period]) -> tuple[Part, Fact | None]:
        ranked = [p for p in aligned if p.ranks]
        if not ranked:
            giants = _giants(r, aligned)
            if giants is not None:
                return Part("rank", r.text, r.start, r.end, "supported", "\u201cgiants\u201d", giants.id), giants
            return Part("rank", r.text, r.start, r.end, "unverifiable", note="the article ranks nothing here"), None
        local = terms(sentence[max(0, r.start - 60) : r.end + 60])
        profile = max(ranked, key=lambda p: len(local & p.key) + 0.5 * len(local & p.text))
        expected = "; ".join(dict.fromkeys(x.text for x in profile.ranks))
        note = mismatch(sentence, profile, when) or _ranked_by_another(sentence, r, profile)
        answers = {r.holds_for(x.position, x.top, x.one_of) for x in profile.ranks}
        status = "supported" if "yes" in answers else ("contradicted" if answers == {"no"} else "unverifiable")
        return Part(
            "rank", r.text, r.start, r.end, "unverifiable" if note else status, expected, profile.fact.id, note
        ), (profile.fact)

    def _year(self, sentence: str, p: Period, aligned: list[Profile]) -> tuple[Part, Fact | None]:
        """A year that is the sentence's only checkable part: the date of an event ("launched in
        2013"), which a fact dating the same event supports or contradicts, or a dated fact's year."""
        # Only a sentence about an event ("launched", "began") dates one.
        said = terms(sentence) | phrasal_terms(sentence)
        events = [x for x in aligned if x.event] if said & event_words() else []
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
        # "CAICT data cited by Li Xin": who cites it is not who it is from.
        who = _CITED_BY.sub("", a.who) or a.who
        said_by = name_terms(who)
        profile = None
        if used:
            profile = self.profile(used[0])
        elif aligned:
            context = terms(blanked(sentence, [(a.start, a.end)]))
            best = max(aligned, key=lambda p: len(context & p.key) / max(1, len(p.key)))
            if len(context & best.key) / max(1, len(best.key)) >= 0.5:
                profile = best
        if profile is None:
            authors = frozenset().union(*(self.source_terms(p.fact.source).words for p in aligned))
            if said_by and said_by <= generic_sources() | authors and aligned:
                # "the report says", "China Daily reports": the article itself, whatever it says.
                return Part("attribution", a.text, a.start, a.end, "supported", "the article"), None
            return Part("attribution", a.text, a.start, a.end, "unverifiable", note="no fact about it"), None
        fact = profile.fact
        if fact.attributed_to is None:
            if said_by <= generic_sources() | self.source_terms(fact.source).words | {"local", "offici"}:
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
        named = name_terms(" ".join(re.findall(r"\b[A-Z][\w-]*", who))) - {"director", "deputi"}
        if (named and named <= truth) or (not named and significant & truth):
            return Part("attribution", a.text, a.start, a.end, "supported", fact.attributed_to, fact.id), fact
        return Part("attribution", a.text, a.start, a.end, "contradicted", fact.attributed_to, fact.id), fact


def _synonyms(text: str) -> dict[str, frozenset[str]]:
    """Each content word's term, and the terms of the words that say the same (the lexicon's
    equivalents: WordNet's synonyms in common senses and the vocabulary's groups)."""
    from gzfacts.checking import lexicon, reader

    found: dict[str, frozenset[str]] = {}
    for word in [w.base or w.text for w in reader.words(text)]:
        key = terms(word)
        if len(key) == 1 and not key <= found.keys():
            (term,) = key
            found[term] = frozenset(stem(w) for w in lexicon.equivalents(word.lower()) if " " not in w)
    return found


def _ranked_by_another(sentence: str, r: Rank, profile: Profile) -> str | None:
    """Why a ranking by a superlative ("the third-largest", "among the longest") cannot be judged
    by a fact that ranks by another measure ("first for growth"; "one of the highest"), or None."""
    fact = profile.fact
    written = set(re.findall(r"[a-z]+", " ".join([fact.quote, fact.claim, " ".join(fact.aliases)]).lower()))
    measured = _RANKED_FOR.match(sentence, r.end) or _MEASURED_FIRST.match(sentence)
    if measured and measured.group(1).lower() not in written:
        # "ranks first in China for the share of the digital economy in GDP": the article's
        # first place is for growth.
        return f"another measure: ranked for {measured.group(1).lower()}; the article's rank is of something else"
    said = re.findall(r"[a-z]+est\b", r.text.lower()) + re.findall(
        r"^[\s-]+([a-z]+est)\b", sentence[r.end : r.end + 24].lower()
    )
    if not said:
        return None
    for measure, group in vocabulary.groups_by_key("superlatives").items():
        if said[0] in group and not written & group:
            return f"another measure: “{said[0]}” ranks by {measure}; the article's rank is of something else"
    return None


def _renamed(sentence: str, name: str, used: list[Fact]) -> Part | None:
    """A name the article never mentions, said with the words that, in a fact's quote, follow
    another name ("the Wujiang Grand Valley" where the article has "Beipanjiang Grand Valley";
    "the First People's Hospital" where it has "Sixth ..."): another holder of the article's
    role, contradicted. Kinds of place alone ("Yunnan province") are not enough."""
    words = r"\s+".join(re.escape(w) for w in name.split())
    said = re.search(rf"\b(?i:{words})((?:\s+[A-Z][\w'\u2019-]*){{1,3}})", sentence)
    if said is None:
        return None
    head = said.group(1).split()
    if not {w.lower() for w in head} - KINDS_OF_PLACE:  # judged by `places.judge_places`
        return None
    tail = r"\s+".join(re.escape(w) for w in head)
    for fact in used:
        for other in re.finditer(rf"\b([A-Z][\w'\u2019-]*)\s+{tail}\b", fact.quote):
            if other.group(1).lower() != name.lower().split()[-1]:
                expected = f"{other.group(1)} {' '.join(head)}"
                return Part("relation", said.group(), said.start(), said.end(), "contradicted", expected, fact.id)
    return None


def _is_the_first(sentence: str, name: str) -> bool:
    """Whether the sentence says a name *is* the first of something ("Guiyang is China's first
    national big data pilot area"): a role with one holder, not a ranking among peers."""
    words = r"\s+".join(re.escape(w) for w in name.split())
    return bool(
        re.search(
            rf"\b{words}\b(?:\s+(?:city|province|county))?\s+(?:is|was|became|has\s+become|remains)\s+"
            r"(?:the\s+|China['\u2019]s\s+|the\s+(?:country|nation)['\u2019]s\s+)(?:very\s+)?first\b",
            sentence,
            re.I,
        )
    )


#: Superlatives of size or renown that a group of the biggest is said with ("some of China's
#: biggest tech firms"), and the stems of the article's words for such firms ("giants").
_PROMINENT = re.compile(r"\b(?:biggest|largest|best-known|best\s+known|leading|major|most\s+prominent)\b", re.I)
_GIANT_TERMS = frozenset({"giant", "behemoth", "heavyweight"})


def _giants(r: Rank, aligned: list[Profile]) -> Fact | None:
    """The fact that calls firms "giants" or "behemoths", for a group said to be among the
    biggest ("several of China's biggest internet firms, among them Tencent"), or None: a
    membership of the biggest, not a rank."""
    if not r.one_of or not _PROMINENT.search(r.text):
        return None
    return next((p.fact for p in aligned if p.text & _GIANT_TERMS), None)


def _before_name(sentence: str, name: str) -> str:
    """The words before a name's first mention in a sentence (the name lowercase), else ""."""
    found = re.search(rf"\b{re.escape(name)}\b", sentence, re.I)
    return sentence[: found.start()] if found else ""
