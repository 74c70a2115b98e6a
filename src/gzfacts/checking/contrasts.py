"""Contrasts and clefts: "It was Tencent, not Guiyang Longmaster, that helped establish it";
"set up by Ping An rather than by Longmaster".

A contrast asserts one thing and denies another. The sentence is read twice, each time with the
other alternative blanked out (spaces of the same length, so that every span keeps its place):
once as it asserts ("Tencent helped establish it"), once with the alternative it denies
("Guiyang Longmaster helped establish it"). When the article says the denied alternative, the
sentence contradicts it; otherwise the verdict is the one on what it asserts. A cleft ("It was
X who said ...") is read as its plain sentence ("X said ...").
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CLEFT = re.compile(
    r"^(?P<lead>\s*it(?:\s+(?:was|is|were)|['\u2019]s)\s+)(?P<focus>[^,;]+?(?:,\s*not\s+[^,;]+,)?)(?P<rel>,?\s+(?:who|that|which)\b)",
    re.I,
)
#: ", not Y," (or at the end of the sentence), and "rather than Y", "instead of Y" to the end of the clause.
_NOT = re.compile(
    r",\s*(?P<marker>not)\s+(?!(?:least|only|just|merely|simply|surprisingly|yet|always|necessarily|to\s+mention)\b)"
    r"(?P<denied>[^,;.]+?)\s*(?=,|;|\.|$)",
    re.I,
)
_RATHER = re.compile(r"\s(?P<marker>rather\s+than|instead\s+of)\s+(?P<denied>[^,;.]+?)\s*(?=,|;|\.|$)", re.I)
_NAME_AT_END = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|and|the|for)\s+)*[A-Z][\w'\u2019-]*)*$")
_NAME_AT_START = re.compile(
    r"(?:(?:by|to|in|for|from|with|at|on|of)\s+)?(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+(?:(?:of|and|the|for)\s+)*[A-Z][\w'\u2019-]*)*"
)
_PREPOSITIONS = frozenset("by to in for from with at on into of".split())


class Contrast(NamedTuple):
    """The alternative a sentence asserts and the one it denies, as spans of it."""

    #: The alternative asserted ("Tencent").
    kept: tuple[int, int]
    #: The marker and the alternative denied (", not Guiyang Longmaster,").
    denied: tuple[int, int]
    #: The alternative denied, alone ("Guiyang Longmaster").
    other: tuple[int, int]


class Cut(NamedTuple):
    """A sentence with words cut out, and where each of its characters stood in the whole."""

    text: str
    #: The offset in the whole sentence of each character of `text`, and of its end.
    at: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the cut text as a span of the whole sentence."""
        return self.at[start], (self.at[end - 1] + 1 if end > start else self.at[start])


def cut(text: str, spans: list[tuple[int, int]]) -> Cut:
    """The text without the spans."""
    gone = bytearray(len(text))
    for start, end in spans:
        gone[start:end] = b"\x01" * (end - start)
    kept = [i for i in range(len(text)) if not gone[i]]
    return Cut("".join(text[i] for i in kept), (*kept, len(text)))


#: A contrast with something else ("Unlike its rural drive, ...", "..., unlike Yunnan, ..."): what it
#: sets the sentence against is no part of what the sentence asserts, and lends it no evidence.
_UNLIKE = re.compile(
    r"(?:^\s*|,\s*)(?:unlike|in\s+contrast\s+to|as\s+opposed\s+to)\s+[^,;.]+?(?:,\s*|(?=[;.]|$))"
    # What the main clause is put in place of, before it: "Rather than merely meeting the target,
    # Guizhou beat it"; "Far from easing off, Guizhou has stepped up its support".
    r"|^\s*(?:rather\s+than|instead\s+of|far\s+from)\s+[^,;.]+?,\s*"
    # "X is not confined to one industry; it is used in all": the first clause only denies a limit.
    r"|\b(?:is|are|was|were)\s+not\s+(?:confined|limited|restricted)\s+to\s+[^,;:.]+?(?=\s*[;:]\s)",
    re.I,
)


def unlike(sentence: str) -> list[tuple[int, int]]:
    """The span of a contrast with something else ("Unlike X, ..."), to cut: the main clause is
    judged alone."""
    found = []
    for match in _UNLIKE.finditer(sentence):
        start, end = match.span()
        if start and sentence[start] == ",":
            # "Guizhou, unlike Yunnan, grew": keep one comma's place.
            end = end - 1 if sentence[end - 1 : end] == " " and sentence[start:end].rstrip().endswith(",") else end
            end = end - 1 if sentence[end - 1 : end] == "," else end
        found.append((start, end))
    return found


