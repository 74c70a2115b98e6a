"""Aligning a sentence with its evidence, word by word and name by name.

The evidence for a fact is everything the base says of it: its quote, its claim, its aliases,
its unit, qualifier and topic, and, where its quote opens with a pronoun ("It became the
first..."), the source sentence before it. Each content word of the sentence (what is left once
the figures, periods, ranks, speakers, quantifiers, negations and names are taken out, and the
function words and light verbs) is matched with the evidence's words by lexicon.relation;
each name with the evidence's names. What the sentence says that the evidence does not is the
`INDEPENDENT` or `MORE_SPECIFIC` rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from gzfacts.checking import lexicon, reader, vocabulary, wordnet
from gzfacts.checking.reader import Name, Reading, Word
from gzfacts.checking.verdict import Alignment, Relation
from gzfacts.checking.words import demonym, generic, not_names
from gzfacts.model import Fact

#: Last words of names, by the kind of thing they name. A name of no such word is of no known kind.
NAME_KINDS: dict[str, str] = {
    **dict.fromkeys(
        "technology technologies company co corp corporation group inc ltd limited academy institute university "
        "hospital commission office bureau ministry department council association daily agency bank "
        "committee administration center centre".split(),
        "body",
    ),
    **dict.fromkeys("province city county mountain mountains district region republic".split(), "place"),
    # Features of the land, each of its kind: a bridge above one valley is not above another
    # (but may cross a river).
    **dict.fromkeys("valley gorge gorges canyon".split(), "valley"),
    **dict.fromkeys("river".split(), "river"),
    **dict.fromkeys("lake".split(), "lake"),
    **dict.fromkeys("expo summit forum conference fair festival".split(), "event"),
    **dict.fromkeys("bridge tower dam airport station".split(), "structure"),
}
#: The kinds of names of features of the land: one of a kind in a role excludes another.
FEATURES = frozenset({"valley", "river", "lake"})
#: Titles before a person's name ("Director Pi Shengming").
TITLES = frozenset(
    "director deputy president chairman chairwoman secretary mayor governor minister professor dr mr mrs ms".split()
)
#: Whether the base knows a name, and of what kind (see Checker.known_name).
KnownName = Callable[[str], tuple[bool, str]]
_MANY = re.compile(r"\b(?:thousands|millions|hundreds|a\s+lot\s+of|lots\s+of|many|large\s+numbers\s+of)\b", re.I)
_PRONOUN_START = re.compile(r"^\s*(?:it|its|they|their|this|these|the\s+company|he|she)\b", re.I)


class Evidence(NamedTuple):
    """What one fact offers a sentence to be matched with."""

    fact: Fact
    #: Every form (word, base forms, stem) of every word said of the fact.
    forms: frozenset[str]
    #: A form -> the word of the quote (or claim) it came from, for the alignment's evidence span.
    surface: dict[str, str]
    #: The forms of what the fact states (quote, claim, topic title), without the search
    #: aliases: only these can say the opposite.
    stated: frozenset[str]
    #: The names said of the fact, each as its lowercase words, with its kind.
    names: tuple[tuple[str, frozenset[str], str], ...]
    #: The words of every name (to match a name given in part: "Longmaster").
    name_words: frozenset[str]
    #: How many negations the quote has (its polarity is their parity).
    negations: int
    #: The share the fact states (83.1 percent of affairs: 0.831; "all villages": 1.0), or None.
    share: float | None
    #: The growth the fact states as a fraction (24.6 percent growth: 0.246), or None.
    change: float | None
    #: The quote says "thousands of", "a lot of", "many": what "few" contradicts.
    many: bool = False
    #: Titles the evidence gives only as a deputy's ("Deputy Director An Shihai"): "director" is
    #: another post, and so is "head".
    deputies: frozenset[str] = frozenset()


def content_words(reading: Reading, taken: Iterable[tuple[int, int]]) -> list[Word]:
    """The words of the sentence the evidence must account for: not in a taken span, not a
    function word, light verb, generic word or number, not part of a name."""
    covered = mask(
        len(reading.sentence),
        [
            *taken,
            *((n.start, n.end) for n in reading.names if not demonym(n.text)),
            *((s.start, s.end) for s in reading.negations),
            *((q.start, q.end) for q in reading.quantifiers),
        ],
    )
    light, common = vocabulary.light_words(), generic()
    negation_cues = vocabulary.words("negations")
    found = []
    previous = ""
    for word in reading.words:
        before, previous = previous, ("'s" if re.search(r"['\u2019]s$", word.text) else word.lower)
        if covered[word.start]:
            continue
        lower = word.lower
        if lower == "only" and (before in _DETERMINERS or _NAME_AFTER.match(reading.sentence, word.end)):
            # "the only pilot area", "only Guizhou's economy grew": there is no other, a claim of its own
            found.append(word)
            continue
        if lower in light and word.base is None and _PARTICLE_AFTER.match(reading.sentence, word.end):
            found.append(word)  # "kept away", "gave off": a light verb and a particle say something
            continue
        if lower in light or _NUMERAL.match(lower) or lower in _NUMBER_WORDS:
            continue
        if lower in ("merely", "simply", "just") and before in ("not", "n't", "isn't", "wasn't", "aren't", "weren't"):
            continue  # "not merely an online service": emphasis, the negation's (gzfacts.checking.reader)
        if lower in ("last", "past") and _LAST_PERIOD_AFTER.match(reading.sentence, word.end):
            continue  # "in each of the last three years": a time, not a rank
        if lower in _KIND_OF_PLACE and covered[max(0, word.start - 2)]:
            continue  # "Guiyang city": the name's kind, said after it
        if lower in _PLACED_AFTER and not re.match(r"\s*[A-Za-z0-9]", reading.sentence[word.end :]):
            continue  # "the valley below": where the noun lies, no word against "above"
        if lower.endswith(("n't", "n\u2019t")) or lower in negation_cues:
            continue  # a negation the reader did not count ("not until 2013") says nothing of its own
        forms = lexicon.forms(lower)
        if forms & common or forms & light or _CONTRACTED.sub("", lower) in light:
            continue  # "that've", "you're": a function word and an auxiliary
        found.append(word)
    return found


#: The auxiliary a contraction ends in ("that've", "they're", "who'd").
_CONTRACTED = re.compile(r"['\u2019](?:ve|re|ll|d|m|s)$")
#: A name straight after a word ("only Guizhou").
_NAME_AFTER = re.compile(r"\s+[A-Z]")
#: A particle after a light verb that makes a phrasal verb of it ("kept away", "went out").
_PARTICLE_AFTER = re.compile(r"\s+(?:away|out|off)\b", re.I)
#: Adverbs of place after a noun, at the end of a clause ("the valley below").
_PLACED_AFTER = frozenset({"below", "beneath", "underneath", "overhead", "above"})
#: Words after which "only" is an adjective ("the only", "its only", "China's only"), not a light adverb.
_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our", "my", "your", "'s"})
#: What follows "last" when it dates ("the last three years", "last year").
_LAST_PERIOD_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:years?|months?|weeks?|decades?|centur(?:y|ies))\b", re.I)
#: Words after a place's name that say what kind of place it is ("Guiyang city").
_KIND_OF_PLACE = frozenset({"city", "province", "county", "town", "village", "municipality"})
#: A number, an ordinal or a decade ("24.6", "1st", "1990s"); "5G" and "4G" are words to check.
_NUMERAL = re.compile(r"\d[\d.,]*(?:st|nd|rd|th|s)?$")


def mask(length: int, spans: Iterable[tuple[int, int]]) -> bytearray:
    """Which characters of a text of `length` the spans cover: one pass over them, where asking
    every word of every span would take time in the square of a long sentence."""
    covered = bytearray(length + 1)
    for start, end in spans:
        covered[max(0, start) : max(0, min(end, length))] = b"\x01" * (max(0, min(end, length)) - max(0, start))
    return covered


_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion dozen dozens hundreds thousands millions billions percent per cent
    point""".split()
)


