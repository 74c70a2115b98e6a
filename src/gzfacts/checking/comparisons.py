"""Comparatives with "than": a comparison the article must make, or a superlative in other words.

"Guizhou's digital economy grew faster in 2018 than in 2017" compares two things; its words are
all the article's, but the article may make no such comparison: the sentence is unverifiable
unless the evidence compares too. "Grew faster than any other province" and "no other province
grew faster than Guizhou" say "the fastest": a rank, judged against the article's ranks
("ranking first in China" supports it; "grew more slowly than any other province" contradicts
it). "More than 70" and "less than half" are hedges of a figure, not comparisons, and
"rather than" is a contrast (gzfacts.checking.contrasts).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from gzfacts.checking import vocabulary, wordnet
from gzfacts.checking.reader import Reading
from gzfacts.checking.verdict import Part
from gzfacts.quantities import Quantity, Rank, quantities

_THAN = re.compile(r"\bthan\b", re.I)
#: What follows "than" when the comparison is with every other one: a superlative.
_EVERY_OTHER = re.compile(
    r"\s+(?:(?:that|those)\s+of\s+)?(?:any(?:one|where|\s+other)?|every\s*(?:one|where|\s+other)|"
    r"all\s+(?:the\s+)?others?|the\s+rest|anywhere\s+else|anyone\s+else|elsewhere)\b"
    # the noun compared ("any other province's"), and where ("else in China").
    r"(?:\s+(?!in\b|for\b|on\b|at\b|by\b|during\b|since\b|over\b)[a-z][\w-]*(?:['\u2019]s)?)?",
    re.I,
)
#: "No other province ... grew faster than Guizhou": the comparison is with every other one
#: ("every other province grew faster than Guizhou": the other way round).
_NO_OTHER = re.compile(
    r"\b(?:no|none\s+of\s+the|every|all(?:\s+the)?)\s+other(?:\s+(?!than\b)[a-z][\w-]*(?:['\u2019]s)?)?|\bnowhere\s+else\b|"
    r"\bno\s+one\s+else\b|"
    # "No province's economy grew faster than Guizhou's": no one of its kind, the named one aside.
    r"\bno\s+(?:single\s+)?(?:province|region|city|country|nation|place|state)(?:['\u2019]s)?\b",
    re.I,
)
#: What follows "than" in a hedge of a figure ("more than 70", "less than half", "more than a third").
_FIGURE_AFTER = re.compile(
    r"\s+(?:\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|half|a\s+half|a\s+third|"
    r"a\s+quarter|a\s+dozen|a\s+hundred|a\s+thousand|a\s+million|a\s+billion|hundreds|thousands|millions|dozens)\b)",
    re.I,
)
#: What follows "than" in a time said against a schedule ("earlier than required").
_SCHEDULE_AFTER = re.compile(r"\s+(?:required|scheduled|planned|expected|needed|due)\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w-]*")
#: Words before "than" that make no comparison: "rather than", "other than".
_NOT_COMPARATIVE = frozenset({"rather", "other", "else"})
#: How far back from "than" the comparative word may stand ("grew faster in 2018 than").
_REACH = 6


class Comparison(NamedTuple):
    """A comparative and what it is compared with."""

    text: str
    start: int
    end: int
    #: "up" (faster, higher, more), "down" (slower, lower, fewer), or "" (neither: "more expensive").
    direction: str
    #: Compared with every other one ("than any other province"): a superlative.
    every_other: bool
    #: Where "no other ..." stands, when the superlative opens with it; the words between are
    #: the sentence's own ("no other province's economy *shrank* faster than").
    lead: tuple[int, int] | None = None
    #: The word whose degree is compared ("faster", "slowly" of "more slowly").
    degree: str = ""
    #: Compared with others by a preposition, not "than" ("ahead of other provinces").
    others: bool = False
    #: What it is compared with: the words after "than" to the end of the clause.
    standard: tuple[int, int] | None = None
    #: For "ten times as many X as Y": the range of the ratio said, and where X stands.
    multiple: tuple[float, float] | None = None
    compared: tuple[int, int] | None = None


@lru_cache(maxsize=1)
def _directions() -> tuple[frozenset[str], frozenset[str]]:
    return vocabulary.words("comparison-up"), vocabulary.words("comparison-down")


def _direction(word: str, following: str) -> str:
    """Which way a comparative goes: "up", "down", or "" when it is no measure of degree the
    vocabulary knows ("more expensive")."""
    lower = word.lower()
    if lower in ("more", "less", "fewer"):
        said = _degree(following) if following else "up"
        if lower == "more":
            return said
        return {"up": "down", "down": "up"}.get(said, "")
    return _degree(lower)


def _degree(word: str) -> str:
    up, down = _directions()
    forms = {word.lower(), *wordnet.base_forms(word.lower())}
    if forms & up:
        return "up"
    if forms & down:
        return "down"
    return ""


def _comparative(words: Sequence[re.Match[str]]) -> int | None:
    """The index of the comparative word among the words before "than", the nearest first."""
    for back in range(len(words) - 1, max(-1, len(words) - 1 - _REACH), -1):
        lower = words[back].group().lower()
        if lower in _NOT_COMPARATIVE:
            return None
        if lower in ("more", "less", "fewer"):
            return back
        if lower.endswith(("er", "ier")) and any(base != lower for base in wordnet.base_forms(lower)):
            return back
        if back > 0 and words[back - 1].group().lower() in ("more", "less"):
            return back - 1
    return None


def find(sentence: str) -> tuple[Comparison, ...]:
    """The sentence's comparisons with "than", hedges of figures and contrasts left out."""
    found = []
    for than in _THAN.finditer(sentence):
        if _FIGURE_AFTER.match(sentence, than.end()) or _SCHEDULE_AFTER.match(sentence, than.end()):
            continue  # a figure's hedge; "earlier than required" is ahead of time ([phrasal-verbs])
        clause_start = max(sentence.rfind(ch, 0, than.start()) for ch in ";:,") + 1
        words = list(_WORD.finditer(sentence, clause_start, than.start()))
        at = _comparative(words)
        if at is None:
            # "Fewer enterprises were helped to integrate ... than there were projects": a count
            # compared from the clause's start, however far from "than".
            at = next(
                (i for i, w in enumerate(words[:-1]) if w.group().lower() in ("more", "fewer", "less")),
                None,
            )
        if at is None:
            continue
        word = words[at]
        following = words[at + 1].group() if at + 1 < len(words) else ""
        if word.group().lower() in ("more", "less", "fewer") and following:
            # "more slowly than", "more expensive than" compare a degree; "more pilot areas than"
            # a number of things, which no rank says.
            counted = not (at + 2 == len(words) or following.lower().endswith("ly"))
        else:
            counted = False
        degree = following if word.group().lower() in ("more", "less", "fewer") and following else word.group()
        direction = "" if counted else _direction(word.group(), following)
        every = _EVERY_OTHER.match(sentence, than.end())
        if every is None and direction == "down":
            # "grew more slowly than the national average": below the middle, so not the first.
            every = _BELOW_MOST.match(sentence, than.end())
        no_other = list(_NO_OTHER.finditer(sentence, 0, word.start()))
        start, end = word.start(), than.end()
        if every:
            end = every.end()
        elif no_other:
            # "than Guizhou": the one ranked is named after "than"; its name is the sentence's.
            lead = no_other[-1].span()
            if no_other[-1].group().lower().startswith(("every", "all")):
                # "Every other province grew faster than Guizhou": Guizhou came last.
                direction = {"up": "down", "down": "up"}.get(direction, "")
            found.append(Comparison(sentence[lead[0] : end], lead[0], end, direction, True, lead, degree))
            continue
        else:
            # A comparison with one other thing: the comparative word and "than".
            end = words[at + 1].end() if word.group().lower() in ("more", "less") and following else word.end()
            stop = re.compile(r"[,;:.]").search(sentence, than.end())
            standard = (than.end(), stop.start() if stop else len(sentence))
            text = sentence[start:end] + " \u2026 than"
            found.append(Comparison(text, start, end, direction, False, None, degree, standard=standard))
            continue
        found.append(Comparison(sentence[start:end], start, end, direction, True, None, degree))
    return tuple(found) + others(sentence) + multiples(sentence)


