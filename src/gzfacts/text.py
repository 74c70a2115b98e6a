"""Turning text into search terms: case, hyphen and number folding, stop words and stems.

The same analysis runs when the index is built and when a query is read, so that
`e-commerce`, `ecommerce` and `E commerce`, or `10,250` and `10250`, meet as one term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

# A number (with thousands separators and decimals, optionally a percent sign), or a word
# (letters and digits, joined by inner hyphens or apostrophes, as in "e-commerce", "4G", "China's").
TOKEN = re.compile(
    r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])%?"
    r"|[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*"
)
_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?\Z")
_JOINERS = re.compile(r"[-\u2010\u2011]")
_POSSESSIVE = re.compile(r"['\u2019]s\Z")

#: Words too common to carry meaning in a query. Short, and English only, like the fact base.
STOP_WORDS = frozenset(
    """a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just many me more
    most much my no nor not now of off on once only or other our ours out over own same she should
    so some such than that the their theirs them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you
    your""".split()
)


class Token(NamedTuple):
    """One term of a text: its stem (the search term), its surface word, and where it stands."""

    term: str
    word: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # PyStemmer: the Snowball English stemmer in C. The pure-Python snowballstemmer package
    # imports all of its 30-odd languages and adds ~15 ms to every search's start-up.
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The English Snowball stem of a lowercase word (numbers are left as they are)."""
    if word[0].isdigit():
        return word
    result: str = _stemmer().stemWord(word)
    return result


def normalize(raw: str) -> list[str]:
    """The lowercase words a raw token stands for: numbers lose separators, '%' says 'percent'."""
    lowered = raw.lower()
    if _NUMBER.match(lowered):
        if lowered.endswith("%"):
            return [lowered[:-1].replace(",", ""), "percent"]
        return [lowered.replace(",", "")]
    lowered = _POSSESSIVE.sub("", lowered).replace("\u2019", "'")
    return [_JOINERS.sub("", lowered)]


_Pairs = tuple[tuple[str, str], ...]
_ANALYSED: dict[str, tuple[_Pairs, _Pairs]] = {}


def _analyse(raw: str) -> tuple[_Pairs, _Pairs]:
    """(term, word) pairs of one raw token, stop words included, and of its hyphenated parts,
    stop words left out. Memoised: a fact base meets the same few thousand words again and again."""
    found = _ANALYSED.get(raw)
    if found is None:
        main = tuple((stem(word), word) for word in normalize(raw) if word)
        parts: _Pairs = ()
        if _JOINERS.search(raw):
            pieces = (_POSSESSIVE.sub("", piece.lower()) for piece in _JOINERS.split(raw))
            parts = tuple((stem(word), word) for word in pieces if word and word not in STOP_WORDS)
        found = _ANALYSED[raw] = (main, parts)
    return found


def tokens(text: str, *, keep_stop_words: bool = False) -> Iterator[Token]:
    """The terms of `text`, in order, with their positions in `text`."""
    for match in TOKEN.finditer(text):
        for term, word in _analyse(match.group())[0]:
            if keep_stop_words or word not in STOP_WORDS:
                yield Token(term, word, match.start(), match.end())


def part_tokens(text: str) -> list[Token]:
    """The parts of hyphenated words ("commerce" in "e-commerce"), indexed too for recall."""
    return [
        Token(term, word, match.start(), match.end())
        for match in TOKEN.finditer(text)
        for term, word in _analyse(match.group())[1]
    ]


def index_terms(text: str, words: dict[str, str]) -> tuple[list[str], list[str]]:
    """The terms of `text` in order and the terms of its hyphenated words' parts, for indexing.

    The same analysis as tokens() and part_tokens(), without positions. `words` collects a
    surface form for each term.
    """
    seq: list[str] = []
    parts: list[str] = []
    for raw in TOKEN.findall(text):
        main, pieces = _analyse(raw)
        for term, word in main:
            if word in STOP_WORDS:
                continue
            seq.append(term)
            words.setdefault(term, word)
        for term, word in pieces:
            parts.append(term)
            words.setdefault(term, word)
    return seq, parts
