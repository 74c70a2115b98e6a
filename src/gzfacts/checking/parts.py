"""Checking a claim or a draft against the fact base: sentence -> checkable parts -> facts -> verdict.

Each sentence is read by the quantities parser into its checkable parts (figures with unit and
hedge, years, ranks, who said it). The facts it may rest on are retrieved with the sentence's
words *without its numbers*, so that a wrong figure cannot steer retrieval away from the fact it
contradicts. Each part is then matched with the fact about the same thing (same unit, same
words) and judged:

- `supported`: the fact makes the part true ("about 27 percent" for 26.9 percent);
- `contradicted`: the fact, about the same thing, place and period, makes it false;
- `unverifiable`: no fact is about it, or the fact is about another period, place or measure
  (a figure for 2018 never contradicts one said of 2019; Guiyang is not Guizhou).

A sentence is contradicted when one part is, supported when every part is, else unverifiable;
a sentence with no checkable part is `no-claim`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.model import Fact
from gzfacts.quantities import Attribution, Period, Quantity, Rank, Scan, compare, quantities, ranks, scan
from gzfacts.text import part_tokens, stem, tokens

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.drafts import Lines, Sentence
    from gzfacts.factbase import FactBase

#: The verdicts, from the most to the least severe.
VERDICTS: tuple[str, ...] = ("contradicted", "unverifiable", "supported", "no-claim")
#: Facts retrieved per sentence before parts are matched with them.
CANDIDATES = 8
#: The share of a fact's own words (those of its claim) a sentence must have to be about it.
ALIGNED = 0.5
#: Words that say nothing about which fact a sentence is about: the place every fact of the
#: base is in, reporting verbs, the words of units and periods.
GENERIC = frozenset(
    """guizhou province provinc provincial china chines nation nationwid nation countri country
    year percent per cent said say says according show data statist figur report offici local
    now current current new also total number level still around world row run straight""".split()
)
#: Irregular and near-synonymous forms folded together after stemming ("grew" and "growth").
CANON = {
    "grew": "grow",
    "grown": "grow",
    "growth": "grow",
    "expand": "grow",
    "expans": "grow",
    "increas": "grow",
    "rose": "rise",
    "built": "build",
    "construct": "build",
    "centr": "center",
    "metr": "meter",
    "kilometr": "kilomet",
    "job": "employ",
    "employ": "employ",
    "onlin": "onlin",
    "attend": "particip",
    "attende": "particip",
    "particip": "particip",
    "zone": "area",
    "e-govern": "egovern",
    "egovern": "egovern",
}
#: Words of measurement that say which dimension a length is ("long" is not "high").
DIMENSIONS = {
    "long": "length",
    "length": "length",
    "span": "length",
    "wide": "width",
    "width": "width",
    "high": "height",
    "height": "height",
    "tall": "height",
    "above": "height",
    "deep": "depth",
    "depth": "depth",
}
#: Verbs that make a year the date of an event ("launched in 2013"), which a wrong year contradicts.
EVENT_WORDS = frozenset("launch began begin start found establish open inaugur introduc unveil".split())
NAMES_NO_ONE = "the article names no one"
#: Attributions that any fact of a source may carry: its publisher, its reporters, officials in general.
GENERIC_SOURCES = frozenset("china daily report article newspap offici local author govern provinc provincial".split())


class Part(NamedTuple):
    """One checkable part of a sentence and how it fared."""

    #: "figure", "year", "rank" or "attribution".
    kind: str
    text: str
    #: 0-based offsets in the sentence.
    start: int
    end: int
    #: "supported", "contradicted" or "unverifiable".
    status: str
    #: What the fact says, in words ("26.9 percent of provincial GDP, 2018"); None without a fact.
    expected: str | None = None
    #: The id of the fact the part was judged against.
    fact: str | None = None
    #: Why, in a few words ("another period", "another place", "no fact about it").
    note: str | None = None
    #: Where the part stands in the file (1-based), when the sentence was read from one.
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, object]:
        """The part as a plain dict."""
        return {
            "kind": self.kind,
            "text": self.text,
            "line": self.line,
            "column": self.column,
            "status": self.status,
            "expected": self.expected,
            "fact": self.fact,
            "note": self.note,
        }


class Finding(NamedTuple):
    """The verdict on one sentence, where it stands, and the evidence for it."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    verdict: str
    reason: str
    parts: tuple[Part, ...]
    #: The facts the verdict rests on, the most telling first.
    facts: tuple[Fact, ...]

    def to_dict(self) -> dict[str, object]:
        """The finding as a plain dict: the JSON object of `gzfacts check --json`."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "verdict": self.verdict,
            "reason": self.reason,
            "parts": [part.to_dict() for part in self.parts],
            "facts": [fact.to_dict() for fact in self.facts],
        }


# --- words --------------------------------------------------------------------------------


def terms(text: str) -> set[str]:
    """The content terms of `text` (stems, folded), without numbers and generic words."""
    found = set()
    for token in [*tokens(text), *part_tokens(text)]:
        if token.word[0].isdigit() or token.word in _NUMBER_WORDS:
            continue
        term = CANON.get(token.term, token.term)
        if term not in GENERIC and len(term) > 1:
            found.add(term)
    return found


def unit_words(text: str) -> set[str]:
    """The terms of a unit or of what a figure counts ("countries and regions"), generic words kept."""
    found = {CANON.get(t.term, t.term) for t in [*tokens(text), *part_tokens(text)] if not t.word[0].isdigit()}
    return found - {"percent", "per", "cent"}


_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion dozen dozens hundreds thousands millions billions first second
    third fourth fifth sixth seventh eighth ninth tenth percent per cent""".split()
)