_MULTIPLIERS = {"twice": 2.0, "double": 2.0, "thrice": 3.0, "triple": 3.0, "half": 0.5}
_TIMES_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
#: "(roughly) ten times as many X as Y", "twice as many X as Y".
#: The hedge and the count of a multiple ("roughly ten times"), and where its second side ends.
_HEDGED = r"(?:(?P<hedge>roughly|about|around|nearly|almost|some|approximately|more\s+than|over|at\s+least)\s+)?"
#: The count of a multiple, in digits or words ("10", "ten").
_COUNT = r"(?P<n>\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)"
_TIMES = _COUNT + r"\s+times"
_SIDE_ENDS = r"(?=\s*(?:[,;.]|$|\b(?:in|by|last|this)\s))"
_MULTIPLE = re.compile(
    _HEDGED
    + rf"(?:{_TIMES}|(?P<w>twice|double|thrice|triple|half))"
    + r"\s+(?:as\s+many|the\s+number\s+of)\s+(?P<a>[^,;.]+?)\s+as\s+(?P<b>[^,;.]+?)"
    + _SIDE_ENDS,
    re.I,
)


#: "ten times more X than Y": read as ten or eleven times as many, as people mean it either way.
_TIMES_MORE = re.compile(
    _HEDGED + rf"(?:{_TIMES})(?P<w>)" + r"\s+more\s+(?P<a>[^,;.]+?)\s+than\s+(?P<b>[^,;.]+?)" + _SIDE_ENDS,
    re.I,
)


