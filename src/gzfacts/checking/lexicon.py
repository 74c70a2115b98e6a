"""How a word of a claim stands to a word of the evidence: the same, a synonym, more general,
more specific, opposite, or unrelated. WordNet 3.0 (gzfacts.checking.wordnet) gives the base
forms, synonyms, more general terms and antonyms; data/vocabulary.txt adds the alternations a
fact base's figures turn on (grew/shrank, first/last, provincial/national); a fact base's own
aliases are read with its facts (align.Evidence). Loaded lazily, by the first check.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gzfacts.checking import vocabulary, wordnet
from gzfacts.checking.verdict import Relation
from gzfacts.checking.words import canon
from gzfacts.text import stem

#: Senses of a word WordNet is asked about: its commonest ones, not every rare sense.
SENSES = 3


@lru_cache(maxsize=8192)
def forms(word: str) -> frozenset[str]:
    """The word, its base forms and its stem (folded as the checker folds stems)."""
    lower = word.lower()
    found = {lower, *wordnet.base_forms(lower)}
    term = stem(lower)
    found.add(canon().get(term, term))
    return frozenset(found)


@lru_cache(maxsize=8192)
def _lemmas(word: str) -> tuple[str, ...]:
    lower = word.lower()
    return tuple(dict.fromkeys([*wordnet.base_forms(lower), lower]))


@lru_cache(maxsize=8192)
def equivalents(word: str) -> frozenset[str]:
    """Words that say the same: synonyms in the word's common senses, and its derived forms
    ("growth" for "grow"), each with its stem."""
    found: set[str] = set()
    for lemma in _lemmas(word):
        found |= wordnet.synonyms(lemma, senses=SENSES)
        found |= wordnet.derived(lemma)
        found.add(lemma)
    for group in vocabulary.groups("equivalents"):
        if group & set(_lemmas(word)):
            found |= group
    found |= {canon().get(stem(w), stem(w)) for w in found if " " not in w}
    # "have" and "get" are synonyms of "suffer" in WordNet, and in every sentence: no evidence.
    return frozenset(found - vocabulary.light_words())


@lru_cache(maxsize=8192)
def more_general(word: str) -> frozenset[str]:
    """The word's more general terms ("institution" for "hospital")."""
    found: set[str] = set()
    for lemma in _lemmas(word):
        found |= wordnet.hypernyms(lemma, senses=SENSES, depth=3)
    return frozenset(found)


@lru_cache(maxsize=8192)
def opposites(word: str) -> frozenset[str]:
    """Words that exclude this one: WordNet's antonyms and the vocabulary's alternations."""
    found: set[str] = set()
    lemmas = _lemmas(word)
    lower = word.lower()
    # A verb's inflection ("lasted", "topped") is the verb, not the adjective of its base ("last").
    verbal = lower.endswith(("ed", "ing")) and lower not in wordnet.base_forms(lower)
    for lemma in lemmas:
        found |= wordnet.antonyms(lemma, senses=SENSES, verbs_only=verbal and lemma != lower)
    grouped = {lemma for lemma in lemmas if not (verbal and lemma != lower and wordnet.is_adjective(lemma))}
    for left, right in vocabulary.alternations():
        if left & grouped:
            found |= right
        if right & grouped:
            found |= left
    # Exact words only: stems would make "relative" the opposite of "related".
    return frozenset(found - set(lemmas) - forms(word))


def relation(
    claim_word: str, evidence_forms: frozenset[str], stated: frozenset[str] | None = None
) -> tuple[Relation, str | None]:
    """How a claim's word stands to a set of evidence words (their forms), and which evidence
    word decided it: EQUIVALENT, MORE_GENERAL (the claim says less), ALTERNATION, MORE_SPECIFIC
    (the claim says more) or INDEPENDENT. Only a word of `stated` (what the evidence states,
    not its search aliases) can be the opposite; None: any of the evidence's."""
    opposable = evidence_forms if stated is None else evidence_forms & stated
    own = forms(claim_word)
    hit = own & evidence_forms
    if hit:
        return Relation.EQUIVALENT, min(hit)
    # An opposite the evidence states outweighs a loose synonym it has too ("urban" against
    # "rural e-commerce ... into the city").
    hit = opposites(claim_word) & opposable
    if hit:
        return Relation.ALTERNATION, min(hit)
    hit = equivalents(claim_word) & evidence_forms
    if hit:
        return Relation.EQUIVALENT, min(hit)
    lemmas = set(_lemmas(claim_word))
    for evidence_word in _heads(evidence_forms):
        if lemmas & more_general(evidence_word):
            return Relation.MORE_GENERAL, evidence_word
    rival = _other_centre(claim_word, opposable)
    if rival:
        return Relation.ALTERNATION, rival
    negated = _negated(claim_word)
    if negated is not None:
        hit = (forms(negated) | equivalents(negated)) & opposable
        if hit:
            return Relation.ALTERNATION, min(hit)
    hit = more_general(claim_word) & evidence_forms
    if hit:
        return Relation.MORE_SPECIFIC, min(hit)
    return Relation.INDEPENDENT, None


@lru_cache(maxsize=256)
def _heads(evidence_forms: frozenset[str]) -> tuple[str, ...]:
    """The evidence's words that may be more specific than a claim's, in order: single words, not
    light verbs ("became" is more general than "turning" in WordNet, and in every sentence)."""
    light = vocabulary.light_words()
    return tuple(
        word
        for word in sorted(evidence_forms)
        if " " not in word and word not in light and not set(_lemmas(word)) & light
    )


#: Compounds that say what an approach puts first: "business-centred" is not "people-centered"
#: ("data-driven" says how, not what comes first: it is no rival).
_CENTRED = re.compile(r"^(?P<what>[a-z]+)-(?:cent(?:ered|red)|oriented|first)$")


def _other_centre(word: str, evidence_forms: frozenset[str]) -> str | None:
    """The evidence's compound that puts something else first than the claim's, or None."""
    said = _CENTRED.match(word.lower())
    if said is None:
        return None
    for evidence_word in sorted(evidence_forms):
        other = _CENTRED.match(evidence_word)
        if other is not None and other.group("what") != said.group("what"):
            return evidence_word
    return None


_PREFIXES = ("un", "non", "in", "im", "dis", "ir", "il")


def _negated(word: str) -> str | None:
    """The word a negative prefix negates ("unrecognized": "recognized"), when WordNet knows it."""
    lower = word.lower()
    for prefix in _PREFIXES:
        rest = lower[len(prefix) :].lstrip("-")
        if lower.startswith(prefix) and len(rest) > 3 and wordnet.base_forms(rest):
            return rest
    return None
