"""What checking a sentence produces: a verdict, the rule that decided it, the parts and the
alignment it rests on. Plain records, no checking logic: writers and views read these."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.model import Fact


class Verdict(StrEnum):
    """The verdict on a sentence, from the most to the least severe. A StrEnum: it compares equal
    to its value ("supported"), and the JSON carries the value."""

    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"
    SUPPORTED = "supported"
    NO_CLAIM = "no-claim"


#: The verdicts, from the most to the least severe.
VERDICTS: tuple[str, ...] = tuple(v.value for v in Verdict)


class Relation(StrEnum):
    """How a span of the claim stands to a span of the evidence (natural logic's basic relations)."""

    #: The same thing, in the same or other words ("grew" / "growth").
    EQUIVALENT = "equivalent"
    #: The claim says less: a more general term ("institution" for "hospital").
    MORE_GENERAL = "more-general"
    #: The claim says more: a more specific term, which the evidence does not vouch for.
    MORE_SPECIFIC = "more-specific"
    #: The claim says the opposite by a negation ("did not grow" / "grew").
    NEGATION = "negation"
    #: The claim says something incompatible ("shrank" / "grew", "last" / "first", another name
    #: in a role with one answer).
    ALTERNATION = "alternation"
    #: The evidence says nothing about the claim's span.
    INDEPENDENT = "independent"


class Alignment(NamedTuple):
    """One span of the claim, the span of the evidence it was matched with, and how they stand."""

    claim: str
    #: The evidence's words, or None where nothing in the evidence matches.
    evidence: str | None
    relation: Relation
    #: The fact whose quote or claim holds the evidence.
    fact: str | None = None
    #: 0-based offsets of the claim span in the sentence.
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, object]:
        """The alignment as a plain dict (JSON)."""
        return {
            "claim": self.claim,
            "evidence": self.evidence,
            "relation": self.relation.value,
            "fact": self.fact,
            "start": self.start,
            "end": self.end,
        }


class Part(NamedTuple):
    """One checkable part of a sentence and how it fared."""

    #: "figure", "year", "rank", "attribution", "quantifier", "word", "name", "negation", "relation".
    kind: str
    text: str
    #: 0-based offsets in the sentence.
    start: int
    end: int
    #: "supported", "contradicted" or "unverifiable".
    status: str
    #: What the fact says, in words ("26.9 percent of provincial GDP, 2018"); None without a fact.
    expected: str | None = None
    #: The id of the fact the part was judged against.
    fact: str | None = None
    #: Why, in a few words ("another period", "another place", "no fact about it").
    note: str | None = None
    #: Where the part stands in the file (1-based), when the sentence was read from one.
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, object]:
        """The part as a plain dict."""
        return {
            "kind": self.kind,
            "text": self.text,
            "line": self.line,
            "column": self.column,
            "status": self.status,
            "expected": self.expected,
            "fact": self.fact,
            "note": self.note,
        }


class Rule(NamedTuple):
    """A kind of finding: a stable code, the verdict it gives, a name and what it means."""

    code: str
    verdict: Verdict
    name: str
    description: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.code: rule for rule in rules}


#: Every kind of finding by its code, stable across releases (as ruff's rules and validate's Q
#: codes). GZF0xx: the verdict alone (kept for old SARIF baselines); GZF1xx contradicted,
#: GZF2xx unverifiable, GZF3xx supported, GZF4xx no claim.
RULES: dict[str, Rule] = _rules(
    Rule("GZF101", Verdict.CONTRADICTED, "wrong-figure", "A figure differs from the article's for the same thing."),
    Rule("GZF102", Verdict.CONTRADICTED, "wrong-rank", "A rank differs from the article's."),
    Rule("GZF103", Verdict.CONTRADICTED, "wrong-year", "An event is dated to another year than the article's."),
    Rule("GZF104", Verdict.CONTRADICTED, "wrong-speaker", "The sentence credits someone else than the article."),
    Rule("GZF105", Verdict.CONTRADICTED, "negation", "The sentence negates what the article says, or the reverse."),
    Rule(
        "GZF106",
        Verdict.CONTRADICTED,
        "opposite-word",
        "A word says the opposite of the article's (shrank for grew, last for first).",
    ),
    Rule(
        "GZF107",
        Verdict.CONTRADICTED,
        "wrong-quantifier",
        "A quantifier or proportion in words (all, most, half, nine in ten) disagrees with the article's figure.",
    ),
    Rule(
        "GZF108",
        Verdict.CONTRADICTED,
        "wrong-name",
        "Another name in a role the article fills (who set up, which city is the capital).",
    ),
    Rule(
        "GZF201",
        Verdict.UNVERIFIABLE,
        "unsupported-words",
        "Words of the sentence that the article does not say (the rest may agree).",
    ),
    Rule("GZF202", Verdict.UNVERIFIABLE, "unknown-name", "A name the article never mentions."),
    Rule(
        "GZF203",
        Verdict.UNVERIFIABLE,
        "other-frame",
        "The article's figure is for another period, place or measure, or the sentence credits someone else.",
    ),
    Rule("GZF204", Verdict.UNVERIFIABLE, "no-fact", "No fact in the base is about the sentence's figure or claim."),
    Rule(
        "GZF205",
        Verdict.UNVERIFIABLE,
        "not-read",
        "Part of the sentence was not read (nested beyond the limit); nothing is claimed of it.",
    ),
    Rule("GZF301", Verdict.SUPPORTED, "supported", "Every part and every content word agrees with the article."),
    Rule("GZF401", Verdict.NO_CLAIM, "no-claim", "An opinion, question or transition: nothing checkable."),
)


class Judgement(NamedTuple):
    """The verdict on one sentence and what it rests on."""

    verdict: Verdict
    code: str
    reason: str
    parts: tuple[Part, ...]
    facts: tuple[Fact, ...]
    alignment: tuple[Alignment, ...]


class Finding(NamedTuple):
    """The verdict on one sentence, where it stands, and the evidence for it."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    verdict: str
    reason: str
    parts: tuple[Part, ...]
    #: The facts the verdict rests on, the most telling first.
    facts: tuple[Fact, ...]
    #: The rule that decided the verdict (RULES).
    code: str = "GZF401"
    #: The claim's spans matched with the evidence's: the explanation of the verdict.
    alignment: tuple[Alignment, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The finding as a plain dict: the JSON object of `gzfacts check --json`."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "verdict": str(self.verdict),
            "code": self.code,
            "reason": self.reason,
            "parts": [part.to_dict() for part in self.parts],
            "alignment": [pair.to_dict() for pair in self.alignment],
            "facts": [fact.to_dict() for fact in self.facts],
        }
