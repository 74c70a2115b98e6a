"""Relations a source states between names, read from its text, and the same relations in a
sentence: "Guiyang, capital of Guizhou" makes "Zunyi is the capital of Guizhou" contradicted.

Only relations with one answer each way are read (a province has one capital; a city is the
capital of one province), so that another name in the role is a contradiction, not news.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from gzfacts.checking import lexicon, vocabulary
from gzfacts.checking.verdict import Alignment, Part, Relation
from gzfacts.model import Fact

#: A place's or a body's name: capitalised words (gzfacts.checking.places reads it too).
NAME = r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w-]*)*"
_NAME = NAME
_PROVINCE = r"(?:\s+(?:province|city|county|state|region))?"
_CAPITAL = r"(?:the\s+)?(?:provincial\s+|national\s+|state\s+)?capital(?:\s+city)?"
#: How sources write "X is the capital of Y": an apposition ("Guiyang, capital of Guizhou").
_SOURCE_PATTERNS = (re.compile(rf"(?P<a>{_NAME}),\s+{_CAPITAL}\s+(?:city\s+)?of\s+(?P<b>{_NAME}){_PROVINCE}"),)
#: "neighbouring Yunnan": a word before a place that does not change which place it is.
_NEARBY = r"(?:(?:neighbou?ring|nearby|adjacent)\s+)?"
#: "northwest China's Gansu province": where in the country, before the country's name.
COMPASS_WORD = r"(?:north|south|east|west|central|northern|southern|eastern|western)(?:[a-z]*)"
_COMPASS_WORD = COMPASS_WORD
#: How sentences say it.
_CLAIM_PATTERNS = (
    re.compile(
        rf"(?P<a>{_NAME})(?:,)?\s+(?:is|was|remains|serves\s+as|became)(?:\s+not|n['\u2019]t)?\s+{_CAPITAL}\s+of\s+"
        rf"{_NEARBY}(?P<b>{_NAME})"
    ),
    re.compile(rf"(?P<a>{_NAME}),\s+{_CAPITAL}\s+of\s+{_NEARBY}(?P<b>{_NAME})"),
    # "Zunyi, the provincial capital, ...": the capital of the province the source is about.
    re.compile(rf"(?P<a>{_NAME}),\s+the\s+provincial\s+capital\b(?!\s+of\b)"),
    # "Kunming, Guizhou's provincial capital, ...": an appositive with the province first.
    re.compile(rf"(?P<a>{_NAME}),\s+(?P<b>{_NAME})['\u2019]s\s+(?:provincial\s+)?capital\b"),
    re.compile(rf"{_CAPITAL}\s+of\s+(?P<b>{_NAME}){_PROVINCE},?\s+(?:is|was)\s+(?P<a>{_NAME})", re.I),
    re.compile(rf"(?P<b>{_NAME})['\u2019]s\s+(?:provincial\s+)?capital,?\s+(?:is\s+|was\s+)?(?P<a>{_NAME})"),
    re.compile(
        rf"(?P<a>{_NAME})\s+(?:is|was|remains|serves\s+as|became)(?:\s+not|n['\u2019]t)?\s+"
        rf"(?P<b>{_NAME})['\u2019]s\s+(?:provincial\s+)?capital"
    ),
)


class Group(NamedTuple):
    """Names a source lists under one head ("international behemoths like Apple, Microsoft")."""

    head: str
    #: The head's content words.
    words: tuple[str, ...]
    #: The names listed, lowercase.
    names: frozenset[str]
    #: The names as the source writes them, in its order.
    shown: tuple[str, ...] = ()


class Relations(NamedTuple):
    """The relations of one source: capital -> place, and place -> capital (lowercase); the
    groups it lists names under; the body each person it names holds a post in."""

    capital_of: dict[str, str]
    capital: dict[str, str]
    groups: tuple[Group, ...]
    #: Person (lowercase) -> their post's title and body, as the source writes them.
    posts: dict[str, tuple[str, str]]


#: A body's name: capitalised words, with "of", "the", "and" inside ("Sixth Hospital of Guiyang").
_BODY = r"[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][\w'\u2019-]*)*"
_PERSON = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}"
_TITLE = (
    r"(?P<title>(?:(?:Deputy|Vice|Executive)\s+)?"
    r"(?:Director|President|Chairman|Chairwoman|Head|Secretary|Dean|Professor|Mayor|Governor|Minister))"
)
#: How a source gives a person's post: "Director Pi Shengming of the Sixth Hospital of Guiyang",
#: "An Shihai, deputy director of the Guizhou Provincial Health Commission".
_POST_PATTERNS = (
    re.compile(rf"\b{_TITLE}\s+(?P<person>{_PERSON})\s+of\s+(?:the\s+)?(?P<body>{_BODY})"),
    re.compile(rf"\b(?P<person>{_PERSON}),\s+(?i:{_TITLE})\s+of\s+(?:the\s+)?(?P<body>{_BODY})"),
)
#: What a sentence says between a person and a body that makes the body theirs ("is a deputy
#: director at the"), after any aside: it ends in "of", "at", "with", "from" or "for".
_POSTED_AT = re.compile(r"\b(?:of|at|with|from|for|in)\s+(?:the\s+)?$", re.I)


def _body_words(body: str) -> set[str]:
    """The words of a body's name, without articles, "of" and possessives."""
    words = {re.sub(r"['\u2019]s$", "", w) for w in re.findall(r"[\w'\u2019-]+", body.lower())}
    return words - {"the", "of", "and", "for"}


