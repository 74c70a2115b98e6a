"""Reading a sentence as the aligner needs it: its words with their base forms, the negations,
the quantifiers and proportions said in words, the names, and whether it asserts anything.

    >>> r = read("No village in Guizhou lacks broadband.")
    >>> [q.text for q in r.quantifiers], [n.text for n in r.negations]
    (['No'], ['lacks'])

Every result is a span of the sentence, so the findings can point at the words they judged.
Linear in the sentence: one regex pass per kind, no backtracking between them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from gzfacts.checking import vocabulary


class Word(NamedTuple):
    """One word of a sentence."""

    text: str
    start: int
    end: int
    #: Capitalised other than as the sentence's first word.
    capital: bool
    #: The word a phrase is read as ("scaled back": "reduce"), else None.
    base: str | None = None

    @property
    def lower(self) -> str:
        """The word in lowercase, a final possessive 's dropped (a phrase: the word it is read as)."""
        if self.base is not None:
            return self.base
        return re.sub(r"['\u2019]s$", "", self.text.lower())


class Span(NamedTuple):
    """Words of the sentence the reader gave a meaning to."""

    text: str
    start: int
    end: int


class WordQuantifier(NamedTuple):
    """A proportion said in words ("most", "nine in ten", "a quarter") or a change ("doubled")."""

    text: str
    start: int
    end: int
    #: The share it says, as a closed range of fractions (0.0-1.0): "most" is (0.5, 1.0).
    low: float
    high: float
    #: "share" for a proportion; "change" for a multiple ("doubled": growth of 100 percent).
    kind: str = "share"


class Name(NamedTuple):
    """A run of capitalised words that names something ("Guiyang Longmaster Information Technology")."""

    text: str
    start: int
    end: int


class Reading(NamedTuple):
    """What the reader found in one sentence."""

    sentence: str
    words: tuple[Word, ...]
    negations: tuple[Span, ...]
    quantifiers: tuple[WordQuantifier, ...]
    names: tuple[Name, ...]
    #: A question, or a sentence of opinion ("I think", "should"): asserts nothing checkable.
    opinion: bool


