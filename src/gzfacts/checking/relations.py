"""Relations a source states between names, read from its text, and the same relations in a
sentence: "Guiyang, capital of Guizhou" makes "Zunyi is the capital of Guizhou" contradicted.

Only relations with one answer each way are read (a province has one capital; a city is the
capital of one province), so that another name in the role is a contradiction, not news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from gzfacts.checking.verdict import Part

_NAME = r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w-]*)*"
_PROVINCE = r"(?:\s+(?:province|city|county|state|region))?"
_CAPITAL = r"(?:the\s+)?(?:provincial\s+|national\s+|state\s+)?capital"
#: How sources write "X is the capital of Y": an apposition ("Guiyang, capital of Guizhou").
_SOURCE_PATTERNS = (re.compile(rf"(?P<a>{_NAME}),\s+{_CAPITAL}\s+(?:city\s+)?of\s+(?P<b>{_NAME}){_PROVINCE}"),)
#: How sentences say it.
_CLAIM_PATTERNS = (
    re.compile(
        rf"(?P<a>{_NAME})(?:,)?\s+(?:is|was|remains|serves\s+as|became)(?:\s+not|n['\u2019]t)?\s+{_CAPITAL}\s+of\s+"
        rf"(?P<b>{_NAME})"
    ),
    re.compile(rf"(?P<a>{_NAME}),\s+{_CAPITAL}\s+of\s+(?P<b>{_NAME})"),
    re.compile(rf"{_CAPITAL}\s+of\s+(?P<b>{_NAME}){_PROVINCE},?\s+(?:is|was)\s+(?P<a>{_NAME})", re.I),
    re.compile(rf"(?P<b>{_NAME})['\u2019]s\s+(?:provincial\s+)?capital,?\s+(?:is\s+|was\s+)?(?P<a>{_NAME})"),
    re.compile(
        rf"(?P<a>{_NAME})\s+(?:is|was|remains|serves\s+as|became)(?:\s+not|n['\u2019]t)?\s+"
        rf"(?P<b>{_NAME})['\u2019]s\s+(?:provincial\s+)?capital"
    ),
)


class Relations(NamedTuple):
    """The relations of one source: capital -> place, and place -> capital (lowercase)."""

    capital_of: dict[str, str]
    capital: dict[str, str]


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
    return Relations(capital_of, capital)


def judge(sentence: str, sources: Sequence[Relations], facts: set[str]) -> list[Part]:
    """The sentence's relations judged against the sources': supported when a source states the
    same, contradicted when it gives the role another name; nothing when no source relates them."""
    found: list[Part] = []
    for pattern in _CLAIM_PATTERNS:
        for match in pattern.finditer(sentence):
            if any(p.start < match.end() and match.start() < p.end for p in found):
                continue
            a, b = _clean(match.group("a")), _clean(match.group("b"))
            a = re.sub(r"^the\s+", "", a)
            for source in sources:
                part = _judged(match, a, b, source)
                if part is not None:
                    found.append(part)
                    break
    return found


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