#: A post given straight after a person's name, in a body of any name: ", director of the Fifth
#: Hospital of Guiyang", " is deputy director of the Guiyang municipal health commission".
_OTHER_POST = re.compile(
    r"(?:(?:,\s*|\s+(?:is|was|as|became)\s+(?:the\s+|a\s+|an\s+)?)(?:(?:deputy|vice|executive)\s+)?"
    r"(?:director|head|chief|president|chairman|chairwoman|dean|secretary|official)\s+(?:of|at|with|from)\s+"
    # "Pi Shengming belongs to the Guizhou Provincial Health Commission", "works at".
    r"|\s+(?:belongs?|belonged)\s+to\s+|\s+(?:works?|worked)\s+(?:at|for|in)\s+)"
    r"(?P<body>(?:the\s+)?(?:[A-Za-z][\w'\u2019-]*\s+){0,6}?(?:hospital|commission|department|bureau|ministry|"
    r"university|academy|institute|committee|administration|agency)\b(?:\s+of\s+[A-Z][\w-]*)?)",
    re.I,
)
_TITLED = re.compile(r"\b(?:director|head|chief|president|chairman|chairwoman|leader|boss)\b", re.I)
_SAYING = re.compile(r"\b(?:said|says|say|told|tells|according|spoke|speaks|quoted|patients?|people)\b", re.I)


#: A list of names: "Alibaba, Huawei, Tencent, Baidu and JD".
_LIST = rf"(?P<list>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+(?:and|or)\s+{_NAME})?)"
#: A head and the names it lists: "big names such as Alibaba, ...", "giants including ...".
_SUCH_AS = re.compile(rf"(?P<head>(?:[A-Za-z][\w'\u2019-]*\s+){{1,4}}?)(?:such\s+as|like|including)\s+{_LIST}")
#: The same after a comma: "China's biggest tech firms, among them Tencent and Baidu".
_AMONG_THEM = re.compile(
    rf"(?P<head>(?:[A-Za-z][\w'\u2019-]*\s+){{0,3}}[A-Za-z][\w'\u2019-]*),\s+(?:among\s+them|including)\s+{_LIST}"
)
#: A head of firms straight before their names: "Domestic heavyweights Alibaba, Huawei and JD".
_HEAD_THEN_LIST = re.compile(
    rf"(?P<head>(?:[A-Za-z][\w'\u2019-]*\s+){{0,3}}(?:giants|heavyweights|behemoths|firms|companies|names|players|brands))"
    rf"\s+{_LIST}"
)
#: ... and with the list first: "the world's biggest firms, Intel and Oracle among them".
_THEM_AMONG = re.compile(
    rf"(?P<head>(?:[A-Za-z][\w'\u2019-]*\s+){{0,3}}[A-Za-z][\w'\u2019-]*),\s+{_LIST}\s+among\s+them\b"
)
#: Names said to be among a head, or of it: "Tencent and Baidu are among the Chinese tech
#: names", "JD is an international behemoth".
_AMONG = re.compile(
    rf"{_LIST}\s+(?:are|were|is|was)(?P<negated>\s+not|n['\u2019]t)?"
    r"(?:\s+(?:listed|named|included|counted|mentioned|cited))?"
    r"\s+(?:(?:among|one\s+of|some\s+of)\s+(?:the\s+)?|an?\s+|both\s+)"
    r"(?P<head>(?:[A-Za-z][\w-]*\s*){1,4})"
)
#: The same, said by who lists them: "The article lists Apple and Microsoft among the Chinese big names".
_LISTS_AMONG = re.compile(
    rf"\b(?:lists?|listed|names?|named|counts?|counted|includes?|included|puts?|places?)\s+{_LIST}\s+"
    r"(?:among|as\s+(?:one\s+of|some\s+of))\s+(?:the\s+)?(?P<head>(?:[A-Za-z][\w-]*\s*){1,4})"
)