#: A cleft's focus: a name, a definite description of one, or officials ("It was local officials who ...").
_FOCUS = re.compile(
    r"(?:the\s+)?[A-Z]|(?:the\s+)?(?:(?:local|provincial|government|city|state)\s+)?(?:officials|authorities)\b"
)


def clefts(sentence: str) -> list[tuple[int, int]]:
    """The words that make "It was X who said ..." of "X said ...", as spans to cut."""
    match = _cleft(sentence)
    return [] if match is None else [match.span("lead"), match.span("rel")]


def _cleft(sentence: str) -> re.Match[str] | None:
    """A cleft whose focus is a name or a definite description of one ("It was Tencent who ...",
    "It was the Sixth Hospital of Guiyang's director who ...")."""
    match = _CLEFT.match(sentence)
    if match is None or not re.match(_FOCUS, match.group("focus")):
        return None
    return match


#: "not Y but X": the alternative denied first ("not on the State's deadline but two years ahead
#: of it"); "not only ... but also" asserts both, and is no contrast.
_NOT_BUT = re.compile(
    r"\bnot\s+(?!(?:only|just|merely|simply|least)\b)(?P<denied>[^,;.]+?),?\s+but\s+(?!also\b)"
    r"(?P<kept>[^,;.]+?)\s*(?=,|;|\.|$)",
    re.I,
)


def find(sentence: str) -> Contrast | None:
    """The sentence's contrast, if it has one."""
    for match in _NOT_BUT.finditer(sentence):
        return Contrast(match.span("kept"), (match.start(), match.start("kept")), match.span("denied"))
    for pattern in (_NOT, _RATHER):
        for match in pattern.finditer(sentence):
            other = match.span("denied")
            name = _NAME_AT_START.match(sentence, other[0], other[1])
            if name is not None:
                # "Tencent rather than Guiyang Longmaster helped ...": the name is the alternative.
                other = (other[0], name.end())
            kept = _kept(sentence, match.start(), sentence[other[0] : other[1]])
            cleft = _cleft(sentence)
            if cleft is not None and cleft.start("focus") < match.start() < cleft.end("focus"):
                # "It was the hospital's director, not a provincial official, who said it": the
                # focus before the marker is the alternative asserted, whatever its shape.
                kept = (cleft.start("focus"), len(sentence[: match.start()].rstrip()))
            if kept is not None:
                end = other[1] + 1 if sentence[other[1] : other[1] + 1] == "," else other[1]
                return Contrast(kept, (match.start(), end), other)
    return None


def asserted(contrast: Contrast) -> list[tuple[int, int]]:
    """What to cut for the alternative the sentence asserts: the marker and the one denied."""
    return [contrast.denied]


def denied(contrast: Contrast) -> list[tuple[int, int]]:
    """What to cut for the alternative the sentence denies: the one asserted and the marker."""
    if contrast.kept[0] > contrast.other[1]:
        # "not Y but X": the marker before Y, and "but X" after it.
        return [(contrast.denied[0], contrast.other[0]), (contrast.other[1], contrast.kept[1])]
    return [(contrast.kept[0], contrast.other[0]), (contrast.other[1], contrast.denied[1])]


def _kept(sentence: str, at: int, denied: str) -> tuple[int, int] | None:
    """The alternative asserted, which stands before the marker and is of the denied one's shape:
    from the same preposition ("by Ping An rather than by Longmaster"), the name before it
    ("Tencent, not Guiyang Longmaster"), or as many words."""
    before = sentence[:at].rstrip().rstrip(",").rstrip()  # "Guiyang, rather than Zunyi,"
    words = denied.split()
    if not words or not before:
        return None
    first = words[0].lower()
    if first in _PREPOSITIONS:
        start = before.lower().rfind(f" {first} ")
        return (start + 1, len(before)) if start >= 0 else None
    if words[0][:1].isupper():
        name = _NAME_AT_END.search(before)
        return name.span() if name else None
    spans = [m.span() for m in re.finditer(r"\S+", before)][-len(words) :]
    return (spans[0][0], len(before)) if spans else None
