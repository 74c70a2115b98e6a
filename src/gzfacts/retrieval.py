"""Candidate facts for many short queries against one index: what `check` retrieves with.

`search` ranks a reader's query carefully (typo correction, phrases, BM25 per field) and runs
once per command. `check` asks for candidates once per sentence of a draft, hundreds of times,
and only needs the facts sharing the most informative words with the sentence: its own logic
then decides which fact (if any) a part is about. So a Retriever reads each term's posting
list from the same FTS5 index once per draft, and ranks facts by the summed inverse document
frequency of the terms they share with the query. A term not in the index is simply not there:
no correction, since a checker must not turn "Guiyang" into a word the fact base has.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import chain

from gzfacts.index import FACT_COLUMNS, fact_count, fact_from_row
from gzfacts.model import Fact

#: Facts counted by shared terms before the inverse-document-frequency ranking.
_POOL = 100
#: How many of a query's terms, the rarest, choose the pool.
_RAREST = 4


class Retriever:
    """Ranks a fact base's facts by the informative words they share with a query."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._total = fact_count(conn)
        self._postings: dict[str, tuple[frozenset[int], float]] = {}
        self._facts: dict[int, Fact] = {}

    def postings(self, term: str) -> tuple[frozenset[int], float]:
        """The rowids of the facts with `term` in any field, and the term's inverse document frequency."""
        found = self._postings.get(term)
        if found is None:
            cursor = self._conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", ('"' + term.replace('"', "") + '"',))
            rows = frozenset(row for (row,) in cursor)
            idf = math.log(1 + (self._total - len(rows) + 0.5) / (len(rows) + 0.5))
            found = self._postings[term] = (rows, idf)
        return found

    def candidates(self, terms: Iterable[str], limit: int) -> list[Fact]:
        """At most `limit` facts sharing the query's terms, the highest summed IDF first."""
        lists = [self.postings(term) for term in dict.fromkeys(terms) if term]
        lists = sorted((value for value in lists if value[0]), key=lambda value: len(value[0]))
        if not lists:
            return []
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
        return self.facts([rowid for _, rowid in scored])

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
