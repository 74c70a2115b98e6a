"""Which FTS5 options make gzfacts' index smaller without slowing search.

    python benchmarks/fts_options.py INDEX.sqlite3 [--runs 20]

Copies the search table of a built index (see `gzfacts cache info` for where it is) into
fresh databases, one per set of FTS5 options, and prints each one's size and the median time of
the candidate query search runs (BM25, top 100) for a rare and a common term.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

VARIANTS = {
    "stored content, detail=full (before)": "",
    "stored content, detail=column": ", detail=column",
    "stored content, prefix='2 3'": ", prefix='2 3'",
    "contentless, detail=full": ", content=''",
    "contentless, detail=column": ", content='', detail=column",
}
COLUMNS = ("claim", "quote", "aliases", "topic", "attribution", "extra")
WEIGHTS = "4.0, 1.5, 3.0, 2.0, 1.5, 1.0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("index", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--terms", nargs="+", default=["telemedicin", "percent"])
    args = parser.parse_args()
    source = sqlite3.connect(f"{args.index.as_uri()}?mode=ro", uri=True)
    facts = source.execute("SELECT count(*) FROM facts").fetchone()[0]
    print(f"{facts:,} facts; median of {args.runs} runs of the top-100 BM25 query\n")
    print("| FTS5 options | search table MB | " + " | ".join(f"`{t}` ms (matches)" for t in args.terms) + " |")
    print("|---|---:|" + "---:|" * len(args.terms))
    names = ", ".join(COLUMNS)
    with tempfile.TemporaryDirectory() as work:
        for label, options in VARIANTS.items():
            path = Path(work) / "fts.sqlite3"
            path.unlink(missing_ok=True)
            conn = sqlite3.connect(path)
            conn.execute(
                f"CREATE VIRTUAL TABLE fts USING fts5({names}, "
                f"tokenize=\"unicode61 remove_diacritics 0 tokenchars '.'\"{options})"
            )
            with conn:
                rows = source.execute(f"SELECT rowid, {names} FROM fts")
                conn.executemany(f"INSERT INTO fts(rowid, {names}) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            conn.execute("VACUUM")
            size = os.path.getsize(path) / 1e6
            cells = []
            for term in args.terms:
                sql = f"SELECT rowid, bm25(fts, {WEIGHTS}) FROM fts WHERE fts MATCH ? ORDER BY 2 LIMIT 100"
                count = conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (f'"{term}"',)).fetchone()[0]
                times = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    conn.execute(sql, (f'"{term}"',)).fetchall()
                    times.append(time.perf_counter() - start)
                cells.append(f"{statistics.median(times) * 1000:.1f} ({count:,})")
            conn.close()
            print(f"| {label} | {size:.1f} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
