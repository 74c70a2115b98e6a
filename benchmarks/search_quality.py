"""Search quality of gzfacts beside two baselines, on the same facts and judged queries.

    python benchmarks/search_quality.py [--queries tests/data/queries.yaml] [--facts facts.yaml]

Baselines: an SQLite FTS5 index with the porter tokenizer, ranked by BM25 over an OR of the
query's words (and, for the unanswerable queries, the same index asked for all the words); and
a case-insensitive substring match of the whole query, in file order.

Prints, for each ranker: recall@1, recall@3 and MRR over the answerable English queries;
recall@3 over the Chinese ones; and on the unanswerable queries (`ids: []`) how often the
ranker wrongly offers a full match (gzfacts: a first hit that misses no word, i.e. exit 0;
FTS5 OR: any hit; FTS5 AND: a fact with every word; substring: a fact containing the query).
Then the queries gzfacts gets wrong.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the repository, for tests.evaluate

from tests.evaluate import Judged, Metrics, measure  # noqa: E402

import gzfacts  # noqa: E402


def fact_text(fact: gzfacts.Fact, topic_title: str) -> str:
    return " ".join([fact.claim, fact.quote, " ".join(fact.aliases), topic_title, fact.attributed_to or ""])


def fts5_porter(fb: gzfacts.FactBase, operator: str = "OR") -> Callable[[str], Sequence[str]]:
    titles = {t.id: t.title for t in fb.topics()}
    facts = fb.facts()
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, body, tokenize='porter unicode61')")
    conn.executemany("INSERT INTO f VALUES (?, ?)", [(f.id, fact_text(f, titles[f.topic])) for f in facts])

    def rank(query: str) -> list[str]:
        words = re.findall(r"\w+", query)
        if not words:
            return []
        match = f" {operator} ".join('"' + w.replace('"', '""') + '"' for w in words)
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


def gzfacts_full_match(fb: gzfacts.FactBase) -> Callable[[str], bool]:
    return lambda query: fb.search(query, limit=1).answered


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "queries.yaml")
    parser.add_argument("--facts", type=Path, default=None)
    args = parser.parse_args(argv)
    entries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    english = [Judged(e["query"], frozenset(e["ids"])) for e in entries if e["ids"] and e.get("lang") != "zh"]
    chinese = [Judged(e["query"], frozenset(e["ids"])) for e in entries if e["ids"] and e.get("lang") == "zh"]
    unanswerable = [e["query"] for e in entries if not e["ids"]]
    with gzfacts.load(args.facts, cache=False) as fb:
        search, fts_or, fts_and, sub = gzfacts_search(fb), fts5_porter(fb), fts5_porter(fb, "AND"), substring(fb)
        rankers: list[tuple[str, Callable[[str], Sequence[str]], Callable[[str], bool]]] = [
            ("gzfacts search", search, gzfacts_full_match(fb)),
            ("SQLite FTS5 BM25 (porter tokenizer, OR of the words)", fts_or, lambda q: bool(fts_or(q))),
            ("SQLite FTS5 BM25 (porter tokenizer, AND of the words)", fts_and, lambda q: bool(fts_and(q))),
            ("substring (case-insensitive)", sub, lambda q: bool(sub(q))),
        ]
        print(
            f"{len(english)} answerable English queries, {len(chinese)} Chinese, {len(unanswerable)} unanswerable; "
            f"{len(fb)} facts\n"
        )
        print("| ranker | recall@1 | recall@3 | MRR | Chinese recall@3 | unanswerable offered as answered |")
        print("|---|---:|---:|---:|---:|---:|")
        ours: Metrics | None = None
        for name, rank, full in rankers:
            m = measure(english, rank)
            zh = measure(chinese, rank)
            wrong = sum(1 for q in unanswerable if full(q))
            ours = ours or m
            print(
                f"| {name} | {m.recall_at_1:.3f} | {m.recall_at_3:.3f} | {m.mrr:.3f} | {zh.recall_at_3:.3f} "
                f"| {wrong}/{len(unanswerable)} ({wrong / len(unanswerable):.0%}) |"
            )
        complete = sum(1 for j in english if fb.search(j.query, limit=1).answered)
        print(f"\ngzfacts: the first hit misses no word for {complete}/{len(english)} answerable queries")
        if ours is not None and ours.misses:
            print("\ngzfacts misses at rank 1:")
            for query, at in ours.misses:
                print(f"  {query!r}: first right answer at rank {at}")
        for query in unanswerable:
            if fb.search(query, limit=1).answered:
                print(f"  unanswerable but answered: {query!r}: {fb.search(query, limit=1).hits[0].fact.id}")
        for j in chinese:
            ids = [hit.fact.id for hit in fb.search(j.query, limit=3).hits]
            if not j.ids & set(ids):
                print(f"  Chinese query not in the first 3: {j.query!r}: {ids}")


if __name__ == "__main__":
    main()
