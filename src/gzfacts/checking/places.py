"""Where things are: a thing the article places in one city or province, said to be in another.

"The exhibition centre pictured is in Zunyi" against the caption's "an exhibition center in
Guiyang, Guizhou province"; "the bridge lies in neighbouring Yunnan province" against "Beipanjiang
Bridge in Southwest China's Guizhou province". Places are compared at one level (a city with a
city, a province with a province); a wider one (a nation, a region) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from gzfacts.checking import lexicon, wordnet
from gzfacts.checking.relations import COMPASS_WORD as _COMPASS_WORD
from gzfacts.checking.relations import NAME as _NAME
from gzfacts.checking.verdict import Part, Relation

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.model import Fact

#: Where a thing is, in a sentence: "the exhibition centre in Chengdu", "the bridge lies in
#: neighbouring Yunnan province".
_LIES_IN = re.compile(
    # An appositive may come between the thing and its verb ("the bridge, one of the world's highest, lies in").
    rf"\b(?P<head>[A-Za-z][\w-]*)(?P<aside>,\s*[^,.;:]{{1,60}},\s*(?=(?:is|are|was|were|lies|lie|stands|stand|sits|sit)\s)|,\s*|\s+)"
    r"(?:(?:which|that)\s+)?(?:(?:is|are|was|were|lies|lie|stands|stand|sits|sit|located|situated|over|down|right|out)\s+)*"
    rf"in\s+(?:neighbou?ring\s+|nearby\s+|the\s+)?(?:{_COMPASS_WORD}\s+)?(?:{_NAME}['\u2019]s\s+)?(?P<place>{_NAME})"
    r"(?P<kind>\s+(?:province|city|prefecture|county|district|region|municipality))?"
)
#: The words between a thing and where a sentence places it: "the exhibition center pictured
#: showcasing big data applications is in Zunyi" (the thing is one of the words before the verb).
_SAID_BEFORE = re.compile(
    r"(?:^|[.;:]\s+)(?P<subject>(?:[\w'\u2019-]+,?\s+){1,16}?)(?:is|are|was|were|lies|sits|stands)\s+"
)
#: Where a thing is, in the evidence: "Beipanjiang Bridge in Southwest China's Guizhou
#: province", "an exhibition center in Guiyang, Guizhou province".
_IS_IN = re.compile(
    rf"\b(?P<head>[A-Za-z][\w-]*),?\s+in\s+(?:{_COMPASS_WORD}\s+)?(?:{_NAME}['\u2019]s\s+)?(?P<place>{_NAME})"
    rf"(?P<kind>\s+(?:province|city))?(?:,\s+(?P<outer>{_NAME})\s+province)?"
)
#: Names of places too wide to rule out another place in them: nations, continents, regions.
_WIDE = re.compile(r"nation|country|continent|region|area")
_COMPASS = re.compile(r"\b(?:north|south|east|west|northern|southern|eastern|western|central)", re.I)


def judge_places(sentence: str, facts: Sequence[Fact], is_known: Callable[[str], bool]) -> list[Part]:
    """A thing the article places in one city or province placed in another of the same level:
    "an exhibition centre in Chengdu" against "an exhibition center in Guiyang, Guizhou
    province"; "the bridge lies in Yunnan province" against "in Guizhou province". A place of
    no level the sentence or WordNet gives is taken for a city; a wide one (a nation, a region,
    "Southwest China") is left alone, as is a district or county (it may lie inside)."""
    found: list[Part] = []
    said = [(m, _levels(m)) for m in _IS_IN.finditer(facts[0].quote)]
    for match in _LIES_IN.finditer(sentence):
        place, kind = match.group("place"), (match.group("kind") or "").strip().lower()
        level = _level(place, kind)
        heads = [match.group("head"), *_subject_words(sentence, match)]
        for evidence, levels in said:
            forms = lexicon.forms(evidence.group("head").lower())
            if not any(lexicon.relation(h.lower(), forms)[0] is Relation.EQUIVALENT for h in heads):
                continue
            after = match.end("aside") if match.group("aside") else match.end("head")
            text = sentence[after : match.end()].lstrip(" ,").strip()
            start = match.start() + match.group().index(text)
            same = next(
                (
                    f"in {p}" + (" province" if at == "province" else "")
                    for at, p in levels.items()
                    if p.lower() == place.lower()
                ),
                None,
            )
            if same is not None:
                # Only the place itself: what the sentence says before it ("Northwest China's") is its own.
                at = match.start("place")
                fact = _placing(facts, same)
                found.append(Part("relation", sentence[at : match.end()], at, match.end(), "supported", same, fact))
                break
            other = levels.get(level)
            if other is None or (is_known(place) and not kind and not wordnet.is_place_name(place.lower())):
                continue
            if re.fullmatch(r"[A-Z]{2,4}", place):
                continue  # "GZ": an abbreviation, perhaps of the article's own place

            expected = f"in {other}" + (" province" if level == "province" else "")
            found.append(
                Part("relation", text, start, start + len(text), "contradicted", expected, _placing(facts, expected))
            )
            break
    return found


def _subject_words(sentence: str, match: re.Match[str]) -> list[str]:
    """The words of the subject a place is said of, when its verb is not straight after the
    thing ("the exhibition center pictured showcasing ... is in Zunyi"); none otherwise."""
    verb = re.match(r"\S+\s+", sentence[match.end("aside") if match.group("aside") else match.end("head") :])
    if verb is None or not re.match(r"(?:is|are|was|were|lies|sits|stands)\s", verb.group()):
        return []
    subject = next((m for m in _SAID_BEFORE.finditer(sentence, 0, match.end()) if m.end() >= match.start("head")), None)
    return re.findall(r"[A-Za-z][\w-]*", subject.group("subject")) if subject else []


def _placing(facts: Sequence[Fact], said: str) -> str:
    """The fact that says where the thing is: of the facts on one quote, one with no figure whose
    claim names the place ("places the bridge in ... Guizhou province"), else the first."""
    place = said.removeprefix("in ").removesuffix(" province")
    return next((f.id for f in facts if f.value is None and place in f.claim), facts[0].id)


def _levels(match: re.Match[str]) -> dict[str, str]:
    """The places the evidence gives a thing, by level: {"city": "Guiyang", "province": "Guizhou"}."""
    place, kind = match.group("place"), (match.group("kind") or "").strip().lower()
    if match.group("outer"):
        return {"city": place, "province": match.group("outer")}
    level = _level(place, kind)
    return {level: place} if level else {}


def _level(place: str, kind: str) -> str:
    """The level of a place: "province", "city", or "" (wider, narrower or not known)."""
    if kind in ("province", "city"):
        return kind
    if kind or _COMPASS.match(place):
        return ""
    heads = wordnet.hypernyms(place.lower(), senses=1, depth=1)
    if any(_WIDE.search(h) for h in heads):
        return ""
    if "province" in heads:
        return "province"
    return "city"
