"""How fast `gzfacts check` is: a 5,000-word draft, and a single claim beside `gzfacts search`.

    python benchmarks/check_speed.py [--runs 5] [--synth DIR]
    python benchmarks/check_speed.py --pathological [--runs 3]

Prints, as medians of warm runs (the fact base's index already built):

- checking a 5,000-word Markdown draft through the installed command, against the shipped fact
  base and against the 100,000-fact synthetic base of benchmarks/synth.py (made in DIR, or in a
  temporary directory; its first index build takes about 20 s and is not counted);
- the same in-process (FactBase.check), so that start-up is told apart from checking;
- `gzfacts check CLAIM` beside `gzfacts search` with the same words, interleaved, on each base.

The draft is made of the labelled claims (tests/data/claims.yaml), each with an opinion or a
transition after it, repeated until it is 5,000 words long, under headings.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

import gzfacts

ROOT = Path(__file__).resolve().parents[1]
CLAIM = "Guizhou's digital economy accounted for 30 percent of provincial GDP in 2018."
FILLERS = [
    "That is a striking change for a mountainous province.",
    "Officials are proud of the progress, and visitors notice it.",
    "The details matter, as the next section shows.",
    "Not everyone is convinced it will last.",
]


def gzfacts_command() -> list[str]:
    script = Path(sys.executable).parent / "gzfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gzfacts"]


def make_draft(words: int = 5000) -> str:
    """A Markdown draft of about `words` words: the labelled claims, with opinions between them."""
    claims = [c["text"] for c in yaml.safe_load((ROOT / "tests" / "data" / "claims.yaml").read_text())["claims"]]
    parts = ["# A draft on Guizhou's big data push\n"]
    count = 0
    index = 0
    while count < words:
        if index % 10 == 0:
            parts.append(f"\n## Section {index // 10 + 1}\n")
        paragraph = f"{claims[index % len(claims)]} {FILLERS[index % len(FILLERS)]}\n"
        parts.append("\n" + paragraph)
        count += len(paragraph.split())
        index += 1
    return "".join(parts)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run: on a shared machine the CPU
    time is the steadier figure."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {code}")
    return elapsed, usage.ru_utime + usage.ru_stime


def median_runs(commands: list[list[str]], env: dict[str, str], runs: int) -> list[tuple[float, float]]:
    """Median wall and CPU seconds of each command, the commands interleaved run by run."""
    times: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            times[i].append(timed(argv, env))
    return [(statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for t in times]


def in_process(facts: Path | None, draft: str, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of FactBase.check on the draft, in this process."""
    with gzfacts.load(facts) as fb:
        fb.check(draft[:2000])  # warm: first queries, imports
        walls, cpus = [], []
        for _ in range(runs):
            start, cpu = time.perf_counter(), time.process_time()
            fb.check(draft, path="draft.md")
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def pathological(runs: int, size: int = 100_000) -> None:
    """CPU milliseconds per KB of each pathological shape, about `size` bytes of it, checked in
    process against the shipped base, beside the ordinary draft's; the target is within 3x."""
    sys.path.insert(0, str(ROOT))
    from tests.helpers.pathological import SHAPES

    draft = make_draft()
    with gzfacts.load(None) as fb:
        fb.check(draft[:2000])  # warm

        def per_kb(text: str, markdown: bool) -> float:
            cpus = []
            for _ in range(runs):
                cpu = time.process_time()
                fb.check(text, markdown=markdown)
                cpus.append(time.process_time() - cpu)
            return statistics.median(cpus) * 1000 / (len(text.encode()) / 1024)

        ordinary = per_kb(draft, True)
        print(f"medians of {runs} runs, CPU; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
        print("| draft | KB | ms per KB | x ordinary |")
        print("|---|---:|---:|---:|")
        print(f"| ordinary 5,000-word draft | {len(draft.encode()) / 1024:.0f} | {ordinary:.1f} | 1.00 |")
        for name, (markdown, make) in SHAPES.items():
            unit = max(1, len(make(100)) // 100)
            text = make(size // unit)
            ms = per_kb(text, markdown)
            print(f"| {name} | {len(text.encode()) / 1024:.0f} | {ms:.1f} | {ms / ordinary:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--synth", type=Path, default=None, help="directory for the 100,000-fact base")
    parser.add_argument(
        "--pathological",
        action="store_true",
        help="only time the drafts shaped to be slow (tests/helpers/pathological.py), per KB, beside an ordinary one",
    )
    args = parser.parse_args()
    if args.pathological:
        pathological(args.runs)
        return
    work = Path(tempfile.mkdtemp(prefix="gzfacts-check-speed-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
    draft = make_draft()
    draft_file = work / "draft.md"
    draft_file.write_text(draft, encoding="utf-8")
    synth_dir = args.synth or work / "synth-100k"
    synth_facts = synth_dir / "facts.yaml"
    if not synth_facts.exists():
        sys.path.insert(0, str(Path(__file__).parent))
        from synth import generate

        generate(100_000, synth_dir)
    gz = gzfacts_command()
    print(f"Python {sys.version.split()[0]}; draft: {len(draft.split()):,} words, {draft.count(chr(10)):,} lines")
    print(f"medians of {args.runs} warm runs\n")
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(
        "| fact base | `check --file` draft s (CPU s) | in-process check s (CPU s) | `check CLAIM` ms (CPU) "
        "| `search` ms (CPU) | check / search |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, facts in (("shipped (40 facts)", None), ("synthetic (100,000 facts)", synth_facts)):
        base = ["--facts", str(facts)] if facts else []
        timed([*gz, *base, "search", "warm"], env)  # build the index once, not counted
        ((draft_s, draft_cpu),) = median_runs([[*gz, *base, "check", "--file", str(draft_file)]], env, args.runs)
        library_s, library_cpu = in_process(facts, draft, args.runs)
        (check_s, check_cpu), (search_s, search_cpu) = median_runs(
            [[*gz, *base, "check", CLAIM], [*gz, *base, "search", CLAIM]], env, max(args.runs, 9)
        )
        print(
            f"| {name} | {draft_s:.2f} ({draft_cpu:.2f}) | {library_s:.2f} ({library_cpu:.2f}) "
            f"| {check_s * 1000:.0f} ({check_cpu * 1000:.0f}) | {search_s * 1000:.0f} ({search_cpu * 1000:.0f}) "
            f"| {check_s / search_s:.2f} ({check_cpu / search_cpu:.2f}) |"
        )


if __name__ == "__main__":
    main()