#: "last" that dates ("last year", "the last decade") rather than ranks.
_LAST_PERIOD = re.compile(r"\blast(?=\s+(?:year|month|week|decade|century|time)s?\b)", re.I)


def evidence_for(fact: Fact, topic_title: str, before: str, place_names: Iterable[str]) -> Evidence:
    """The evidence of one fact. `before` is the source sentence before its quote (used when the
    quote opens with a pronoun); `place_names` are names every fact of its source is about."""
    texts = [fact.quote, fact.claim, topic_title, " ".join(fact.aliases), fact.unit or "", fact.qualifier or ""]
    # "Last year" dates the quote; it ranks nothing ("lead" is not its opposite).
    texts = [_LAST_PERIOD.sub("", text) for text in texts]
    # The sentence before a quote that opens with a pronoun lends its names (who "it" is), not its words.
    before = before if _PRONOUN_START.match(fact.quote) else ""
    surface: dict[str, str] = {}
    # What the sentence before states can say the opposite ("its mission" is the national pilot
    # area's), never vouch for a word.
    stated: set[str] = {form for word in reader.words(before) for form in lexicon.forms(word.lower)}
    for index, text in enumerate(texts):
        for word in reader.words(text):
            for form in lexicon.forms(word.lower):
                surface.setdefault(form, word.text)
                if index < 3:
                    stated.add(form)
    # What the quote's count of places vouches for ("from 61 countries": "from abroad"); never an
    # opposite's evidence ("most participants were domestic" is not contradicted by it).
    for phrase, implied in _implied(fact.quote):
        for implied_word in implied:
            for form in lexicon.forms(implied_word):
                surface.setdefault(form, phrase)
    names = _names(" ".join([fact.quote, fact.claim, fact.attributed_to or "", *(before,) * bool(before)]))
    extra = [(name.lower(), frozenset(name.lower().split()), "place") for name in place_names]
    names = names + tuple(extra)
    name_words = frozenset(w for _, words, _ in names for w in words)
    return Evidence(
        fact,
        frozenset(surface),
        surface,
        frozenset(stated),
        names,
        name_words,
        len(reader.negations(fact.quote)),
        _share(fact),
        _change(fact),
        bool(_MANY.search(fact.quote)),
        _deputies(" ".join([fact.quote, fact.claim, fact.attributed_to or ""])),
    )