def retrieval_query(sentence: str) -> str:
    """The sentence's words without its numbers, number words, years and percent signs."""
    words = [t.word for t in tokens(sentence) if not t.word[0].isdigit() and t.word not in _NUMBER_WORDS]
    return " ".join(dict.fromkeys(words))


_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)*\b")
#: Capitalised words that name no place or body: months, weekdays, titles.
_NOT_NAMES = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr Director Deputy
    Chairman Secretary Internet Expo Big Data Bridge Hospital Commission No""".split()
)


def proper_names(text: str) -> set[str]:
    """The capitalised words of `text` that may name a place or a body, lowercased (words that
    start a sentence are capitalised anyway, and left out)."""
    names = set()
    for match in _PROPER.finditer(text):
        word = match.group()
        before = text[: match.start()].rstrip(" \"'\u201c\u2018(")
        if not before or before.endswith((".", "!", "?", ":")):
            continue
        word = re.sub(r"['\u2019]s$", "", word)
        if word not in _NOT_NAMES:
            names.add(word.lower())
    return names


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


def _profile(fact: Fact, published: str | None, topic_title: str) -> Profile:
    everything = " ".join([fact.claim, fact.quote, " ".join(fact.aliases), fact.unit or "", topic_title])
    truth = _truth(fact)
    fact_ranks = tuple(ranks(fact.quote)) + tuple(ranks(fact.qualifier or ""))
    year = fact.period or (published[:4] if published else None)
    event = (
        fact.value is None
        and fact.period is not None
        and fact.period_inferred_from is None
        and bool(terms(fact.claim) & EVENT_WORDS)
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
        frozenset(terms(fact.claim) - terms(fact.attributed_to or "")) or frozenset(terms(fact.claim)),
        frozenset(terms(everything)),
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


def _dimension(text: str) -> str | None:
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in DIMENSIONS:
            return DIMENSIONS[word]
    return None


def _truth(fact: Fact) -> Quantity | None:
    """The fact's figure as its quote states it, hedge and direction included."""
    if fact.value is None:
        return None
    value = float(fact.value)
    candidates = [q for q in quantities(fact.quote) if abs(q.value - value) < 1e-9 * max(1.0, abs(value))]
    unit_words = terms(fact.unit or "")
    if candidates:
        candidates.sort(key=lambda q: -len(terms(q.noun + " " + q.unit) & unit_words))
        return candidates[0]
    # Not in the quote as a figure (a base that is not validated): build it from the fields.
    written = f"{fact.qualifier or ''} {fact.value} {fact.unit or ''}".strip()
    parsed = [q for q in quantities(written) if abs(q.value - value) < 1e-9 * max(1.0, abs(value))]
    return parsed[0] if parsed else None


class _SourceTerms(NamedTuple):
    published: str | None
    #: The terms of its publisher and author: an attribution to them is an attribution to the article.
    words: frozenset[str]
    #: The places and bodies its title, publisher and author name: a sentence may name them.
    names: frozenset[str]


