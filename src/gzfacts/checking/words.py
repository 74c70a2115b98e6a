"""Words of sentences and facts as the checker compares them: content terms, unit words, names."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from gzfacts.checking import vocabulary, wordnet
from gzfacts.text import part_tokens, tokens

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.quantities import Quantity


@lru_cache(maxsize=1)
def generic() -> frozenset[str]:
    """Stems that say nothing about which fact a sentence is about."""
    return vocabulary.words("generic")


@lru_cache(maxsize=1)
def canon() -> dict[str, str]:
    """Irregular and near-synonymous stems folded together ("grew" and "growth")."""
    return vocabulary.pairs("canon")


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that name no place or body on their own."""
    return frozenset(w for line in vocabulary.sections()["not-names"] for w in line.split())


NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion dozen dozens hundreds thousands millions billions first second
    third fourth fifth sixth seventh eighth ninth tenth percent per cent""".split()
)


def terms(text: str) -> set[str]:
    """The content terms of `text` (stems, folded), without numbers and generic words."""
    found = set()
    fold, common = canon(), generic()
    for token in [*tokens(text), *part_tokens(text)]:
        if token.word[0].isdigit() or token.word in NUMBER_WORDS:
            continue
        term = fold.get(token.term, token.term)
        if term not in common and len(term) > 1:
            found.add(term)
    return found


#: A compound that says of what level or kind a thing is ("county-level centers"): it modifies
#: what is counted and is never what is counted (the centers, not the counties).
_MODIFIER = re.compile(r"\b[A-Za-z]+-(?:level|based|wide|owned|run|backed)\b")


def unit_words(text: str) -> set[str]:
    """The terms of a unit or of what a figure counts ("countries and regions"), generic words kept."""
    fold = canon()
    parts = part_tokens(_MODIFIER.sub(" ", text))
    found = {fold.get(t.term, t.term) for t in [*tokens(text), *parts] if not t.word[0].isdigit()}
    return found - {"percent", "per", "cent"}


@lru_cache(maxsize=1)
def people_words() -> frozenset[str]:
    """The terms of words that count people of any kind ("26,000 people", "thousands of individuals")."""
    return frozenset(unit_words(" ".join(vocabulary.words("people"))))


@lru_cache(maxsize=256)
def counts_people(noun: str) -> bool:
    """Whether a figure's words count people of some kind (participants, patients, visitors),
    as WordNet's hypernyms of their head say."""
    words = head_noun(noun).lower().split()
    return bool(words) and any("person" in wordnet.hypernyms(base, depth=4) for base in wordnet.base_forms(words[-1]))


def counted_as(noun: set[str], q: Quantity, truth: Quantity, unit_terms: frozenset[str]) -> set[str] | None:
    """What a figure's words count, in the terms of the fact's figure: its own words; the fact's
    where they count people more generally ("26,000 people" for the article's participants); or
    None, for counts of different things ("exhibitors" are not "participants")."""
    if q.unit or truth.unit or not noun or not unit_terms or noun & unit_terms:
        return noun
    if noun & people_words() and counts_people(truth.noun):
        return set(unit_terms)
    return None


def retrieval_query(sentence: str) -> str:
    """The sentence's words without its numbers, number words, years and percent signs."""
    words = [t.word for t in tokens(sentence) if not t.word[0].isdigit() and t.word not in NUMBER_WORDS]
    return " ".join(dict.fromkeys(words))


_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)*\b")


def proper_names(text: str) -> set[str]:
    """The capitalised words of `text` that may name a place or a body, lowercased (words that
    start a sentence are capitalised anyway, and left out)."""
    names = set()
    skip = not_names()
    for match in _PROPER.finditer(text):
        word = match.group()
        before = text[: match.start()].rstrip(" \"'\u201c\u2018(")
        if not before or before.endswith((".", "!", "?", ":")):
            continue
        word = re.sub(r"['\u2019]s$", "", word)
        if word not in skip:
            names.add(word.lower())
    return names


def first_word(text: str) -> tuple[str, bool] | None:
    """The first word of a sentence if capitalised, lowercased, and whether it is possessive."""
    match = re.match(r"[\s\"'\u201c\u2018(]*([A-Z][a-z]+(?:-[A-Za-z]+)*)(['\u2019]s\b)?", text)
    if not match or match.group(1) in not_names():
        return None
    return match.group(1).lower(), bool(match.group(2))


def name_terms(text: str) -> set[str]:
    """The words of a name or a title, generic ones included ("local officials")."""
    return {t.term for t in tokens(text)} - {"the", "of", "and"}


def demonym(text: str) -> bool:
    """A nationality adjective ("Chinese firms", "American companies"): a word, not a name. Read
    by the aligner like any word ("Chinese" is derived from "China" in WordNet), and no place a
    sentence is about ("among Chinese provinces" is about no other place than China's)."""
    lower = text.lower()
    return " " not in lower and lower.endswith(("ese", "ian", "can", "ish")) and bool(wordnet.base_forms(lower))


def head_noun(noun: str) -> str:
    """What a count's words name, up to their plural head: "three million rural residents use
    Guizhou's sites" counts residents, not sites; "countries and regions" goes on past "and"."""
    words = noun.split()
    for i, word in enumerate(words[:-1]):
        lower = word.lower()
        plural = len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "'s", "\u2019s"))
        if plural and words[i + 1].lower() not in ("and", "or", "of", "&"):
            return " ".join(words[: i + 1])
    return " ".join(words)


#: The words of a place's kind, too wide to say which place is meant ("Yunnan province").
KINDS_OF_PLACE = frozenset("province city county region district prefecture municipality".split())

#: Words before a name that make it what a rank or comparison is measured against ("second,
#: behind only Guangdong"; "grew faster than Yunnan"), not what the sentence is about.
STANDARD_BEFORE = re.compile(
    r"\b(?:behind|after|following|ahead\s+of|trailing|than|overtaking|outpacing)(?:\s+only)?\s*"
    # ... and the names listed with it ("behind Guangdong and Beijing")
    r"(?:[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*\s*(?:,\s*|\s+and\s+|\s+or\s+))*$",
)
