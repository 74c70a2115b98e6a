"""Search: query analysis (stems, compounds, typo correction), retrieval, ranking, and what
each result matched of the query and what it did not.

Retrieval is an FTS5 OR-query weighted per field with BM25. Each candidate is then checked
word by word: which of the query's content words it matches (directly, by stem, by an alias
phrase, by correction) and which it misses. Facts that match every word come first; then the
rest, by how much of the query they cover (rare words weigh more, and a shared stem or a part
of a hyphenated word counts less than the word itself); then by whether the query's terms
stand together as a phrase, and finally BM25.
"""

from __future__ import annotations

import heapq
import operator
import sqlite3
from typing import NamedTuple

from gzfacts.index import FACT_COLUMNS, FTS_COLUMNS, fact_from_row
from gzfacts.index.schema import FACTS_QUALIFIED
from gzfacts.model import Fact
from gzfacts.search.matching import (
    CORRECTED,
    EXACT,
    FIELD_NAMES,
    MATCH_QUALITY,
    PART,
    STEM,
    Weigher,
    foreign_words,
    highlight_spans,
    longest_run,
    matches,
    missed_by_all,
    script_of,
    unit_terms,
)
from gzfacts.search.query import (
    HOW_MANY,
    HOW_WORDS,
    MAX_CJK_PAIRS,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    MAX_QUERY_WORDS,
    NEGATING_PREFIXES,
    QueryTerm,
    analyse,
    check_query,
    edit_budget,
    keeps_negation,
)
from gzfacts.text import is_cjk

__all__ = [
    "CORRECTED",
    "EXACT",
    "FIELD_NAMES",
    "HOW_MANY",
    "HOW_WORDS",
    "MATCH_QUALITY",
    "MAX_CJK_PAIRS",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "MAX_QUERY_WORDS",
    "MIN_CANDIDATES",
    "NEGATING_PREFIXES",
    "PART",
    "RANKED",
    "STEM",
    "Hit",
    "QueryTerm",
    "SearchResult",
    "analyse",
    "check_query",
    "edit_budget",
    "highlight_spans",
    "keeps_negation",
    "script_of",
    "search",
]


#: Candidates fetched by BM25 before re-ranking, at least.
MIN_CANDIDATES = 100
#: BM25 ranks at most this many matches of a query (see `_candidates`).
RANKED = 5000


class Hit(NamedTuple):
    """One search result: the fact, its score, what matched where, and what it misses."""

    fact: Fact
    score: float
    rank: int
    #: Each matched query term and the fields it matched in.
    matched: dict[str, tuple[str, ...]]
    phrase: bool = False
    #: The query's content words this fact does not match (empty: it matches them all).
    missing: tuple[str, ...] = ()
    #: (word, how) for each content word it matches: "word", "stem", "alias", "part of a
    #: compound", "characters" (CJK), or "correction (...)".
    how: tuple[tuple[str, str], ...] = ()