#: "X (far) outnumber Y": more X than Y; "X are outnumbered by Y": fewer.
_OUTNUMBER = re.compile(
    r"\b(?:(?:far|vastly|greatly|easily|heavily|massively|hugely|comfortably|dramatically)\s+)?(?P<passive>(?:are|were|is|was)\s+)?outnumber(?:s|ed)?\s+"
    r"(?:by\s+)?(?P<b>[^,;.]+?)"
    # "... roughly ten to one": the ratio said
    rf"(?:\s+(?:by\s+)?{_HEDGED}{_COUNT}\s+to\s+one\b)?"
    r"(?=\s*(?:[,;.]|$|\b(?:in|by|last|this|at)\s))",
    re.I,
)


def _outnumbered(sentence: str) -> list[Comparison]:
    """ "Village sites far outnumber county centres": a comparison of two counts, the subject
    being the words of its clause before the verb."""
    found = []
    for match in _OUTNUMBER.finditer(sentence):
        start = max(sentence.rfind(ch, 0, match.start()) for ch in ",;:") + 1
        subject = (
            start + len(sentence[start : match.start()]) - len(sentence[start : match.start()].lstrip()),
            match.start(),
        )
        if subject[1] - subject[0] < 3:
            continue
        low, high = (1.0 + 1e-9, math.inf) if not match.group("passive") else (0.0, 1.0 - 1e-9)
        text = sentence[match.start() : match.start("b")].strip()
        ratio = _ratio_span(match)
        if ratio is not None:
            word = match.group("n").lower()
            low, high = _hedged_range(_TIMES_WORDS.get(word) or float(word), match.group("hedge"))
            if match.group("passive"):
                low, high = 1.0 / high if math.isfinite(high) else 0.0, 1.0 / low
            text = f"{text} \u2026 {sentence[ratio[0] : match.end()].strip()}"
        found.append(
            Comparison(
                text,
                match.start(),
                match.start("b"),
                "",
                False,
                standard=match.span("b"),
                multiple=(low, high),
                compared=subject,
            )
        )
    return found


