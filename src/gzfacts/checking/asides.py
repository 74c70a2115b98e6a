"""What a sentence says around its claim and not as part of it, cut before it is judged.

A label before it ("Answer: ...", "Point two for the proposition: ..."), the talk of a speaker to
the listener ("And look, ...", "..., folks", "..., write that one down", "..., full stop"), and a
judgement tacked on at the end ("..., which is interesting") say nothing of the article: cut out,
they leave the claim to be judged as if written plainly, and no judgement at the end makes the
whole sentence an opinion. Cutting keeps every other span where it stood in the sentence
(gzfacts.checking.contrasts.cut).
"""

from __future__ import annotations

import re

from gzfacts.checking import vocabulary
from gzfacts.checking.contrasts import Cut

#: A label before what a sentence says: "Answer: ...", "Question 4: ...", "Point two for the
#: proposition: ...", "Rebuttal note: ...", "Note for the opposition: ...".
_LABEL = re.compile(
    # Who speaks in a transcript: "Host A: ...", "Caller: ...", "Reporter: ...".
    r"^\s*(?:co-?)?(?:host|presenter|anchor|guest|caller|speaker|interviewer|reporter|spokes(?:person|man|woman)|"
    r"moderator|student|teacher|lecturer)(?:\s+[A-Z0-9])?\s*:\s+(?=\S)|"
    # A bullet: "- 39 Internet Hospital ...", "• 2018: 102 benchmark projects".
    r"^\s*[-*\u2022\u00b7\u25aa\u2192>]+\s+(?=\S)|"
    r"^\s*(?:(?:model\s+|suggested\s+|correct\s+)?answer|question|q|a|fact|key\s+fact|note|update|caption|"
    r"headline|standfirst|pull\s+quote|breaking|exercise|task|item|motion|"
    r"(?:opening\s+|closing\s+|first\s+|second\s+|final\s+|opposition\s+|proposition\s+)?(?:rebuttal|argument|point|claim)"
    r"(?:\s+note)?)"
    r"(?:\s+(?:\d+[a-z]?|one|two|three|four|five|six|seven|eight|nine|ten))?"
    r"(?:\s+(?:for|against|to)\s+the\s+(?:proposition|opposition|motion|other\s+side|house))?"
    r"\s*[:.\u2013\u2014-]\s+(?=\S)",
    re.I,
)
#: A speaker's talk to the listener, at the start of the sentence: "And look, ...", "Okay, so ...",
#: "Basically ...", "Caller's got a point actually, ...". (Words that can start a claim, like "well"
#: in "well over 70", count only with a comma after them.)
_OPENING = re.compile(
    r"^\s*(?:(?:(?:and|but|so|basically|honestly|frankly|actually)\s*,?\s+)"
    r"|(?:now|well|okay|ok|right|look|listen|see|anyway|you\s+know|I\s+mean|mind\s+you|to\s+be\s+fair|in\s+short|"
    r"in\s+plain\s+terms|put\s+simply|simply\s+put|to\s+put\s+it\s+simply|in\s+a\s+nutshell|essentially|"
    r"long\s+story\s+short|in\s+other\s+words|it\s+(?:should|must)\s+be\s+(?:noted|said)|it\s+is\s+worth\s+noting|per\s+the\s+(?:piece|article|paper|report|story))\s*,\s*)+"
    r"|^\s*(?:(?:the\s+)?callers?|our\s+(?:guest|listener|caller))(?:['\u2019]s|\s+has)\s+got\s+a\s+point(?:\s+actually)?,\s*",
    re.I,
)
#: The same at the end of the sentence or between commas: "..., folks", "..., full stop",
#: "..., that's the thing", "..., write that one down", "so bear that date in mind", "if you like".
_TAG = re.compile(
    r"(?:,\s*(?:I\s+mean|we\s+are\s+(?:told|assured|reminded|proud\s+to\s+report)|for\s+the\s+record|naturally|inevitably|"
    r"it\s+turns\s+out|as\s+it\s+happens|of\s+all\s+things|"
    r"from\s+what\s+the\s+(?:piece|article|paper|report|story)\s+says|honestly|frankly|to\s+be\s+honest|it\s+(?:should|must)\s+be\s+(?:noted|said|stressed)|it\s+is\s+worth\s+noting|folks|guys|everybody|not\s+one|without\s+(?:exception|fail)|sure|essentially|basically|per\s+the\s+(?:piece|article|paper|report|story)|every\s+single\s+one|and\s+I\s+mean\s+every\s+single\s+one)"
    r"|,?\s*\b(?:full\s+stop|end\s+of\s+story|that['\u2019]s\s+the\s+thing|"
    r"that['\u2019]s\s+what\s+(?:they|he|she|the\s+\w+)(?:['\u2019]re|['\u2019]s|\s+are|\s+is)?\s+say(?:ing|s)?|"
    r"write\s+that(?:\s+one)?\s+down|(?:so\s+)?bear\s+that(?:\s+\w+)?\s+in\s+mind|(?:just\s+)?picture\s+that|"
    r"mark\s+my\s+words|if\s+you\s+like|as\s+it\s+were|of\s+course|you\s+know|mind\s+you|"
    r"for\s+those\s+who\s+don['\u2019]t\s+know(?:\s+it)?|if\s+you\s+didn['\u2019]t\s+know|believe\s+it\s+or\s+not|"
    r"no\s+hanging\s+about|(?:so\s+)?(?:it['\u2019]s|that['\u2019]s)\s+the\s+who['\u2019]s\s+who(?:\s+really)?))"
    r"(?=\s*[,.;!]|\s*$)",
    re.I,
)
#: A judgement tacked on at the end: "..., which is interesting", "..., which is huge".
_JUDGED_TAIL = re.compile(
    r",\s*(?:which|and\s+that|that)(?:,[^,]{1,24},)?(?:['\u2019]s|\s+is|\s+was)\s+(?:(?:quite|really|pretty|very|just|frankly)\s+)?"
    r"(?P<word>[a-z-]+|no\s+mean\s+feat|quite\s+something|not\s+bad)\s*[.!]?\s*$",
    re.I,
)
_JUDGEMENTS = frozenset("huge big massive great good brilliant impressive telling something notable".split())


