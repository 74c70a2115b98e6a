"""Counterfactual twins of the supported claims, judged by `gzfacts check`, by kind of change.

    python benchmarks/check_metamorphic.py [--errors]

The twins come from tests/helpers/mutants.py: each supported claim of the tuning sets that the checker
judges supported, with a negation inserted (or taken out), a word swapped for its opposite, a
name swapped for another of the same kind from the base, all/none and most/few swapped (the
"quantifier" kind), and one word swapped for a WordNet synonym. Prints how each kind was judged;
the targets are 0 twins supported, at least 85% contradicted, and synonym twins at least 80%
supported.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.mutants import base_names, mutants, supported_by, supported_claims  # noqa: E402

import gzfacts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the twins judged otherwise than expected")
    args = parser.parse_args()
    with gzfacts.load(None) as fb:
        base = supported_by(fb, supported_claims())
        twins = mutants(base, base_names(fb))
        judged = [(m, str(fb.check(m.text, markdown=False)[0].verdict)) for m in twins]
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for mutant, verdict in judged:
        counts[mutant.kind][verdict] += 1
    print(f"{len(base)} supported claims, {len(judged)} twins\n")
    print("| change | twins | supported | contradicted | unverifiable | no-claim |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, c in counts.items():
        cells = " | ".join(str(c[v]) for v in ("supported", "contradicted", "unverifiable", "no-claim"))
        print(f"| {kind} | {sum(c.values())} | {cells} |")
    counter = [v for m, v in judged if m.kind != "synonym"]
    synonyms = [v for m, v in judged if m.kind == "synonym"]
    print(
        f"\ncounterfactual twins: {counter.count('supported')} of {len(counter)} supported, "
        f"{counter.count('contradicted') / len(counter):.3f} contradicted"
    )
    print(f"synonym twins: {synonyms.count('supported') / len(synonyms):.3f} supported of {len(synonyms)}")
    if args.errors:
        for mutant, verdict in judged:
            if (mutant.kind == "synonym") != (verdict == "supported") or (
                mutant.kind != "synonym" and verdict != "contradicted"
            ):
                print(f"- [{mutant.kind} -> {verdict}] {mutant.text}")


if __name__ == "__main__":
    main()
