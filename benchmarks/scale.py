"""How gzfacts scales with the size of the fact base: first builds, memory, index size, warm runs.

    python benchmarks/scale.py                      # 100,000 and 300,000 facts
    python benchmarks/scale.py --sizes 100000       # one size
    python benchmarks/scale.py --million            # adds 1,000,000 facts (minutes, ~450 MB of YAML)
    python benchmarks/scale.py --jobs 1             # pass --jobs to gzfacts (if it has the option)
    python benchmarks/scale.py --sizes 1000000 --cache /tmp/gzfacts-cache  # reuse an index built there

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
- the stat floor: the time to os.stat every input file the index records (fact files and
  source texts), in this process, interleaved with the warm runs (median): the least any
  never-stale warm run pays, since every run stats every input file. A second table sets each
  warm command against it: the time over the shipped base's, and that less the floor.
- the freshness check's one pass alone (gzfacts.index.freshness.all_settled_and_same), in this
  process, beside the floor; with --packed-ab, the same warm commands and the same check on a
  copy of the index without its packed stats (the check then reads the files table's rows),
  interleaved with the others.
- editing one file of the base and the run that follows (--edit).
Ratios are what to compare across runs; absolute times move with the load of a shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gzfacts.index.cache import index_path
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


def recorded_files(index: Path) -> list[str]:
    """The input files an index records: every one is stat'd by every warm run."""
    conn = sqlite3.connect(f"{index.as_uri()}?mode=ro", uri=True)
    try:
        return [path for (path,) in conn.execute("SELECT path FROM files")]
    finally:
        conn.close()


def stat_all(paths: list[str]) -> float:
    """Seconds to os.stat every path once, as the freshness check does (the stat floor)."""
    start = time.perf_counter()
    for _ in map(os.stat, paths):
        pass
    return time.perf_counter() - start


def one_pass_check(index: Path, facts: Path) -> float:
    """Seconds the freshness check's one pass takes on `index` (in this process, the connection
    opened beforehand): from its packed stats, else from the files table's rows."""
    from gzfacts.index.freshness import all_settled_and_same, connect_read_only

    conn = connect_read_only(index)
    try:
        conn.execute("BEGIN")
        start = time.perf_counter()
        fresh = all_settled_and_same(conn, facts.resolve())
        elapsed = time.perf_counter() - start
    finally:
        conn.close()
    if not fresh:
        raise SystemExit(f"{index} is not found fresh by the one-pass check: the figures would not be of it")
    return elapsed


#: The meta rows of the packed stats (gzfacts.index.freshness.PACKED_KEYS).
PACKED_KEYS = ("stat_paths", "stat_facts", "stat_values")


def unpacked_copy(index: Path, cache: Path) -> bool:
    """Copy `index` into the cache folder `cache` (its XDG_CACHE_HOME), without its packed stats:
    the freshness check reads the files table's rows instead. False when `index` has none to drop
    (racily clean stamps: both copies would be checked alike)."""
    folder = cache / "gzfacts"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    copy = folder / index.name
    shutil.copyfile(index, copy)
    conn = sqlite3.connect(copy)
    with conn:
        dropped = conn.execute(f"DELETE FROM meta WHERE key IN {PACKED_KEYS}").rowcount
    conn.execute("VACUUM")
    conn.close()
    return dropped == len(PACKED_KEYS)