_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|['\u2019](?=[A-Za-z])|-(?=[A-Za-z0-9]))*")
#: Multiword quantifiers first, so that "not all" is not read as "not" and "all".
_FRACTIONS = {
    "half": 0.5,
    "a half": 0.5,
    "one half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "one-third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "one-quarter": 0.25,
    "a fourth": 0.25,
    "one fourth": 0.25,
    "three quarters": 0.75,
    "three-quarters": 0.75,
    "a fifth": 0.2,
    "one fifth": 0.2,
    "a tenth": 0.1,
    "two fifths": 0.4,
    "two-fifths": 0.4,
    "three fifths": 0.6,
    "three-fifths": 0.6,
    "four fifths": 0.8,
    "four-fifths": 0.8,
    "nine tenths": 0.9,
    "nine-tenths": 0.9,
    "three tenths": 0.3,
    "three-tenths": 0.3,
    "seven tenths": 0.7,
    "seven-tenths": 0.7,
}
_SMALL_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_COUNT = r"(?:\d{1,3}|" + "|".join(_SMALL_NUMBERS) + r")"
_HEDGE = (
    r"(?P<hedge>(?:no|not)\s+(?:less|fewer|more)\s+than|(?:a\s+little|slightly|a\s+bit)\s+(?:over|more\s+than)|"
    r"(?:a\s+little|slightly|a\s+bit)\s+(?:under|less\s+than)|upwards?\s+of|in\s+excess\s+of|"
    r"more\s+than|over|above|at\s+least|at\s+most|nearly|almost|"
    r"close\s+to|just\s+under|(?:just\s+)?shy\s+of|under|less\s+than|fewer\s+than|about|around|roughly|some|approximately|"
    r"an\s+estimated|well\s+over|just\s+over)\s+"
)
_IN = re.compile(
    rf"(?:{_HEDGE})?\b(?P<n>{_COUNT})\s+(?:in(?:\s+every)?|out\s+of|of\s+every|"
    # "one yuan in every four": what is counted may stand between, before "every".
    rf"[a-z]+\s+(?:in|out\s+of|of)\s+every)\s+(?P<m>{_COUNT})\b",
    re.I,
)
_FRACTION = re.compile(
    rf"(?:{_HEDGE})?\b(?P<f>" + "|".join(sorted((re.escape(f) for f in _FRACTIONS), key=len, reverse=True)) + r")\b"
    # "a fifth consecutive year" is a count of years, not a fraction.
    r"(?!\s+(?:consecutive|straight|successive|years?(?!-on-year)|time|place|in\s+a\s+row))",
    re.I,
)
#: Quantifier words and the shares they say. "Most" is more than half; "all" is every one.
_QUANTIFIERS: tuple[tuple[str, float, float], ...] = (
    (r"not\s+(?:all|every|each)", 0.0, 0.999),
    # "Only some", "only part of": some, and so not all ("only a few" is "a few" below).
    (r"(?:only|just)\s+(?:some|part|a\s+portion|a\s+share|a\s+fraction|certain)(?:\s+of)?", 0.0001, 0.999),
    (r"not\s+(?:a\s+single|one|any)", 0.0, 0.0),
    (r"(?:almost|nearly|virtually|practically)\s+(?:all|every)", 0.85, 0.999),
    (r"(?:the\s+)?(?:vast|overwhelming)\s+majority(?:\s+of)?", 0.75, 1.0),
    (r"(?:more\s+than|over)\s+half", 0.5001, 1.0),
    (r"(?:less|fewer)\s+than\s+half", 0.0, 0.4999),
    (r"(?:nearly|almost|close\s+to|just\s+under)\s+half", 0.4, 0.4999),
    (r"(?:about|around|roughly)\s+half", 0.42, 0.58),
    (r"(?:the\s+)?majority(?:\s+of)?", 0.5001, 1.0),
    (r"the\s+(?:bulk|lion['\u2019]s\s+share)(?:\s+of)?", 0.5001, 1.0),
    (r"most", 0.5001, 1.0),
    # ("at all", "after all", "above all" quantify nothing)
    (r"(?:(?<!\bat\s)(?<!after\s)(?<!above\s)all|every|each|100\s*(?:%|percent|per\s+cent)\s+of)", 1.0, 1.0),
    (r"(?:no|none(?:\s+of)?|zero)", 0.0, 0.0),
    (r"(?:very\s+)?few", 0.0001, 0.2),
    (r"a\s+few", 0.0001, 0.2),
    (r"a\s+handful(?:\s+of)?", 0.0001, 0.2),
    (r"(?:hardly|scarcely|barely)\s+any", 0.0, 0.1),
    (r"(?:a\s+)?minority(?:\s+of)?", 0.0001, 0.4999),
)
_QUANTIFIER = re.compile(
    r"\b(?:" + "|".join(f"(?P<q{i}>{pattern})" for i, (pattern, _, _) in enumerate(_QUANTIFIERS)) + r")\b",
    re.I,
)
#: What follows a quantifier when it quantifies ("no village", "all of the", "most government").
_QUANTIFIED = re.compile(r"\s+(?:of\s+)?(?:the\s+|its\s+|their\s+|guizhou's\s+)?[A-Za-z]", re.I)
_CHANGE = re.compile(r"\b(?P<w>doubled|tripled|trebled|quadrupled|halved)\b", re.I)
#: What makes "half" a measure rather than a share ("half a kilometre", "half an hour").
_HALF_A_UNIT = re.compile(
    r"\s+an?\s+(?:kilomet(?:er|re)s?|met(?:er|re)s?|miles?|hours?|days?|years?|decades?|centur(?:y|ies)|"
    r"dozen|million|billion|percentage\s+point)\b",
    re.I,
)
#: What makes "a few" a vague count rather than a share.
_MAGNITUDE = re.compile(r"\s+(?:dozen|hundred|thousand|million|billion)s?\b", re.I)
#: A verb of change and "by" straight before a fraction: the fraction is the size of the change.
_CHANGE_BY = re.compile(
    r"\b(?:(?P<up>gr[eo]wn?|grows?|growing|rose|risen|rises?|rising|increased?|increases|increasing|climbed|"
    r"jumped|expanded|gained|surged|soared)|(?P<down>fell|fallen|falls?|falling|dropped|declined?|declines|shrank|"
    r"shrunk|shrinks?|decreased?|decreases|contracted|slipped))\s+(?:by\s+)?$",
    re.I,
)
#: A share said by an adjective of the whole: "patchy", "far from complete" (a judgement: it can
#: contradict the article's "all", never support a part; gzfacts.checking.rules).
JUDGED_SHARE = re.compile(
    r"(?:patchy|spotty|incomplete|partial|uneven|far\s+from\s+(?:complete|full|universal))\b", re.I
)
#: ... said of the subject: "coverage remains patchy", "is still far from complete".
_PARTIAL = re.compile(
    r"\b(?:remains?|remained|is|are|was|were|stays?|stayed)\s+(?:still\s+|only\s+)?(?P<w>" + JUDGED_SHARE.pattern + ")",
    re.I,
)
_CHANGES = {"doubled": 1.0, "tripled": 2.0, "trebled": 2.0, "quadrupled": 3.0, "halved": -0.5}
#: "is no one-off", "no small feat": emphasis, not a denial or a share of none.
_EMPHATIC_NO = r"no\s+(?:one-off|fluke|accident|coincidence|exception|small\s+feat|flash\s+in\s+the\s+pan)\b"
_EMPHATIC_NO_RE = re.compile(_EMPHATIC_NO, re.I)
_NOT_NEGATION = re.compile(
    r"\bno\.?\s*\d+\b|\bnot\s+only\b|\bno\s+(?:fewer|less)\s+than\b|\bnot\s+(?:least|just)\b"
    # "wasn't just another clinic", "is no one-off": emphasis, not a denial.
    r"|n['\u2019]t\s+(?:just|only|merely|simply)\b|\bnot\s+(?:merely|simply)\b"
    # "didn't wait for the deadline": it was early (the phrase is read as "beat", [phrasal-verbs]).
    r"|(?:\bnot|\bnever|n['\u2019]t)(?=\s+wait(?:ed)?\s+(?:for|until)\b)|\b"
    + _EMPHATIC_NO
    # "did not launch it until 2013" says it was launched in 2013.
    # (Only the negation nearest "until": "did not not launch it until 2013" keeps the first.)
    + r"|(?:\b(?:not|never)|n['\u2019]t)\b(?=(?:(?!\b(?:not|never)\b|n['\u2019]t\b)[^.;]){0,60}\buntil\b)",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:i|we)\s+(?:think|believe|feel|hope|expect|wonder|suspect)\b|\b(?:should|ought\s+to|must)\b|"
    # Advice, a reader's wondering, the story someone tells: "would do well to follow", "readers
    # may well wonder", "the story Guizhou wants to tell".
    r"\bwould\s+do\s+well\s+to\b|\breaders?\b[^.;]{0,60}\b(?:may|might)\s+wish\b|\bthis\s+house\s+(?:believes|would|supports|regrets|proposes)\b|"
    r"\breaders?\s+(?:may|might)\s+wish\b|"
    r"\bdeserves?\s+(?:a\s+)?(?:closer\s+look|more\s+attention|attention|praise|credit|(?:careful\s+|close\s+)?scrutiny)\b|"
    # A reader's taste, a programme's running order, a heading's label: "readers ... may find the
    # section instructive", "Coming up next: ...", "Next, we turn to ...", "...: a briefing note".
    r"\b(?:readers?|viewers?|listeners?)\b[^.;]{0,60}\b(?:may|might|will)\s+(?:find|enjoy|want|like)\b|"
    r"^(?:coming\s+up(?:\s+next)?|up\s+next|next\s+up)\b|^next,?\s+(?:we|i)\s+(?:turn|look|move|go)\b|"
    r":\s+(?:an?\s+)?(?:\w+\s+)?(?:briefing(?:\s+note)?|note|explainer|primer|overview|backgrounder|roundup|digest|"
    r"timeline|snapshot|recap|summary|refresher|round-up|quiz|questions|fact\s*file|key\s+facts|look|deep\s+dive|"
    r"close-up|profile)\W*$|"
    r"^below\s+(?:is|are)\b|\bone\s+hopes\b|^(?:proud|thrilled|excited|delighted|happy)\s+to\s+(?:share|announce|present)\b|"
    r":\s+(?:[^.;:]*\bin\s+(?:numbers|figures|brief|pictures)|at\s+a\s+glance|the\s+basics|q\s*&\s*a)\W*$|"
    r"^(?:our|my)\s+(?:take|view|verdict|two\s+cents|advice)\s*:|"
    r"\bin\s+our\s+next\s+(?:post|piece|article|episode|section|issue)\b|^more\s+on\b.*\bbelow\W*$|\b(?:readers?|observers?|one|you|many)\s+(?:may|might|could|can)\s+(?:well\s+)?"
    r"(?:wonder|ask|question)\b|\b(?:story|narrative|picture|image)\s+(?:that\s+)?\w+\s+(?:wants?|hopes?|likes?|"
    r"tries|try|seeks?)\s+to\s+(?:tell|paint|present|project|sell)\b|"
    r"\b(?:in\s+my\s+(?:view|opinion)|arguably|remains\s+to\s+be\s+seen|time\s+will\s+tell|"
    r"worth\s+(?:watching|noting|asking|a\s+look|a\s+read)|anyone['\u2019]s\s+guess|judge\s+for\s+(?:them|your|our)selves)\b|"
    r"^(?:here\s+is|here's|let's|let\s+us|consider|imagine|what\s+comes\s+next|more\s+on\s+that|read\s+on|"
    # The writer to the reader or listener: "Stay with us", "Tell us what you think".
    r"stay\s+(?:with\s+us|tuned)|tell\s+us|let\s+us\s+know|join\s+us|don['\u2019]t\s+miss|subscribe|share\s+your|"
    r"i['\u2019]d\s+(?:encourage|recommend|urge|suggest|advise)|we\s+(?:urge|call\s+on|recommend|encourage)|"
    r"now\s+let['\u2019]s|next,\s+(?:i|we)\s+(?:will|shall)|to\s+sum\s+up|in\s+summary|"
    r"the\s+(?:following|next)\s+section|read\s+the\b|more\s+on\s+\w+(?:\s+\w+){0,5}\s+in\s+our\s+next|"
    r"(?:turning|moving|returning|switching|coming)\s+(?:now\s+)?(?:on\s+|back\s+)?to)\b",
    re.I,
)
#: A quiz's or a worksheet's instruction: "Explain in your own words why ...", "Name two ways ...".
_INSTRUCTION = re.compile(
    r"^(?:explain|discuss|describe|summari[sz]e|outline|identify|evaluate|assess|define|compare(?:\s+and\s+contrast)?|"
    r"(?:name|give|list|suggest|find)\s+(?:one|two|three|four|five|some|any|an?|the)|in\s+your\s+own\s+words)\b"
    # A presenter to the listeners: "lines are open, give us a ring", "keep it under two minutes".
    r"|\blines\s+are\s+(?:now\s+)?open\b|\bgive\s+us\s+a\s+(?:ring|call|bell)\b|\bkeep\s+it\s+(?:under|short|brief)\b"
    r"|\bdon['\u2019]t\s+(?:just\s+)?read\s+(?:it\s+)?off\b",
    re.I,
)