class Checker:
    """Checks sentences against one fact base; keeps what it has worked out about its facts."""

    def __init__(self, fb: FactBase) -> None:
        self.fb = fb
        self._retriever = fb.retriever()
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
                frozenset(terms(f"{source.publisher} {source.author}")),
                frozenset(proper_names(f"{source.title} {source.publisher} {source.author}")),
            )
        return found

    def profile(self, fact: Fact) -> Profile:
        """The checker's reading of a fact (worked out once)."""
        found = self._profiles.get(fact.id)
        if found is None:
            published = self.source_terms(fact.source).published
            found = _profile(fact, published, self._topics.get(fact.topic, ""))
            self._profiles[fact.id] = found
        return found

    def _is_name(self, word: str) -> bool:
        """Whether a lowercased word is a name in the fact base: capitalised mid-sentence in a
        fact that has it ("Guiyang"), not only at the start of one ("Village")."""
        found = self._names.get(word)
        if found is None:
            first = self._retriever.first(stem(word), 3)
            found = any(word in proper_names(f"{f.claim} {f.quote}") for f in self._retriever.facts(first))
            self._names[word] = found
        return found

    def candidates(self, sentence: str) -> list[Profile]:
        """The facts a sentence may rest on, retrieved with its words and without its numbers."""
        query = [t.term for t in tokens(retrieval_query(sentence))]
        return [self.profile(fact) for fact in self._retriever.candidates(query, CANDIDATES)]

    # -- one sentence ----------------------------------------------------------------------

    def judge(self, sentence: str) -> tuple[str, str, tuple[Part, ...], tuple[Fact, ...]]:
        """(verdict, reason, parts, facts) for one sentence."""
        found = scan(sentence)
        if not found:
            return "no-claim", "nothing checkable: no figure, year, rank or attribution", (), ()
        candidates = self.candidates(sentence)
        context = _without(sentence, [(a.start, a.end) for a in found.attributions])
        sentence_terms = terms(context)
        names = self._names_in(context)
        aligned = [p for p in candidates if _aligned(sentence_terms, p)]
        parts, used = self._parts(sentence, found, aligned, sentence_terms)
        if not parts:
            return "no-claim", "nothing checkable", (), ()
        return _verdict(self._qualified(parts, used, names), used)

    def _names_in(self, context: str) -> set[str]:
        """The places and bodies a sentence names (those its facts' sources name are known: `_qualified`)."""
        names = proper_names(context)
        first = _first_word(context)
        # The first word is capitalised anyway: it names a place when it is possessive
        # ("Guiyang's") or a name in the fact base ("Guiyang built ...", not "Village ...").
        if first and (first[1] or self._is_name(first[0])):
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
        figures: list[tuple[Part, Fact | None, float]] = []
        for q in found.quantities:
            if any(a <= q.start < b for a, b in attribution_spans):
                continue
            figures.append(self._figure(sentence, q, aligned, sentence_terms, when, found.quantities))
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
            part, fact = self._attribution(sentence, a, aligned, used)
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
        all_quantities: Sequence[Quantity],
    ) -> tuple[Part, Fact | None, float]:
        """The figure judged against the fact figure it is most likely about, and how likely."""
        local = terms(_local(sentence, q, all_quantities))
        noun = unit_words(f"{q.noun} {q.unit}")
        best: tuple[float, Profile, Quantity, bool, frozenset[str]] | None = None
        for profile in aligned:
            key = len(sentence_terms & profile.key) / max(1, len(profile.key))
            local_share = len(local & profile.text) / max(1, len(local))
            for truth, unit_terms, primary in profile.truths:
                if not _same_kind(q, truth):
                    continue
                if not q.unit and not truth.unit and noun and unit_terms and not noun & unit_terms:
                    continue  # counts of different things: "exhibitors" are not "participants"
                # Overlap coefficient: "61 countries" is all of what "countries and regions" counts.
                unit_share = len(noun & unit_terms) / max(1, min(len(unit_terms), len(noun)))
                if local_share < 0.4 and unit_share < 0.5:
                    continue
                score = 2 * unit_share + local_share + key + (1.0 if primary else 0.0)
                if best is None or score > best[0]:
                    best = (score, profile, truth, primary, unit_terms)
        if best is None:
            return Part("figure", q.text, q.start, q.end, "unverifiable", note="no fact about it"), None, 0.0
        score, profile, truth, primary, unit_terms = best
        expected = _expected(profile) if primary else _with_period(truth.text, profile.fact)
        note = _mismatch(sentence, profile, when, q) or _streak_of_another(sentence, truth, profile)
        status = (
            "unverifiable"
            if note
            else {"yes": "supported", "no": "contradicted"}.get(compare(q, truth), "unverifiable")
        )
        if status == "contradicted" and not _measures(q, truth, noun | local, unit_terms):
            # "Guizhou's 30 percent digital economy": 30 percent of what? Not enough to contradict.
            status, note = "unverifiable", "the sentence does not say what the figure measures"
        return Part("figure", q.text, q.start, q.end, status, expected, profile.fact.id, note), profile.fact, score

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
        events = [x for x in aligned if x.event] if terms(sentence) & EVENT_WORDS else []
        if events:
            fact = events[0].fact
            status = "supported" if fact.period == str(p.year) else "contradicted"
            return Part("year", p.text, p.start, p.end, status, fact.period, fact.id), fact
        dated = [x.fact for x in aligned if x.fact.period == str(p.year) and x.fact.period_inferred_from is None]
        if dated:
            return Part("year", p.text, p.start, p.end, "supported", dated[0].period, dated[0].id), dated[0]
        return Part("year", p.text, p.start, p.end, "unverifiable", note="no dated fact about it"), None

    def _attribution(
        self, sentence: str, a: Attribution, aligned: list[Profile], used: list[Fact]
    ) -> tuple[Part, Fact | None]:
        said_by = _name_terms(a.who)
        profile = None
        if used:
            profile = self.profile(used[0])
        elif aligned:
            context = terms(_without(sentence, [(a.start, a.end)]))
            best = max(aligned, key=lambda p: len(context & p.key) / max(1, len(p.key)))
            if len(terms(_without(sentence, [(a.start, a.end)])) & best.key) / max(1, len(best.key)) >= 0.5:
                profile = best
        if profile is None:
            return Part("attribution", a.text, a.start, a.end, "unverifiable", note="no fact about it"), None
        fact = profile.fact
        if fact.attributed_to is None:
            if said_by <= GENERIC_SOURCES | self.source_terms(fact.source).words | {"local", "offici"}:
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
        truth = _name_terms(fact.attributed_to + " " + " ".join(x for x in fact.aliases if x.isupper()))
        significant = said_by - {"director", "deputi", "head", "chief"}
        if significant & truth or (significant and significant <= truth):
            return Part("attribution", a.text, a.start, a.end, "supported", fact.attributed_to, fact.id), fact
        return Part("attribution", a.text, a.start, a.end, "contradicted", fact.attributed_to, fact.id), fact