def _hedged_range(value: float, hedge: str | None) -> tuple[float, float]:
    """The ratios a multiple said with a hedge allows ("roughly ten": 8.5 to 11.5)."""
    hedge = " ".join((hedge or "").lower().split())
    if hedge in ("more than", "over", "at least"):
        return value, math.inf
    if hedge in ("nearly", "almost"):
        return value * 0.85, value
    if hedge:
        return value * 0.85, value * 1.15
    return value * 0.95, value * 1.05


def multiple_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence says a multiple ("ten times as many", "ten to one"): no count of its own."""
    ratios = (_ratio_span(match) for match in _OUTNUMBER.finditer(sentence))
    return [(c.start, c.end) for c in multiples(sentence)] + [span for span in ratios if span is not None]


def _ratio_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Where an "outnumber" says its ratio, hedge and count ("roughly ten" of "roughly ten to
    one"), or None when it gives none."""
    if not match.group("n"):
        return None
    return (match.start("hedge") if match.group("hedge") else match.start("n"), match.end("n"))


def multiples(sentence: str) -> tuple[Comparison, ...]:
    """ "Ten times as many demonstration projects as benchmark projects": a ratio of two counts,
    judged by the article's figures of both (`judge`)."""
    found = []
    matches = [(m, 0.0) for m in _MULTIPLE.finditer(sentence)] + [(m, 1.0) for m in _TIMES_MORE.finditer(sentence)]
    for match, more in matches:
        word = (match.group("n") or match.group("w") or "").lower()
        value = _MULTIPLIERS.get(word) or _TIMES_WORDS.get(word) or float(word)
        low, high = _hedged_range(value, match.group("hedge"))
        high += more * (high / value if math.isfinite(high) else 0.0)
        text = sentence[match.start() : match.start("a")].strip() + (" \u2026 than" if more else " \u2026 as")
        found.append(
            Comparison(
                text,
                match.start(),
                match.start("a"),
                "",
                False,
                standard=match.span("b"),
                multiple=(low, high),
                compared=match.span("a"),
            )
        )
    return tuple(found) + tuple(_outnumbered(sentence))


#: A comparison with the others said without "than": "ahead of other provinces", "before the
#: rest of the country", "behind every other region", "outpaced its neighbours".
_AHEAD = re.compile(
    r"\b(?:ahead\s+of|before|earlier\s+than|sooner\s+than|behind|in\s+front\s+of|outpac\w*|outperform\w*)\s+"
    r"(?:all\s+|any\s+|every\s+|the\s+|its\s+|their\s+)?(?:other|others|the\s+rest|rest|neighbou?r\w*|rivals?|peers?)\b",
    re.I,
)


_NO_SUCH = "the article makes no such comparison"
#: What the evidence of a comparison with the others says when it makes one.
_OTHERS = re.compile(r"\bother|\bthan\b|\brest\b", re.I)


#: What a thing below the middle is said to be below: "than the national average", "than most
#: other provinces" (said of a first place, a contradiction; said of more, nothing the article ranks).
_BELOW_MOST = re.compile(
    r"\s+(?:(?:that|those)\s+of\s+)?(?:the\s+)?(?:(?:national|nationwide|country['\u2019]s|nation['\u2019]s)\s+)?"
    r"(?:average|norm|median)\b|\s+(?:(?:that|those)\s+of\s+)?most\s+(?:other\s+)?(?:provinces|regions|places|others)\b",
    re.I,
)
#: "trails most other provinces", "lags behind the national average": below the middle, without "than".
_TRAILS_MOST = re.compile(
    r"\b(?:trail(?:s|ed|ing)?|lag(?:s|ged|ging)?\s+behind)\s+(?:(?:that|those)\s+of\s+)?"
    r"(?:most\s+(?:other\s+)?(?:provinces|regions|places|others)|(?:the\s+)?(?:national\s+)?average|"
    r"(?:the\s+)?(?:national\s+)?(?:leaders|leading\s+provinces|front-?runners|pack)|"
    # Places named: "trails Beijing and Shanghai" (any place ahead of it: it is not first).
    r"(?-i:[A-Z][\w-]+(?:(?:,\s*|\s+and\s+)[A-Z][\w-]+)*))\b",
    re.I,
)