def asks(sentence: str) -> bool:
    """A question or an instruction: it asks, whatever figures it names ("Name two ways ...")."""
    stripped = sentence.strip()
    return stripped.rstrip(" \"'\u201d").endswith("?") or bool(_INSTRUCTION.search(stripped))


#: A capitalised word of a name; "People's" and the like inside one ("the People's Hospital").
_NAME_WORD = r"(?:(?:People|Children|Women|Workers|Citizens)['\u2019]s(?=\s+[A-Z])|[A-Z][\w-]*)"
_NAME = re.compile(
    rf"(?:\b\d+\s+)?{_NAME_WORD}(?:\s+(?:(?:of|and|for|the|de)\s+)*{_NAME_WORD})*(?:['\u2019]s\b)?",
)


@lru_cache(maxsize=1)
def _negation_words() -> frozenset[str]:
    return vocabulary.words("negations")


@lru_cache(maxsize=1)
def _negating_phrases() -> re.Pattern[str]:
    phrases = sorted(vocabulary.phrases("negating-phrases"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b", re.I)


@lru_cache(maxsize=1)
def _leading() -> frozenset[str]:
    return vocabulary.words("function") | vocabulary.words("negations") | vocabulary.words("light")


@lru_cache(maxsize=1)
def _evaluative() -> frozenset[str]:
    return vocabulary.words("evaluative")


def evaluative(text: str) -> bool:
    """Whether the text judges rather than states: a judgement said of its subject ("is, frankly,
    remarkable", "as inspiring as", "one of the most impressive"), or a sentence adverb
    ("frankly"). "An impressive presence in Guizhou" still states a presence."""
    found = words(text)
    for at, word in enumerate(found):
        lower = word.text.lower()
        if lower not in _evaluative():
            continue
        before = [w.text.lower() for w in found[max(0, at - 3) : at]]
        if lower.endswith("ly") or set(before) & _JUDGED or at + 1 == len(found):
            return True
    return False


#: Words before a judgement that say it of the subject ("is remarkable", "as inspiring", "most impressive").
_JUDGED = frozenset("is are was were be been being seems seem looks look remains as so how most more truly".split())


def _nothing(word: str) -> bool:
    return False


@lru_cache(maxsize=1)
def _phrasal() -> tuple[re.Pattern[str], dict[str, str]]:
    table = vocabulary.phrase_pairs("phrasal-verbs")
    alternatives = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in table), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I), table


