"""The checker: a sentence read, its parts judged, its words aligned with the evidence, a verdict.

sentence -> reader (words, negations, quantifiers, names)
         -> parts (figures, years, ranks, speakers judged against the facts they are about)
         -> evidence (those facts, else the candidates the words are most about)
         -> align (each content word and name related to the evidence)
         -> rules (one rule per kind of finding) -> Finding
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.checking import (
    align,
    appositives,
    asides,
    comparisons,
    contrasts,
    lexicon,
    places,
    polarity,
    reader,
    relations,
    rules,
    vocabulary,
    wordnet,
)
from gzfacts.checking.parts import Parts, PartsRead
from gzfacts.checking.profiles import Profile, within
from gzfacts.checking.verdict import Alignment, Finding, Judgement, Part, Relation, Verdict
from gzfacts.checking.words import proper_names, terms
from gzfacts.model import PLACES, Fact
from gzfacts.quantities import Period, Quantity

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.drafts import Lines, Sentence
    from gzfacts.factbase import FactBase

#: Candidate facts whose words are pooled as the evidence of a sentence without a judged part.
POOLED = 2


class _Read(NamedTuple):
    """A sentence as the reader and the parts reader left it, before it meets its evidence."""

    reading: reader.Reading
    found: PartsRead
    #: The judged figures, ranks, years and speakers.
    parts: list[Part]
    #: The content words the evidence must account for.
    words: list[reader.Word]
    #: The comparatives with "than".
    compared: tuple[comparisons.Comparison, ...] = ()


@lru_cache(maxsize=1)
def _figure_verbs() -> frozenset[str]:
    return vocabulary.words("figure-verbs")


class Checker:
    """Checks sentences against one fact base; keeps what it has worked out about its facts."""

    def __init__(self, fb: FactBase) -> None:
        self.fb = fb
        #: The fact whose quote states a relation read from a source, by source and relation.
        self._stating: dict[tuple[str, str], str | None] = {}
        self.parts = Parts(fb)
        self._topics = {topic.id: topic.title for topic in fb.topics()}
        self._evidence: dict[str, align.Evidence] = {}
        self._known: dict[str, tuple[bool, str]] = {}
        self._relations: dict[str, relations.Relations] = {}

    # -- what the base knows -----------------------------------------------------------------

    def evidence(self, fact: Fact) -> align.Evidence:
        """The evidence of a fact (worked out once)."""
        found = self._evidence.get(fact.id)
        if found is None:
            before = ""
            if align._PRONOUN_START.match(fact.quote):
                before = self.fb.context(fact, 1)[0]
            source = self.fb.source(fact.source)
            # What every fact of the source is about (its title's places), and who wrote it.
            places = [*proper_names(source.title), source.publisher, source.author]
            found = align.evidence_for(fact, self._topics.get(fact.topic, ""), before, places)
            self._evidence[fact.id] = found
        return found

    def known_name(self, name: str) -> tuple[bool, str]:
        """Whether a name is in the base (capitalised in a fact that has its words), and its kind there."""
        key = name.lower()
        found = self._known.get(key)
        if found is None:
            found = (False, "")
            words = [w for w in re.findall(r"[A-Za-z0-9][\w-]*", name) if w.lower() not in ("of", "and", "the")]
            if words:
                from gzfacts.text import stem

                ids = self.parts.retriever.first(stem(words[-1].lower()), 5)
                pattern = re.compile(r"\b" + r"\W+(?:\w+\W+){0,3}?".join(re.escape(w) for w in words) + r"\b")
                for fact in self.parts.retriever.facts(ids):
                    for text in (fact.quote, fact.claim, fact.attributed_to or ""):
                        match = pattern.search(text)
                        if match:
                            found = (True, align.name_kind(match.group(), text[: match.start()]))
                            break
                    if found[0]:
                        break
            self._known[key] = found
        return found

    def starts_name(self, word: str) -> bool:
        """Whether a sentence's capitalised first word (lowercased) is a name: one the base
        capitalises, a place WordNet knows ("Beijing", "Guangdong"), or a word neither WordNet
        nor the base has at all ("Zhejiang"; not "Telemedicine", which the base has)."""
        if self.parts.is_name(word):
            return True
        if wordnet.is_place_name(word):
            return True
        if not word.isalpha() or wordnet.base_forms(word):
            return False
        from gzfacts.text import stem

        return not self.parts.retriever.first(stem(word), 1)

    def _yearly(self, part: Part) -> str | None:
        """The period of the year-on-year change a supported figure matched, else None."""
        if part.kind != "figure" or part.status != "supported" or part.fact is None:
            return None
        fact = self.fb.fact(part.fact)
        return fact.period if "year-on-year" in (fact.unit or "").lower() else None

    def _speaker_of(self, part: Part, read: _Read, evidence: align.Evidence, aligned: align.Aligned) -> Part:
        """A speaker the parts reader found no fact for, judged against the fact the sentence's
        words are about, when they are plainly about it (WORDS_SAID of its words): "An Shihai said
        telemedicine lets people obtain real benefits" is the fact that quotes those words."""
        if part.kind != "attribution" or part.fact is not None or evidence.fact.attributed_to is None:
            return part
        said = [p for p in aligned.pairs if p.relation is Relation.EQUIVALENT and p.fact == evidence.fact.id]
        speaker = next((a for a in read.found.scan.attributions if a.start == part.start), None)
        if speaker is None or len({p.claim.lower() for p in said}) < WORDS_SAID:
            return part
        judged, _ = self.parts.attribution(read.reading.sentence, speaker, [], [evidence.fact])
        return appositives.judge_speaker(judged, read.found.scan)

    def relations_of(self, source_id: str) -> relations.Relations:
        """The relations a source's text states ("Guiyang, capital of Guizhou"), read once."""
        found = self._relations.get(source_id)
        if found is None:
            found = self._relations[source_id] = relations.read_source(self.fb.source_text(source_id))
        return found

    def _stated(self, part: Part, source_id: str) -> Part:
        """A relation read from the source, credited to the fact whose quote states it ("Guiyang,
        capital of Guizhou" is in the fact on Guiyang's industry, not the photo caption's)."""
        key = (source_id, (part.expected or "").lower())
        if part.fact is None and key[1] and key not in self._stating:
            self._stating[key] = relations.stating(key[1], self.fb.facts(), source_id)
        return part if part.fact is not None else part._replace(fact=self._stating.get(key))

    # -- one sentence ------------------------------------------------------------------------

    def judge(self, sentence: str) -> Judgement:
        """The verdict on one sentence, with its parts, facts and alignment."""
        normal = asides.normalized(sentence)
        if normal is not None:
            return self._judge_cut(sentence, normal, self.judge)
        aside = asides.cuts(sentence)
        if aside:
            return self._judge_cut(sentence, contrasts.cut(sentence, aside), self.judge)
        cleft = contrasts.clefts(sentence) + contrasts.unlike(sentence)
        contrast = contrasts.find(sentence)
        if contrast is not None:
            return self._contrasted(sentence, contrast, cleft)
        if not cleft:
            return self._judge(sentence)
        judged = self._judge_cut(sentence, contrasts.cut(sentence, cleft))
        return self._unlike_unknown(sentence, judged) if judged.verdict is Verdict.SUPPORTED else judged

    def _unlike_unknown(self, sentence: str, judged: Judgement) -> Judgement:
        """ "Unlike neighbouring Yunnan, Guizhou has ...": supported only when the article knows
        what the sentence sets it against; of a name it never mentions it says nothing."""
        for start, end in contrasts.unlike(sentence):
            for name in reader.names(sentence[start:end]):
                if not self.known_name(name.text)[0]:
                    at = start + name.start
                    note = "the article says nothing of it"
                    part = Part("name", name.text, at, at + len(name.text), "unverifiable", None, None, note)
                    reason = f"{name.text}: {note}"
                    return judged._replace(
                        verdict=Verdict.UNVERIFIABLE, code="GZF202", reason=reason, parts=(*judged.parts, part)
                    )
        return judged

    def _judge_cut(
        self, sentence: str, cut: contrasts.Cut, judge: Callable[[str], Judgement] | None = None
    ) -> Judgement:
        """The judgement of a sentence with words cut out, its spans those of the whole sentence."""
        judged = (judge or self._judge)(cut.text)
        parts = []
        for part in judged.parts:
            start, end = cut.span(part.start, part.end)
            parts.append(part._replace(text=sentence[start:end], start=start, end=end))
        pairs = tuple(
            a._replace(start=cut.span(a.start, a.end)[0], end=cut.span(a.start, a.end)[1]) for a in judged.alignment
        )
        return judged._replace(parts=tuple(parts), alignment=pairs)

    def _contrasted(self, sentence: str, contrast: contrasts.Contrast, cleft: list[tuple[int, int]]) -> Judgement:
        """A sentence that asserts one alternative and denies another ("Tencent, not Guiyang
        Longmaster"): contradicted when the article says the one it denies; supported only when
        it says the one asserted and rules out the one denied; else judged on the one asserted,
        and never supported ("in Guizhou, not far from Guiyang" says more than "in Guizhou")."""
        asserted = self._judge_cut(sentence, contrasts.cut(sentence, cleft + contrasts.asserted(contrast)))
        denied = self._judge_cut(sentence, contrasts.cut(sentence, cleft + contrasts.denied(contrast)))
        start, end = contrast.other
        other = sentence[start:end]
        at = contrast.denied[0]
        if denied.verdict is not Verdict.SUPPORTED:
            if asserted.verdict is not Verdict.SUPPORTED or denied.verdict is Verdict.CONTRADICTED:
                return asserted
            note = "the article does not rule it out"
            part = Part("word", sentence[at:end].lstrip(", "), at, end, "unverifiable", None, None, note)
            reason = f"the article does not say \u201c{part.text}\u201d"
            return Judgement(
                Verdict.UNVERIFIABLE, "GZF201", reason, (*asserted.parts, part), asserted.facts, asserted.alignment
            )
        kind, code = ("name", "GZF108") if re.search(r"\b[A-Z]", other) else ("negation", "GZF105")
        fact = denied.facts[0] if denied.facts else None
        expected = f"\u201c{fact.quote}\u201d" if fact else f"\u201c{other}\u201d"
        part = Part(kind, sentence[at:end].lstrip(", "), at, end, "contradicted", expected, fact.id if fact else None)
        reason = f"says not \u201c{other}\u201d; the article says {expected}"
        return Judgement(Verdict.CONTRADICTED, code, reason, (part,), denied.facts, denied.alignment)

    def _judge(self, sentence: str) -> Judgement:
        read = self._read(sentence)
        reading, found, parts, words = read.reading, read.found, read.parts, read.words
        names = reading.names
        if reading.opinion and (not parts or reader.asks(reading.sentence)):
            # A question asserts nothing, whatever figures it asks about ("What will Guizhou
            # achieve in the next ten years?").
            return _no_claim("an opinion or a question: nothing checkable")
        evidence = self._choose(found.used, found.aligned, found.candidates, words, reading)
        if not evidence:
            if parts:
                return self._finish(parts, [], (), found.candidates)
            if names:
                note = f"{names[0].text}: no fact in the base is about it"
                part = Part("name", names[0].text, names[0].start, names[0].end, "unverifiable", None, None, note)
                return Judgement(Verdict.UNVERIFIABLE, "GZF204", note, (part,), (), ())
            return _no_claim("nothing checkable: no figure, name or claim the base knows")
        aligned = align.align(reading, words, evidence, is_known=self.known_name)
        opposed = align.generic_opposites(reading, [(p.start, p.end) for p in parts if p.kind != "figure"], evidence)
        aligned = aligned._replace(pairs=aligned.pairs + tuple(opposed))
        if not parts and not names and not _anchored(aligned):
            # Words the base has nothing on, and no name: "It is lovely." asserts nothing checkable.
            return _no_claim("nothing checkable: no figure, name or claim the base knows")
        all_parts = self._word_parts(read, evidence, aligned)
        all_parts = [self._quoted(p) for p in all_parts]
        return self._finish(all_parts, aligned.pairs, evidence, found.candidates)

    def _read(self, sentence: str) -> _Read:
        """The sentence read: its words, its judged parts, and the content words left for the aligner."""
        reading = reader.read(sentence, self.starts_name, lambda name: self.known_name(name)[0])
        found = self.parts.read(sentence)
        # "39 Internet Hospital": a number that starts a name is no figure.
        named = {n.start for n in reading.names}
        parts = [
            appositives.judge_speaker(p, found.scan)
            for p in found.parts
            if not _inside(p, reading.quantifiers)
            and not (p.kind == "figure" and p.start in named)
            # "one of the most inspiring": a ranking by a judgement is no rank.
            and not (p.kind == "rank" and reader.evaluative(p.text))
        ]
        dropped = [p for p in found.parts if _inside(p, reading.quantifiers)]
        # A figure's number and unit are the part's; what it counts ("of provincial GDP") is words
        # the evidence must have too.
        cores = {q.start: _core(q) for q in found.scan.quantities}
        taken = [(p.start, cores.get(p.start, p.end) if p.kind == "figure" else p.end) for p in parts]
        taken += [(p.start, p.end) for p in found.scan.periods]
        taken += [(a.start, a.end) for a in found.scan.attributions]
        taken += [(r.start, r.end) for r in found.scan.ranks]
        taken += [
            (q.start, _core(q))
            for q in found.scan.quantities
            if q.start not in named and not any(p.start == q.start for p in dropped)
        ]
        in_parts = align.mask(len(sentence), taken[: len(parts)])
        quantifiers = tuple(q for q in reading.quantifiers if not in_parts[q.start])
        reading = reading._replace(quantifiers=quantifiers)
        compared = comparisons.find(sentence)
        reading = comparisons.without(reading, compared)
        taken += comparisons.taken(compared)
        taken += comparisons.year_on_year(sentence, [self._yearly(p) for p in parts])
        words = align.content_words(reading, taken)
        in_taken = align.mask(len(sentence), taken)
        names = tuple(n for n in reading.names if not in_taken[n.start])
        return _Read(reading._replace(names=names), found, parts, words, compared)

    def _word_parts(self, read: _Read, evidence: list[align.Evidence], aligned: align.Aligned) -> list[Part]:
        """Every part of the sentence judged: its figures and the like, its proportions in words,
        the relations it states, its words and names; negations turned clause by clause."""
        reading, found = read.reading, read.found
        sentence = reading.sentence
        wider = evidence + [
            self.evidence(p.fact) for p in found.aligned if p.fact.id not in {e.fact.id for e in evidence}
        ]
        quotes = [(e.fact.id, e.fact.quote, self.parts.profile(e.fact).ranks, e.forms) for e in wider]
        parts = [self._speaker_of(p, read, evidence[0], aligned) for p in read.parts]
        parts += comparisons.judge(read.compared, quotes, sentence, _measured(wider, found))
        negations = polarity.counted(reading, parts)
        others = [self.evidence(c.fact) for c in found.candidates] if reading.quantifiers else []
        quantified, spent = rules.judge_quantifiers(reading, wider, negations, others)
        negations = [n for n in negations if n not in spent]
        # "No" over words the base gives no share of is a negation ("no foreign giant has settled").
        if not quantified:
            negations += [
                reader.Span(q.text, q.start, q.end) for q in reading.quantifiers if q.kind == "share" and q.high == 0.0
            ]
        fact_ids = {e.fact.id for e in evidence}
        sources = [self.relations_of(e.fact.source) for e in evidence[:1]]
        said_here = [
            self._stated(p, evidence[0].fact.source) for p in relations.judge(sentence, sources, fact_ids)
        ] + relations.judge_groups(sentence, sources)
        # A post the sentence's attribution already gives ("said Director Pi Shengming of ...") is the speaker's part.
        spoken = [(p.start, p.end) for p in parts if p.kind == "attribution"]
        said_here += [
            self._stated(p, evidence[0].fact.source)
            for p in relations.judge_posts(sentence, sources)
            if p.status != "supported" or not any(a <= p.start and p.end <= b for a, b in spoken)
        ]
        placing = [e.fact for e in wider] + [c.fact for c in found.candidates]
        placing = [f for f in placing if f.quote == evidence[0].fact.quote]
        said_here += places.judge_places(sentence, placing, lambda name: self.known_name(name)[0])
        unique = any(p.kind == "rank" and p.status == "supported" for p in parts)
        word_parts = rules.word_parts(
            aligned, any(p.status == "supported" for p in parts), _figure_verbs(), unique, sentence
        )
        quantified = [_in_period(q, found.scan.periods, evidence, self.fb) for q in quantified]
        names = {(n.start, n.end) for n in reading.names}
        quoted = {e.fact.id: e.fact.quote for e in evidence}
        said_here += relations.reversed_roles(sentence, aligned.pairs, quoted, names)
        all_parts = [*parts, *quantified, *said_here, *word_parts]
        if said_here:
            # The relation read from the source decides the names it relates.
            spans = [(p.start, p.end) for p in said_here]
            all_parts = [
                p for p in all_parts if p.kind not in ("name", "word") or not any(a <= p.start < b for a, b in spans)
            ]
        if not [p for p in all_parts if p.kind not in ("word", "name")] and not _tied(aligned, evidence[0], reading):
            # Words in common, and nothing else: "data centres keep growing" is not "people-centered".
            note = "the article has these words, but says nothing that ties them together"
            all_parts.append(Part("claim", sentence.strip(), 0, len(sentence), "unverifiable", None, None, note))
        all_parts = comparisons.spared(all_parts, read.compared)
        return polarity.turned(sentence, all_parts, negations, evidence[0].negations % 2 == 1, aligned.pairs)

    def _quoted(self, part: Part) -> Part:
        """A negation's evidence as the words of the quote ("had a growth rate of 24.6 percent"), not one word."""
        telling = part.kind in ("negation", "word") and part.status != "unverifiable"
        if not telling or not part.fact or not (part.expected or "").startswith("\u201c"):
            return part
        fact = self.fb.fact(part.fact)
        window = align.quote_window(fact.quote, (part.expected or "").strip("\u201c\u201d"))
        if window is None:
            return part
        return part._replace(expected=f"\u201c{window}\u201d" + (f" ({fact.period})" if fact.period else ""))

    def _finish(
        self,
        parts: list[Part],
        pairs: Iterable[Alignment],
        evidence: Iterable[align.Evidence],
        candidates: list[Profile],
    ) -> Judgement:
        decision = rules.decide(parts)
        parts = list(decision.parts)
        pool = [e.fact for e in evidence] + [c.fact for c in candidates]
        for part in parts:
            if part.fact and all(f.id != part.fact for f in pool):
                pool.append(self.fb.fact(part.fact))
        facts = rules.telling_facts(decision.telling, parts, pool)
        if not facts and decision.verdict is not Verdict.NO_CLAIM:
            facts = tuple(pool[:1])
        reason = decision.reason
        if facts and facts[0].place != "body":
            # "the article's photo caption says ...": a caption is not the reporter's running text.
            reason = reason.replace("the article says", f"{PLACES[facts[0].place]} says", 1)
        return Judgement(
            decision.verdict,
            decision.code,
            reason,
            tuple(parts),
            facts,
            rules.alignment_of(parts, list(pairs)),
        )

    def _choose(
        self,
        used: list[Fact],
        aligned: list[Profile],
        candidates: list[Profile],
        words: list[reader.Word],
        reading: reader.Reading,
    ) -> list[align.Evidence]:
        """The evidence a sentence is judged against: the facts its parts rest on, with the
        candidates that account for more of its words; else the candidates that account for most."""
        chosen = [self.evidence(f) for f in {f.id: f for f in used}.values()]
        taken = {e.fact.id for e in chosen}
        pool = [self.evidence(f) for f in {p.fact.id: p.fact for p in [*aligned, *candidates]}.values()]
        pool = [e for e in pool if e.fact.id not in taken]
        scored = sorted(
            ((self._coverage(words, reading, [*chosen, e]), i, e) for i, e in enumerate(pool)),
            key=lambda x: (-x[0], x[1]),
        )
        base = self._coverage(words, reading, chosen) if chosen else 0.0
        limit = POOLED if not chosen else 1
        for score, _, item in scored[:limit]:
            if score > base and (chosen or score >= 1.0) and (not chosen or _related(item, chosen[0])):
                chosen.append(item)
                base = score
        return chosen

    @staticmethod
    def _coverage(words: list[reader.Word], reading: reader.Reading, evidence: list[align.Evidence]) -> float:
        """How much of the sentence the evidence accounts for: matched words, names twice."""
        forms: set[str] = set()
        name_words: set[str] = set()
        for item in evidence:
            forms |= item.forms
            name_words |= item.name_words
        score = 0.0
        every = frozenset(forms)
        for word in words:
            relation, _ = lexicon.relation(word.lower, every)
            if relation in (Relation.EQUIVALENT, Relation.MORE_GENERAL):
                score += 1.0
            elif relation is Relation.ALTERNATION:
                score += 0.75
        for name in reading.names:
            if name.text.lower().split()[-1] in name_words:
                score += 2.0
        return score


