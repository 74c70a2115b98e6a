"""check's retrieval over a big base: long posting lists are never read whole, and the bounded
queries that replace them lead to the same findings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import gzfacts
import gzfacts.retrieval as retrieval

CLAIMS = Path(__file__).parent / "data" / "claims.yaml"


def findings(text: str) -> list[tuple[str, tuple[str, ...]]]:
    with gzfacts.load() as fb:
        return [(f.verdict, tuple(fact.id for fact in f.facts)) for f in fb.check(text)]


def test_bounded_retrieval_gives_the_same_findings_on_the_labelled_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(claim["text"] for claim in yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))["claims"])
    read_whole = findings(text)
    monkeypatch.setattr(retrieval, "_READ", 0)  # every list "too long": only bounded queries
    read = []
    real = retrieval.Retriever.postings

    def postings(self: retrieval.Retriever, term: str) -> tuple[frozenset[int], float]:
        read.append(term)
        return real(self, term)

    monkeypatch.setattr(retrieval.Retriever, "postings", postings)
    assert findings(text) == read_whole
    assert len(read_whole) == 138
    assert read == []