@lru_cache(maxsize=1)
def _phrasal_lemmas() -> tuple[dict[tuple[str, ...], str], frozenset[str]]:
    """The phrasal verbs by their words' dictionary forms ("scale back"), so that any inflection
    of the verb is read ("scaling back", "stepped up"), and the words phrases end in ("back")."""
    from gzfacts.checking import wordnet

    table: dict[tuple[str, ...], str] = {}
    for phrase, base in vocabulary.phrase_pairs("phrasal-verbs").items():
        key = tuple((wordnet.base_forms(w) or (w,))[0] for w in phrase.lower().split())
        table.setdefault(key, base)
    return table, frozenset(key[-1] for key in table)


def _inflected_phrase(sentence: str, tokens: list[re.Match[str]], i: int) -> tuple[int, str] | None:
    """A phrasal verb in any inflection starting at token i: how many tokens, and its reading."""
    table, last_words = _phrasal_lemmas()
    for size in (4, 3, 2):
        window = tokens[i : i + size]
        if len(window) < size or window[-1].group().lower() not in last_words:
            continue
        from gzfacts.checking import wordnet

        if any(sentence[a.end() : b.start()].strip() for a, b in pairwise(window)):
            continue  # words apart ("scaled, back")
        choices = [(wordnet.base_forms(m.group().lower()) or (m.group().lower(),)) for m in window]
        for head in choices[0]:
            key = (head, *(c[0] for c in choices[1:]))
            if key in table:
                return size, table[key]
    return None