#: A head, then the names it includes: "The foreign giants operating in Guizhou include Apple and Oracle".
_HEAD_INCLUDES = re.compile(
    rf"(?P<head>(?:[A-Za-z][\w'\u2019-]*\s+){{0,3}}(?:giants|heavyweights|behemoths|firms|companies|names|players|brands))"
    rf"\b[^.;]{{0,60}}?\s+(?:include|includes|included|are|were)\s+{_LIST}"
)


#: The words without which a sentence lists no names under a head (a quick test first).
_LISTING = re.compile(
    r"\b(?:such\s+as|like|including|among|one\s+of|some\s+of|an?|both|giants|heavyweights|behemoths|firms|"
    r"companies|names|players|brands)\b",
    re.I,
)


#: Listings whose head is loose (any words before the comma): judged by the head's kind only.
_LOOSE = (_AMONG_THEM, _THEM_AMONG)


def _listings(text: str) -> list[re.Match[str]]:
    """A text's names listed after a head ("giants such as Alibaba"; "firms, among them Baidu")."""
    return [
        *_SUCH_AS.finditer(text),
        *_AMONG_THEM.finditer(text),
        *_THEM_AMONG.finditer(text),
        *_HEAD_THEN_LIST.finditer(text),
        *_HEAD_INCLUDES.finditer(text),
    ]


def _listed(text: str) -> frozenset[str]:
    return frozenset(n.strip().lower() for n in re.split(r"\s*,\s*|\s+(?:and|or)\s+", text) if n.strip())


#: Words that end a list's head: what counts it ("a number of"), and prepositions.
_NOT_HEADS = frozenset("number range host list series alongside beside besides behind near unlike".split())


def _head_words(head: str, last: bool, most: int = 3) -> tuple[str, ...]:
    """The content words of a list's head: its last (before "such as") or first (after "among
    the") few, stopping at a function word."""
    skip = vocabulary.words("function") | vocabulary.words("light")
    # "China's firms" are Chinese firms.
    head = re.sub(r"\bchina['\u2019]s\b", "chinese", head.lower())
    words = re.findall(r"[A-Za-z][\w-]*", head)
    taken: list[str] = []
    for word in reversed(words) if last else words:
        if word in skip or word in _NOT_HEADS:
            break
        taken.append(word)
    taken = taken[:most]
    return tuple(reversed(taken) if last else taken)


def groups_of(text: str) -> tuple[Group, ...]:
    """The groups a text lists names under."""
    found = []
    for match in _listings(text):
        words = _head_words(match.group("head"), True)
        if words:
            shown = tuple(n.strip() for n in re.split(r"\s*,\s*|\s+(?:and|or)\s+", match.group("list")) if n.strip())
            found.append(Group(" ".join(words), words, _listed(match.group("list")), shown))
    return tuple(found)


def _clean(name: str) -> str:
    return re.sub(r"\s+(?:province|city|county|state|region)$", "", name.strip(), flags=re.I).lower()


def read_source(text: str) -> Relations:
    """The relations a source's text states."""
    capital_of: dict[str, str] = {}
    capital: dict[str, str] = {}
    for pattern in _SOURCE_PATTERNS:
        for match in pattern.finditer(text):
            a, b = _clean(match.group("a")), _clean(match.group("b"))
            capital_of.setdefault(a, b)
            capital.setdefault(b, a)
    posts: dict[str, tuple[str, str]] = {}
    for pattern in _POST_PATTERNS:
        for match in pattern.finditer(text):
            posts.setdefault(match.group("person").lower(), (match.group("title"), match.group("body")))
    return Relations(capital_of, capital, groups_of(text), posts)


def judge_posts(sentence: str, sources: Sequence[Relations]) -> list[Part]:
    """A person the source gives a post in one body, said to be of another body the source names:
    "An Shihai ... is a deputy director at the Sixth Hospital of Guiyang", where the article has
    him at the Guizhou Provincial Health Commission and Pi Shengming at the hospital."""
    found: list[Part] = []
    for source in sources:
        bodies = {body for _, body in source.posts.values()}
        for person, post in source.posts.items():
            for said in _words_re(person).finditer(sentence):
                part = _post(sentence, said, person, post, bodies)
                if part is not None:
                    found.append(part)
    return found