def others(sentence: str) -> tuple[Comparison, ...]:
    """The comparisons with others said without "than" ("hit the target ahead of other provinces"),
    and a place below the middle ("trails most other provinces"): not the first, for the
    measure the clause speaks of."""
    ahead = [Comparison(m.group(), m.start(), m.end(), "", False, None, "", True) for m in _AHEAD.finditer(sentence)]
    for m in _TRAILS_MOST.finditer(sentence):
        clause = sentence[max(sentence.rfind(ch, 0, m.start()) for ch in ";:,") + 1 : m.start()]
        after = sentence[m.end() : m.end() + 60]
        grows = re.search(r"\bgr[eo]w|\bgrowth\b", clause, re.I) or re.match(
            r"\s+(?:on|in|for)\b[^,;.]*\bgrowth\b", after, re.I
        )
        degree = "slowly" if grows else m.group().split()[0]
        ahead.append(Comparison(m.group(), m.start(), m.end(), "down", True, None, degree))
    return tuple(ahead)


def spans(comparisons: Sequence[Comparison]) -> list[tuple[int, int]]:
    """The spans the comparisons account for (their words are not aligned one by one)."""
    found = []
    for c in comparisons:
        if c.every_other and c.direction:
            if c.lead is not None:
                found += [c.lead, (_start_of_comparative(c), c.end)]
            else:
                found.append((c.start, c.end))
    return found


def taken(comparisons: Sequence[Comparison]) -> list[tuple[int, int]]:
    """The spans the reader leaves to the comparisons: the superlatives', "no other ...", and a
    multiple's "ten times as many"."""
    multiples = [(c.start, c.end) for c in comparisons if c.multiple is not None]
    return spans(comparisons) + [c.lead for c in comparisons if c.lead is not None] + multiples


def _start_of_comparative(c: Comparison) -> int:
    """Where the comparative of a superlative that opens with "no other" stands: "faster than"."""
    words = list(_WORD.finditer(c.text, 0, len(c.text) - len("than")))
    at = _comparative(words)
    return c.start + (words[at].start() if at is not None else len(c.text) - len("than"))


#: What the evidence of a comparison gives: its fact's id, quote, ranks and word forms.
Said = tuple[str, str, Sequence[Rank], frozenset[str]]
#: Degrees of speed, which a ranking of growth is a ranking of.
_SPEED = frozenset("fast faster quick quicker quickly rapid rapidly slow slower slowly".split())
_RANKING = re.compile(r"\brank|\btop\b|\blead|\bled\b|\w+est\b", re.I)


#: A fact's figure as a comparison weighs it: its id, value, unit, and the terms of its claim and unit.
Measured = tuple[str, float, str, frozenset[str]]


def judge(
    comparisons: Sequence[Comparison], said: Sequence[Said], sentence: str = "", measured: Sequence[Measured] = ()
) -> list[Part]:
    """Each comparison against the evidence: a superlative of degree against the article's first
    place in a ranking of that degree; a comparison of two counts ("more county centres than
    village sites") against the article's figures of both; any other comparison is unverifiable
    unless the evidence compares too (a hedge of a figure, "more than 70", compares nothing)."""
    parts = []
    for c in comparisons:
        if c.every_other and c.direction:
            parts.append(_superlative(c, said))
            continue
        counted = _of_counts(c, sentence, said) if sentence else None
        counted = counted or (_of_measures(c, sentence, measured) if sentence else None)
        if counted is not None:
            parts.append(counted)
        elif not any((_OTHERS.search(quote) if c.others else find(quote)) for _, quote, _, _ in said):
            parts.append(Part("word", c.text, c.start, c.end, "unverifiable", None, None, _NO_SUCH))
    return parts


