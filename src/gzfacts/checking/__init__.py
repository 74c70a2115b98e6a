"""Checking sentences against a fact base: does the article say so, the opposite, or nothing?

The pipeline, a module each: `reader` (words, negations, quantifiers, names), `parts`
(figures, years, ranks and speakers judged against the facts they are about), `align` (each
content word and name related to the evidence through `lexicon`, built on WordNet and
data/vocabulary.txt), `relations` (what the source states between names), `rules` (one rule per
kind of finding, each with a stable code: `verdict.RULES`), `checker` (the whole, and the
Finding per sentence). The library knows nothing of the command line.
"""

from __future__ import annotations

from gzfacts.checking.checker import Checker, check_sentences, check_text
from gzfacts.checking.verdict import RULES, VERDICTS, Alignment, Finding, Part, Relation, Rule, Verdict

__all__ = [
    "RULES",
    "VERDICTS",
    "Alignment",
    "Checker",
    "Finding",
    "Part",
    "Relation",
    "Rule",
    "Verdict",
    "check_sentences",
    "check_text",
]
