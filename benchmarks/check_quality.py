"""How well `gzfacts check` judges the labelled claims: per-class precision, recall and F1.

    python benchmarks/check_quality.py [--claims tests/data/claims.yaml] [--facts facts.yaml] [--errors]

Prints, per verdict (supported, contradicted, unverifiable), precision, recall and F1; how often
a claim judged supported or contradicted cites the right fact first; how many unverifiable
claims were called supported; and, with --errors, every claim judged wrongly.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import yaml

import gzfacts
from gzfacts.evaluate import CheckMetrics, LabelledClaim, measure_check

ROOT = Path(__file__).resolve().parents[1]


def read_claims(path: Path) -> list[LabelledClaim]:
    """The labelled claims of a claims.yaml file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [LabelledClaim(c["text"], c["verdict"], frozenset(c.get("facts") or ())) for c in data["claims"]]


def run(claims: Sequence[LabelledClaim], facts: Path | None = None) -> CheckMetrics:
    """Judge every claim with FactBase.check and score the verdicts."""
    with gzfacts.load(facts) as fb:

        def judge(text: str) -> tuple[str, list[str]]:
            (finding,) = fb.check(text, markdown=False)
            return finding.verdict, [fact.id for fact in finding.facts]

        return measure_check(claims, judge)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=Path, default=ROOT / "tests" / "data" / "claims.yaml")
    parser.add_argument("--facts", type=Path, default=None)
    parser.add_argument("--errors", action="store_true", help="list every claim judged wrongly")
    args = parser.parse_args()
    claims = read_claims(args.claims)
    metrics = run(claims, args.facts)
    print(f"{metrics.claims} labelled claims ({args.claims.name})\n")
    print("| verdict | claims | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|")
    for c in metrics.classes:
        print(f"| {c.verdict} | {c.support} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |")
    print(f"\nright evidence (first cited fact, supported and contradicted): {metrics.right_evidence:.3f}")
    unverifiable = metrics.scores("unverifiable").support
    print(f"unverifiable called supported: {metrics.unverifiable_called_supported} of {unverifiable}")
    if args.errors:
        print()
        for text, label, verdict, fact in metrics.errors:
            print(f"- [{label} -> {verdict}, {fact}] {text}")


if __name__ == "__main__":
    main()