def _one_figure_per_fact(figures: list[tuple[Part, Fact | None, float]]) -> list[tuple[Part, Fact | None]]:
    """Each of a fact's figures judges one figure of the sentence: the one that agrees with it,
    else the likeliest. "GDP grew 9.1 percent, while the digital economy grew 24.6 percent":
    the 9.1 percent is not the digital economy's growth."""
    chosen: dict[tuple[str | None, str | None], int] = {}
    for index, (part, fact, score) in enumerate(figures):
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
    for index, (part, fact, _) in enumerate(figures):
        if fact is not None and chosen[(part.fact, part.expected)] != index:
            note = "the fact's figure is another one of the sentence"
            part, fact = Part(part.kind, part.text, part.start, part.end, "unverifiable", note=note), None
        result.append((part, fact))
    return result


def _mismatch(sentence: str, profile: Profile, when: list[Period], q: Quantity | None = None) -> str | None:
    """Why a fact cannot judge a sentence's part (another period or measure), or None."""
    years = {p.resolve(profile.published) for p in when} - {None}
    if years and profile.year is not None and profile.year not in years:
        return f"another period: the article's figure is for {profile.year}"
    if q is not None and q.unit in ("meters", "feet", "kilometers", "miles"):
        said = _dimension(_local(sentence, q, [q]))
        if said and profile.dimension and said != profile.dimension:
            return f"another measure: {said}, not {profile.dimension}"
    return None


def _streak_of_another(sentence: str, truth: Quantity, profile: Profile) -> str | None:
    """Why a run of years cannot be judged: the article's run is of a ranking ("ranking first in
    China for four consecutive years") and the sentence ranks nothing ("grew more than 20
    percent for four straight years"), so it gives the run to something else."""
    if truth.unit != "consecutive years" or not profile.ranks or ranks(sentence):
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


def _first_word(text: str) -> tuple[str, bool] | None:
    """The first word of a sentence if capitalised, lowercased, and whether it is possessive."""
    match = re.match(r"[\s\"'\u201c\u2018(]*([A-Z][a-z]+(?:-[A-Za-z]+)*)(['\u2019]s\b)?", text)
    if not match or match.group(1) in _NOT_NAMES:
        return None
    return match.group(1).lower(), bool(match.group(2))


