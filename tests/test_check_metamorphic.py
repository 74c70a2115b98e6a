"""Metamorphic tests of `gzfacts check`: the twins of the supported labelled claims.

A supported claim with a negation inserted, a word swapped for its opposite, a name swapped for
another of the same kind, all for none, most for few or first for last is never supported, and is
contradicted in at least 85% of cases; with a word swapped for a WordNet synonym it stays
supported in at least 80% (the targets of the check issue). benchmarks/check_metamorphic.py prints
the same figures by kind of change.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import gzfacts

from .conftest import ROOT
from .helpers.mutants import Mutant, base_names, mutants, supported_by, supported_claims


@pytest.fixture(scope="module")
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load(ROOT / "facts.yaml", cache=False) as base:
        yield base


@pytest.fixture(scope="module")
def judged(fb: gzfacts.FactBase) -> list[tuple[Mutant, str]]:
    found = []
    for mutant in mutants(supported_by(fb, supported_claims()), base_names(fb)):
        (finding,) = fb.check(mutant.text, markdown=False)
        found.append((mutant, str(finding.verdict)))
    return found


def test_there_are_twins_of_every_kind(judged: list[tuple[Mutant, str]]) -> None:
    kinds = {m.kind for m, _ in judged}
    assert kinds == {"negation", "opposite", "quantifier", "name", "synonym"}
    assert sum(1 for m, _ in judged if m.kind != "synonym") >= 100


def test_no_counterfactual_twin_is_supported(judged: list[tuple[Mutant, str]]) -> None:
    wrong = [m.text for m, verdict in judged if m.kind != "synonym" and verdict == "supported"]
    assert wrong == []


def test_counterfactual_twins_are_contradicted(judged: list[tuple[Mutant, str]]) -> None:
    twins = [verdict for m, verdict in judged if m.kind != "synonym"]
    share = twins.count("contradicted") / len(twins)
    assert share >= 0.85, f"{share:.3f} of {len(twins)} twins contradicted"


def test_synonym_twins_stay_supported(judged: list[tuple[Mutant, str]]) -> None:
    twins = [verdict for m, verdict in judged if m.kind == "synonym"]
    share = twins.count("supported") / len(twins)
    assert len(twins) >= 30
    assert share >= 0.80, f"{share:.3f} of {len(twins)} synonym twins supported"
