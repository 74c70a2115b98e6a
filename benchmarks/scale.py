"""How gzfacts scales with the size of the fact base: cold index builds, warm runs, memory.

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--runs 15] [--work DIR]

For each size N, makes a synthetic fact base (benchmarks/synth.py), then measures with the
gzfacts installed beside this Python, each run a fresh process:
- the first run (building the index) with an empty cache: wall time and peak RSS;
- warm runs of `show ID --json` and `search telemedicine --json`: median wall time and peak RSS,
  interleaved with the same commands on the shipped fact base, and their ratio to it;
- editing one file of a directory fact base (--split) and the run that follows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import generate  # benchmarks/ is on sys.path when this runs as a script


def gzfacts() -> list[str]:
    script = Path(sys.executable).parent / "gzfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gzfacts"]


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run of `argv`."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--work", type=Path, default=None, help="where to keep generated bases (default: a temp dir)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="gzfacts-scale-"))
    cache = Path(tempfile.mkdtemp(prefix="gzfacts-cache-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    gz = gzfacts()
    shipped_show = [*gz, "show", "digital-economy-gdp-share-2018", "--json"]
    shipped_search = [*gz, "search", "telemedicine", "--json"]
    measure(shipped_show, env)  # warm the shipped base's index

    print(f"Python {sys.version.split()[0]}, {args.runs} interleaved warm runs, medians\n")
    print("| facts | YAML MB | first run s | first run peak MiB | index MB | warm show ms | x shipped "
          "| warm search ms | x shipped | warm peak MiB |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        base_dir = work / f"synth-{size}"
        facts = base_dir / "facts.yaml"
        if not facts.exists():
            generate(size, base_dir)
        for old in cache.glob("gzfacts/*"):
            old.unlink()
        first_s, first_mib = measure([*gz, "--facts", str(facts), "show", "fact-000000-001", "--json"], env)
        index_mb = sum(p.stat().st_size for p in cache.glob("gzfacts/*.sqlite3")) / 1e6
        show = [*gz, "--facts", str(facts), "show", "fact-000000-001", "--json"]
        search = [*gz, "--facts", str(facts), "search", "telemedicine", "--json"]
        times: dict[str, list[float]] = {"show": [], "search": [], "shipped show": [], "shipped search": []}
        peak = 0.0
        for _ in range(args.runs):
            for name, argv in (("show", show), ("shipped show", shipped_show), ("search", search),
                               ("shipped search", shipped_search)):  # fmt: skip
                elapsed, mib = measure(argv, env)
                times[name].append(elapsed)
                if not name.startswith("shipped"):
                    peak = max(peak, mib)
        med = {name: statistics.median(samples) * 1000 for name, samples in times.items()}
        print(
            f"| {size:,} | {facts.stat().st_size / 1e6:.1f} | {first_s:.1f} | {first_mib:.0f} | {index_mb:.0f} "
            f"| {med['show']:.0f} | {med['show'] / med['shipped show']:.2f} "
            f"| {med['search']:.0f} | {med['search'] / med['shipped search']:.2f} | {peak:.0f} |"
        )

    size = max(args.sizes)
    split_dir = work / f"synth-{size}-split"
    if not (split_dir / "facts").exists():
        generate(size, split_dir, split=True)
    facts_dir = split_dir / "facts"
    cold, cold_mib = measure([*gz, "--facts", str(facts_dir), "show", "fact-000000-001", "--json"], env)
    one = sorted(facts_dir.glob("source-*.yaml"))[len(list(facts_dir.glob("source-*.yaml"))) // 2]
    text = one.read_text(encoding="utf-8")
    one.write_text(text.replace('aliases: ["synthetic"', 'aliases: ["synthetic", "edited"', 1), encoding="utf-8")
    edited, edited_mib = measure([*gz, "--facts", str(facts_dir), "search", "edited", "--json"], env)
    one.write_text(text, encoding="utf-8")
    files = len(list(facts_dir.glob("*.yaml")))
    print(
        f"\nDirectory base of {size:,} facts in {files} files: first run {cold:.1f} s ({cold_mib:.0f} MiB); "
        f"after editing one file, the next run {edited:.1f} s ({edited_mib:.0f} MiB)."
    )
    shutil.rmtree(cache, ignore_errors=True)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