@lru_cache(maxsize=1024)
def _words_re(words: str) -> re.Pattern[str]:
    """The words as a whole-word, case-blind pattern, compiled once."""
    return re.compile(rf"\b{re.escape(words)}\b", re.I)


def _post(sentence: str, said: re.Match[str], person: str, post: tuple[str, str], bodies: set[str]) -> Part | None:
    """The body the sentence gives the person straight after their name, judged, or None; and
    the post, when it says one: a deputy is not the head ("the head of the commission")."""
    title, body = post
    clause_end = min((i for i in (sentence.find(ch, said.end()) for ch in ".;") if i >= 0), default=len(sentence))
    for other in sorted(bodies, key=len, reverse=True):
        at = _words_re(other).search(sentence[said.end() : clause_end])
        if at is None:
            continue
        between = sentence[said.end() : said.end() + at.start()]
        last = between.rsplit(",", 1)[-1]
        if len(between) > 120 or not _POSTED_AT.search(last) or _SAYING.search(last):
            continue
        start, end = said.start(), said.end() + at.end()
        deputy = bool(re.search(r"\b(?:deputy|vice)\b", title, re.I))
        wrong_post = _TITLED.search(last) and bool(re.search(r"\b(?:deputy|vice)\b", last, re.I)) != deputy
        status = "supported" if other.lower() == body.lower() and not wrong_post else "contradicted"
        return Part("relation", sentence[start:end], start, end, status, f"{title} {person.title()} of the {body}")
    # A body the article never names, given as the person's post: "An Shihai, deputy director of
    # the Guizhou Provincial Department of Commerce" (the article gives one post a person).
    other_post = _OTHER_POST.match(sentence, said.end())
    if other_post is None or _body_words(other_post.group("body")) <= _body_words(body):
        return None  # the article's body in other words: "Guiyang's Sixth Hospital", "the provincial health commission"
    start, end = said.start(), other_post.end()
    return Part("relation", sentence[start:end], start, end, "contradicted", f"{title} {person.title()} of the {body}")


def judge(sentence: str, sources: Sequence[Relations], facts: set[str]) -> list[Part]:
    """The sentence's relations judged against the sources': supported when a source states the
    same, contradicted when it gives the role another name; nothing when no source relates them."""
    found: list[Part] = []
    for pattern in _CLAIM_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(p.start < match.end() and match.start() < p.end for p in found):
                continue
            a = re.sub(r"^the\s+", "", _clean(match.group("a")))
            for source in sources:
                b = _clean(match.group("b")) if "b" in match.groupdict() else _sole(source.capital)
                part = _judged(match, a, b, source)
                if part is not None:
                    found.append(part)
                    break
    return found


def judge_groups(sentence: str, sources: Sequence[Relations]) -> list[Part]:
    """Names a sentence lists under a head the article gives to other names: "International
    behemoths such as JD and Baidu", where the article lists JD and Baidu as "big names" and its
    international behemoths are Apple and Microsoft. Contradicted when the head is plainly the
    other group's (it matches that group's head better than the group the names are in)."""
    found: list[Part] = []
    groups = [g for source in sources for g in source.groups]
    if not groups or not _LISTING.search(sentence):
        return found
    # A loose head ("China's biggest tech firms, among them ...") is read whole for its kind.
    claims = [(m, _head_words(m.group("head"), True, 5 if m.re in _LOOSE else 3)) for m in _listings(sentence)]
    claims += [
        (m, _head_words(m.group("head"), False)) for m in (*_AMONG.finditer(sentence), *_LISTS_AMONG.finditer(sentence))
    ]
    for match, words in claims:
        names = _listed(match.group("list"))
        opposed = _opposed_group(words, names, groups)
        if opposed is not None:
            # "Apple and Intel are among the Chinese home-grown firms": the article lists them
            # under a head of the opposite kind ("international behemoths").
            found.append(_listed_elsewhere(match.start(), _TRAILING.sub("", match.group()), opposed))
            continue
        kinds = _kind_against_others(sentence, match, words, names, groups)
        if kinds is not None:
            # "Domestic giants such as Alibaba": the article sets its big names against its
            # international behemoths; "domestic" says they are not the others, which is so.
            found.append(kinds)
        if match.re in _LOOSE:
            continue  # "firms, among them X": a loose head, judged by its kind only
        # A head of the opposite kind ("domestic giants" against "international behemoths") is
        # no candidate for the names, however like its words are.
        scores = [(_head_match(words, g), g) for g in groups if not _opposed_heads(words, g)]
        best = max((score for score, _ in scores), default=0)
        heads = [g for score, g in scores if score == best]
        if best == 0 or len(heads) != 1:
            continue
        if "negated" in match.groupdict() and match.group("negated") and names and names <= heads[0].names:
            # "Huawei is not among the Chinese tech heavyweights": the article lists it there.
            found.append(_listed_elsewhere(match.start(), _TRAILING.sub("", match.group()), heads[0]))
            continue
        wrong = [n for n in names if n not in heads[0].names and any(n in g.names for g in groups)]
        if not wrong:
            continue
        other = next(g for g in groups if wrong[0] in g.names)
        # To the head's last word: "Oracle is a big name", not "... that has".
        ends = [m.end() for m in re.finditer(r"[A-Za-z][\w-]*", sentence[: match.end()]) if m.group().lower() in words]
        end = max([e for e in ends if e > match.start("head") > match.start("list")] or [match.end()])
        found.append(_listed_elsewhere(match.start(), sentence[match.start() : end].rstrip(), other))
    return found