#: Verbs whose object stands before their particle, and what they are read as: what is drawn
#: "away from" something weakens it; what is kept "out of" something is excluded from it.
_SPLIT_PHRASAL = (
    (
        re.compile(
            r"\b(?:drain|draw|pull|divert|siphon|suck|lure|take)(?:s|ed|ing|n|ning)?\b"
            r"(?=(?:\s+[\w'-]+){1,5}\s+away\s+from\b)",
            re.I,
        ),
        "weaken",
    ),
    (
        re.compile(
            r"\b(?:keep|keeps|kept|keeping|leave|leaves|left|leaving|shut|shuts|shutting)\b"
            r"(?=(?:\s+[\w'-]+){1,5}\s+out\s+of\b)",
            re.I,
        ),
        "exclude",
    ),
)


@lru_cache(maxsize=4096)
def words(sentence: str) -> tuple[Word, ...]:
    """The words of the sentence, in order; a phrasal verb ("scaled back", "scaling back") is one word."""
    pattern, table = _phrasal()
    phrases = {m.start(): m for m in pattern.finditer(sentence)}
    split = {m.start(): base for pattern_, base in _SPLIT_PHRASAL for m in pattern_.finditer(sentence)}
    tokens = list(_WORD.finditer(sentence))
    found = []
    first = True
    skip_to = -1
    for i, match in enumerate(tokens):
        if match.start() < skip_to:
            continue
        phrase = phrases.get(match.start())
        inflected = None if phrase is not None else _inflected_phrase(sentence, tokens, i)
        if phrase is not None:
            base = table[" ".join(phrase.group().lower().split())]
            found.append(Word(phrase.group(), phrase.start(), phrase.end(), False, base))
            skip_to = phrase.end()
        elif match.start() in split:
            # "drains quality medical resources away from primary healthcare": takes from it.
            found.append(Word(match.group(), match.start(), match.end(), False, split[match.start()]))
        elif inflected is not None:
            size, base = inflected
            end = tokens[i + size - 1].end()
            found.append(Word(sentence[match.start() : end], match.start(), end, False, base))
            skip_to = end
        else:
            text = match.group()
            found.append(Word(text, match.start(), match.end(), text[0].isupper() and not first))
        first = False
    return tuple(found)


