"""Readers, an editor and `cache clear` at once on one fact base and one cache: figures only.

    python benchmarks/concurrency.py [--seconds 120] [--readers 8] [--facts 800] [--seed 22]

Eight readers run `gzfacts list --json` again and again while an editor rewrites one fact file
(a temporary file renamed over it), moves another out of the fact base and back, writes a third
again with its mtime put back, and runs `gzfacts cache clear` (tests/helpers/concurrency.py says how).
Prints the runs, the runs that failed (any exit code but 0, or a traceback), the false rebuilds
("the index … was damaged": nothing damages it here), the answers that are none of the four
states the fact base can be in, and how often each state's answer was given. It asserts nothing:
tests/index/test_concurrency.py runs the same harness, bounded, and asserts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests.helpers.concurrency

from tests.helpers.concurrency import Harness


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--facts", type=int, default=800)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--pause", type=float, default=0.5, help="the editor's mean pause between steps, seconds")
    parser.add_argument("--samples", action="store_true", help="print the stderr of the first few bad runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gzfacts-concurrency-") as work:
        harness = Harness(Path(work), facts=args.facts, seed=args.seed)
        figures = harness.run(seconds=args.seconds, readers=args.readers, pause=args.pause)
    print(f"runs                {figures.runs}")
    print(f"failed runs         {len(figures.failed)}")
    print(f"false rebuilds      {figures.false_rebuilds}")
    print(f"wrong answers       {figures.wrong_answers}")
    print(f"stale answers       {figures.stale_answers}")
    print(f"distinct answers    {len(figures.answers)} {dict(sorted(figures.answers.items()))}")
    print(f"editor steps        {dict(sorted(figures.edits.items()))}")
    print(f"other notes         {dict(figures.notes)}")
    print(f"wall seconds        {figures.seconds:.0f}")
    for failure, count in Counter(figures.failed).most_common(10):
        print(f"  {count:4d} x {failure}")
    if args.samples:
        for sample in figures.samples:
            print("--- stderr of a run that failed, rebuilt or answered wrong ---")
            print(sample)


if __name__ == "__main__":
    main()
