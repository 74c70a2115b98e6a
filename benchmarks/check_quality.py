"""How well `gzfacts check` judges the labelled claims: precision and recall by verdict and by kind.

    python benchmarks/check_quality.py [--set dev|heldout] [--claims FILE ...] [--facts facts.yaml] [--errors]

Two sets, each two files: the tuning ("dev") set, tests/data/claims.yaml (figures, periods,
ranks, speakers) and tests/data/claims-sentences.yaml (negation, quantifiers, names, relations,
attribution, paraphrase, number words, no-claim); and the held-out set,
tests/data/claims-heldout.yaml and tests/data/claims-sentences-heldout.yaml, written by a
writer who never saw the checker and never used to tune it. Prints, per verdict, precision,
recall and F1; the same by kind; how many factual sentences were judged no-claim; how often a
supported or contradicted finding cites the right fact first; and, with --errors, every claim
judged wrongly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repository, for tests.evaluate

from tests.evaluate import CheckMetrics, LabelledClaim, measure_check  # noqa: E402

import gzfacts  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = {
    "dev": [DATA / "claims.yaml", DATA / "claims-sentences.yaml"],
    "heldout": [DATA / "claims-heldout.yaml", DATA / "claims-sentences-heldout.yaml"],
}


def read_claims(*paths: Path) -> list[LabelledClaim]:
    """The labelled claims of claims.yaml files."""
    found = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [
            LabelledClaim(c["text"], c["verdict"], frozenset(c.get("facts") or ()), c.get("kind", "figure"))
            for c in data["claims"]
        ]
    return found


_SEVERITY = ["no-claim", "supported", "unverifiable", "contradicted"]


def run(claims: Sequence[LabelledClaim], facts: Path | None = None) -> CheckMetrics:
    """Judge every claim with FactBase.check and score the verdicts."""
    with gzfacts.load(facts) as fb:

        def judge(text: str) -> tuple[str, list[str]]:
            # A labelled text of two sentences ("Hype or the real thing? You decide.") is judged
            # as `check` exits on it: by its worst finding.
            findings = fb.check(text, markdown=False)
            finding = max(findings, key=lambda f: _SEVERITY.index(f.verdict))
            return finding.verdict, [fact.id for fact in finding.facts]

        return measure_check(claims, judge)


def table(metrics: CheckMetrics) -> str:
    """The by-verdict and by-kind tables, in Markdown."""
    lines = ["| verdict | claims | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    for c in metrics.classes:
        lines.append(f"| {c.verdict} | {c.support} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |")
    lines += [
        "",
        "| kind | claims | right | supported P / R | contradicted P / R | unverifiable P / R | factual as no-claim |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, m in metrics.kinds:
        right = m.claims - sum(1 for e in m.errors if e[1] != e[2])
        cells = [
            f"{m.scores(v).precision:.2f} / {m.scores(v).recall:.2f}"
            for v in ("supported", "contradicted", "unverifiable")
        ]
        lines.append(f"| {kind} | {m.claims} | {right} | {' | '.join(cells)} | {m.silenced} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=sorted(SETS), default="dev", help="the labelled set (default: dev)")
    parser.add_argument("--claims", type=Path, nargs="*", default=None, help="claims files instead of a set")
    parser.add_argument("--facts", type=Path, default=None)
    parser.add_argument("--errors", action="store_true", help="list every claim judged wrongly")
    args = parser.parse_args()
    paths = args.claims or SETS[args.set]
    claims = read_claims(*paths)
    metrics = run(claims, args.facts)
    print(f"{metrics.claims} labelled claims ({', '.join(p.name for p in paths)})\n")
    print(table(metrics))
    print(f"\nright evidence (first cited fact, supported and contradicted): {metrics.right_evidence:.3f}")
    unverifiable = metrics.scores("unverifiable").support
    print(f"unverifiable called supported: {metrics.unverifiable_called_supported} of {unverifiable}")
    print(f"factual sentences judged no-claim: {metrics.silenced}")
    if args.errors:
        print()
        for text, label, verdict, fact in metrics.errors:
            print(f"- [{label} -> {verdict}, {fact}] {text}")


if __name__ == "__main__":
    main()