#: People or things counted from several places ("from 24 provinces", "from 61 countries").
_FROM_PLACES = re.compile(
    r"\bfrom\s+(?:more\s+than\s+|over\s+|nearly\s+|about\s+)?(\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\s+([a-z]+)",
    re.I,
)


def _implied(quote: str) -> list[tuple[str, frozenset[str]]]:
    """Words a quote's count of places vouches for: what comes "from 24 provinces" comes from
    "outside" any one of them and from "other" provinces; "from 61 countries", from "abroad"
    (vocabulary.txt [implied-by-places])."""
    table = vocabulary.groups_by_key("implied-by-places")
    found = []
    for match in _FROM_PLACES.finditer(quote):
        count, kind = match.group(1).lower(), match.group(2).lower()
        if count in ("1", "one") or kind not in table:
            continue
        found.append((match.group(), table[kind]))
    return found


def _names(text: str) -> tuple[tuple[str, frozenset[str], str], ...]:
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for whole in reader.names(sentence):
            for name in split_name(whole):
                words = _name_words(name.text)
                if words:
                    found.append((name.text.lower(), words, name_kind(name.text, sentence[: name.start])))
    return tuple(found)


def split_name(name: Name) -> list[Name]:
    """A run of capitalised words that holds two names: "Director Pi Shengming of the Sixth
    Hospital of Guiyang" is a person and a hospital."""
    head, sep, tail = name.text.partition(" of the ")
    if not sep or not tail[:1].isupper() or name_kind(head) in FEATURES:
        return [name]  # "the Three Gorges of the Yangtze" is one place
    at = name.start + len(head) + len(sep)
    return [Name(head, name.start, name.start + len(head)), Name(tail, at, at + len(tail))]