#: An auxiliary or pronoun straight before a quantifier that floats off its subject ("they have
#: all settled", "they all"): the quantifier is of the subject's names, not a proportion.
_FLOATING = re.compile(r"\b(?:have|has|had|are|were|they|we|them|these|those)\s+$", re.I)


def quantifiers(sentence: str) -> tuple[WordQuantifier, ...]:
    """The proportions said in words, and the changes ("doubled"), in order."""
    found: list[WordQuantifier] = []

    def free(start: int, end: int) -> bool:
        return not any(q.start < end and start < q.end for q in found)

    for match in _IN.finditer(sentence):
        if not free(*match.span()):
            continue
        n, m = _count(match.group("n")), _count(match.group("m"))
        if m and n is not None and n <= m:
            low, high = _hedged(n / m, match.group("hedge"), min(0.5 / m, _SLACK))
            found.append(WordQuantifier(match.group(), match.start(), match.end(), low, high))
    for match in _FRACTION.finditer(sentence):
        if not free(*match.span()) or _HALF_A_UNIT.match(sentence, match.end()):
            continue  # "more than half a kilometre up": a measure, which the figures judge
        value = _FRACTIONS[" ".join(match.group("f").lower().split())]
        low, high = _hedged(value, match.group("hedge"), _SLACK)
        change = _CHANGE_BY.search(sentence, 0, match.start())
        if change is not None:
            # "grew by a tenth": a change of 10 percent, not a share; "fell by a quarter": -25.
            sign = -1.0 if change.group("down") else 1.0
            low, high = sorted((sign * low, sign * high))
            found.append(WordQuantifier(match.group(), match.start(), match.end(), low, high, "change"))
            continue
        found.append(WordQuantifier(match.group(), match.start(), match.end(), low, high))
    for match in _QUANTIFIER.finditer(sentence):
        if not free(*match.span()) or not _QUANTIFIED.match(sentence, match.end()):
            continue
        if _MAGNITUDE.match(sentence, match.end()):
            # "a few hundred sites", "several thousand": a vague count, a figure the parts judge.
            continue
        if _EMPHATIC_NO_RE.match(sentence, match.start()):
            continue  # "is no one-off": no share of anything
        if _FLOATING.search(sentence, 0, match.start()) and match.group().lower() in ("all", "both", "each"):
            continue  # "Alibaba, Huawei and JD have all settled": each of the names, no share of a whole
        if _HALF_A_UNIT.match(sentence, match.end()) and match.group().lower().endswith("half"):
            continue
        index = next(int(k[1:]) for k, v in match.groupdict().items() if v is not None)
        _, low, high = _QUANTIFIERS[index]
        found.append(WordQuantifier(match.group(), match.start(), match.end(), low, high))
    for match in _PARTIAL.finditer(sentence):
        # "4G coverage remains patchy": some of it, not all, said of the subject.
        if free(*match.span("w")):
            found.append(WordQuantifier(match.group("w"), match.start("w"), match.end("w"), 0.0001, 0.999))
    for match in _CHANGE.finditer(sentence):
        value = _CHANGES[match.group("w").lower()]
        found.append(WordQuantifier(match.group(), match.start(), match.end(), value, value, "change"))
    found.sort(key=lambda q: q.start)
    return tuple(found)


#: How far a proportion in words may be from the figure it rounds ("a quarter" for 26.9 percent,
#: not "a third"): 2.5 points, half again for "about".
_SLACK = 0.025


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _SMALL_NUMBERS.get(word.lower())