#: Note-takers' signs and the words they stand for: "Guiyang = capital of Guizhou" is "Guiyang is
#: capital ..."; an arrow or "≈" joins a note to its subject, as a colon does.
_SIGNS = re.compile(r"\s=\s|\s*(?:\u2192|->|\u2248)\s*")


def normalized(sentence: str) -> Cut | None:
    """The sentence with note-takers' signs read as words, each character of it mapped to its
    place in the sentence; None when it has no such sign."""
    if _SIGNS.search(sentence) is None:
        return None
    text: list[str] = []
    at: list[int] = []
    last = 0
    for match in _SIGNS.finditer(sentence):
        text.append(sentence[last : match.start()])
        at.extend(range(last, match.start()))
        word = " is " if "=" in match.group() else ": "
        text.append(word)
        at.extend([match.start()] * len(word))
        last = match.end()
    text.append(sentence[last:])
    at.extend(range(last, len(sentence) + 1))
    return Cut("".join(text), tuple(at))


def cuts(sentence: str) -> list[tuple[int, int]]:
    """The spans of the sentence's label, its talk to the listener and a judgement at its end."""
    found = []
    label = _LABEL.match(sentence)
    start = 0
    if label is not None:
        found.append(label.span())
        start = label.end()
    opening = _OPENING.match(sentence, start)
    if opening is not None and opening.end() > start and re.match(r"\s*\S", sentence[opening.end() :]):
        found.append(opening.span())
    found += [m.span() for m in _TAG.finditer(sentence) if m.start() > 0]
    tail = _JUDGED_TAIL.search(sentence)
    if tail is not None:
        word = tail.group("word").lower()
        if " " in word or word in _JUDGEMENTS or word in vocabulary.words("evaluative"):
            found.append((tail.start(), len(sentence.rstrip(" .!"))))
    return found