def _name_words(text: str) -> frozenset[str]:
    skip = {w.lower() for w in not_names()} - set(NAME_KINDS)
    text = re.sub(r"['\u2019]s\b", "", text.lower())
    return frozenset(
        w for w in re.findall(r"[a-z0-9][\w-]*", text) if w not in ("of", "and", "the", "for") and w not in skip
    )


def name_kind(name: str, before: str = "") -> str:
    """The kind of thing a name names: "body", "place", "event", "structure", "person" or "" (unknown)."""
    words = name.lower().split()
    head = name.lower().split(" of ")[0].split()
    for last in (words[-1:], head[-1:]):
        if last and last[0] in NAME_KINDS:
            return NAME_KINDS[last[0]]
    if words and words[0] in TITLES:
        return "person"
    if re.search(r"\b(?:director|deputy director|mr|ms|dr|president|governor|mayor)\s*$", before, re.I):
        return "person"
    # "The director of the Sixth Hospital of Guiyang is Wang Jun": the one who holds a post.
    if re.search(
        r"(?<!deputy )(?<!vice )\b(?:director|head|president|chairman|chairwoman|governor|mayor|chief)"
        r"\s+of\b[^.;]*\b(?:is|was)\s*$",
        before,
        re.I,
    ):
        return "person"
    if re.search(r"\b(?:such as|like|including)\s+(?:[A-Z][\w-]*,?\s+(?:and\s+)?)*$", before):
        return "body"
    return ""


_DEPUTY = re.compile(r"\b(?P<rank>deputy|vice|assistant|associate|acting)[\s-]+(?P<title>[a-z]+)", re.I)
_SUBORDINATE = frozenset({"deputy", "vice", "assistant", "associate", "acting"})


def _deputies(text: str) -> frozenset[str]:
    """The titles the text gives only after "deputy", "vice" and the like."""
    qualified = {m.group("title").lower() for m in _DEPUTY.finditer(text)}
    plain = {w.lower() for w in re.findall(r"[A-Za-z]+", _DEPUTY.sub(" ", text))}
    return frozenset(qualified - plain)


def _deputy_of(word: Word, hit: str | None, reading: Reading, evidence: Sequence[Evidence]) -> bool:
    """Whether the sentence gives a post ("director", "head") that the evidence gives only to a
    deputy, without saying "deputy" itself."""
    deputies = frozenset().union(*(item.deputies for item in evidence)) if evidence else frozenset()
    if not hit or not deputies or hit not in deputies:
        return False
    before = reading.sentence[max(0, word.start - 12) : word.start].lower().split()
    return not (before and before[-1].strip("-") in _SUBORDINATE)


def _share(fact: Fact) -> float | None:
    unit = (fact.unit or "").lower()
    if fact.value is not None and unit.startswith("percent") and not re.search(r"growth|increase|rise", unit):
        return float(fact.value) / 100
    if re.search(r"^\s*all\b|\ball\s+(?!things)\w+", fact.quote, re.I) and fact.value is None:
        return 1.0
    if re.search(r"\b(?:all|every)\b", fact.quote, re.I) and fact.value is not None and float(fact.value) == 100:
        return 1.0
    return None


def _change(fact: Fact) -> float | None:
    unit = (fact.unit or "").lower()
    if fact.value is not None and unit.startswith("percent") and re.search(r"growth|increase|rise", unit):
        return float(fact.value) / 100
    return None


#: Nouns after a scope word that make it a standard of comparison ("the national average").
_STANDARD_AFTER = re.compile(r"\s+(?:average|level|rate|mean|norm|figure|benchmark)\b", re.I)


def generic_opposites(
    reading: Reading, taken: Iterable[tuple[int, int]], evidence: Sequence[Evidence]
) -> list[Alignment]:
    """The words too common to align ("national", "provincial") that say the opposite of what
    the evidence states: "26.9 percent of national GDP" against "of provincial GDP"."""
    stated = frozenset().union(*(item.stated for item in evidence)) if evidence else frozenset()
    said = frozenset().union(*(item.forms for item in evidence)) if evidence else frozenset()
    # A word of a name ("the National Bureau of Statistics") says nothing of scope.
    spans = [*taken, *((n.start, n.end) for n in reading.names)]
    found = []
    common = generic()
    for word in reading.words:
        forms = lexicon.forms(word.lower)
        if not forms & common or forms & said or any(a <= word.start < b for a, b in spans):
            continue
        if _STANDARD_AFTER.match(reading.sentence, word.end):
            continue  # "above the national average": what it is compared with, not its scope
        hit = lexicon.opposites(word.lower) & stated
        if hit:
            fact = next((e.fact.id for e in evidence if hit & e.stated), None)
            found.append(Alignment(word.text, min(hit), Relation.ALTERNATION, fact, word.start, word.end))
    return found