def _listed_elsewhere(start: int, text: str, group: Group) -> Part:
    """A sentence's listing (`text`, at `start`) contradicted by the group the article lists the names in."""
    expected = f"{', '.join(group.shown)} as \u201c{group.head}\u201d"
    return Part("relation", text, start, start + len(text), "contradicted", expected)


#: Words a list's head ends in that are no part of it ("the Chinese firms that have").
_TRAILING = re.compile(r"(?:\s+(?:that|which|who|have|has|had|to|in|of))+\s*$")


def _kind_against_others(
    sentence: str, match: re.Match[str], words: Sequence[str], names: frozenset[str], groups: Sequence[Group]
) -> Part | None:
    """The word of a head that sets the names against another group the article lists ("domestic"
    of "domestic giants such as Alibaba", against "international behemoths"), as a supported part:
    the names are in a group of their own, and the opposed group's head is not theirs."""
    home = next((g for g in groups if names and names <= g.names), None)
    if home is None or _opposed_heads(words, home):
        return None
    others = [g for g in groups if g is not home and _opposed_heads(words, g)]
    if not others:
        return None
    for word in re.finditer(r"[A-Za-z][\w-]*", sentence[match.start() : match.end()]):
        if word.group().lower() in vocabulary.group_kinds():
            start = match.start() + word.start()
            expected = f"{', '.join(home.shown)} set against \u201c{others[0].head}\u201d"
            return Part("relation", word.group(), start, start + len(word.group()), "supported", expected)
    return None


def _opposed_heads(words: Sequence[str], group: Group) -> bool:
    """Whether a sentence's head and a group's are of opposite kinds ([group-opposites])."""
    said, heads = {w.lower() for w in words}, {w.lower() for w in group.words}
    return any(
        (said & left and heads & right) or (said & right and heads & left)
        for left, right in vocabulary.alternations_of("group-opposites")
    )


def _opposed_group(words: Sequence[str], names: frozenset[str], groups: Sequence[Group]) -> Group | None:
    """The group the names are in when its head is the opposite of the sentence's ("Chinese",
    "domestic", "home-grown" against "international"; vocabulary.txt [group-opposites])."""
    for group in groups:
        if names and names <= group.names and _opposed_heads(words, group):
            return group
    return None


def _head_match(words: Sequence[str], group: Group) -> int:
    """How many of a head's words the group's head says, or says more generally."""
    forms = frozenset(f for w in group.words for f in lexicon.forms(w))
    matched = (lexicon.relation(w, forms)[0] for w in words)
    return sum(r in (Relation.EQUIVALENT, Relation.MORE_GENERAL) for r in matched)


def _sole(capitals: dict[str, str]) -> str:
    """The one place a source gives a capital of, else ""."""
    return next(iter(capitals)) if len(capitals) == 1 else ""


