"""Finding a quote in its source text: verbatim up to whitespace and typographic quotes."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from gzfacts.model import Anchor

_SINGLE = "'\u2018\u2019\u201a\u201b\u2032"
_DOUBLE = '"\u201c\u201d\u201e\u201f\u2033'
_FOLD = str.maketrans({**dict.fromkeys(_SINGLE, "'"), **dict.fromkeys(_DOUBLE, '"')})
#: Characters of context kept on each side of a quote in an anchor.
CONTEXT_CHARS = 32


# A few recent texts: checking one fact folds its quote three times.
@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """Text with typographic quotes made straight and every run of whitespace one space."""
    # split() and join() collapse the same whitespace as re's \s+ (both use str.isspace) in a
    # fifth of the time, and the translation table maps no ASCII character to another, so ASCII
    # text (isascii() is a flag read) skips it: folding is a sixth of locating a quote otherwise.
    return " ".join((text if text.isascii() else text.translate(_FOLD)).split())


#: Whitespace that folding changes: a run of two or more, or one character other than a space
#: (a lone space stays as it is, so the offsets on either side of it need no breakpoint).
#: Written `\s(?:\s+|(?<! ))` rather than `\s{2,}|[^\S ]` (the same matches): a pattern that starts
#: with a character class lets the regex engine skip to the next whitespace, twice as fast.
_UNEVEN_SPACE = re.compile(r"\s(?:\s+|(?<! ))")


class FoldedText:
    """A source text folded like a quote, with the way back to the original's offsets.

    Folding only collapses whitespace runs and swaps quote marks one for one, so the way
    back is a list of breakpoints (one per whitespace run) searched by bisection.
    """

    __slots__ = ("_folded_at", "_original_at", "folded")

    def __init__(self, text: str) -> None:
        self._folded_at = [0]
        self._original_at = [0]
        last = folded_length = 0
        kept: list[str] = []  # the text between the runs: joined by one space, it is folded
        for match in _UNEVEN_SPACE.finditer(text):
            start, end = match.span()
            kept.append(text[last:start])
            folded_length += start - last + 1
            self._folded_at.append(folded_length)
            self._original_at.append(end)
            last = end
        kept.append(text[last:])
        joined = " ".join(kept)
        self.folded = joined if joined.isascii() else joined.translate(_FOLD)  # see fold()

    def original(self, index: int) -> int:
        """The offset in the original text of the character at `index` of the folded text."""
        k = bisect_right(self._folded_at, index) - 1
        return self._original_at[k] + index - self._folded_at[k]

    def find(self, quote: str) -> tuple[int, int] | None:
        """The [start, end) span of `quote` in the original text, or None."""
        needle = fold(quote)
        if not needle:
            return None
        index = self.folded.find(needle)
        if index < 0:
            return None
        return self.original(index), self.original(index + len(needle) - 1) + 1


# A few texts only: facts follow their source, and a folded text with its offset map is several
# times the text's size, so a cache of every source would grow with the fact base.
@lru_cache(maxsize=16)
def folded(text: str) -> FoldedText:
    """The folded form of a source text (cached: every fact of a source searches the same one)."""
    return FoldedText(text)


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """The 0-based [start, end) span of `quote` in `text`, or None when it is not there."""
    return folded(text).find(quote)


def anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """The W3C Web Annotation position and quote selectors for text[start:end]."""
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of the sentences of `text` (paragraph breaks end sentences too)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() if match.group().isspace() else match.start() + 1
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# Lines of a web page or print edition that are not the article's body ("page furniture"), by
# where they stand (gzfacts.model.PLACES): a fact may quote a caption, the standfirst or a byline,
# and says so in its `place`; navigation and boilerplate are never the article's words.
_PLACE_PATTERNS: dict[str, str] = {
    "byline": r"""
        By\s.+\(.*\)                            # byline with the paper: By Li Xin ( China Daily )
      | (?:Updated|Published|Source|Editor)\s*:.*   # datelines and credits
      | \(.*\bpage\s*\d+\)                      # print credit: (China Daily 10/01/2019 page12)
    """,
    "caption": r"""
        .*\b(?:Photos?|Pictures?)\s+(?:provided|by|courtesy)\b.*   # photo captions and credits
      | .*\[(?:Photo|Image)\b.*                 # [Photo/Xinhua]
      | (?:From\s+)?(?:left|right|top|above|below)\s*:.*   # captions: From left: …, Above: …
    """,
    "standfirst": r"""
        .*,\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s+reports\.?   # standfirst: …, Li Xin reports.
    """,
    "furniture": r"""
        \|.*                                    # navigation: | channel | site |
      | Copyright\b.* | ©.*                      # boilerplate
    """,
}
_PLACE_LINES = {
    place: re.compile(rf"^\s*(?:{pattern})\s*$", re.IGNORECASE | re.VERBOSE)
    for place, pattern in _PLACE_PATTERNS.items()
}
_FURNITURE = re.compile(
    r"^\s*(?:" + "|".join(f"(?:{p})" for p in _PLACE_PATTERNS.values()) + r")\s*$", re.IGNORECASE | re.VERBOSE
)


#: What a furniture line starts with or holds, looked for in lower case: a superset of what
#: _FURNITURE matches, found by plain substring tests, so that a body line (nearly every line a
#: build reads, one per fact) is told apart in a fraction of the regular expressions' time.
_FURNITURE_STARTS = (
    "by", "updated", "published", "source", "editor", "(", "|", "copyright", "©",
    "from", "left", "right", "top", "above", "below",
)  # fmt: skip
_FURNITURE_WORDS = ("photo", "picture", "[image", "reports")


def _maybe_furniture(line: str) -> bool:
    low = line.lower()
    return low.lstrip().startswith(_FURNITURE_STARTS) or any(word in low for word in _FURNITURE_WORDS)


def line_place(line: str) -> str | None:
    """Where a line of a source text stands when it is page furniture: "caption", "standfirst",
    "byline" (a byline, dateline or credit) or "furniture" (navigation, boilerplate); None for
    a line of the body (as far as its words show: a caption without a credit reads as body)."""
    if not _maybe_furniture(line):
        return None
    stripped = " ".join(line.split())
    if not stripped or not _FURNITURE.match(stripped):
        return None
    return next(place for place, pattern in _PLACE_LINES.items() if pattern.match(stripped))


def quote_place(text: str, start: int, end: int) -> str:
    """Where the quote at text[start:end] stands: the place of the first furniture line it
    touches (see line_place), else "body". Only the quote's own lines are read."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", max(start, end - 1))
    for line in text[first : len(text) if last < 0 else last].split("\n"):
        place = line_place(line)
        if place is not None:
            return place
    return "body"


def non_body_lines(text: str, title: str = "") -> list[tuple[int, int]]:
    """The [start, end) spans of the lines of a source text that are not its body: the headline
    and its repeats, navigation, bylines and datelines, photo captions and credits, and short
    lines that are not sentences ("Contact us"). Context and coverage use the body only."""
    spans: list[tuple[int, int]] = []
    start = 0
    headline = " ".join(title.split()).casefold()
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        stripped = " ".join(line.split())
        if stripped and (
            (headline and stripped.casefold() == headline)
            or (_maybe_furniture(line) and _FURNITURE.match(stripped))
            or (len(stripped.split()) <= 6 and not stripped.endswith((".", "!", "?", '"', "\u201d")))
        ):
            spans.append((start, end))
        start = end
    return spans


def body_sentence_spans(text: str, title: str = "") -> list[tuple[int, int]]:
    """The sentence spans of the source's body: sentence_spans without page furniture."""
    furniture = non_body_lines(text, title)
    return [(a, b) for a, b in sentence_spans(text) if not any(a < end and start < b for start, end in furniture)]


def paragraph_sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence spans of the paragraph (the run of text between blank lines) holding
    text[start:end]: the neighbours of a caption's quote are the caption's own sentences."""
    breaks = list(re.finditer(r"\n[ \t]*\n", text))
    first = max((m.end() for m in breaks if m.end() <= start), default=0)
    last = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return [(first + a, first + b) for a, b in sentence_spans(text[first:last])]


_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip

#: A numeral: with thousands separators (1,625: not after a word character or a point), or
#: without (not after a comma either, so "1,6250" is not read as 6250). Plainly written, that is
#: PLAIN_NUMERAL; this form matches the same (tests/test_patterns.py compares them on random text)
#: but starts with the class of its first character (a minus sign or a digit) and then looks two
#: characters back, so the regex engine skips to the next digit or minus sign instead of trying
#: both branches at every character: less than half the time, on every fact's quote.
PLAIN_NUMERAL = r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\w.,])-?\d+(?:\.\d+)?(?!\d)"
_NUMERAL = re.compile(
    r"[-\d](?:(?<![\w.][-\d])(?:(?<=-)\d{1,3}|(?<!-)\d{0,2})(?:,\d{3})+(?:\.\d+)?(?!\d)"
    r"|(?<![\w.,][-\d])(?:(?<=-)\d+|(?<!-)\d*)(?:\.\d+)?(?!\d))"
)
_WORD = re.compile(r"[A-Za-z]+")


def states_number(text: str, value: float) -> bool:
    """Whether `text` writes the number `value`: as a numeral, with or without separators, or
    as a number word ("two")."""
    # The numerals first: a fact's value is mostly written in figures, and then its quote's
    # words need not be looked up.
    return value in {float(m.group().replace(",", "")) for m in _NUMERAL.finditer(text)} or value in {
        float(_WORD_NUMBERS[w.lower()]) for w in _WORD.findall(text) if w.lower() in _WORD_NUMBERS
    }
