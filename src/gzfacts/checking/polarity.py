"""Negation, clause by clause: which parts of a sentence a negation turns around.

A negation reaches the end of its clause ("Guizhou did not miss the target; it passed it two
years early": the second clause is not negated). In a clause whose negations do not match the
evidence's (an odd number between them), what the article supports is contradicted ("did not
grow" against "grew") and what it contradicts by an alternation is supported ("did not shrink"
against "grew"; "Zunyi is not the capital"). A negation spent on a quantifier ("no village is
without broadband") is read into the quantifier (gzfacts.checking.rules.judge_quantifiers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gzfacts.checking.reader import Reading, Span
from gzfacts.checking.verdict import Alignment, Part, Relation
from gzfacts.clauses import clauses as split_clauses
from gzfacts.clauses import leading_clause_end

_CLAUSE_BREAK = re.compile(
    # ", finishing two years behind": a participle after a comma is a clause of its own, out of
    # the reach of a negation before it ("did not meet the target, finishing two years behind").
    r";|:\s|,\s+(?:and|but|while|whereas|although|though|yet|so)\b|,\s+(?=[a-z]+ing\b)|\s+but\s+|\u2014"
    # "failed to grow and in fact shrank": what follows says something of its own.
    r"|\s+and\s+(?=(?:in\s+fact|actually|instead|even|then)\b)"
    # A comma splice in speech: "was never certified, it's more of an app really".
    r"|,\s+(?=(?:it|they|he|she)(?:['\u2019](?:s|re)|\s+(?:is|was|are|were|has|have)\b))"
    # ... or a new subject denied: "has been ignored, the recognition just hasn't come".
    r"|,\s+(?=(?:the|its|their)\s+[a-z]+\s+(?:[a-z]+ly\s+|just\s+|still\s+)?"
    r"(?:has|have|had|is|are|was|were|did|does|do)(?:n['\u2019]t|\s+not)\b)",
    re.I,
)
#: Kinds of contradicted parts a negation makes true: the article's answer excludes the one
#: said, so "not" the one said is what the article says.
EXCLUSIVE = frozenset({"figure", "word", "quantifier", "rank", "relation"})


def clauses(sentence: str) -> list[tuple[int, int]]:
    """The spans of the sentence's clauses (the words that join them left out); a subordinate
    clause that opens the sentence ("Although X, Y") is one of them."""
    spans = split_clauses(sentence, _CLAUSE_BREAK, keep_break=False)
    lead = leading_clause_end(sentence)
    if lead is None:
        return spans
    return [piece for a, b in spans for piece in (((a, lead), (lead + 1, b)) if a <= lead < b else ((a, b),))]


def counted(reading: Reading, parts: Sequence[Part]) -> list[Span]:
    """The negations that count: not those that deny one figure beside another ("24.6 percent,
    not 30 percent"), and "neither ... nor" once."""
    found = []
    figures = [p for p in parts if p.kind == "figure"]
    lowered = [n.text.lower() for n in reading.negations]
    for negation, lower in zip(reading.negations, lowered, strict=True):
        if lower == "nor" and "neither" in lowered:
            continue
        denies_one = reading.sentence[max(0, negation.start - 2) : negation.start].strip() in (",", "")
        if len(figures) > 1 and denies_one and any(0 <= p.start - negation.end <= 3 for p in figures):
            continue
        found.append(negation)
    return found


def in_clause(start: int, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The clause a position stands in."""
    return next((span for span in spans if span[0] <= start < span[1]), spans[-1])


def turned(
    sentence: str,
    parts: list[Part],
    negations: Sequence[Span],
    evidence_negated: bool,
    pairs: Sequence[Alignment],
) -> list[Part]:
    """The parts, turned around in each clause the sentence negates and the evidence does not
    (or the reverse); a negated clause with nothing else to turn gets a part of its own."""
    spans = clauses(sentence)
    result = list(parts)
    for clause in spans:
        cues = [n for n in negations if clause[0] <= n.start < clause[1]]
        if len(cues) % 2 == int(evidence_negated):
            continue
        # Who said it is not what the negation denies ("has never been certified, the report notes").
        inside = [i for i, p in enumerate(result) if clause[0] <= p.start < clause[1] and p.kind != "attribution"]
        if any(result[i].status == "unverifiable" and not _adverb_of(result[i], cues) for i in inside):
            # The article does not say the clause, negated or not; and what it would contradict
            # unnegated ("did not miss the target for village connectivity") it no longer does.
            for i in inside:
                if result[i].status == "contradicted":
                    result[i] = result[i]._replace(status="unverifiable", note="negated: the article says otherwise")
            continue
        changed = False
        for i in inside:
            part = result[i]
            if part.status == "contradicted" and part.kind in EXCLUSIVE:
                result[i] = part._replace(status="supported", note="negated: the article says otherwise")
                changed = True
            elif part.status == "contradicted":
                result[i] = part._replace(status="unverifiable", note="negated: the article names someone else")
                changed = True
            elif part.status == "supported" and part.kind != "year":
                cue = cues[0] if cues else None
                text = sentence[cue.start : part.end] if cue and cue.start < part.start else part.text
                result[i] = Part(
                    "negation",
                    text,
                    min(part.start, cue.start if cue else part.start),
                    part.end,
                    "contradicted",
                    part.expected,
                    part.fact,
                    "negates what the article says",
                )
                changed = True
        if not changed:
            result.append(_negation_part(sentence, clause, cues, pairs, evidence_negated))
    return result


def _negation_part(
    sentence: str,
    clause: tuple[int, int],
    cues: Sequence[Span],
    pairs: Sequence[Alignment],
    evidence_negated: bool,
) -> Part:
    """The negation of a clause of words only ("did not grow"), against the evidence's words."""
    start = cues[0].start if cues else clause[0]
    following = [p for p in pairs if p.relation is Relation.EQUIVALENT and start <= p.start < clause[1] and p.evidence]
    said = following[0] if following else None
    end = said.end if said else (cues[0].end if cues else clause[1])
    text = sentence[start:end]
    if evidence_negated:
        text = sentence[clause[0] : clause[1]].strip()
    expected = f"\u201c{said.evidence}\u201d" if said else None
    return Part("negation", text, start, end, "contradicted", expected, said.fact if said else None)


def _adverb_of(part: Part, cues: Sequence[Span]) -> bool:
    """Whether a part is an adverb just before a negation, out of its scope ("narrowly missed the
    top three" says no less than "missed the top three")."""
    return (
        part.kind == "word" and part.text.lower().endswith("ly") and any(0 <= cue.start - part.end <= 1 for cue in cues)
    )