def _judged(match: re.Match[str], a: str, b: str, source: Relations) -> Part | None:
    text, start, end = match.group(), match.start(), match.end()
    said_capital, said_place = source.capital.get(b), source.capital_of.get(a)
    if said_capital is None and said_place is None:
        return None
    if said_capital == a or said_place == b:
        expected = f"{a.title()}, capital of {b.title()}"
        return Part("relation", text, start, end, "supported", expected)
    if said_capital is not None:
        expected = f"{said_capital.title()}, capital of {b.title()}"
    else:
        expected = f"{a.title()}, capital of {(said_place or '').title()}"
    return Part("relation", text, start, end, "contradicted", expected)


def stating(relation: str, facts: Iterable[Fact], source_id: str) -> str | None:
    """The id of the first fact of the source whose quote states the relation (lowercase
    "guiyang, capital of guizhou"), or None."""
    words = set(re.findall(r"[a-z]{4,}", relation))
    stating = [f for f in facts if f.source == source_id and relation in f.quote.lower()]
    # Of the facts on one quote, the one whose claim says the relation (not its figure's).
    best = max(
        stating,
        key=lambda f: (len(words & set(re.findall(r"[a-z]{4,}", f.claim.lower()))), f.value is None),
        default=None,
    )
    return best.id if best is not None else None


def reversed_roles(
    sentence: str, pairs: Sequence[Alignment], quotes: dict[str, str], names: set[tuple[int, int]]
) -> list[Part]:
    """Who did what to whom: two names of the sentence on either side of a word the evidence has
    between the same two names, with their roles the other way round ("The 39 Internet Hospital
    helped found Guiyang Longmaster", or "Longmaster was founded by the 39 Internet Hospital",
    against "Guiyang Longmaster ... participated in the establishment of the 39 Internet
    Hospital"). Contradicted: the roles of a founding, a setting up, are one-way (what helped found
    the other cannot have been founded by it), and the reason quotes the article's words. A
    passive ("was set up by") turns the order; a copula or a mutual relation ("is", "and",
    "alongside") is left alone."""
    named = [p for p in pairs if (p.start, p.end) in names and p.relation is Relation.EQUIVALENT and p.fact in quotes]
    words = sorted((p for p in pairs if (p.start, p.end) not in names), key=lambda p: p.start)
    found = []
    for i, first in enumerate(named):
        for second in named[i + 1 :]:
            written = quotes[first.fact or ""]
            quote = written.lower()
            a, b = quote.find(first.claim.lower()), quote.find(second.claim.lower())
            if a < 0 or b < 0:
                continue
            between = quote[b + len(second.claim) : a] if b < a else quote[a + len(first.claim) : b]
            said, stated = _voice(sentence[first.end : second.start]), _voice(between)
            # Who does it: in the sentence the first name when active; in the evidence the name it
            # gives first when active.
            if said is None or stated is None or (said == "active") == ((a < b) == (stated == "active")):
                continue
            # The word right after the first name (its verb) must be one the evidence has between them.
            verb = next((w for w in words if first.end <= w.start < second.start), None)
            if verb and verb.relation is Relation.EQUIVALENT and verb.evidence and verb.evidence.lower() in between:
                text = sentence[first.start : second.end]
                note = "the article says it the other way round"
                start, end = min(a, b), max(a + len(first.claim), b + len(second.claim))
                said = f"\u201c{written[start:end]}\u201d"
                found.append(Part("relation", text, first.start, second.end, "contradicted", said, first.fact, note))
    return found


#: "X's founder was Y", "X's backers include Y": the one who did it to X, after a possessive.
_DOER_OF = re.compile(
    r"^['\u2019]s?\s+(?:\w+\s+)?(?:founders?|creators?|owners?|parents?|backers?|builders?|establishers?|"
    r"investors?|operators?|developers?)\s+(?:is|are|was|were|include[sd]?)\b",
    re.I,
)


def _voice(text: str) -> str | None:
    """How the words between two names relate them: "active" (the first does it to the second),
    "passive" ("was founded by"), or None when they may not relate them one way ("is the
    director of", "and", "alongside")."""
    if re.search(r"\b(?:alongside|with(?!\s+help)|beside|and|like|as|or)\b", text, re.I):
        return None
    if _DOER_OF.match(text):
        # "Longmaster's founder was the 39 Internet Hospital": the second founded the first.
        return "passive"
    if re.match(r"^['\u2019]s?\s", text):
        return None  # "Guizhou's capital, Guiyang": a possessive names the second by the first
    if re.search(r"\b(?:is|are|was|were|be|been|being)\b", text, re.I):
        return "passive" if re.search(r"\b(?:by|from)\b", text, re.I) else None
    return "active"
