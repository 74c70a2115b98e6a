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
# CJK characters are letters here too; _pieces() cuts their runs out of a token afterwards,
# because a character class of the CJK ranges costs ~5 ms to compile at every start.
PLAIN_TOKEN = r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w)%?|[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*"
# TOKEN matches what PLAIN_TOKEN reads (tests/test_patterns.py compares them on random text), but
# starts with the class both branches start with (a letter or digit) and looks back from there
# (a number's first digit, not after a word character or a point): the regex engine then skips
# from token to token instead of trying both branches at every character, 25 to 40% faster on
# every text a build indexes.
TOKEN = re.compile(
    r"[^\W_](?:(?<=\d)(?<![\w.]\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?(?!\w)%?"
    r"|[^\W_]*(?:[-\u2010\u2011'\u2019][^\W_]+)*)"
)
#: Han ideographs, kana and Hangul: scripts written without spaces between words, which are
#: indexed as overlapping character pairs (bigrams) rather than as words. Inclusive ranges.
CJK_RANGES = (
    ("\u4e00", "\u9fff"),  # CJK Unified Ideographs
    ("\u3400", "\u4dbf"),  # Extension A
    ("\u3040", "\u30ff"),  # Hiragana and Katakana
    ("\uac00", "\ud7af"),  # Hangul syllables
    ("\uf900", "\ufaff"),  # Compatibility Ideographs
    ("\U00020000", "\U0002fa1f"),  # Extensions B to F, Compatibility Supplement
)
#: Chinese question words and particles that carry no content ("how many", "what", "of"); a
#: CJK run is cut at them before it is split into pairs. Longest first.
CJK_STOP_WORDS = (
    "有多少个", "有没有", "多少个", "有多少", "有多高", "有多大", "有多长", "有多快", "是什么", "是哪家",
    "是多少", "多少", "多高", "多大", "什么", "哪些", "哪个", "哪年", "哪里", "怎么",
    "怎样", "如何", "是否", "有多", "几个", "哪家", "的", "了", "吗", "呢",
    "吧", "啊", "和", "与", "及", "是",
)  # fmt: skip
_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?\Z")
_JOINERS = re.compile(r"[-\u2010\u2011]")
_POSSESSIVE = re.compile(r"['\u2019]s\Z")

#: Words too common to carry meaning in a query. Short, and English only, like the fact base.
STOP_WORDS = frozenset(
    """a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each every few for from further had
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
#: Tokens remembered at most: numbers and ids are new in every fact, so the memo is emptied when
#: full rather than allowed to grow with the fact base.
_ANALYSED_MAX = 50_000


def _is_cjk_char(char: str) -> bool:
    # A loop rather than any(): this runs for every character of non-ASCII text, and a
    # generator costs three times as much.
    for low, high in CJK_RANGES:  # noqa: SIM110
        if low <= char <= high:
            return True
    return False


def is_cjk(text: str) -> bool:
    """Whether `text` starts with a Han, kana or Hangul character (indexed as character pairs)."""
    return bool(text) and not text[0].isascii() and _is_cjk_char(text[0])


_PIECES: dict[str, tuple[tuple[int, str], ...]] = {}


def _pieces(raw: str) -> tuple[tuple[int, str], ...]:
    """A token cut into its CJK runs and the rest, with offsets: "4G网络" gives (0, "4G"), (2, "网络")."""
    if raw.isascii():
        return ((0, raw),)
    found = _PIECES.get(raw)
    if found is None:
        pieces: list[tuple[int, str]] = []
        flags = [_is_cjk_char(char) for char in raw]
        start = 0
        for i in range(1, len(raw) + 1):
            if i == len(raw) or flags[i] != flags[start]:
                pieces.append((start, raw[start:i]))
                start = i
        found = _PIECES[raw] = tuple(pieces)
    return found


@lru_cache(maxsize=1)
def _cjk_stop() -> re.Pattern[str]:
    return re.compile("|".join(CJK_STOP_WORDS))


def cjk_segments(run: str) -> list[tuple[int, str]]:
    """The (offset, text) segments of a CJK run once its question words and particles are cut out."""
    segments: list[tuple[int, str]] = []
    start = 0
    for stop in _cjk_stop().finditer(run):
        if stop.start() > start:
            segments.append((start, run[start : stop.start()]))
        start = stop.end()
    if start < len(run):
        segments.append((start, run[start:]))
    return segments


def cjk_terms(run: str) -> list[tuple[int, str]]:
    """The (offset, term) pairs of a CJK run: each segment's overlapping character pairs, or the
    lone character of a one-character segment. "远程医疗" gives 远程, 程医, 医疗."""
    found: list[tuple[int, str]] = []
    for offset, segment in cjk_segments(run):
        if len(segment) == 1:
            found.append((offset, segment))
        found.extend((offset + i, segment[i : i + 2]) for i in range(len(segment) - 1))
    return found


def _analyse(raw: str) -> tuple[_Pairs, _Pairs]:
    """(term, word) pairs of one raw token, stop words included, and of its hyphenated parts,
    stop words left out. Memoised: a fact base meets the same few thousand words again and again."""
    found = _ANALYSED.get(raw)
    if found is None and not raw.isascii():
        cut = _pieces(raw)
        if len(cut) > 1:  # CJK and other letters in one token: each piece on its own
            analysed = [_analyse(piece) for _, piece in cut]
            found = (tuple(p for main, _ in analysed for p in main), tuple(p for _, parts in analysed for p in parts))
        elif is_cjk(raw):
            found = (tuple((term, term) for _, term in cjk_terms(raw)), ())
        if found is not None:
            _ANALYSED[raw] = found
    if found is None:
        main = tuple((stem(word), word) for word in normalize(raw) if word)
        parts: _Pairs = ()
        if _JOINERS.search(raw):
            pieces = (_POSSESSIVE.sub("", piece.lower()) for piece in _JOINERS.split(raw))
            parts = tuple((stem(word), word) for word in pieces if word and word not in STOP_WORDS)
        if len(_ANALYSED) >= _ANALYSED_MAX:
            _ANALYSED.clear()
        found = _ANALYSED[raw] = (main, parts)
    return found


def tokens(text: str, *, keep_stop_words: bool = False) -> Iterator[Token]:
    """The terms of `text`, in order, with their positions in `text`."""
    for match in TOKEN.finditer(text):
        for offset, raw in _pieces(match.group()):
            start = match.start() + offset
            if is_cjk(raw):  # each character pair where it stands
                for at, term in cjk_terms(raw):
                    yield Token(term, term, start + at, start + at + len(term))
                continue
            for term, word in _analyse(raw)[0]:
                if keep_stop_words or word not in STOP_WORDS:
                    yield Token(term, word, start, start + len(raw))


def part_tokens(text: str) -> list[Token]:
    """The parts of hyphenated words ("commerce" in "e-commerce"), indexed too for recall."""
    return [
        Token(term, word, match.start(), match.end())
        for match in TOKEN.finditer(text)
        for term, word in _analyse(match.group())[1]
    ]


@lru_cache(maxsize=1)
def _ascii_token() -> re.Pattern[str]:
    """TOKEN for ASCII text, where it matches the same (among ASCII characters, Unicode's word
    characters and digits are re.ASCII's), about 15% faster without Unicode's character tables."""
    return re.compile(TOKEN.pattern, re.ASCII)


#: Each raw token's index terms: (sequence terms, hyphenated parts' terms, (term, word) pairs).
_INDEXED: dict[str, tuple[tuple[str, ...], tuple[str, ...], _Pairs]] = {}


def index_terms(text: str, words: dict[str, str]) -> tuple[list[str], list[str]]:
    """The terms of `text` in order and the terms of its hyphenated words' parts, for indexing.

    The same analysis as tokens() and part_tokens(), without positions. `words` collects a
    surface form for each term (the first met).
    """
    seq: list[str] = []
    parts: list[str] = []
    for raw in (_ascii_token() if text.isascii() else TOKEN).findall(text):
        found = _INDEXED.get(raw)
        if found is None:
            main, pieces = _analyse(raw)
            kept = tuple(pair for pair in main if pair[1] not in STOP_WORDS)
            found = (tuple(term for term, _ in kept), tuple(term for term, _ in pieces), kept + pieces)
            if len(_INDEXED) >= _ANALYSED_MAX:  # numbers and ids are new in every fact: bounded
                _INDEXED.clear()
            _INDEXED[raw] = found
        seq += found[0]
        parts += found[1]
        for term, word in found[2]:
            if term not in words:
                words[term] = word
    return seq, parts
