"""How long the exports of a big fact base take, how much memory, and how the page fares in a browser.

    python benchmarks/export.py [--count 100000] [--work DIR] [--no-browser]

Makes a synthetic fact base of COUNT facts (benchmarks/synth.py), builds its index once (timed
apart: every command pays it on a first run), then times, each a fresh `gzfacts` process with a
warm index: `export html` (split into pages), `export html --one-page`, `export markdown` and
`export sqlite`: wall seconds, peak RSS, bytes written. Goals at 100,000 facts: HTML under 10 s
and 300 MiB, SQLite under 30 s.

Then, unless --no-browser or chromium is missing, opens the pages in headless Chromium (as the
browser tests do) and times loading a page, and filtering its facts with the search box.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import gzfacts  # benchmarks/ is on sys.path when this runs as a script
from synth import generate

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system: what a busy machine does not inflate) and peak MiB."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def size(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def browse(pages: list[tuple[str, Path]]) -> None:
    """Time loading each page and filtering it with the search box, in headless Chromium."""
    chromium = shutil.which("chromium")
    if chromium is None:
        print("\nchromium is not installed: no browser figures")
        return
    from playwright.sync_api import sync_playwright

    print("\n| page | MB | load s | first filter s | next filter s | clear filter s |")
    print("|---|---:|---:|---:|---:|---:|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for label, path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(path.as_uri(), timeout=600_000)
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            loaded = time.perf_counter() - start
            times = []
            for query in ("railway", "railway 2019 percent", ""):
                start = time.perf_counter()
                page.locator("#_q").fill(query)
                page.wait_for_function(
                    "q => document.getElementById('_status').getAttribute('data-q') === q", arg=query, timeout=600_000
                )
                page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                times.append(time.perf_counter() - start)
            print(
                f"| {label} | {path.stat().st_size / 1e6:.1f} | {loaded:.1f} | "
                + " | ".join(f"{t:.2f}" for t in times)
                + " |"
            )
            page.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument(
        "--work", type=Path, default=None, help="where to keep the generated base (default: a temp dir)"
    )
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="gzfacts-export-"))
    base = work / "facts.yaml"
    if not base.exists():
        base = generate(args.count, work)
    cache = Path(tempfile.mkdtemp(prefix="gzfacts-cache-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    gz = [*gzfacts(), "--facts", str(base)]
    seconds, _, peak = measure([*gz, "topics", "--json"], env)
    print(f"Python {sys.version.split()[0]}, {args.count:,} facts, load average {os.getloadavg()[0]:.1f}")
    print(f"index build (first run of any command, not part of the exports): {seconds:.1f} s, {peak:.0f} MiB\n")
    out = work / "out"
    print("| export | wall s | CPU s | peak MiB | files | MB written |")
    print("|---|---:|---:|---:|---:|---:|")
    runs = [
        ("html (pages)", ["export", "html", "--output", str(out / "html" / "sheet.html")]),
        ("html --one-page", ["export", "html", "--one-page", "--output", str(out / "one" / "sheet.html")]),
        ("markdown", ["export", "markdown", "--output", str(out / "md" / "sheet.md")]),
        ("sqlite", ["export", "sqlite", "--output", str(out / "db" / "facts.db")]),
    ]
    for label, argv in runs:
        target = Path(argv[-1]).parent
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        seconds, cpu, peak = measure([*gz, *argv], env)
        files = sorted(target.iterdir())
        print(f"| {label} | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | {len(files)} | {size(files):.1f} |")
    if not args.no_browser:
        browse(
            [
                ("one page of the split sheet", out / "html" / "sheet-001.html"),
                ("the whole sheet as one page (--one-page)", out / "one" / "sheet.html"),
            ]
        )
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