def _of_counts(c: Comparison, sentence: str, said: Sequence[Said]) -> Part | None:
    """ "More X than Y" or "ten times as many X as Y" where the article counts both X and Y:
    judged by its figures."""
    word = c.text.split()[0].lower()
    if c.standard is None or c.direction or (c.multiple is None and word not in ("more", "fewer", "less")):
        return None
    if c.compared is not None:
        left_text = sentence[c.compared[0] : c.compared[1]]
    else:
        left_text = sentence[c.start + len(word) : sentence.rfind("than", c.start, c.standard[0])]
    left, right = _terms(_head(left_text)), _terms(_head(sentence[c.standard[0] : c.standard[1]]))
    if not left or not right:
        return None
    figures = [(fact_id, q) for fact_id, quote, _, _ in said for q in quantities(quote) if q.noun and not q.unit]
    a, b = _counting(left, figures), _counting(right, figures)
    if a is None or b is None or a[1].value == b[1].value or b[1].value <= 0:
        return None
    if c.multiple is not None:
        holds = c.multiple[0] <= a[1].value / b[1].value <= c.multiple[1]
    else:
        holds = a[1].value > b[1].value if word == "more" else a[1].value < b[1].value
    expected = f"{a[1].text} and {b[1].text}"
    return Part("comparison", c.text, c.start, c.end, "supported" if holds else "contradicted", expected, a[0])


#: Degrees of length in time: "a shorter run at the top" compares streaks, counted in years.
_OF_TIME = frozenset("long longer short shorter".split())
#: What ends a side of a comparison before the comparative: the verb it is said with.
_VERB_END = re.compile(r"\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been|grew|rose|ran|lasted)\s*$", re.I)


def _of_measures(c: Comparison, sentence: str, measured: Sequence[Measured]) -> Part | None:
    """ "The share of government affairs handled online is smaller than the digital economy's share
    of GDP"; "its run at the top is shorter than its run in the top three": two of the article's
    figures of one kind, each side named in its fact's words, compared by their values."""
    if c.standard is None or c.direction not in ("up", "down") or c.multiple is not None:
        return None
    start = max(sentence.rfind(ch, 0, c.start) for ch in ",;:") + 1
    left = _side_terms(_VERB_END.sub("", sentence[start : c.start]))
    right = _side_terms(sentence[c.standard[0] : c.standard[1]])
    years = c.degree.lower() in _OF_TIME or any(w in _OF_TIME for w in c.text.lower().split())
    kinds = [m for m in measured if ("years" in m[2]) == years and "ahead" not in m[2]]
    a, b = _measuring(left, kinds), _measuring(right, kinds)
    if a is None or b is None or a[0] == b[0] or _unit_kind(a[2]) != _unit_kind(b[2]) or a[1] == b[1]:
        return None
    holds = a[1] > b[1] if c.direction == "up" else a[1] < b[1]
    expected = f"{a[1]:g} {a[2]} and {b[1]:g} {b[2]}"
    return Part("comparison", c.text, c.start, c.end, "supported" if holds else "contradicted", expected, a[0])


def _side_terms(text: str) -> set[str]:
    """The terms of a side of a comparison, its periods left out ("In 2018 the number of ...")."""
    from gzfacts.checking.words import terms

    return terms(re.sub(r"\b(?:in|by|since|last|this)\s+(?:\d{4}|year)\b", " ", text, flags=re.I))


def _measuring(wanted: set[str], measured: Sequence[Measured]) -> Measured | None:
    """The fact whose words most of a side's terms are (at least half, and more than any other's)."""
    if not wanted:
        return None
    ranked = sorted(measured, key=lambda m: len(wanted & m[3]), reverse=True)
    if not ranked or len(wanted & ranked[0][3]) / len(wanted) < 0.5:
        return None
    if len(ranked) > 1 and len(wanted & ranked[1][3]) == len(wanted & ranked[0][3]):
        return None  # two facts fit as well: not the article's to say which
    return ranked[0]


def _unit_kind(unit: str) -> str:
    """What a fact's figure is: a share, a span of years, a length, or a count of things."""
    for kind in ("percent", "years", "meters"):
        if kind in unit:
            return kind
    return "count"


