"""How to index Chinese: character bigrams (what gzfacts does) against FTS5's trigram tokenizer.

    python benchmarks/cjk_index.py [--queries tests/data/queries.yaml]

Builds, over the same facts, gzfacts' whole index (CJK runs analysed into overlapping character
pairs, then FTS5 unicode61) and an FTS5 index with the trigram tokenizer over the raw text of
the same fields. Prints the size of each full-text index, and for the Chinese judged queries how
many find one of their facts in the first three (the trigram index is asked for the query as a
substring, then, as FTS5 cannot match fewer than three characters, for each of its words).
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import yaml

import gzfacts
from gzfacts.index.build import build
from gzfacts.loader import read_checked
from gzfacts.text import cjk_segments

ROOT = Path(__file__).resolve().parents[1]


def fts_bytes(conn: sqlite3.Connection) -> int:
    """Bytes of the full-text index's own tables (fts and its shadow tables), from dbstat."""
    row = conn.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name = 'fts' OR name LIKE 'fts\\_%' ESCAPE '\\'"
    ).fetchone()
    return int(row[0] or 0)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "queries.yaml")
    args = parser.parse_args(argv)
    fact_path = ROOT / "facts.yaml"
    parsed, texts = read_checked(fact_path)
    stamps = list(parsed.stamps.values())  # taken as each file was read
    titles = {t.id: t.title for t in parsed.topics}

    def build_bigrams() -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:")
        build(conn, parsed, texts, stamps, fact_path=fact_path)
        return conn

    def build_trigrams() -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:")
        conn.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, claim, quote, aliases, topic, attribution, "
            "tokenize='trigram')"
        )
        conn.executemany(
            "INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?)",
            [
                (f.id, f.claim, f.quote, " | ".join(f.aliases), titles[f.topic], f.attributed_to or "")
                for f in parsed.facts
            ],
        )
        return conn

    results = {}
    for name, make in (("character bigrams (gzfacts)", build_bigrams), ("FTS5 trigram tokenizer", build_trigrams)):
        conn = make()
        results[name] = (fts_bytes(conn), conn)

    entries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    chinese = [(e["query"], set(e["ids"])) for e in entries if e.get("lang") == "zh"]
    with gzfacts.load(fact_path, cache=False) as fb:
        found_bigrams = sum(1 for q, ids in chinese if ids & {h.fact.id for h in fb.search(q, limit=3).hits})
    trigram = results["FTS5 trigram tokenizer"][1]
    found_trigrams = 0
    short_words = 0
    for query, ids in chinese:
        words = [seg for part in query.split() for _, seg in cjk_segments(part)]
        short_words += sum(1 for w in words if len(w) < 3)
        ranked: list[str] = []
        for needle in [query, *words]:
            if len(needle) >= 3:
                rows = trigram.execute(
                    "SELECT id FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 3", ('"' + needle + '"',)
                ).fetchall()
                ranked += [r[0] for r in rows if r[0] not in ranked]
        if ids & set(ranked[:3]):
            found_trigrams += 1
    print(
        f"{len(parsed.facts)} facts, {len(chinese)} Chinese queries ({short_words} of their words are 1-2 characters)\n"
    )
    print("| index | full-text index bytes | Chinese queries answered in the first 3 |")
    print("|---|---:|---:|")
    found = {"character bigrams (gzfacts)": found_bigrams, "FTS5 trigram tokenizer": found_trigrams}
    for name, (size, conn) in results.items():
        print(f"| {name} | {size:,} | {found[name]}/{len(chinese)} |")
        conn.close()


if __name__ == "__main__":
    main()