def _in_period(part: Part, periods: Iterable[Period], evidence: list[align.Evidence], fb: FactBase) -> Part:
    """A proportion judged against a fact of another year says nothing of it ("a third of GDP by
    2020"); nor does a year's growth of a change over years ("tripled between 2013 and 2018")."""
    if part.status == "unverifiable" or part.fact is None:
        return part
    said = {p.year for p in periods if p.year is not None}
    if (
        part.kind == "quantifier"
        and "growth" in (part.expected or "")
        and (len(said) > 1 or any(p.span for p in periods))
    ):
        return part._replace(status="unverifiable", note="a change over years: the article's figure is of one year")
    fact = next((e.fact for e in evidence if e.fact.id == part.fact), None) or fb.fact(part.fact)
    years = {p.resolve(None) for p in periods if p.year is not None} - {None}
    if fact.period and years and not any(within(fact.period, year) for year in years):
        return part._replace(status="unverifiable", note=f"another period: the article's figure is for {fact.period}")
    return part


def _related(item: align.Evidence, first: align.Evidence) -> bool:
    """Whether a second fact may lend the sentence its words and names: it is on the first one's
    topic. "The largest digital economy in the world" takes no "world" from a fact about the
    expo, and "the hospital Alibaba helped set up" no "Alibaba" from the companies in Guizhou."""
    return item.fact.topic == first.fact.topic


