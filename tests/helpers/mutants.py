"""Counterfactual twins of supported claims, for the metamorphic tests of `gzfacts check`.

Each mutation turns a sentence the article supports into one it does not: a negation inserted,
a word swapped for its opposite, a name swapped for another name of the same kind from the base,
all for none, most for few, first for last. A synonym swap, from WordNet, keeps the meaning.
No hand labels: the twin of a supported claim must never be supported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from gzfacts.checking import reader, wordnet

#: Auxiliaries a negation follows ("has" -> "has not").
AUXILIARIES = frozenset("is are was were has have had can could will would does do did".split())
#: Past forms and the present forms they take after "did not".
_PAST = {"grew": "grow", "rose": "rise", "built": "build", "became": "become", "drew": "draw", "came": "come"}
#: Words and their opposites, as a reporter would swap them (each direction).
OPPOSITES = {
    "grew": "shrank",
    "grow": "shrink",
    "growth": "decline",
    "rose": "fell",
    "increased": "decreased",
    "expanded": "contracted",
    "first": "last",
    "highest": "lowest",
    "fastest": "slowest",
    "top": "bottom",
    "ahead": "behind",
    "early": "late",
    "met": "missed",
    "passed": "missed",
    "provincial": "national",
    "international": "domestic",
    "all": "no",
    "every": "no",
    "most": "few",
    "more than": "fewer than",
    "benefited": "suffered",
    "recognized": "ignored",
    "intensified": "reduced",
    "attracts": "repels",
    "attracted": "repelled",
    "rural": "urban",
}
OPPOSITES.update({v: k for k, v in list(OPPOSITES.items()) if v not in OPPOSITES})


class Mutant(NamedTuple):
    """A changed sentence, what kind of change, and the sentence it came from."""

    kind: str
    text: str
    original: str


def negated(text: str) -> str | None:
    """The sentence with its first verb negated ("has ranked" -> "has not ranked", "grew" -> "did
    not grow"), or its negation taken out where it has one ("did not miss" -> "did miss"). None
    for a proportion ("more than a quarter of GDP"), whose verb negated says the complement."""
    found = reader.read(text)
    if found.quantifiers:
        return None
    for cue in found.negations:
        if cue.text.lower() in ("not", "never"):
            return text[: cue.start].rstrip() + " " + text[cue.end :].lstrip()
        return None
    words = found.words
    for word in words[1:]:
        lower = word.text.lower()
        if lower in AUXILIARIES:
            return f"{text[: word.end]} not{text[word.end :]}"
        base = _PAST.get(lower)
        if base is None and lower.endswith("ed") and len(lower) > 4:
            forms = [f for f in wordnet.base_forms(lower) if f != lower]
            base = forms[0] if forms else None
        if base is not None and " " not in base:
            return f"{text[: word.start]}did not {base}{text[word.end :]}"
    return None


def opposites(text: str) -> Iterator[Mutant]:
    """The sentence with one word (or hedge) swapped for its opposite, one twin per swap."""
    for said, opposite in OPPOSITES.items():
        for match in re.finditer(rf"\b{re.escape(said)}\b(?!\.)", text, re.I):
            replacement = opposite.capitalize() if match.group()[0].isupper() else opposite
            kind = "quantifier" if said in ("all", "every", "most", "no", "few") else "opposite"
            yield Mutant(kind, text[: match.start()] + replacement + text[match.end() :], text)
            break


def swapped_names(text: str, names: Sequence[tuple[str, str]]) -> Iterator[Mutant]:
    """The sentence with a name swapped for another name of the same kind from the base."""
    for name, kind in names:
        if name not in text:
            continue
        for other, other_kind in names:
            if other_kind == kind and other != name and other not in text and name not in other:
                yield Mutant("name", text.replace(name, other, 1), text)
                break


def synonym_swaps(text: str) -> Iterator[Mutant]:
    """The sentence with one content word swapped for a WordNet synonym of its first sense."""
    from gzfacts.checking import align
    from gzfacts.quantities import scan

    found = scan(text)
    taken = [(q.start, q.end) for q in found.quantities] + [(r.start, r.end) for r in found.ranks]
    taken += [(p.start, p.end) for p in found.periods] + [(a.start, a.end) for a in found.attributions]
    for word in align.content_words(reader.read(text), taken):
        lower = word.text.lower()
        if word.capital or word.start == 0 or len(lower) < 4 or not lower.isalpha():
            continue
        if wordnet.base_forms(lower)[:1] != (lower,):
            continue  # inflected: a synonym would need inflecting too
        choices = sorted(s for s in wordnet.synonyms(lower, senses=1) if s.isalpha() and s != lower)
        if choices:
            yield Mutant("synonym", text[: word.start] + choices[0] + text[word.end :], text)


def supported_claims() -> list[str]:
    """The supported claims of the tuning sets (claims.yaml and claims-sentences.yaml)."""
    import yaml

    from tests.conftest import DATA

    found = []
    for name in ("claims.yaml", "claims-sentences.yaml"):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        found += [c["text"] for c in data["claims"] if c["verdict"] == "supported"]
    return found


def base_names(fb: object) -> list[tuple[str, str]]:
    """The names the fact base's quotes give, each with its kind (see gzfacts.checking.align.name_kind)."""
    from gzfacts.checking import align
    from gzfacts.factbase import FactBase

    assert isinstance(fb, FactBase)
    found: dict[str, str] = {}
    for fact in fb.facts():
        for sentence in re.split(r"(?<=[.!?])\s+", fact.quote):
            for whole in reader.names(sentence):
                for name in align.split_name(whole):
                    kind = align.name_kind(name.text, sentence[: name.start])
                    whole_body = name.text.split()[-1].lower() in align.NAME_KINDS
                    for piece in [name.text] if whole_body else re.split(r",\s+|\s+and\s+", name.text):
                        piece = re.sub(r"^(?:Deputy\s+)?Director\s+", "", piece)
                        if kind and piece not in found and not piece.startswith("Republic"):
                            found[piece] = align.name_kind(piece) or kind
    return sorted(found.items())


def supported_by(fb: object, claims: Sequence[str]) -> list[str]:
    """The claims the checker judges supported: a twin of a claim it already misjudges tests nothing."""
    from gzfacts.factbase import FactBase

    assert isinstance(fb, FactBase)
    return [text for text in claims if fb.check(text, markdown=False)[0].verdict == "supported"]


def mutants(claims: Sequence[str], names: Sequence[tuple[str, str]]) -> list[Mutant]:
    """Every twin of every claim: negated, opposites, names swapped, synonyms."""
    found: list[Mutant] = []
    for text in claims:
        negation = negated(text)
        if negation is not None:
            found.append(Mutant("negation", negation, text))
        found += list(opposites(text))
        found += list(swapped_names(text, names))
        found += list(synonym_swaps(text))[:1]
    return found
