"""Search quality metrics: recall@k and mean reciprocal rank over judged queries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Judged:
    """A query and the ids of the facts that answer it."""

    query: str
    ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class Metrics:
    """recall@1, recall@3 and MRR over a set of judged queries, and the ones missed at rank 1."""

    queries: int
    recall_at_1: float
    recall_at_3: float
    mrr: float
    misses: tuple[tuple[str, int | None], ...]


def first_relevant_rank(ranked: Sequence[str], relevant: frozenset[str]) -> int | None:
    """The 1-based rank of the first relevant id, or None when none is ranked."""
    for rank, ident in enumerate(ranked, start=1):
        if ident in relevant:
            return rank
    return None


def measure(judged: Sequence[Judged], ranker: Callable[[str], Sequence[str]]) -> Metrics:
    """Run every query through `ranker` (query -> ids, best first) and score the rankings."""
    ranks = [first_relevant_rank(ranker(j.query), j.ids) for j in judged]
    count = len(judged) or 1
    return Metrics(
        queries=len(judged),
        recall_at_1=sum(1 for r in ranks if r == 1) / count,
        recall_at_3=sum(1 for r in ranks if r is not None and r <= 3) / count,
        mrr=sum(1 / r for r in ranks if r is not None) / count,
        misses=tuple((j.query, r) for j, r in zip(judged, ranks, strict=True) if r != 1),
    )