def _core(q: Quantity) -> int:
    """Where a figure's number and unit end, before what it counts."""
    if q.noun and q.text.endswith(q.noun):
        return q.end - len(q.noun)
    return q.end


def _measured(wider: list[align.Evidence], found: PartsRead) -> list[comparisons.Measured]:
    """The figures two sides of a comparison may name: the evidence's, and the other candidates'."""
    facts = {f.id: f for f in [*(e.fact for e in wider), *(c.fact for c in found.candidates)]}
    return [
        (f.id, float(f.value), f.unit or "", _fact_terms(f.claim, f.unit))
        for f in facts.values()
        if f.value is not None
    ]


@lru_cache(maxsize=4096)
def _fact_terms(claim: str, unit: str | None) -> frozenset[str]:
    return frozenset(terms(f"{claim} {unit or ''}"))


def _no_claim(reason: str) -> Judgement:
    return Judgement(Verdict.NO_CLAIM, "GZF401", reason, (), (), ())


def _inside(part: Part, quantifiers: tuple[reader.WordQuantifier, ...]) -> bool:
    """A rank or figure read inside a proportion in words ("a third" of GDP is no rank; "nine
    in ten" no count of nine)."""
    return part.kind in ("rank", "figure") and any(
        q.start <= part.start < q.end
        and (q.kind == "share" or (q.kind == "change" and " " in q.text.strip()))
        and (part.kind == "rank" or " " in q.text.strip() or "-" in q.text)
        for q in quantifiers
    )