class SearchResult(NamedTuple):
    """The hits of a query, best first, with how the query was read."""

    query: str
    terms: tuple[QueryTerm, ...]
    hits: tuple[Hit, ...]
    #: Distinct query words left out for being past MAX_QUERY_WORDS.
    dropped: int = 0
    #: The query's content words, as typed (what `Hit.missing` names).
    words: tuple[str, ...] = ()
    #: How many facts match at least one word, before the limit.
    total: int = 0
    #: Words (or parts of CJK words) that no fact matches at all.
    unmatched: tuple[str, ...] = ()
    #: (word, script) for query words in a script the fact base has no text in.
    foreign: tuple[tuple[str, str], ...] = ()
    #: Characters of the query left unread for being past MAX_QUERY_CHARS.
    unread: int = 0

    @property
    def corrections(self) -> list[tuple[str, str]]:
        """(typed, corrected) pairs for the words that were corrected."""
        return [(t.typed, t.corrected) for t in self.terms if t.corrected]

    @property
    def reading(self) -> str:
        """The query as it was searched for, with corrections applied."""
        read = {t.word: t.corrected or t.typed for t in self.terms}
        return " ".join(read.values())

    @property
    def answered(self) -> bool:
        """Whether some fact matches every content word of the query."""
        return bool(self.hits) and not self.hits[0].missing

    def highlight_terms(self) -> frozenset[str]:
        """The index terms whose occurrences are highlighted."""
        return frozenset(t.term for t in self.terms if t.known)


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int | None = 10,
    topic: str | None = None,
    correct: bool = True,
) -> SearchResult:
    """The facts matching `query`, best first (at most `limit`, all when None).

    Every hit says which of the query's content words it misses; facts that miss none come
    first. `correct=False` searches every word as typed, with no typo correction.
    """
    terms, words, dropped, unread = analyse(conn, query, correct=correct)
    searchable = list(dict.fromkeys(t.term for t in terms if t.known))
    candidates, total = _candidates(conn, searchable, limit, topic) if searchable else ({}, 0)
    if not candidates:
        return SearchResult(query, terms, (), dropped, words, 0, words, foreign_words(conn, terms), unread)
    # When facts past the candidates match too, the hits only need to be the best `limit` of
    # them (what no candidate matches is then said only of words the index does not know).
    keep = limit if limit is not None and total > len(candidates) else None
    scored = _score(conn, candidates, terms, words, keep)
    scored.sort(key=lambda item: (-item[0], item[1]))
    unmatched = missed_by_all([item[5] for item in scored])
    if total > len(scored):  # facts past the candidates were not read: claim only what the index proves
        unknown = {t.typed for t in terms if not t.known and not is_cjk(t.term)}
        unmatched = tuple(word for word in unmatched if word.removeprefix(HOW_MANY) in unknown)
    if limit is not None:
        scored = scored[:limit]
    # 3. Only the facts shown are read in full.
    chosen = [item[2] for item in scored]
    marks = ", ".join("?" * len(chosen))
    facts = {
        row[0]: fact_from_row(row[1:])
        for row in conn.execute(f"SELECT rowid, {FACT_COLUMNS} FROM facts WHERE rowid IN ({marks})", chosen)
    }
    hits = tuple(
        Hit(facts[rowid], round(score, 4), rank, matched, phrase, missing, how)
        for rank, (score, _, rowid, matched, phrase, missing, how) in enumerate(scored, start=1)
    )
    return SearchResult(query, terms, hits, dropped, words, total, unmatched, foreign_words(conn, terms), unread)


def _candidates(
    conn: sqlite3.Connection, searchable: list[str], limit: int | None, topic: str | None
) -> tuple[dict[int, float], int]:
    """BM25 picks the candidates (rowid -> BM25 score), from the FTS index alone; and how many
    facts match at least one term in all.

    FTS5 scores every match it is asked to rank, so when more than RANKED facts match (a common
    word in a big base), BM25 ranks the first RANKED of them, in file order, and, for a query of
    several words, the first RANKED of the facts that match every word (those come first in the
    results): the cost is bounded, and no match of every word is crowded out by partial ones.
    """
    weights = ", ".join(str(weight) for _, weight in FTS_COLUMNS)
    wanted = max(MIN_CANDIDATES, (limit or 0) * 10) if limit is not None else -1
    # `+rowid`: the topic's facts filter FTS5's matches; as an index on rowid, FTS5 would run
    # the query again for each fact of the topic (seconds in a big base).
    where = "fts MATCH ?" + (" AND +rowid IN (SELECT rowid FROM facts WHERE topic = ?)" if topic is not None else "")
    params: list[object] = [topic] if topic is not None else []
    phrases = ['"' + term.replace('"', '""') + '"' for term in searchable]
    match = " OR ".join(phrases)
    if wanted < 0:
        sql = f"SELECT rowid, bm25(fts, {weights}) FROM fts WHERE {where} ORDER BY 2"
        candidates = dict(conn.execute(sql, [match, *params]).fetchall())
        return candidates, len(candidates)
    ranked = f"SELECT rowid, bm25(fts, {weights}) FROM fts WHERE {where} LIMIT {RANKED + 1}"
    rows = conn.execute(ranked, [match, *params]).fetchall()
    if len(rows) <= RANKED:
        return dict(heapq.nsmallest(wanted, rows, key=_second)), len(rows)
    total = int(conn.execute(f"SELECT count(*) FROM fts WHERE {where}", [match, *params]).fetchone()[0])
    candidates = dict(heapq.nsmallest(wanted, rows[:RANKED], key=_second))
    if len(phrases) > 1:
        every = conn.execute(ranked, [" AND ".join(phrases), *params]).fetchall()[:RANKED]
        candidates.update(heapq.nsmallest(wanted, every, key=_second))
    return candidates, total


_second = operator.itemgetter(1)


_Scored = tuple[
    float, tuple[str, int], int, dict[str, tuple[str, ...]], bool, tuple[str, ...], tuple[tuple[str, str], ...]
]


