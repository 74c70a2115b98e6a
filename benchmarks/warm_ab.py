"""Warm CPU time of two gzfacts installs, interleaved: is a change slower on a big base?

    python benchmarks/warm_ab.py GZFACTS_A GZFACTS_B FACT_BASE [--runs 9] [--only show,search]

GZFACTS_A and GZFACTS_B are two `gzfacts` scripts (say, main and a branch, each installed in
its own venv: `python -m venv /tmp/a && /tmp/a/bin/pip install .`). Each keeps its own cache
(a temporary XDG_CACHE_HOME), warmed first on FACT_BASE (a synthetic base from
`benchmarks/synth.py N DIR --split`) and on the shipped base. Then every round runs each
command with A, then B, on both bases, and the child's CPU time (user + system, from wait4)
is taken: CPU rather than wall time, because a shared machine's load moves wall time more.
Prints medians, each as a ratio to the shipped base, and B / A.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile

from scale import QUERIES, SHIPPED_IDS, SYNTHETIC_IDS, filled, measure  # benchmarks/ is on sys.path

SHIPPED = {name: filled(argv, SHIPPED_IDS) for name, argv in QUERIES.items()}
SYNTHETIC = {name: filled(argv, SYNTHETIC_IDS) for name, argv in QUERIES.items()}


def cpu_ms(gz: str, argv: list[str], cache: str) -> float:
    """The CPU milliseconds (user + system) of one run."""
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return measure([gz, *argv], env)[2] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("base")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--only", default="", help="commands to run, comma-separated (default: all)")
    args = parser.parse_args()
    names = [n for n in SYNTHETIC if not args.only or n in args.only.split(",")]
    caches = {gz: tempfile.mkdtemp(prefix="gzfacts-ab-") for gz in (args.a, args.b)}
    try:
        for gz, cache in caches.items():  # build both indexes of both bases first
            cpu_ms(gz, ["--facts", args.base, *SYNTHETIC["show"]], cache)
            cpu_ms(gz, SHIPPED["show"], cache)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for name in names:
                for gz, cache in caches.items():
                    times.setdefault((gz, name), []).append(cpu_ms(gz, ["--facts", args.base, *SYNTHETIC[name]], cache))
                    times.setdefault((gz, "shipped " + name), []).append(cpu_ms(gz, SHIPPED[name], cache))
        med = {key: statistics.median(samples) for key, samples in times.items()}
        print(f"{args.runs} interleaved runs, median CPU ms (user + system)\n")
        print("| command | A ms | A × shipped | B ms | B × shipped | B / A |\n|---|---:|---:|---:|---:|---:|")
        for name in names:
            a, b = med[(args.a, name)], med[(args.b, name)]
            ra, rb = a / med[(args.a, "shipped " + name)], b / med[(args.b, "shipped " + name)]
            print(f"| {name} | {a:.0f} | {ra:.2f} | {b:.0f} | {rb:.2f} | {b / a:.2f} |")
    finally:
        for cache in caches.values():
            shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