class Aligned(NamedTuple):
    """A sentence aligned with its evidence."""

    pairs: tuple[Alignment, ...]
    #: Names of the sentence the evidence does not have, each with its kind and whether the base knows it.
    strange_names: tuple[tuple[Name, str, bool], ...]
    #: Names of the evidence, of a kind the sentence names too, that the sentence does not give.
    rival_names: tuple[tuple[str, str], ...]


def align(
    reading: Reading,
    words: Sequence[Word],
    evidence: Sequence[Evidence],
    *,
    is_known: KnownName,
) -> Aligned:
    """Align the sentence's content words and names with the union of the evidence."""
    forms: set[str] = set()
    surface: dict[str, tuple[str, str]] = {}
    for item in evidence:
        forms |= item.forms
        for form, written in item.surface.items():
            surface.setdefault(form, (written, item.fact.id))
    pool = _Pool(
        frozenset(forms),
        evidence[0].forms if evidence else frozenset(),
        frozenset().union(*(item.stated for item in evidence)) if evidence else frozenset(),
        surface,
    )
    pairs = [_align_word(word, reading, evidence, pool) for word in words]
    name_pairs, strange, claimed = _align_names(reading, evidence, pool.every, is_known)
    # The evidence's names the sentence does not give, of the kinds of the names it gives instead.
    rivals: list[tuple[str, str]] = []
    for item in evidence:
        for text, words_of, kind in item.names:
            if any(claim <= words_of or words_of <= claim for claim in claimed) or (text, kind) in rivals:
                continue
            rivals.append((text, kind))
    # A name the evidence gives as a scope ("China's first pilot area") holds nothing: last.
    quotes = " ".join(item.fact.quote for item in evidence)
    rivals.sort(key=lambda rival: bool(re.search(rf"\b{re.escape(rival[0])}['\u2019]s\b", quotes, re.I)))
    return Aligned(tuple(pairs + name_pairs), tuple(strange), tuple(rivals))


class _Pool(NamedTuple):
    """The evidence's words, pooled once a sentence."""

    #: Every form of every evidence's words.
    every: frozenset[str]
    #: The first (likeliest) evidence's forms.
    primary: frozenset[str]
    #: The forms the evidence states (not only implies).
    stated: frozenset[str]
    #: A form's words as the evidence writes them, and the fact that writes them.
    surface: dict[str, tuple[str, str]]


def _align_word(word: Word, reading: Reading, evidence: Sequence[Evidence], pool: _Pool) -> Alignment:
    """One content word of the sentence, paired with the evidence's word it is (or is not)."""
    if _gerund_noun(word, reading.sentence):
        # "were in manufacturing": a noun (an industry), not the verb WordNet makes a synonym of
        # "construct"; only the word itself (or its forms) vouches for it.
        own = lexicon.forms(word.lower) & pool.every
        relation, hit = (Relation.EQUIVALENT, min(own)) if own else (Relation.INDEPENDENT, None)
        said, fact = pool.surface.get(hit, (hit, None)) if hit else (None, evidence[0].fact.id if evidence else None)
        return Alignment(word.text, said, relation, fact, word.start, word.end)
    relation, hit = lexicon.relation(word.lower, pool.primary, pool.stated)
    if relation is not Relation.ALTERNATION and relation is not Relation.EQUIVALENT:
        # Another fact may vouch for a word the first one lacks, never undo its alternation.
        relation, hit = lexicon.relation(word.lower, pool.every, pool.stated)
    if relation is Relation.INDEPENDENT and "-" in word.lower.strip("-"):
        relation, hit = _compound(word.lower, pool.every, pool.stated)
    said, fact = pool.surface.get(hit, (hit, None)) if hit else (None, evidence[0].fact.id if evidence else None)
    if relation in (Relation.EQUIVALENT, Relation.MORE_GENERAL) and _deputy_of(word, hit, reading, evidence):
        relation, said = (
            Relation.ALTERNATION,
            ("Deputy " if (said or "")[:1].isupper() else "deputy ") + (said or ""),
        )
    if relation is Relation.ALTERNATION and (
        _other_noun(word, said, reading, evidence) or _both_sides(word, hit, reading)
    ):
        relation, said = Relation.INDEPENDENT, None
    if relation is Relation.MORE_GENERAL and demonym(said or "") and word.text[:1].islower():
        # "displaced" is no kind of "Chinese" (a displaced person is a person): a common word
        # is never vouched for by a name or a demonym.
        relation, said = Relation.INDEPENDENT, None
    return Alignment(word.text, said, relation, fact, word.start, word.end)


