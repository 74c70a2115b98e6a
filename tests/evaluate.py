"""Quality metrics of search (recall@k and mean reciprocal rank over judged queries) and of check
(precision, recall and F1 over labelled claims), shared by the tests and benchmarks/."""

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


@dataclass(frozen=True, slots=True)
class LabelledClaim:
    """A sentence, the verdict a careful checker gives it, and the facts a right finding cites."""

    text: str
    verdict: str
    ids: frozenset[str]
    #: What the sentence turns on: "figure" (the first sets), "negation", "quantifier", "entity",
    #: "relation", "attribution", "paraphrase", "number-words" or "no-claim".
    kind: str = "figure"


@dataclass(frozen=True, slots=True)
class ClassScores:
    """Precision, recall and F1 of one verdict."""

    verdict: str
    support: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class CheckMetrics:
    """How a checker's verdicts compare with the labels, per class, and how often it cites the right fact."""

    claims: int
    classes: tuple[ClassScores, ...]
    #: Share of supported and contradicted claims judged so whose first cited fact is a right one.
    right_evidence: float
    #: Unverifiable claims called supported (the worst mistake after a false alarm).
    unverifiable_called_supported: int
    #: (text, label, verdict, first cited fact) for every claim judged wrongly or on the wrong fact.
    errors: tuple[tuple[str, str, str, str | None], ...]
    #: Factual claims (labelled anything but no-claim) judged no-claim: read as saying nothing.
    silenced: int = 0
    #: The same scores for the claims of each kind, by kind.
    kinds: tuple[tuple[str, CheckMetrics], ...] = ()

    def scores(self, verdict: str) -> ClassScores:
        """The scores of one verdict (zeros when no claim has it or was given it)."""
        return next((c for c in self.classes if c.verdict == verdict), ClassScores(verdict, 0, 0.0, 0.0, 0.0))


def measure_check(labelled: Sequence[LabelledClaim], judge: Callable[[str], tuple[str, Sequence[str]]]) -> CheckMetrics:
    """Run every claim through `judge` (text -> verdict and cited fact ids, the most telling first)."""
    results = [(claim, *judge(claim.text)) for claim in labelled]
    return _scores(results, by_kind=True)


_Result = tuple[LabelledClaim, str, Sequence[str]]


def _scores(results: Sequence[_Result], *, by_kind: bool) -> CheckMetrics:
    classes = []
    for verdict in ("supported", "contradicted", "unverifiable", "no-claim"):
        predicted = sum(1 for _, v, _ in results if v == verdict)
        actual = sum(1 for c, _, _ in results if c.verdict == verdict)
        if verdict == "no-claim" and not actual and not predicted:
            continue
        right = sum(1 for c, v, _ in results if v == verdict == c.verdict)
        precision = right / predicted if predicted else 0.0
        recall = right / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        classes.append(ClassScores(verdict, actual, precision, recall, f1))
    cited = [(c, ids) for c, v, ids in results if v == c.verdict and v in ("supported", "contradicted")]
    right_evidence = sum(1 for c, ids in cited if ids and ids[0] in c.ids) / (len(cited) or 1)
    errors = tuple(
        (c.text, c.verdict, v, ids[0] if ids else None)
        for c, v, ids in results
        if v != c.verdict or (v in ("supported", "contradicted") and (not ids or ids[0] not in c.ids))
    )
    kinds: list[tuple[str, CheckMetrics]] = []
    if by_kind:
        for kind in dict.fromkeys(c.kind for c, _, _ in results):
            kinds.append((kind, _scores([r for r in results if r[0].kind == kind], by_kind=False)))
    return CheckMetrics(
        claims=len(results),
        classes=tuple(classes),
        right_evidence=right_evidence,
        unverifiable_called_supported=sum(1 for c, v, _ in results if c.verdict == "unverifiable" and v == "supported"),
        errors=errors,
        silenced=sum(1 for c, v, _ in results if c.verdict != "no-claim" and v == "no-claim"),
        kinds=tuple(kinds),
    )