#: Words of a fact's quote a sentence must share for a speaker to be judged against it alone.
WORDS_SAID = 3

#: Content words a sentence with no figure, rank, year, speaker or proportion must share with
#: its evidence, besides its names, to be about the same thing.
TIED_WORDS = 3


def _tied(aligned: align.Aligned, evidence: align.Evidence, reading: reader.Reading) -> bool:
    """Whether a sentence of words only is about its evidence: a name of the evidence's own (not
    only the place all its source is about) and a word, or TIED_WORDS words."""
    matched = [p for p in aligned.pairs if p.relation in (Relation.EQUIVALENT, Relation.MORE_GENERAL)]
    given = {(n.start, n.end) for n in reading.names}
    places = {text for text, _, kind in evidence.names if kind == "place"}
    names = [p for p in matched if (p.start, p.end) in given and p.claim.lower() not in places]
    words = [p for p in matched if (p.start, p.end) not in given]
    return (bool(names) and len(words) >= 1) or len(words) >= TIED_WORDS


def _anchored(aligned: align.Aligned) -> bool:
    """Whether the sentence shares anything of substance with the evidence: a name, or a word."""
    return any(p.relation in (Relation.EQUIVALENT, Relation.MORE_GENERAL, Relation.ALTERNATION) for p in aligned.pairs)


def check_sentences(
    fb: FactBase, sentences: Iterable[Sentence], *, path: str = "-", source: str | None = None
) -> list[Finding]:
    """A finding for each sentence, in order (no-claim sentences included). With the `source`
    text the sentences were read from, each part also gets its line and column in it."""
    checker = Checker(fb)
    findings = []
    lines = None
    for sentence in sentences:
        if sentence.unread is not None:
            judged = Judgement(Verdict.UNVERIFIABLE, "GZF205", sentence.unread, (), (), ())
        else:
            judged = checker.judge(sentence.text)
        parts = judged.parts
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
                judged.verdict,
                judged.reason,
                parts,
                judged.facts,
                judged.code,
                judged.alignment,
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
    from gzfacts.drafts import is_markdown, read_sentences

    sentences = read_sentences(text, markdown=is_markdown(path, text, markdown))
    return check_sentences(fb, sentences, path=path, source=text)
