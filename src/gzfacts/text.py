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


def tokens(text: str, *, keep_stop_words: bool = False) -> Iterator[Token]:
    """The terms of `text`, in order, with their positions in `text`."""
    for match in TOKEN.finditer(text):
        for word in normalize(match.group()):
            if not word or (not keep_stop_words and word in STOP_WORDS):
                continue
            yield Token(stem(word), word, match.start(), match.end())


def part_tokens(text: str) -> list[Token]:
    """The parts of hyphenated words ("commerce" in "e-commerce"), indexed too for recall."""
    parts: list[Token] = []
    for match in TOKEN.finditer(text):
        raw = match.group()
        if not _JOINERS.search(raw):
            continue
        for piece in _JOINERS.split(raw):
            word = _POSSESSIVE.sub("", piece.lower())
            if word and word not in STOP_WORDS:
                parts.append(Token(stem(word), word, match.start(), match.end()))
    return parts


_RAW_CACHE: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {}


def _analyse_raw(raw: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(term, word) pairs of one raw token, and of its hyphenated parts; memoised."""
    found = _RAW_CACHE.get(raw)
    if found is None:
        main = tuple((stem(w), w) for w in normalize(raw) if w and w not in STOP_WORDS)
        parts: tuple[tuple[str, str], ...] = ()
        if _JOINERS.search(raw):
            pieces = (_POSSESSIVE.sub("", p.lower()) for p in _JOINERS.split(raw))
            parts = tuple((stem(w), w) for w in pieces if w and w not in STOP_WORDS)
        found = _RAW_CACHE[raw] = (main, parts)
    return found


def index_terms(text: str, words: dict[str, str]) -> tuple[list[str], list[str]]:
    """The terms of `text` in order and the terms of its hyphenated words' parts, for indexing.

    The same analysis as tokens() and part_tokens(), without positions, memoised per raw
    word: indexing 100,000 facts meets the same few thousand words again and again.
    `words` collects a surface form for each term.
    """
    seq: list[str] = []
    parts: list[str] = []
    for raw in TOKEN.findall(text):
        main, pieces = _analyse_raw(raw)
        for term, word in main:
            seq.append(term)
            words.setdefault(term, word)
        for term, word in pieces:
            parts.append(term)
            words.setdefault(term, word)
    return seq, parts


def terms(text: str) -> list[str]:
    """Just the stems of `text`, in order, stop words left out."""
    return [token.term for token in tokens(text)]