def has_packed(index: Path) -> bool:
    conn = sqlite3.connect(f"{index.as_uri()}?mode=ro", uri=True)
    try:
        count: int = conn.execute(f"SELECT count(*) FROM meta WHERE key IN {PACKED_KEYS}").fetchone()[0]
        return count == len(PACKED_KEYS)
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--million", action="store_true", help="also measure 1,000,000 facts (takes minutes)")
    parser.add_argument("--runs", type=int, default=9, help="warm runs of each command (interleaved)")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs N to the first run")
    parser.add_argument("--edit", action="store_true", help="also edit one file and time the run after")
    parser.add_argument(
        "--packed-ab", action="store_true", help="also the warm commands on a copy of the index without packed stats"
    )
    parser.add_argument("--work", type=Path, default=None, help="where to keep generated bases (default: a temp dir)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="the runs' XDG_CACHE_HOME, kept: an index already built there is used, not built again "
        "(its first-run figures are then left out: '-') (default: a new temp dir, removed after)",
    )
    args = parser.parse_args()
    sizes = [*args.sizes, *([1_000_000] if args.million else [])]
    work = args.work or Path(tempfile.mkdtemp(prefix="gzfacts-scale-"))
    cache = args.cache.resolve() if args.cache else Path(tempfile.mkdtemp(prefix="gzfacts-cache-"))
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
    floors: list[tuple[int, int, dict[str, float]]] = []
    for size in sizes:
        base_dir = work / f"synth-{size}-split"
        facts = base_dir / "facts"
        if not (base_dir / "done").exists():
            shutil.rmtree(base_dir, ignore_errors=True)
            generate(size, base_dir, split=True)
            (base_dir / "done").touch()
        index = index_path(facts, cache / "gzfacts")
        reused = args.cache is not None and index.exists()
        if not reused:
            for old in cache.glob("gzfacts/*"):
                old.unlink()
        first_s, first_mib, first_cpu = measure(
            [*gz, "--facts", str(facts), *jobs, *filled(QUERIES["show"], SYNTHETIC_IDS)], env
        )
        index_mb = index.stat().st_size / 1e6
        yaml_mb = yaml_bytes(facts) / 1e6
        mine = {name: [*gz, "--facts", str(facts), *filled(argv, SYNTHETIC_IDS)] for name, argv in QUERIES.items()}
        if not reused:
            time.sleep(2.1)  # past gzfacts.files.RACY_NS after the last write: the next run can pack the stats
        measure(mine["show"], env)  # stamps racily clean at the build are settled, and packed, here
        measure(shipped["show"], env)  # the shipped base's index again (the cache was emptied)
        variants = [("", env)]
        if args.packed_ab:
            unpacked_cache = Path(tempfile.mkdtemp(prefix="gzfacts-unpacked-"))
            if unpacked_copy(index, unpacked_cache):
                variants.append(("unpacked ", {**env, "XDG_CACHE_HOME": str(unpacked_cache)}))
            else:
                print(f"(the index of {size:,} facts has no packed stats to compare without)")
        paths = recorded_files(index)
        times: dict[str, list[float]] = {}
        peak = 0.0
        for _ in range(args.runs):
            times.setdefault("stat floor", []).append(stat_all(paths))
            times.setdefault("one-pass check", []).append(one_pass_check(index, facts))
            if len(variants) > 1:
                unpacked_index = index_path(facts, unpacked_cache / "gzfacts")
                times.setdefault("unpacked one-pass check", []).append(one_pass_check(unpacked_index, facts))
            for name in names:
                runs = [(prefix + name, argv_env, mine[name]) for prefix, argv_env in variants]
                for label, argv_env, argv in (*runs, ("shipped " + name, env, shipped[name])):
                    elapsed, mib, _ = measure(argv, argv_env)
                    times.setdefault(label, []).append(elapsed)
                    if label == name:
                        peak = max(peak, mib)
        if args.packed_ab:
            if len(variants) > 1 and has_packed(index_path(facts, unpacked_cache / "gzfacts")):
                print("(the copy without packed stats was packed again by a run: its figures are not without them)")
            shutil.rmtree(unpacked_cache, ignore_errors=True)
        med = {label: statistics.median(samples) * 1000 for label, samples in times.items()}
        floors.append((size, len(paths), med))
        cells = " | ".join(f"{med[n]:.0f} | {med[n] / med['shipped ' + n]:.2f}" for n in names)
        first = "- | - | -" if reused else f"{first_s:.1f} | {first_cpu:.1f} | {first_mib:.0f}"
        print(
            f"| {size:,} | {yaml_mb:.1f} | {first} | {index_mb:.0f} "
            f"| {index_mb / yaml_mb:.2f} | {cells} | {peak:.0f} |",
            flush=True,
        )

    print_floor_table(floors, names, packed_ab=args.packed_ab)
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
    if args.cache is None:
        shutil.rmtree(cache, ignore_errors=True)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


def print_floor_table(floors: list[tuple[int, int, dict[str, float]]], names: list[str], *, packed_ab: bool) -> None:
    """Each warm command against the stat floor: milliseconds over the shipped base's, and that
    less the floor (the target: at most 15 ms); with `packed_ab`, the same without packed stats."""
    print()
    print("| facts | input files | stat floor ms | one-pass freshness check ms | without packed stats ms |")
    print("|---:|---:|---:|---:|---:|")
    for size, files, med in floors:
        rows_check = med.get("unpacked one-pass check")
        from_rows = "-" if rows_check is None else f"{rows_check:.1f}"
        print(f"| {size:,} | {files:,} | {med['stat floor']:.1f} | {med['one-pass check']:.1f} | {from_rows} |")
    print()
    extra = " | without packed stats ms | over shipped ms" if packed_ab else ""
    head = "| facts | input files | stat floor ms | command | warm ms | shipped ms | over shipped ms | less floor ms"
    print(f"{head}{extra} |")
    print("|---:|---:|---:|---|---:|---:|---:|---:" + ("|---:|---:" if packed_ab else "") + "|")
    for size, files, med in floors:
        floor = med["stat floor"]
        for name in names:
            over = med[name] - med["shipped " + name]
            row = f"| {size:,} | {files:,} | {floor:.1f} | {name} | {med[name]:.0f} | {med['shipped ' + name]:.0f} "
            row += f"| {over:.0f} | {over - floor:.0f}"
            if packed_ab:
                unpacked = med.get("unpacked " + name)
                row += (
                    " | - | -" if unpacked is None else f" | {unpacked:.0f} | {unpacked - med['shipped ' + name]:.0f}"
                )
            print(row + " |", flush=True)


if __name__ == "__main__":
    main()
