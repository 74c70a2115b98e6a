"""Candidate facts for many short queries against one index: what `check` retrieves with.

`search` ranks a reader's query carefully (typo correction, phrases, BM25 per field) and runs
once per command. `check` asks for candidates once per sentence of a draft, hundreds of times,
and only needs the facts sharing the most informative words with the sentence: its own logic
then decides which fact (if any) a part is about. So a Retriever reads each term's posting
list from the same FTS5 index once per draft, and ranks facts by the summed inverse document
frequency of the terms they share with the query. A term not in the index is simply not there:
no correction, since a checker must not turn "Guiyang" into a word the fact base has.

In a big fact base a common word's posting list holds tens of thousands of facts: reading it
into Python would cost in proportion. Terms whose lists are longer than `_READ` are never read
whole: the best facts are found with bounded FTS5 queries instead (`_top_by_subsets`).
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import chain, combinations

from gzfacts.index import FACT_COLUMNS, fact_count, fact_from_row
from gzfacts.model import Fact

#: Facts counted by shared terms before the inverse-document-frequency ranking.
_POOL = 100
#: How many of a query's terms, the rarest, choose the pool.
_RAREST = 4
#: Posting lists longer than this are not read whole (see `Retriever.candidates`).
_READ = 5000
#: With long posting lists, the facts are ranked by the IDF they share of this many rarest terms.
_RANKED = 5


def _phrase(term: str) -> str:
    """A term as an FTS5 query string."""
    return '"' + term.replace('"', "") + '"'


class Retriever:
    """Ranks a fact base's facts by the informative words they share with a query."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._total = fact_count(conn)
        self._postings: dict[str, tuple[frozenset[int], float]] = {}
        self._frequencies: dict[str, tuple[int, float]] = {}
        self._facts: dict[int, Fact] = {}

    def frequency(self, term: str) -> tuple[int, float]:
        """How many facts have `term` in any field, and the term's inverse document frequency."""
        known = self._postings.get(term)
        if known is not None:
            return len(known[0]), known[1]
        found = self._frequencies.get(term)
        if found is None:
            sql = "SELECT count(*) FROM fts WHERE fts MATCH ?"
            count = int(self._conn.execute(sql, (_phrase(term),)).fetchone()[0])
            found = self._frequencies[term] = (count, self._idf(count))
        return found

    def _idf(self, count: int) -> float:
        return math.log(1 + (self._total - count + 0.5) / (count + 0.5))

    def postings(self, term: str) -> tuple[frozenset[int], float]:
        """The rowids of the facts with `term` in any field, and the term's inverse document frequency."""
        found = self._postings.get(term)
        if found is None:
            cursor = self._conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (_phrase(term),))
            rows = frozenset(row for (row,) in cursor)
            found = self._postings[term] = (rows, self._idf(len(rows)))
        return found

    def first(self, term: str, count: int) -> list[int]:
        """The first `count` rowids (in file order) of the facts with `term`."""
        return self._first_matching(_phrase(term), count)

    def _first_matching(self, match: str, count: int) -> list[int]:
        """The first `count` rowids (in file order) of the facts an FTS5 query matches."""
        sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid LIMIT ?"
        return [row for (row,) in self._conn.execute(sql, (match, count))]

    def candidates(self, terms: Iterable[str], limit: int) -> list[Fact]:
        """At most `limit` facts sharing the query's terms, the highest summed IDF first."""
        distinct = [term for term in dict.fromkeys(terms) if term]
        counted = sorted(((self.frequency(term), term) for term in distinct), key=lambda item: item[0][0])
        counted = [item for item in counted if item[0][0]]
        if not counted:
            return []
        if counted[-1][0][0] > _READ:  # a list too long to read: rank with bounded queries
            return self.facts(self._top_by_subsets([(term, idf) for (_, idf), term in counted[:_RANKED]], limit))
        return self.facts(self._top_from_postings([self.postings(term) for _, term in counted], limit))

    @staticmethod
    def _top_from_postings(lists: list[tuple[frozenset[int], float]], limit: int) -> list[int]:
        """The best `limit` facts from the terms' posting lists (rarest first), read whole."""
        # The pool: the facts with both of the two rarest terms when there are enough of them
        # (one set intersection, in C); else the facts counted most often in the rarest terms'
        # lists. A word half the base has adds little to a ranking but costs the most.
        pool: Collection[int] = lists[0][0] & lists[1][0] if len(lists) > 1 else frozenset()
        narrowed = 2
        while len(pool) > _POOL and narrowed < len(lists):
            # Still too many: keep those with the next rarest term too, while enough are left.
            fewer = frozenset(pool) & lists[narrowed][0]
            if len(fewer) < limit:
                break
            pool, narrowed = fewer, narrowed + 1
        if len(pool) < limit:
            counted = Counter(chain.from_iterable(rows for rows, _ in lists[:_RAREST]))
            pool = [rowid for rowid, _ in counted.most_common(_POOL)]
        scored = sorted(
            ((sum(idf for rows, idf in lists if rowid in rows), rowid) for rowid in pool),
            key=lambda item: (-item[0], item[1]),
        )[:limit]
        return [rowid for _, rowid in scored]

    def _top_by_subsets(self, ranked: list[tuple[str, float]], limit: int) -> list[int]:
        """The best `limit` facts by the summed IDF of the `ranked` terms they have, without
        reading a posting list: each set of terms, the highest summed IDF first, asks FTS5 for
        the facts with exactly those terms (in file order, at most as many as still wanted)."""
        subsets = [chosen for size in range(len(ranked), 0, -1) for chosen in combinations(range(len(ranked)), size)]
        subsets.sort(key=lambda chosen: -sum(ranked[i][1] for i in chosen))  # stable: more terms first on ties
        found: list[int] = []
        for chosen in subsets:
            have = " AND ".join(_phrase(ranked[i][0]) for i in chosen)
            others = [_phrase(term) for i, (term, _) in enumerate(ranked) if i not in chosen]
            match = f"({have}) NOT ({' OR '.join(others)})" if others else have
            found += self._first_matching(match, limit - len(found))
            if len(found) >= limit:
                break
        return found

    def facts(self, rowids: Iterable[int]) -> list[Fact]:
        """The facts with these rowids (from postings()), in that order; each read once."""
        rowids = list(rowids)
        missing = [r for r in rowids if r not in self._facts]
        if missing:
            marks = ", ".join("?" * len(missing))
            sql = f"SELECT rowid, {FACT_COLUMNS} FROM facts WHERE rowid IN ({marks})"
            for row in self._conn.execute(sql, missing):
                self._facts[row[0]] = fact_from_row(row[1:])
        return [self._facts[r] for r in rowids]