def _name_terms(text: str) -> set[str]:
    """The words of a name or a title, generic ones included ("local officials")."""
    return {t.term for t in tokens(text)} - {"the", "of", "and"}


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


def _local(sentence: str, q: Quantity, all_quantities: Sequence[Quantity]) -> str:
    """The words around a figure, up to the figures before and after it."""
    before = [x.end for x in all_quantities if x.end <= q.start]
    after = [x.start for x in all_quantities if x.start >= q.end]
    start = max(before) if before else 0
    end = min(after) if after else len(sentence)
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


def _verdict(parts: list[Part], used: list[Fact]) -> tuple[str, str, tuple[Part, ...], tuple[Fact, ...]]:
    statuses = {part.status for part in parts}
    if "contradicted" in statuses:
        verdict = "contradicted"
        telling = [p for p in parts if p.status == "contradicted"]
    elif statuses == {"supported"}:
        verdict = "supported"
        telling = parts
    else:
        verdict = "unverifiable"
        telling = [p for p in parts if p.status == "unverifiable"]
    order = [p.fact for p in telling if p.fact] + [p.fact for p in parts if p.fact]
    by_id = {fact.id: fact for fact in used}
    facts = tuple(by_id[i] for i in dict.fromkeys(order) if i in by_id)
    return verdict, _reason(verdict, telling), tuple(parts), facts


def _reason(verdict: str, telling: list[Part]) -> str:
    """One sentence a reporter can act on."""
    part = telling[0]
    if verdict == "contradicted":
        if part.kind == "attribution":
            return f"says {part.text!r}; the article attributes it to {part.expected}"
        return f"says {part.text}; the article says {part.expected}"
    if verdict == "supported":
        said = [f"attributed to {p.expected}" if p.kind == "attribution" else p.expected for p in telling if p.expected]
        return (
            "the article says so: " + "; ".join(dict.fromkeys(x for x in said if x)) if said else "the article says so"
        )
    if part.note and part.expected:
        return f"{part.text}: {part.note} (the article: {part.expected})"
    if part.expected:
        return f"{part.text}: the article says {part.expected}, which neither confirms nor contradicts it"
    return f"{part.text}: {part.note or 'no fact in the base addresses it'}"


def check_sentences(
    fb: FactBase, sentences: Iterable[Sentence], *, path: str = "-", source: str | None = None
) -> list[Finding]:
    """A finding for each sentence, in order (no-claim sentences included). With the `source`
    text the sentences were read from, each part also gets its line and column in it."""
    checker = Checker(fb)
    findings = []
    lines = None
    for sentence in sentences:
        verdict, reason, parts, facts = checker.judge(sentence.text)
        if source is not None and parts:
            from gzfacts.drafts import Lines

            lines = lines or Lines(source)
            parts = tuple(_placed(part, source, sentence, lines) for part in parts)
        findings.append(
            Finding(
                path,
                sentence.line,
                sentence.column,
                sentence.end_line,
                sentence.end_column,
                sentence.text,
                verdict,
                reason,
                parts,
                facts,
            )
        )
    return findings


def _placed(part: Part, source: str, sentence: Sentence, lines: Lines) -> Part:
    """The part with the line and column where its words stand in the source (markup between
    them allowed: "**30 percent**")."""
    words = part.text.split()
    if not words:
        return part
    pattern = r"[\s*_`~\[\]]*".join(re.escape(word) for word in words)
    found = re.search(pattern, source[sentence.start : sentence.end])
    if found is None:
        return part
    line, column = lines.position(sentence.start + found.start())
    return part._replace(line=line, column=column)


def check_text(fb: FactBase, text: str, *, path: str = "-", markdown: bool | None = None) -> list[Finding]:
    """Check a claim or a whole document: a finding per sentence (Markdown when `markdown`, or
    when None and the text looks like Markdown or `path` ends in .md)."""
    from gzfacts.drafts import read_sentences

    sentences = read_sentences(text, markdown=_is_markdown(path, text, markdown))
    return check_sentences(fb, sentences, path=path, source=text)


def _is_markdown(path: str, text: str, markdown: bool | None) -> bool:
    if markdown is not None:
        return markdown
    if path.lower().endswith((".md", ".markdown", ".mdown", ".mkd")):
        return True
    if path.lower().endswith((".txt", ".text")):
        return False
    return bool(re.search(r"^(?:#{1,6}\s|---\s*$|```|[-*]\s)", text[:4096], re.M))
