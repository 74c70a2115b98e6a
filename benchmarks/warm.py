"""Warm runs against big fact bases, as ratios to the shipped base: CPU time and wall time.

    python benchmarks/warm.py BASE [BASE ...] [--runs 15] [--cache DIR]

Each BASE is a synthetic fact base made by `benchmarks/synth.py N DIR --split` (its facts
folder); its index is built first if the cache does not hold one (that run is not counted).
Every warm run is a fresh process of the gzfacts installed beside this Python; the commands of
all the bases and of the shipped base are interleaved, round after round, and the medians of
each command's CPU time (user + system, from wait4) and wall time are compared with the same
command on the shipped base. CPU ratios are what to compare on a shared machine: wall time
moves with the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from scale import QUERIES, SHIPPED_IDS, SYNTHETIC_IDS, filled, gzfacts, measure  # benchmarks/ is on sys.path

#: scale.py's commands, and two more: a search within a topic, and one with a typo.
COMMANDS = {
    **QUERIES,
    "search --topic": ["search", "percent", "--topic", "{topic}", "--json"],
    "search typo": ["search", "telemedicnie", "--json"],
}


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one run of `argv`."""
    wall, _, cpu = measure(argv, env)
    return cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bases", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--cache", type=Path, default=None, help="XDG_CACHE_HOME to use (default: $XDG_CACHE_HOME, else a temp dir)"
    )
    parser.add_argument("--commands", nargs="+", default=list(COMMANDS), choices=list(COMMANDS))
    args = parser.parse_args()
    cache = args.cache or Path(os.environ.get("XDG_CACHE_HOME") or tempfile.mkdtemp(prefix="gzfacts-warm-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    gz = gzfacts()
    labels: dict[str, tuple[list[str], dict[str, str]]] = {}
    for name in args.commands:
        labels[f"shipped|{name}"] = ([*gz, *filled(COMMANDS[name], SHIPPED_IDS)], env)
        for base in args.bases:
            argv = [*gz, "--facts", str(base), *filled(COMMANDS[name], SYNTHETIC_IDS)]
            labels[f"{base}|{name}"] = (argv, env)
    for argv, argv_env in labels.values():  # build or refresh every index, and warm the page cache
        run(argv, argv_env)
    cpu: dict[str, list[float]] = {label: [] for label in labels}
    wall: dict[str, list[float]] = {label: [] for label in labels}
    for _ in range(args.runs):
        for label, (argv, argv_env) in labels.items():
            c, w = run(argv, argv_env)
            cpu[label].append(c)
            wall[label].append(w)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} interleaved warm runs, medians.")
    print("| base | command | CPU ms | CPU x shipped | wall ms | wall x shipped |")
    print("|---|---|---:|---:|---:|---:|")
    for name in args.commands:
        c0 = statistics.median(cpu[f"shipped|{name}"])
        w0 = statistics.median(wall[f"shipped|{name}"])
        print(f"| shipped | {name} | {c0 * 1000:.0f} | 1.00 | {w0 * 1000:.0f} | 1.00 |")
        for base in args.bases:
            c = statistics.median(cpu[f"{base}|{name}"])
            w = statistics.median(wall[f"{base}|{name}"])
            print(f"| {base} | {name} | {c * 1000:.0f} | {c / c0:.2f} | {w * 1000:.0f} | {w / w0:.2f} |")


if __name__ == "__main__":
    main()