def _both_sides(word: Word, hit: str | None, reading: Reading) -> bool:
    """Whether the sentence gives both kinds of a group ("global giants ... alongside domestic
    firms"): each is said of other names, and the one opposed to the evidence's contradicts nothing."""
    if hit is None or word.lower not in vocabulary.group_kinds():
        return False
    return any(
        other is not word and hit in (lexicon.forms(other.lower) | lexicon.equivalents(other.lower))
        for other in reading.words
    )


def _align_names(
    reading: Reading, evidence: Sequence[Evidence], all_forms: frozenset[str], is_known: KnownName
) -> tuple[list[Alignment], list[tuple[Name, str, bool]], list[frozenset[str]]]:
    """The sentence's names: those the evidence gives (paired), those it does not (strange: with
    their kind and whether the base knows them elsewhere), and every name's words (claimed)."""
    name_words = frozenset().union(*(item.name_words for item in evidence)) if evidence else frozenset()
    pairs: list[Alignment] = []
    strange: list[tuple[Name, str, bool]] = []
    claimed: list[frozenset[str]] = []
    for whole in reading.names:
        for name in [n for part in split_name(whole) for n in _split(part, name_words, all_forms)]:
            words_of = _name_words(name.text)
            if not words_of or demonym(name.text):
                continue
            claimed.append(words_of)
            missing = {w for w in words_of if w not in name_words and not lexicon.forms(w) & all_forms}
            kind = name_kind(name.text, reading.sentence[: name.start])
            if missing:
                known, known_kind = is_known(name.text)
                strange.append((name, kind or known_kind, known))
            else:
                fact = _fact_naming(evidence, words_of)
                pairs.append(Alignment(name.text, name.text, Relation.EQUIVALENT, fact, name.start, name.end))
    return pairs, strange, claimed


#: A word that makes an "-ing" word after it a noun ("in manufacturing", "the farming").
_NOUN_BEFORE = re.compile(r"\b(?:in|of|for|into|on|at|from|the|its|their|and)\s+$", re.I)


#: What follows a noun, not a verb's object: the end, punctuation, or a preposition or conjunction.
_NO_OBJECT = re.compile(r"\s*(?:$|[.,;:!?)]|(?:in|of|and|or|for|with|to|at|on|is|are|was|were)\b)", re.I)


def _gerund_noun(word: Word, sentence: str) -> bool:
    """An "-ing" word used as a noun, after a preposition or determiner and with no object after
    it ("were in manufacturing."; not "took part in founding the hospital")."""
    if word.base is not None or not word.lower.endswith("ing"):
        return False
    return bool(_NOUN_BEFORE.search(sentence[: word.start])) and bool(_NO_OBJECT.match(sentence, word.end))