_THERE = re.compile(r"^\s*(?:there\s+(?:were|are|is|was)\s+|the\s+number\s+of\s+|those\s+of\s+)", re.I)


def _head(text: str) -> str:
    """The counted noun of a side of a comparison, up to its plural head: "enterprises were
    helped to integrate" counts enterprises; "there were demonstration projects built", projects."""
    from gzfacts.checking.words import head_noun

    return head_noun(_THERE.sub("", text))


def _counting(wanted: set[str], figures: list[tuple[str, Quantity]]) -> tuple[str, Quantity] | None:
    """The figure of the evidence that counts what the words name: most of their terms are its noun's."""
    best, score = None, 0.0
    for fact_id, q in figures:
        share = len(wanted & _terms(q.noun)) / len(wanted)
        if share > score:
            best, score = (fact_id, q), share
    return best if score >= 0.6 else None


def _terms(text: str) -> set[str]:
    from gzfacts.checking.words import terms

    return terms(re.sub(r"\b(?:in|by|since|last|this)\s+(?:\d{4}|year)\b.*", "", text))


def spared(parts: Sequence[Part], comparisons: Sequence[Comparison]) -> list[Part]:
    """The parts, less the opposites found in what an unverifiable comparison compares with:
    "a bigger share in Guizhou than nationally" does not say the share is national."""
    unsaid = [c.standard for c in comparisons if c.standard is not None]
    unsaid = [s for s in unsaid if any(p.status == "unverifiable" and p.note == _NO_SUCH for p in parts)]
    return [
        p
        for p in parts
        if not (p.kind == "word" and p.status == "contradicted" and any(a <= p.start < b for a, b in unsaid))
    ]


def _superlative(c: Comparison, said: Sequence[Said]) -> Part:
    for fact_id, quote, ranks, forms in said:
        first = [r for r in ranks if r.position == 1 and not r.one_of]
        if first and _RANKING.search(quote) and _of_degree(c.degree, forms):
            status = "supported" if c.direction == "up" else "contradicted"
            return Part("rank", c.text, c.start, c.end, status, first[0].text, fact_id)
    return Part("rank", c.text, c.start, c.end, "unverifiable", note="the article ranks nothing of this")


def _of_degree(degree: str, forms: frozenset[str]) -> bool:
    """Whether the evidence ranks the degree compared: it has the word ("largest" for "larger"),
    or it ranks growth and the degree is of speed ("faster", "more slowly")."""
    lower = degree.lower()
    if {lower, *wordnet.base_forms(lower)} & forms:
        return True
    return lower in _SPEED and "grow" in forms


def without(reading: Reading, comparisons: Sequence[Comparison]) -> Reading:
    """The reading with the negations and quantifiers inside superlatives taken out ("no other")."""
    covered = taken(comparisons)
    if not covered:
        return reading

    def free(start: int) -> bool:
        return not any(a <= start < b for a, b in covered)

    return reading._replace(
        negations=tuple(n for n in reading.negations if free(n.start)),
        quantifiers=tuple(q for q in reading.quantifiers if free(q.start)),
    )


#: The base a change is measured from: "compared with 2017", "over the previous year".
_BASE = re.compile(
    r"\b(?:compared\s+(?:with|to)\s+(?:the\s+previous\s+year|the\s+year\s+before|a\s+year\s+(?:earlier|before)|"
    r"(?P<year>(?:19|20)\d\d))|(?:over|from)\s+(?:the\s+previous\s+year|a\s+year\s+(?:earlier|before)))\b",
    re.I,
)


def year_on_year(sentence: str, periods: Sequence[str | None]) -> list[tuple[int, int]]:
    """The spans that say a change is measured from the year before ("grew 24.6 percent in 2018
    compared with 2017"), when the change the sentence's figure matched is year-on-year, of the
    `periods` given (each that fact's period, or None when the fact is of no year-on-year change)."""
    found = []
    for match in _BASE.finditer(sentence):
        year = match.group("year")
        if any(p is not None and (year is None or p == str(int(year) + 1)) for p in periods):
            found.append(match.span())
    return found
