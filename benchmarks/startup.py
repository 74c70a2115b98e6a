"""Start-up time of gzfacts beside the Typer floor, measured in one interleaved run.

    python benchmarks/startup.py [--runs 30] [--facts PATH]

Runs each command `--runs` times, interleaved (one of each, then again), so that machine noise
falls on all of them alike, and prints the median wall time of each and its ratio to the floor:
a hello-world Typer app on the installed Typer. Uses the gzfacts installed beside this Python.
The index cache is warmed first, so these are warm runs. Output goes to a pipe (/dev/null), where
tables are plain text; FORCE_COLOR=1 makes gzfacts draw the table with Rich, as in a terminal.
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
from collections.abc import Sequence
from pathlib import Path

HELLO = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
"""


def gzfacts_command() -> list[str]:
    script = Path(sys.executable).parent / "gzfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gzfacts"]


def commands(work: Path, facts: str | None) -> list[tuple[str, list[str], dict[str, str]]]:
    hello = work / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    gz = gzfacts_command()
    base = [*gz, "--facts", facts] if facts else gz
    export = work / "facts.json"
    with export.open("w", encoding="utf-8") as handle:
        subprocess.run([*base, "list", "--json"], stdout=handle, check=True)
    complete_env = {"_GZFACTS_COMPLETE": "complete_bash", "COMP_WORDS": "gzfacts show digital-e", "COMP_CWORD": "2"}
    if facts:
        complete_env["GZFACTS_FACTS"] = facts
    found = [
        ("python -c pass", [sys.executable, "-c", "pass"], {}),
        ("typer hello world (floor)", [sys.executable, str(hello)], {}),
        ("gzfacts show digital-economy --json", [*base, "show", "digital-economy", "--json"], {}),
        ("gzfacts search telemedicine (table, into a pipe)", [*base, "search", "telemedicine"], {}),
        (
            "gzfacts search telemedicine (table drawn by Rich, as for a terminal)",
            [*base, "search", "telemedicine"],
            {"FORCE_COLOR": "1"},
        ),
        ("gzfacts search telemedicine --json", [*base, "search", "telemedicine", "--json"], {}),
        ("completion of a fact id", gz, complete_env),
    ]
    jq = shutil.which("jq")
    if jq:
        query = '.[] | select(.topic == "digital-economy")'
        found.append(("jq over a JSON export (same facts)", [jq, query, str(export)], {}))
    return found


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--facts", default=None, help="fact base to use (default: the shipped one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(Path(tmp), args.facts)
        for _, command, env in cmds:  # warm the index cache and the OS file cache
            run_once(command, env)
        times: dict[str, list[float]] = {name: [] for name, _, _ in cmds}
        for _ in range(args.runs):
            for name, command, env in cmds:
                times[name].append(run_once(command, env))
    floor = statistics.median(times["typer hello world (floor)"])
    print(f"{args.runs} interleaved runs each, Python {sys.version.split()[0]}, medians\n")
    print("| command | median ms | ratio to Typer floor |")
    print("|---|---:|---:|")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"| {name} | {median * 1000:.1f} | {median / floor:.2f} |")


if __name__ == "__main__":
    main()