def _score(
    conn: sqlite3.Connection,
    candidates: dict[int, float],
    terms: tuple[QueryTerm, ...],
    words: tuple[str, ...],
    keep: int | None = None,
) -> list[_Scored]:
    """Each candidate checked word by word and scored: (score, file order, rowid, matched,
    phrase, missing, how).

    With `keep`, only the best `keep` are wanted: candidates are checked in the order of the
    most they could score (`_ceiling`), and the rest are left unchecked once `keep` of them score
    more than any of the rest could (the same best `keep`, for less work).
    """
    weigh = Weigher(conn, terms, words)
    query_seq = [t.term for t in terms if t.known]
    facts = _read_candidates(conn, candidates, query_seq)
    if keep is not None:
        facts.sort(key=lambda item: -item[0])
    scored: list[_Scored] = []
    best: list[float] = []  # the best `keep` scores so far (a heap: the least first)
    for ceiling, rowid, forder, title, fact, measured, relevance in facts:
        if keep is not None and len(best) >= keep and best[0] > ceiling:
            break  # no fact left can score more than the `keep` best so far
        score, matched, phrase, missing, how = _score_fact(fact, title, terms, query_seq, weigh, measured, relevance)
        order = (fact.origin.file if fact.origin else "", forder)
        scored.append((score, order, rowid, matched, phrase, missing, how))
        if keep is not None:
            (heapq.heappush if len(best) < keep else heapq.heappushpop)(best, score)
    return scored


#: A candidate as read before its words are checked: (the most it can score, rowid, file order,
#: topic title, fact, how much of the query its unit names, its BM25 relevance from 0 to 1).
_Candidate = tuple[float, int, int, str | None, Fact, float, float]


def _read_candidates(conn: sqlite3.Connection, candidates: dict[int, float], query_seq: list[str]) -> list[_Candidate]:
    """The candidates' facts, each with the most it can score (`_ceiling`)."""
    marks = ", ".join("?" * len(candidates))
    # The search table is contentless: the candidates' analysed columns are computed again,
    # from the facts, as the index computed them.
    rows = conn.execute(
        f"SELECT facts.rowid, facts.forder, topics.title, {FACTS_QUALIFIED} "
        f"FROM facts LEFT JOIN topics ON topics.id = facts.topic WHERE facts.rowid IN ({marks})",
        list(candidates),
    ).fetchall()
    facts: list[_Candidate] = []
    for rowid, forder, title, *record in rows:
        fact = fact_from_row(record)
        unit = str(fact.unit or "")
        measured = len(set(query_seq) & unit_terms(unit)) / len(query_seq) if query_seq else 0.0
        bm25 = float(candidates[rowid])
        relevance = -bm25 / (1.0 - bm25) if bm25 < 0 else 0.0
        facts.append((_ceiling(len(query_seq), measured, relevance), rowid, forder, title, fact, measured, relevance))
    return facts


def _score_fact(
    fact: Fact,
    title: str | None,
    terms: tuple[QueryTerm, ...],
    query_seq: list[str],
    weigh: Weigher,
    measured: float,
    relevance: float,
) -> tuple[float, dict[str, tuple[str, ...]], bool, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """One fact's score, with what it matched, whether it holds the query as a phrase, the
    words it misses and how it matched the others."""
    from gzfacts.index.build import fts_columns

    columns = fts_columns(fact, title or "", {})
    texts = [f" {columns[name]} " for name, _ in FTS_COLUMNS]
    seq = columns["seq"]
    said = (fact.claim, fact.quote, fact.attributed_to, fact.unit, fact.qualifier, fact.period, fact.id, title)
    surface = " ".join(str(value) for value in said if value)
    described = " ".join(str(value) for value in (fact.qualifier, fact.period) if value)
    unit = str(fact.unit or "")
    matched, quality, kinds = matches(terms, query_seq, texts, seq, surface, unit, described)
    missing = weigh.missing(quality)
    run = longest_run(seq, query_seq) if len(query_seq) > 1 else 0
    # Facts matching every word score 1 or more; then how much of the query a fact covers,
    # weighted by the words' rarity and how well each matched; then the longest run of
    # query terms standing together; then whether the query names what the fact's figure
    # measures (its unit: "growth rate" for "percent year-on-year growth"); then BM25.
    # _ceiling() is the most each part can add: keep the two in step.
    together = (run - 1) / (len(query_seq) - 1) if run > 1 else 0.0
    score = (
        (0.0 if missing else 1.0) + 0.5 * weigh.coverage(quality) + 0.3 * together + 0.1 * measured + 0.09 * relevance
    )
    return score, matched, run == len(query_seq) > 1, missing, weigh.how(kinds)


def _ceiling(query_terms: int, measured: float, relevance: float) -> float:
    """The most a fact can score (see `_score`), from what is known before its words are checked:
    it matches every word, fully, all in one run."""
    top = 1.0 + 0.5 + (0.3 if query_terms > 1 else 0.0) + 0.1 * measured + 0.09 * relevance
    return top + 1e-9  # above any rounding of the sum the exact score is