def _compound(word: str, every: frozenset[str], stated: frozenset[str]) -> tuple[Relation, str | None]:
    """A hyphenated word the evidence lacks whole, read by its parts ("big-city" for "large city
    hospitals"): equivalent when every part is, an opposite when one part is."""
    function = vocabulary.words("function")
    hits = []
    for part in (p for p in word.split("-") if p and p not in function):
        relation, hit = lexicon.relation(part, every, stated)
        if relation is Relation.ALTERNATION:
            return relation, hit
        if relation not in (Relation.EQUIVALENT, Relation.MORE_GENERAL):
            return Relation.INDEPENDENT, None
        hits.append(hit)
    return (Relation.EQUIVALENT, hits[0]) if hits else (Relation.INDEPENDENT, None)


def _other_noun(word: Word, said: str | None, reading: Reading, evidence: Sequence[Evidence]) -> bool:
    """An adjective opposed to an adjective of the evidence that modifies other things: "small and
    medium-sized firms" is no opposite of "big data". The words after each, up to a stop, must
    share one; said predicatively ("is the lowest", "the lowest, at ...") it stays an opposite."""
    if not said or not wordnet.is_adjective(word.lower) or not wordnet.is_adjective(said.lower()):
        return False
    theirs: set[str] = set()
    for item in evidence:
        for match in re.finditer(rf"\b{re.escape(said)}\b", item.fact.quote, re.I):
            following = _modified(item.fact.quote[match.end() :])
            first = re.match(r"\s+([a-z][\w-]*)", item.fact.quote[match.end() :])
            if first is None or first.group(1) not in following:
                return False  # not straight before a noun: "top three", "ranking first in"
            theirs |= following
    mine = _modified(reading.sentence[word.end :])
    if not theirs or not mine:
        return False
    forms = frozenset(f for w in theirs for f in lexicon.forms(w))
    matched = (lexicon.relation(w, forms)[0] for w in mine)
    return not any(r in (Relation.EQUIVALENT, Relation.MORE_GENERAL, Relation.MORE_SPECIFIC) for r in matched)


def _modified(after: str) -> set[str]:
    """The content words right after an adjective, before any stop: what it modifies."""
    phrase = re.split(r"[,;:.()\u2014]", after, maxsplit=1)[0]
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", phrase)[:3]]
    light = vocabulary.light_words()
    return {w for w in words if w not in light and w not in _NUMBER_WORDS}


def _split(name: Name, name_words: frozenset[str], forms: frozenset[str]) -> list[Name]:
    """A name, or the names it joins with "and" ("Baidu and Xiaomi") when the whole is not in the evidence."""
    words = _name_words(name.text)
    if " and " not in name.text or all(w in name_words or lexicon.forms(w) & forms for w in words):
        return [name]
    if name.text.split()[-1].lower() in NAME_KINDS:
        return [name]  # "the Development and Reform Commission" is one body
    found = []
    offset = 0
    for piece in name.text.split(" and "):
        start = name.start + name.text.index(piece, offset)
        offset = start - name.start + len(piece)
        found.append(Name(piece, start, start + len(piece)))
    return found


def _fact_naming(evidence: Sequence[Evidence], words: frozenset[str]) -> str | None:
    for item in evidence:
        if words <= item.name_words:
            return item.fact.id
    return evidence[0].fact.id if evidence else None


#: Words a quoted window of the evidence does not end on.
_TRAILING = frozenset("in of the a an and to for by on at with from as".split())


def quote_window(quote: str, word: str) -> str | None:
    """The words of a quote around one of its words, to its clause's end ("had a growth rate of
    24.6 percent" for "growth"), or None when the quote does not have the word."""
    words = quote.split()
    wanted = word.lower()
    at = next((i for i, w in enumerate(words) if w.lower().strip('.,;:"\u201c\u201d') == wanted), None)
    if at is None:
        return None
    window = words[max(0, at - 2) : at + 7]
    for end, each in enumerate(window):
        if each.endswith((".", ";", ":", ",")) and end >= 2:
            window = window[: end + 1]
            break
    while len(window) > 3 and window[-1].lower().strip(".,;:") in _TRAILING:
        window = window[:-1]
    # A figure is quoted whole: "have achieved 100 percent", not "have achieved 100".
    if window and re.fullmatch(r"[\d.,]+", window[-1]):
        after = max(0, at - 2) + len(window)
        window = window + words[after : after + 1]
    return " ".join(window).rstrip(".,;:")
