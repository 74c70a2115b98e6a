"""Ranks in free text: a position ("first", "No. 1", "the fastest"), a top group ("top three"),
or a leading group ("one of the world's highest")."""

from __future__ import annotations

import re
from typing import NamedTuple

from gzfacts.quantities.grammar import ORDINALS, SMALL, TOP_WORDS, WORD_VALUES, ordinal, parse_number_words


class Rank(NamedTuple):
    """A ranking: a position ("first", "No. 2", "the fastest"), a top group ("top three"), or
    membership of a leading group ("one of the world's highest")."""

    start: int
    end: int
    text: str
    #: The position for "first", "No. 1", "second", superlatives (1); None for groups.
    position: int | None
    #: The size of the group for "top three" / "among the top 10"; None otherwise.
    top: int | None = None
    #: True for "one of the ...": a leading group of unstated size.
    one_of: bool = False
    #: True for "mid-table", "in the bottom half": a place away from the top, of unstated number.
    middling: bool = False

    def holds_for(self, position: int | None, top: int | None, one_of: bool) -> str:
        """Whether the ranking a source states makes this one true: "yes", "no" or "unknown"."""
        if self.middling:
            # "ranked only mid-table" is not first, nor in the top three.
            return "no" if (position is not None and position <= 3) or (top is not None and top <= 3) else "unknown"
        if self.one_of:
            # "one of the best" is implied by any leading position or group.
            return "yes" if (position is not None or top is not None or one_of) else "unknown"
        if self.position is not None:
            if position is not None:
                return "yes" if position == self.position else "no"
            if top is not None:
                return "unknown" if self.position <= top else "no"
            return "unknown"
        if self.top is not None:
            if position is not None:
                return "yes" if position <= self.top else "no"
            if top is not None:
                return "yes" if top <= self.top else "unknown"
        return "unknown"


# --- ranks --------------------------------------------------------------------------------

_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
_RANK_RE = re.compile(
    rf"(?P<oneof>\b(?i:(?:one|some|several|many|a\s+few|two|three|four|five)\s+of|among)\s+(?:the\s+)?(?:[\w'\u2019]+\s+){{0,3}}?)?"
    rf"(?:(?P<top>\b(?:among\s+)?(?:the\s+)?top[\s-]+(?P<topn>\d+|{'|'.join(SMALL[1:20])}|ten)\b)"
    rf"|(?P<no>(?:\b(?:No\.?|no\.|number)|#)\s?(?P<non>\d+|one|two|three)\b)"
    rf"|(?P<ord>\b(?:{_ORDINAL_WORDS}|\d+(?:st|nd|rd|th))\b)"
    rf"|(?P<sup>\b(?:the\s+)?(?:world['\u2019]s\s+|China['\u2019]s\s+|country['\u2019]s\s+|nation['\u2019]s\s+)?"
    rf"(?:fastest|highest|tallest|largest|biggest|best|longest|greatest|most\s+\w+|top(?![\s-]+(?:\d|{TOP_WORDS})\b))\b)"
    # First, said with a verb: "topped the national rankings", "led the country", "heads the list".
    rf"|(?P<lead>\b(?:led|leads|leading|topped|tops|topping|headed|heads)\s+(?:the\s+)?(?:(?:national|country['\u2019]s|"
    rf"nation['\u2019]s|China['\u2019]s|world['\u2019]s)\s+)?(?:[a-z][\w-]*\s+)?(?:country|nation|China|world|rankings?|"
    rf"list|league\s+table|table|chart)\b)"
    # A place away from the top: "mid-table", "in the middle of the pack", "the bottom half".
    rf"|(?P<mid>\b(?i:mid[\s-]?(?:table|ranking|pack|league)|(?:in\s+)?the\s+middle\s+of\s+the\s+(?:pack|table|rankings?|league)"
    rf"|(?:in\s+)?the\s+(?:bottom|lower)\s+(?:half|third|quarter|fifth|tier)|(?:near|at)\s+the\s+bottom|bottom\s+of\s+the\s+(?:table|list|league|rankings?))\b))",
)
ORDINAL_COUNT_RE = re.compile(
    rf"\b(?P<ord>{_ORDINAL_WORDS}|\d+(?:st|nd|rd|th))\s+(?P<noun>(?:consecutive|straight|successive|running)\s+"
    rf"(?:years?|times?)|(?:years?|times?)\s+(?:running|in\s+a\s+row|straight))\b",
    re.I,
)
#: Ordinals that do not rank: "at first", "first of all", "for the first time" (an event, not a rank).
_NOT_RANK = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?)\s*,|\bat\s+first\b|\bfirst\s+of\s+all\b|\bfor\s+the\s+first\s+time\b|"
    # "a people-first approach", "puts people first": a priority, not a rank.
    r"\bpeople[\s-]+first\b",
    re.I,
)


def ranks(text: str) -> list[Rank]:
    """The rankings of `text` ("first in China", "No. 2", "top three", "one of the highest")."""
    found: list[Rank] = []
    counts = [m.span() for m in ORDINAL_COUNT_RE.finditer(text)]
    for match in _RANK_RE.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in counts):
            continue
        segment = text[max(0, start - 12) : end + 8]
        if _NOT_RANK.search(segment) and match.group("ord"):
            continue
        if match.group("ord") and start == 0 and re.match(r"\w+\s*,", text):
            continue
        one_of = bool(match.group("oneof"))
        if match.group("top"):
            one_of = (match.group("oneof") or "").lower().startswith("one")
            n = match.group("topn")
            size = int(n) if n.isdigit() else int(parse_number_words(n) or 0)
            found.append(Rank(start, end, match.group(), None, size or None, one_of))
        elif match.group("no"):
            n = match.group("non")
            found.append(
                Rank(start, end, match.group(), int(n) if n.isdigit() else int(WORD_VALUES[n.lower()]), None, one_of)
            )
        elif match.group("ord"):
            word = match.group("ord")
            after = text[end : end + 16]
            if re.match(r"\s+(?:half|quarter)\b", after, re.I):
                continue
            found.append(Rank(start, end, match.group(), ordinal(word), None, one_of))
        elif match.group("mid"):
            found.append(Rank(start, end, match.group(), None, None, False, middling=True))
        elif match.group("lead"):
            found.append(Rank(start, end, match.group(), 1, None, one_of))
        else:
            sup = match.group("sup")
            if sup.lower().strip() in ("top", "the top"):
                continue
            found.append(Rank(start, end, match.group(), None if one_of else 1, None, one_of))
    return found
