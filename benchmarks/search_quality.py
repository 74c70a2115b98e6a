"""Search quality of gzfacts beside two baselines, on the same facts and judged queries.

    python benchmarks/search_quality.py [--queries tests/data/queries.yaml] [--facts facts.yaml]

Baselines: an SQLite FTS5 index with the porter tokenizer, ranked by BM25 over an OR of the
query's words; and a case-insensitive substring match of the whole query, in file order.
Prints recall@1, recall@3 and MRR for each, and the queries gzfacts misses at rank 1.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

import gzfacts
from gzfacts.evaluate import Judged, Metrics, measure

ROOT = Path(__file__).resolve().parents[1]


def fact_text(fact: gzfacts.Fact, topic_title: str) -> str:
    return " ".join([fact.claim, fact.quote, " ".join(fact.aliases), topic_title, fact.attributed_to or ""])


def fts5_porter(fb: gzfacts.FactBase) -> Callable[[str], Sequence[str]]:
    titles = {t.id: t.title for t in fb.topics()}
    facts = fb.facts()
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, body, tokenize='porter unicode61')")
    conn.executemany("INSERT INTO f VALUES (?, ?)", [(f.id, fact_text(f, titles[f.topic])) for f in facts])

    def rank(query: str) -> list[str]:
        words = re.findall(r"\w+", query)
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        return [row[0] for row in conn.execute("SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 10", (match,))]

    return rank


def substring(fb: gzfacts.FactBase) -> Callable[[str], Sequence[str]]:
    titles = {t.id: t.title for t in fb.topics()}
    texts = [(f.id, fact_text(f, titles[f.topic]).lower()) for f in fb.facts()]

    def rank(query: str) -> list[str]:
        needle = query.lower().strip()
        return [ident for ident, text in texts if needle and needle in text][:10]

    return rank


def gzfacts_search(fb: gzfacts.FactBase) -> Callable[[str], Sequence[str]]:
    def rank(query: str) -> list[str]:
        return [hit.fact.id for hit in fb.search(query, limit=10).hits]

    return rank


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "queries.yaml")
    parser.add_argument("--facts", type=Path, default=None)
    args = parser.parse_args(argv)
    entries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    judged = [Judged(e["query"], frozenset(e["ids"])) for e in entries]
    with gzfacts.load(args.facts, cache=False) as fb:
        results: list[tuple[str, Metrics]] = [
            ("gzfacts search", measure(judged, gzfacts_search(fb))),
            ("SQLite FTS5 BM25 (porter, OR)", measure(judged, fts5_porter(fb))),
            ("substring (case-insensitive)", measure(judged, substring(fb))),
        ]
        count = len(fb)
    print(f"{len(judged)} judged queries, {count} facts\n")
    print("| ranker | recall@1 | recall@3 | MRR |")
    print("|---|---:|---:|---:|")
    for name, m in results:
        print(f"| {name} | {m.recall_at_1:.3f} | {m.recall_at_3:.3f} | {m.mrr:.3f} |")
    misses = results[0][1].misses
    if misses:
        print("\ngzfacts misses at rank 1:")
        for query, rank in misses:
            print(f"  {query!r}: first right answer at rank {rank}")


if __name__ == "__main__":
    main()
