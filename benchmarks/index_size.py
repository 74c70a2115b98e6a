"""What each table and index of gzfacts' index costs, and the index's size against the YAML's.

    python benchmarks/index_size.py FACT_BASE [INDEX.sqlite3]

Opens (building it if needed, in the usual cache) the index of FACT_BASE, or reads INDEX, and
prints SQLite's dbstat per object (MB, and the unused bytes in its pages), the free pages, the
file's size, and its ratio to the fact base's YAML files (the source texts are not counted in
the YAML, as in benchmarks/scale.py).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def main() -> None:
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    base = Path(sys.argv[1])
    if len(sys.argv) == 3:
        index = Path(sys.argv[2])
    else:
        import gzfacts

        with gzfacts.load(base) as fb:
            if fb.index_file is None:
                raise SystemExit("the index was built in memory: is the cache folder writable?")
            index = fb.index_file
    yaml = sum(p.stat().st_size for p in (base.rglob("*.yaml") if base.is_dir() else [base]))
    conn = sqlite3.connect(f"{index.as_uri()}?mode=ro", uri=True)
    rows = conn.execute("SELECT name, sum(pgsize), sum(unused) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    conn.close()
    print(f"{index} (page size {page})")
    print("| object | MB | unused MB |\n|---|---:|---:|")
    for name, size, unused in rows:
        print(f"| {name} | {size / 1e6:.2f} | {unused / 1e6:.2f} |")
    print(f"| free pages | {free * page / 1e6:.2f} | |")
    size = index.stat().st_size
    print(f"\nindex {size / 1e6:.1f} MB, YAML {yaml / 1e6:.1f} MB: index / YAML = {size / yaml:.2f}")


if __name__ == "__main__":
    main()