def _hedged(value: float, hedge: str | None, slack: float) -> tuple[float, float]:
    """The range of shares a hedged proportion says: "more than a quarter" is above 0.25."""
    said = " ".join((hedge or "").lower().split())
    if said.startswith(("a little o", "a little m", "slightly o", "slightly m", "a bit o", "a bit m")):
        said = "more than"
    elif said.startswith(("a little", "slightly", "a bit")):
        said = "less than"
    if said in ("more than", "over", "above", "well over", "just over", "upwards of", "upward of", "in excess of"):
        return value + 1e-9, 1.0
    if said in ("at least", "no less than", "not less than", "no fewer than", "not fewer than"):
        return value, 1.0
    if said in ("at most", "no more than", "not more than"):
        return 0.0, value
    if said in ("nearly", "almost", "close to", "just under", "just shy of", "shy of"):
        return value - max(slack * 2, value * 0.12), value - 1e-9
    if said in ("under", "less than", "fewer than"):
        return 0.0, value - 1e-9
    if said in ("about", "around", "roughly", "some", "approximately", "an estimated"):
        return value - max(slack * 1.5, value * 0.1), value + max(slack * 1.5, value * 0.1)
    return value - slack, value + slack


def negations(sentence: str, taken: tuple[WordQuantifier, ...] = ()) -> tuple[Span, ...]:
    """The words that negate ("not", "never", "n't", "failed to"), outside the quantifiers."""
    found: list[Span] = []
    blocked = [m.span() for m in _NOT_NEGATION.finditer(sentence)] + [(q.start, q.end) for q in taken]

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in blocked) and not any(
            s.start < end and start < s.end for s in found
        )

    for match in _negating_phrases().finditer(sentence):
        if free(*match.span()):
            found.append(Span(match.group(), match.start(), match.end()))
    cues = _negation_words()
    for word in words(sentence):
        lower = word.text.lower()
        if (lower.endswith(("n't", "n\u2019t")) and free(word.start, word.end)) or (
            lower in cues and free(word.start, word.end)
        ):
            found.append(Span(word.text, word.start, word.end))
    found.sort(key=lambda s: s.start)
    return tuple(found)


def names(
    sentence: str, is_name: Callable[[str], bool] = _nothing, is_known: Callable[[str], bool] = _nothing
) -> tuple[Name, ...]:
    """The runs of capitalised words. The sentence's first word starts a name only when a
    capitalised word follows it, it is possessive, or `is_name` says the word (lowercase) is a name;
    a capitalised function word that starts it ("Neither Alibaba") is left out unless `is_known`
    says the whole is a name ("An Shihai")."""
    found = []
    for match in _NAME.finditer(sentence):
        text = match.group().strip()
        start, end = match.start(), match.start() + len(text)
        text = re.sub(r"['\u2019]s$", "", text)
        end = start + len(text)
        before = sentence[:start].rstrip(" \"'\u201c\u2018(")
        at_start = not before or before.endswith((".", "!", "?", ":"))
        if at_start:
            first, _, rest = text.partition(" ")
            possessive = bool(re.match(r"['\u2019]s\b", sentence[start + len(first) : start + len(first) + 2]))
            # "It's", "There's": a pronoun and "is", no name.
            possessive = possessive and first.lower() not in vocabulary.light_words()
            if not rest and not possessive and not is_name(first.lower()):
                continue
        lead, _, rest = text.partition(" ")
        while at_start and rest and (lead.lower() in _leading() or lead.lower() == "last") and not is_known(text):
            # "Neither Alibaba", "All of Guizhou": a capitalised function word is no part of a name.
            skip = text.index(rest)
            start, text = start + skip, rest
            text = re.sub(r"^(?:of|and|the|for)\s+", "", text)
            start = end - len(text)
            lead, _, rest = text.partition(" ")
        if text.lower() in _leading() or text.lower() == "i":
            continue
        found.append(Name(text, start, start + len(text)))
    return tuple(found)


def read(
    sentence: str, is_name: Callable[[str], bool] = _nothing, is_known: Callable[[str], bool] = _nothing
) -> Reading:
    """Read one sentence (see the module's docstring)."""
    found_quantifiers = quantifiers(sentence)
    stripped = sentence.strip()
    opinion = asks(stripped) or bool(_OPINION.search(stripped)) or evaluative(sentence)
    return Reading(
        sentence,
        words(sentence),
        negations(sentence, found_quantifiers),
        found_quantifiers,
        names(sentence, is_name, is_known),
        opinion,
    )
