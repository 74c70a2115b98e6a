"""How gzfacts scales with the size of the fact base: first builds, memory, index size, warm runs.

    python benchmarks/scale.py                      # 100,000 and 300,000 facts
    python benchmarks/scale.py --sizes 100000       # one size
    python benchmarks/scale.py --million            # adds 1,000,000 facts (minutes, ~450 MB of YAML)
    python benchmarks/scale.py --jobs 1             # pass --jobs to gzfacts (if it has the option)

For each size N, makes a synthetic directory fact base (benchmarks/synth.py N DIR --split, 100
facts a file, kept in --work between runs), then measures with the gzfacts installed beside this
Python, each run a fresh process:
- the first run (building the index) with an empty cache: wall time and the child's peak RSS
  (ru_maxrss from wait4) and CPU time (user + system, its worker processes included);
- the index's size, and its ratio to the YAML's size (the fact files, not the source texts);
- warm runs of `show ID --json`, `search telemedicine --json` (a rare word), `search percent
  --json` (a common one: its unit matches about 12% of the facts), `list --topic T --json`
  and `check` of one sentence, interleaved with the same commands on the shipped fact base:
  medians, and ratios to the shipped base.
- editing one file of the base and the run that follows (--edit).
Ratios are what to compare across runs; absolute times move with the load of a shared machine.
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

#: The warm commands measured on every base; `filled()` names the base's fact and topic in them.
QUERIES = {
    "show": ["show", "{fact}", "--json"],
    "search": ["search", "telemedicine", "--json"],
    "search common": ["search", "percent", "--json"],
    "list --topic": ["list", "--topic", "{topic}", "--json"],
    "check": ["check", "The digital economy accounted for 26.9 percent of provincial GDP in 2018.", "--json"],
}
#: The fact and topic the commands name on the shipped base and on a synthetic one.
SHIPPED_IDS = {"fact": "digital-economy-gdp-share-2018", "topic": "digital-economy"}
SYNTHETIC_IDS = {"fact": "fact-000000-001", "topic": "topic-007"}


def filled(argv: list[str], ids: dict[str, str]) -> list[str]:
    """A command of QUERIES with the base's fact and topic ids in it."""
    return [arg.format(**ids) for arg in argv]


def gzfacts() -> list[str]:
    script = Path(sys.executable).parent / "gzfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gzfacts"]


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system, with its workers) of one run of `argv`."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def yaml_bytes(base: Path) -> int:
    return sum(p.stat().st_size for p in base.rglob("*.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--million", action="store_true", help="also measure 1,000,000 facts (takes minutes)")
    parser.add_argument("--runs", type=int, default=9, help="warm runs of each command (interleaved)")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs N to the first run")
    parser.add_argument("--edit", action="store_true", help="also edit one file and time the run after")
    parser.add_argument("--work", type=Path, default=None, help="where to keep generated bases (default: a temp dir)")
    args = parser.parse_args()
    sizes = [*args.sizes, *([1_000_000] if args.million else [])]
    work = args.work or Path(tempfile.mkdtemp(prefix="gzfacts-scale-"))
    cache = Path(tempfile.mkdtemp(prefix="gzfacts-cache-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    gz = gzfacts()
    jobs = ["--jobs", str(args.jobs)] if args.jobs is not None else []
    shipped = {name: [*gz, *filled(argv, SHIPPED_IDS)] for name, argv in QUERIES.items()}
    measure(shipped["show"], env)  # warm the shipped base's index

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores (load average {load}), "
        f"{args.runs} interleaved warm runs, medians."
    )
    print()
    names = list(QUERIES)
    head = " | ".join(f"warm {n} ms | x shipped" for n in names)
    print(
        "| facts | YAML MB | first run s | first run CPU s | first run peak MiB | index MB | index / YAML "
        f"| {head} | warm peak MiB |"
    )
    print("|---:" * (8 + 2 * len(names)) + "|")
    for size in sizes:
        base_dir = work / f"synth-{size}-split"
        facts = base_dir / "facts"
        if not (base_dir / "done").exists():
            shutil.rmtree(base_dir, ignore_errors=True)
            generate(size, base_dir, split=True)
            (base_dir / "done").touch()
        for old in cache.glob("gzfacts/*"):
            old.unlink()
        first_s, first_mib, first_cpu = measure(
            [*gz, "--facts", str(facts), *jobs, *filled(QUERIES["show"], SYNTHETIC_IDS)], env
        )
        index_mb = sum(p.stat().st_size for p in cache.glob("gzfacts/*.sqlite3")) / 1e6
        yaml_mb = yaml_bytes(facts) / 1e6
        mine = {name: [*gz, "--facts", str(facts), *filled(argv, SYNTHETIC_IDS)] for name, argv in QUERIES.items()}
        times: dict[str, list[float]] = {}
        peak = 0.0
        for _ in range(args.runs):
            for name in names:
                for label, argv in ((name, mine[name]), ("shipped " + name, shipped[name])):
                    elapsed, mib, _ = measure(argv, env)
                    times.setdefault(label, []).append(elapsed)
                    if label == name:
                        peak = max(peak, mib)
        med = {label: statistics.median(samples) * 1000 for label, samples in times.items()}
        cells = " | ".join(f"{med[n]:.0f} | {med[n] / med['shipped ' + n]:.2f}" for n in names)
        print(
            f"| {size:,} | {yaml_mb:.1f} | {first_s:.1f} | {first_cpu:.1f} | {first_mib:.0f} | {index_mb:.0f} "
            f"| {index_mb / yaml_mb:.2f} | {cells} | {peak:.0f} |",
            flush=True,
        )

    if args.edit:
        facts = work / f"synth-{sizes[-1]}-split" / "facts"
        files = sorted(facts.rglob("source-*.yaml"))
        one = files[len(files) // 2]
        text = one.read_text(encoding="utf-8")
        one.write_text(text.replace('aliases: ["synthetic"', 'aliases: ["synthetic", "edited"', 1), encoding="utf-8")
        try:
            edited, edited_mib, _ = measure([*gz, "--facts", str(facts), "search", "edited", "--json"], env)
        finally:
            one.write_text(text, encoding="utf-8")
        print(
            f"\nDirectory base of {sizes[-1]:,} facts in {len(files) + 1} files: after editing one file, "
            f"the next run {edited:.1f} s ({edited_mib:.0f} MiB)."
        )
    shutil.rmtree(cache, ignore_errors=True)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
