"""From what was read and aligned to a verdict: one rule per kind of finding, each with its code.

The order is natural logic's: the sentence's parts and words are each related to the evidence
(equivalent, more general, more specific, negation, alternation, independent), and the verdict
follows from the relations:

- an alternation (a wrong figure, rank, year or speaker, an opposite word, a wrong proportion, another
  name in a role the article fills) contradicts, unless the sentence is about a name the article
  never mentions (then it is about something else, and unverifiable);
- a word, name or part the evidence does not vouch for makes it unverifiable, and the reason
  names it;
- only a sentence every part and content word of which is matched is supported;
- negations are turned first, clause by clause (gzfacts.checking.polarity): a negation the
  evidence does not share turns supported into contradicted, and a contradiction by an
  alternation into supported ("did not shrink" against "grew").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import takewhile
from typing import NamedTuple

from gzfacts.checking import lexicon, vocabulary, wordnet
from gzfacts.checking.align import FEATURES, Aligned, Evidence
from gzfacts.checking.figures import MISDATED
from gzfacts.checking.reader import JUDGED_SHARE, Reading, Span, WordQuantifier
from gzfacts.checking.verdict import Alignment, Part, Relation, Verdict
from gzfacts.checking.words import KINDS_OF_PLACE, STANDARD_BEFORE, head_noun
from gzfacts.model import Fact

#: Why a proportion in words is unverifiable: the article gives no share of what it quantifies.
NO_SHARE = "the article gives no share of them"

#: The rule code of a contradicted part, by its kind.
_CONTRADICTED_CODES = {
    "figure": "GZF101",
    "rank": "GZF102",
    "year": "GZF103",
    "attribution": "GZF104",
    "quantifier": "GZF107",
    "name": "GZF108",
    "relation": "GZF108",
    "word": "GZF106",
    "negation": "GZF105",
    "comparison": "GZF101",
}


class Decision(NamedTuple):
    """A verdict, the rule that gave it, and the one-line reason."""

    verdict: Verdict
    code: str
    reason: str
    #: The parts that decided it, the most telling first.
    telling: tuple[Part, ...]
    #: All the parts, as the rules left them (a name in a role the sentence does not state is
    #: unverifiable, not contradicted).
    parts: tuple[Part, ...] = ()


def judge_quantifiers(
    reading: Reading, evidence: Sequence[Evidence], negations: Sequence[Span], others: Sequence[Evidence] = ()
) -> tuple[list[Part], list[Span]]:
    """Each proportion said in words against the evidence's share ("most" against 83.1 percent),
    and each change ("doubled") against its growth; with the negations spent on them (a
    negation in a quantifier's clause is read into it: "no village lacks" is "every village has").
    `others`: more candidate facts, searched only for what they say "all" of."""
    from gzfacts.checking.polarity import clauses, in_clause

    parts: list[Part] = []
    spent: list[Span] = []
    spans = clauses(reading.sentence)
    for q in reading.quantifiers:
        if q.kind == "change":
            parts.append(_change(q, evidence))
            continue
        shares = [e for e in evidence if e.share is not None]
        # Of several shares, the one of what the proportion is of ("every village" and 83.1
        # percent of government affairs in one sentence).
        fitting = next((e for e in shares if _of_what_it_shares(q, reading.sentence, e)), None)
        item = fitting or (shares[0] if shares else None)
        # A share of something else does not judge it: what the article says "all" of may.
        # ... nor does the evidence's: a candidate fact may say "all" of it ("all sectors of industry").
        said_all = _says_all_of(q, reading.sentence, [*evidence, *others]) if fitting is None else None
        if said_all is None and item is None:
            if 0.0 < q.high <= 0.2 and evidence and evidence[0].many:
                # "Few patients" against "thousands of patients".
                said = "many (\u201cthousands\u201d, \u201ca lot of\u201d)"
                parts.append(Part("quantifier", q.text, q.start, q.end, "contradicted", said, evidence[0].fact.id))
            elif q.low >= 1.0 and evidence:
                # "Every county": the article's count of them is of a part, or it gives none.
                parts += _counted(q, reading.sentence, evidence[0]) or _no_share(q, reading.sentence)
            elif q.low < 1.0 and q.high > 0.0:
                # "Half of the projects", "most participants", "less than half the national
                # rate": a share the article never gives ("no", "none" are negations).
                parts.append(Part("quantifier", q.text, q.start, q.end, "unverifiable", None, None, NO_SHARE))
            continue
        low, high = q.low, q.high
        clause = in_clause(q.start, spans)
        mine = [n for n in negations if in_clause(n.start, spans) == clause and n not in spent]
        if len(mine) % 2:
            low, high = _negated(q, low, high)
        spent += mine
        if said_all is not None:
            # "only some of the township logistics" against "cover all township logistics".
            item, words = said_all
            status = "supported" if _within(1.0, low, high) else "contradicted"
            parts.append(Part("quantifier", q.text, q.start, q.end, status, f"\u201c{words}\u201d", item.fact.id))
            continue
        parts.append(_against_share(q, low, high, fitting))
    return parts, spent


def _against_share(q: WordQuantifier, low: float, high: float, fitting: Evidence | None) -> Part:
    """A proportion in words against the share of what it is of, when the evidence gives one."""
    if fitting is None or fitting.share is None:
        # "Less than half the national rate": not a share of what the article's share is of.
        return Part("quantifier", q.text, q.start, q.end, "unverifiable", None, None, NO_SHARE)
    said = f"{_percent(fitting.share)} ({fitting.fact.unit or 'share'})"
    status = "supported" if _within(fitting.share, low, high) else "contradicted"
    if status == "supported" and JUDGED_SHARE.match(q.text):
        # "patchy" of 83.1 percent: a judgement the article's figure neither makes nor denies.
        note = f"the article gives {said}, which neither confirms nor contradicts it"
        return Part("quantifier", q.text, q.start, q.end, "unverifiable", None, fitting.fact.id, note)
    return Part("quantifier", q.text, q.start, q.end, status, said, fitting.fact.id)


def _negated(q: WordQuantifier, low: float, high: float) -> tuple[float, float]:
    """The share a negation over a quantifier's words says: "no village is without broadband" is
    1 - 0; "don't cover just part of the township logistics" is all of it."""
    if re.match(r"(?:only|just)\b", q.text, re.I):
        return 1.0, 1.0
    return 1.0 - high, 1.0 - low


#: The noun a quantifier quantifies ("every province", "all of the villages").
_QUANTIFIED_NOUN = re.compile(
    r"\s+(?:single\s+|last\s+|one\s+of\s+)?(?:of\s+)?(?:the\s+|its\s+|their\s+|\w+['\u2019]s\s+){0,2}([A-Za-z][\w-]*)"
)
#: A count of things in the evidence ("24 provinces"), and whether it is of all of them ("all 88").
_COUNT = re.compile(
    r"\b(all\s+(?:the\s+|of\s+the\s+)?|every\s+one\s+of\s+the\s+)?(\d[\d,]*)\s+"
    # what is counted, a list of kinds too ("24 provinces, municipalities and autonomous regions")
    r"([A-Za-z][\w-]*(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)(?:(?!(?:and|or)\b)[a-z][\w-]*\s+)?(?!(?:and|or)\b)[a-z][\w-]*)*)",
    re.I,
)


#: A participle after a noun ("no township left out of ...", "no village cut off").
_PARTICIPLE = re.compile(r"[a-z]+ed|left|cut|shut|kept|held|built|set")
#: "all township logistics", "all of the villages": what a quote says all of.
_ALL_OF = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+|its\s+)?([a-z][\w-]*)(?:\s+(?!of\b|in\b)([a-z][\w-]*))?", re.I)


def _says_all_of(q: WordQuantifier, sentence: str, evidence: Sequence[Evidence]) -> tuple[Evidence, str] | None:
    """The evidence that says "all" of what the proportion is of, and its words ("cover all
    township logistics" for "only some of the township logistics"), or None."""
    noun = _QUANTIFIED_NOUN.match(sentence, q.end)
    if noun is None:
        return None
    # Its head: "industrial sectors" is of sectors, "village e-commerce sites" of sites.
    after = re.findall(r"[A-Za-z][\w-]*", sentence[noun.start(1) : noun.start(1) + 60])[:4]
    phrase = list(takewhile(lambda w: w.lower() not in vocabulary.light_words(), after)) or after[:1]
    forms = lexicon.forms(head_noun(" ".join(phrase)).split()[-1].lower())
    if len(phrase) > 1 and wordnet.is_noun(phrase[0].lower()) and _PARTICIPLE.fullmatch(phrase[1].lower()):
        # "no township left out of ...": the noun before a participle is the head.
        forms = lexicon.forms(phrase[0].lower())
    for item in evidence:
        for match in _ALL_OF.finditer(item.fact.quote):
            said = {w.lower() for w in match.groups() if w}
            if any(lexicon.forms(w) & forms for w in said):
                return item, match.group().strip()
    return None


def _of_what_it_shares(q: WordQuantifier, sentence: str, item: Evidence) -> bool:
    """Whether the proportion is of what the evidence's share is of: the noun it quantifies
    ("most of Guizhou's provincial government affairs", "a quarter of GDP", "every village") is
    a word of that fact. A proportion of nothing said ("most can be done online") is taken as
    the sentence's subject's."""
    noun = _QUANTIFIED_NOUN.match(sentence, q.end)
    if noun is None:
        return True
    word = noun.group(1).lower()
    if word in vocabulary.light_words() or word in ("them", "it", "those", "these"):
        return True
    return bool(lexicon.forms(word) & item.forms or lexicon.equivalents(word) & item.forms)


#: Nouns a universal may range over that are no share of anything the article counts ("every year").
_TIMES = frozenset("year years month months week weeks day days time times decade decades".split())


def _no_share(q: WordQuantifier, sentence: str) -> list[Part]:
    """A universal over things the article gives no share of ("every county has a centre"): never
    passed silently, unless it ranges over times ("every year")."""
    following = re.findall(r"[a-z]+", sentence[q.end : q.end + 48].lower())[:6]  # "each of the last three years"
    if _TIMES.intersection(following):
        return []
    return [Part("quantifier", q.text, q.start, q.end, "unverifiable", None, None, NO_SHARE)]


def _counted(q: WordQuantifier, sentence: str, item: Evidence) -> list[Part]:
    """A universal ("every province") over things the article counts without saying they are
    all of them ("patients from 24 provinces"): the count is of a part, and "every" says more.
    Not a negated universal, and not when the article's count is of all ("all 88 counties")."""
    noun = _QUANTIFIED_NOUN.match(sentence, q.end)
    if noun is None or re.match(r"(?:not|n['\u2019]t|never)\b", sentence[max(0, q.start - 4) : q.start].strip(), re.I):
        return []
    wanted = lexicon.forms(noun.group(1).lower())
    for found in _COUNT.finditer(item.fact.quote):
        kinds = re.findall(r"[a-z][\w-]*", found.group(3).lower())
        if found.group(1) or not any(lexicon.forms(kind) & wanted for kind in kinds if kind not in ("and", "or")):
            continue
        said = f"\u201c{found.group(2)} {found.group(3)}\u201d, not all"
        return [Part("quantifier", q.text, q.start, q.end, "contradicted", said, item.fact.id)]
    return []


def _within(share: float, low: float, high: float) -> bool:
    """Whether the evidence's share is in the range a proportion in words says, half a point
    either way for rounding; but "not all" (below the whole) is never the whole, nor "some"
    (above none) none: the article's 100 percent is "every", and "not every" says otherwise."""
    if share >= 1.0 and high < 1.0:
        return False
    if share <= 0.0 and low > 0.0:
        return False
    return low - 0.005 <= share <= high + 0.005


def _change(q: WordQuantifier, evidence: Sequence[Evidence]) -> Part:
    item = next((e for e in evidence if e.change is not None), None)
    if item is None or item.change is None:
        return Part("quantifier", q.text, q.start, q.end, "unverifiable", note="the article gives no such change")
    said = f"{_percent(item.change)} growth" + (f", {item.fact.period}" if item.fact.period else "")
    if q.low == q.high:  # "doubled": a multiple, five points either way
        status = "supported" if abs(item.change - q.low) <= 0.05 * max(1.0, abs(q.low)) else "contradicted"
    else:  # "by about a tenth": its range, half a point either way for rounding
        status = "supported" if q.low - 0.005 <= item.change <= q.high + 0.005 else "contradicted"
    return Part("quantifier", q.text, q.start, q.end, status, said, item.fact.id)


def _percent(share: float) -> str:
    return f"{share * 100:g} percent"


#: A name a rank or comparison is measured against: what the sentence compares its subject with.
COMPARED_WITH = "what it is compared with"


def word_parts(
    aligned: Aligned, figure_words_ok: bool, figure_verbs: frozenset[str], unique: bool = False, sentence: str = ""
) -> list[Part]:
    """The words and names of the sentence as parts: opposite words and rival names contradict,
    words and names the evidence lacks are unverifiable."""
    parts: list[Part] = []
    for pair in aligned.pairs:
        if pair.relation is Relation.ALTERNATION:
            other = _said_of_another(pair, aligned.pairs, sentence)
            if other is not None:
                # "the coal mining industry is shrinking": the opposite of the article's growth, said
                # of something the article does not mention.
                note = f"said of \u201c{other}\u201d, which the article does not mention"
                parts.append(Part("word", pair.claim, pair.start, pair.end, "unverifiable", None, pair.fact, note))
                continue
            parts.append(
                Part(
                    "word", pair.claim, pair.start, pair.end, "contradicted", f"\u201c{pair.evidence}\u201d", pair.fact
                )
            )
        elif pair.relation in (Relation.INDEPENDENT, Relation.MORE_SPECIFIC):
            if figure_words_ok and lexicon.forms(pair.claim) & figure_verbs:
                continue
            more = "more specific than the article" if pair.relation is Relation.MORE_SPECIFIC else None
            parts.append(Part("word", pair.claim, pair.start, pair.end, "unverifiable", None, pair.fact, more))
    # "Huawei helped establish it": a part many may play; another name in it is news, not an error
    # (unless a cleft makes it the only one: "Tencent was the company that helped set it up").
    shared = any(_plays_a_shared_role(pair.claim) for pair in aligned.pairs) and not _EXCLUSIVE.search(sentence)
    for name, kind, known in aligned.strange_names:
        rival = next((text for text, k in aligned.rival_names if k == kind and kind), None)
        if shared:
            rival = None
        # "Northwest China" for "Southwest China": the article's name with another first word.
        renamed = next((text for text, _ in aligned.rival_names if _same_but_first(name.text, text)), None)
        if renamed is not None:
            parts.append(Part("name", name.text, name.start, name.end, "contradicted", _title(renamed)))
            continue
        if rival is None and unique and not kind:
            # "Guangdong is China's first ...": the role has one holder, and the article names it.
            rival = next((text for text, k in aligned.rival_names if k in ("place", "")), None)
        if rival is not None and (known or kind in ("body", "person") or kind in FEATURES or unique):
            parts.append(Part("name", name.text, name.start, name.end, "contradicted", _title(rival)))
        else:
            note = "the article does not mention it" if not known else "the article does not say it of this"
            if STANDARD_BEFORE.search(sentence, 0, name.start):
                # "second, behind only Guangdong": unverifiable, but no other subject.
                note = f"{COMPARED_WITH}: {note}"
            parts.append(Part("name", name.text, name.start, name.end, "unverifiable", None, None, note))
    return parts


def _said_of_another(pair: Alignment, pairs: Sequence[Alignment], sentence: str) -> str | None:
    """The nouns the evidence lacks in the subject straight before an opposite word (its last
    words before the verb's auxiliaries), or None: "Guizhou's coal mining industry is shrinking"
    says nothing of the digital economy."""
    start = max(sentence.rfind(ch, 0, pair.start) for ch in ",;:") + 1
    words = list(re.finditer(r"[A-Za-z][\w'\u2019-]*", sentence[start : pair.start]))
    while words and words[-1].group().lower() in _AUXILIARIES:
        words.pop()
    subject: list[re.Match[str]] = []
    function = vocabulary.light_words()
    while words and len(subject) < 4 and words[-1].group().lower() not in function:
        subject.insert(0, words.pop())
    if not subject:
        return None
    low, high = start + subject[0].start(), start + subject[-1].end()
    nouns = [
        p.claim
        for p in pairs
        if p.relation is Relation.INDEPENDENT and low <= p.start and p.end <= high and wordnet.is_noun(p.claim)
    ]
    return " ".join(nouns) if nouns else None


_AUXILIARIES = frozenset("is are was were has have had been being will would be now still also".split())


#: A cleft that makes one name the only holder of a part: "X was the company that", "it was X that".
_EXCLUSIVE = re.compile(
    r"\b(?:was|is)\s+the\s+(?:company|firm|one|enterprise|business|organi[sz]ation)\s+(?:that|which|who)\b|"
    r"\b[Ii]t\s+was\s+(?!not\b)[^,]{2,60}?\s+(?:that|who)\b"
)


def _same_but_first(name: str, other: str) -> bool:
    """Whether two names differ only in their first word, and share a tail that is no kind of
    place alone ("Northwest China" and "Southwest China"; not "Yunnan province" and "Guizhou province")."""
    mine, theirs = name.lower().split(), other.lower().split()
    tail = mine[1:]
    return len(mine) >= 2 and tail == theirs[1:] and mine[0] != theirs[0] and not set(tail) <= KINDS_OF_PLACE


@lru_cache(maxsize=1)
def _shared_roles() -> tuple[frozenset[str], dict[str, str]]:
    return vocabulary.words("shared-roles"), vocabulary.phrase_pairs("phrasal-verbs")


def _plays_a_shared_role(words: str) -> bool:
    """Whether a word (or a phrasal verb: "took part") says a part many may play."""
    roles, phrasal = _shared_roles()
    word = phrasal.get(" ".join(words.lower().split()), words)
    return bool(lexicon.forms(word) & roles)


def _title(name: str) -> str:
    return " ".join(w if w in ("of", "and", "the", "for") else w[:1].upper() + w[1:] for w in name.split())


def decide(parts: Sequence[Part]) -> Decision:
    """The verdict from the judged parts (negations already turned: gzfacts.checking.polarity)."""
    # Another name in a role is a contradiction only when the rest of the sentence is the
    # article's: "Tencent set up the 39 Internet Hospital" swaps one name; "the Sixth Hospital
    # belongs to the 39 Internet Hospital network" says something the article does not.
    if any(_unsaid(p) for p in parts):
        note = "the article does not say this of either name"
        parts = [
            p._replace(status="unverifiable", note=note) if p.kind == "name" and p.status == "contradicted" else p
            for p in parts
        ]
    contradicted = [p for p in parts if p.status == "contradicted"]
    unverifiable = [p for p in parts if p.status == "unverifiable"]
    supported = [p for p in parts if p.status == "supported"]
    # A name the article never mentions: the sentence is about something else.
    # A name the article does not give here (never, or not of this): the sentence is about
    # something else, and the article's figures cannot contradict it.
    foreign = [p for p in unverifiable if p.kind == "name" and not (p.note or "").startswith(COMPARED_WITH)]
    framed = [
        p
        for p in unverifiable
        if (
            p.kind in ("figure", "rank", "year", "attribution")
            and (p.note or "").startswith(("another period", "another place", "another measure", "no dated fact"))
        )
        # "Most participants were domestic": the share is what the article does not give, so a
        # word against its evidence is no contradiction of it.
        or (p.kind == "quantifier" and p.note == NO_SHARE)
    ]
    if contradicted and not foreign and not _only_framed(contradicted, framed):
        first = contradicted[0]
        code = _CONTRADICTED_CODES.get(first.kind, "GZF106")
        return Decision(Verdict.CONTRADICTED, code, _contradicted(first), (first,), tuple(parts))
    if unverifiable or contradicted:
        telling = framed or foreign or unverifiable or contradicted
        code = _unverifiable_code(telling[0])
        return Decision(Verdict.UNVERIFIABLE, code, _unverifiable(telling), tuple(telling), tuple(parts))
    # A negated alternation ("did not shrink") tells the most: put it first.
    telling = sorted(supported, key=lambda p: p.note is None)
    return Decision(Verdict.SUPPORTED, "GZF301", _supported_reason(telling), tuple(telling), tuple(parts))


def _unsaid(part: Part) -> bool:
    """A word the article does not say, or a figure no fact is about ("2,000 doctors")."""
    return part.status == "unverifiable" and (
        part.kind == "word" or (part.kind == "figure" and part.note == "no fact about it")
    )


def _only_framed(contradicted: list[Part], framed: list[Part]) -> bool:
    """A wrong word beside a figure of another period or place: the figure is not the article's
    to judge, and neither is the rest of the sentence ("shrank 5 percent in 2023")."""
    return bool(framed) and all(p.kind == "word" for p in contradicted)


def _contradicted(part: Part) -> str:
    if part.kind == "attribution":
        return f"says {part.text!r}; the article attributes it to {part.expected}"
    if part.kind == "word":
        return f"says \u201c{part.text}\u201d; the article says {part.expected}"
    if part.kind == "name":
        return f"says {part.text}; the article names {part.expected}"
    if part.kind == "year" and part.note == MISDATED:
        return f"says {part.text}; the article gives {part.expected}"
    if part.kind == "negation":
        return (
            f"says \u201c{part.text}\u201d; the article says {part.expected}"
            if part.expected
            else (f"says \u201c{part.text}\u201d; the article does not negate it")
        )
    return f"says {part.text}; the article says {part.expected}"


def _unverifiable_code(part: Part) -> str:
    if part.kind == "name":
        return "GZF202"
    if part.kind in ("word", "claim") or (part.kind == "relation" and part.note):
        return "GZF201"
    if part.note and part.fact:
        return "GZF203"
    return "GZF204"


def _unverifiable(telling: Sequence[Part]) -> str:
    part = telling[0]
    if part.kind == "claim" and part.note:
        return part.note
    if part.kind == "word":
        said = ", ".join(f"\u201c{p.text}\u201d" for p in telling if p.kind == "word")
        return f"the article does not say {said}"
    if part.kind == "name":
        return f"{part.text}: {part.note}"
    if part.kind == "attribution" and part.note == "the article names no one":
        return f"says {part.text!r}; the article states it itself and names no one who said it"
    if part.note and part.expected:
        return f"{part.text}: {part.note} (the article: {part.expected})"
    if part.expected:
        return f"{part.text}: the article says {part.expected}, which neither confirms nor contradicts it"
    return f"{part.text}: {part.note or 'no fact in the base addresses it'}"


def _supported_reason(telling: Sequence[Part]) -> str:
    negated = [p for p in telling if p.note and p.note.startswith("negated")]
    if negated:
        return f"the article says so: {negated[0].expected}"
    said = [
        f"attributed to {p.expected}" if p.kind == "attribution" else p.expected
        for p in telling
        if p.expected and p.kind != "word"
    ]
    return "the article says so" + (": " + "; ".join(dict.fromkeys(x for x in said if x)) if said else "")


def telling_facts(telling: Sequence[Part], parts: Sequence[Part], candidates: Sequence[Fact]) -> tuple[Fact, ...]:
    """The facts the verdict rests on, the most telling first."""
    order = [p.fact for p in telling if p.fact] + [p.fact for p in parts if p.fact]
    by_id = {fact.id: fact for fact in candidates}
    return tuple(by_id[i] for i in dict.fromkeys(order) if i in by_id)


def alignment_of(parts: Sequence[Part], pairs: Sequence[Alignment]) -> tuple[Alignment, ...]:
    """The alignment a finding reports: its parts as claim/evidence pairs, then its words."""
    relation = {
        "supported": Relation.EQUIVALENT,
        "contradicted": Relation.ALTERNATION,
        "unverifiable": Relation.INDEPENDENT,
    }
    found = [
        Alignment(p.text, p.expected, relation[p.status], p.fact, p.start, p.end)
        for p in parts
        if p.kind not in ("word", "name")
    ]
    return tuple(found) + tuple(pairs)
