"""Search: query analysis (stems, compounds, typo correction), retrieval and ranking.

Retrieval is an FTS5 OR-query weighted per field with BM25; the candidates are then ranked
by how many distinct query terms they match (all before some), whether the query's terms
stand together as a phrase, and finally BM25.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from itertools import pairwise
from typing import NamedTuple

from gzfacts.errors import UsageError
from gzfacts.index import FACT_COLUMNS, FTS_COLUMNS, SEP, fact_from_row
from gzfacts.model import Fact
from gzfacts.text import STOP_WORDS, Token, part_tokens, stem, tokens

#: A query's distinct words past this many are left out (and the caller is told how many).
MAX_QUERY_WORDS = 32
#: Candidates fetched by BM25 before re-ranking, at least.
MIN_CANDIDATES = 100
#: Field names as shown by --explain, per FTS column.
FIELD_NAMES = {
    "claim": "claim",
    "quote": "quote",
    "aliases": "aliases",
    "topic": "topic title",
    "attribution": "attributed_to",
    "extra": "id/unit/qualifier/period",
}


class QueryTerm(NamedTuple):
    """One term of an analysed query: what was typed, and the index term it became."""

    typed: str
    term: str
    #: The word the typed one was corrected to, when it was not in the fact base.
    corrected: str | None = None
    #: True when the term was built by joining two typed words ("e commerce").
    joined: bool = False
    #: False when the term is not in the fact base at all (nothing can match it).
    known: bool = True

    def describe(self) -> str:
        """How the typed word was read, for --explain."""
        if not self.known:
            return f"{self.typed!r}: not in the fact base"
        if self.corrected:
            return f"{self.typed!r}: corrected to {self.corrected!r} (term {self.term!r})"
        how = "joined" if self.joined else ("stemmed" if self.term != self.typed else "exact")
        return f"{self.typed!r}: {how} (term {self.term!r})"


class Hit(NamedTuple):
    """One search result: the fact, its score, and what matched where."""

    fact: Fact
    score: float
    rank: int
    #: Each matched query term and the fields it matched in.
    matched: dict[str, tuple[str, ...]]
    phrase: bool = False


class SearchResult(NamedTuple):
    """The hits of a query, best first, with how the query was read."""

    query: str
    terms: tuple[QueryTerm, ...]
    hits: tuple[Hit, ...]
    #: Distinct query words left out for being past MAX_QUERY_WORDS.
    dropped: int = 0

    @property
    def corrections(self) -> list[tuple[str, str]]:
        """(typed, corrected) pairs for the words that were corrected."""
        return [(t.typed, t.corrected) for t in self.terms if t.corrected]

    @property
    def reading(self) -> str:
        """The query as it was searched for, with corrections applied."""
        return " ".join(t.corrected or t.typed for t in self.terms)

    def highlight_terms(self) -> frozenset[str]:
        """The index terms whose occurrences are highlighted."""
        return frozenset(t.term for t in self.terms if t.known)


def check_query(query: str) -> None:
    """Refuse a query with nothing to search for: empty, or only spaces and punctuation."""
    if not query.strip():
        raise UsageError("the search query is empty: give one or more words to search for")
    if all(unicodedata.category(c)[0] in "PZC" for c in query):
        raise UsageError(f"the search query {query!r} has only punctuation or spaces: give words or numbers")


def analyse(conn: sqlite3.Connection, query: str) -> tuple[tuple[QueryTerm, ...], int]:
    """Read a query into index terms: stop words out, split words joined, typos corrected.

    Returns the terms and how many distinct words were left out for being past MAX_QUERY_WORDS.
    """
    check_query(query)
    typed = list(tokens(query, keep_stop_words=True))
    content = [t for t in typed if t.word not in STOP_WORDS]
    distinct = list({t.word: t for t in reversed(content or typed)}.values())[::-1]
    words = distinct[:MAX_QUERY_WORDS]
    dropped = len(distinct) - len(words)
    known = _known_terms(conn, [t.term for t in words] + _joined_candidates(words))
    result: list[QueryTerm] = []
    i = 0
    while i < len(words):
        current = words[i]
        if i + 1 < len(words):
            joined = stem(current.word + words[i + 1].word)
            if joined in known and not (
                current.term in known and words[i + 1].term in known and _is_word_pair_phrase(current, words[i + 1])
            ):
                result.append(QueryTerm(f"{current.word} {words[i + 1].word}", joined, joined=True))
                i += 2
                continue
        if current.term in known:
            result.append(QueryTerm(current.word, current.term))
        else:
            result.append(_correct(conn, current))
        i += 1
    # The same term typed twice counts once.
    unique: dict[str, QueryTerm] = {}
    for term in result:
        unique.setdefault(term.term, term)
    return tuple(unique.values()), dropped


def _is_word_pair_phrase(first: Token, second: Token) -> bool:
    # Two known words typed apart are kept apart unless the first is a lone letter ("e commerce").
    return len(first.word) > 1


def _joined_candidates(words: list[Token]) -> list[str]:
    return [stem(a.word + b.word) for a, b in pairwise(words)]


def _known_terms(conn: sqlite3.Connection, candidates: list[str]) -> set[str]:
    if not candidates:
        return set()
    marks = ", ".join("?" * len(candidates))
    return {row[0] for row in conn.execute(f"SELECT term FROM words WHERE term IN ({marks})", candidates)}


def edit_budget(word: str) -> int:
    """How many edits a typed word may be from a fact-base word: 0 under 4 letters, 1 up to 7, else 2."""
    if len(word) < 4 or word[0].isdigit():
        return 0
    return 1 if len(word) <= 7 else 2


def _correct(conn: sqlite3.Connection, token: Token) -> QueryTerm:
    budget = edit_budget(token.word)
    if budget:
        rows = conn.execute(
            "SELECT word, term FROM words WHERE length(word) BETWEEN ? AND ?",
            (len(token.word) - budget, len(token.word) + budget),
        ).fetchall()
        if rows:
            from rapidfuzz import process
            from rapidfuzz.distance import Levenshtein

            best = process.extractOne(
                token.word, [w for w, _ in rows], scorer=Levenshtein.distance, score_cutoff=budget
            )
            if best is not None:
                word, _, index = best
                return QueryTerm(token.word, rows[index][1], corrected=word)
    return QueryTerm(token.word, token.term, known=False)


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int | None = 10,
    topic: str | None = None,
) -> SearchResult:
    """The facts matching `query`, best first (at most `limit`, all when None)."""
    terms, dropped = analyse(conn, query)
    searchable = [t.term for t in terms if t.known]
    candidates = _candidates(conn, searchable, limit, topic) if searchable else {}
    if not candidates:
        return SearchResult(query, terms, (), dropped)
    scored = _score(conn, candidates, searchable)
    scored.sort(key=lambda item: (-item[0], item[1]))
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
        Hit(facts[rowid], round(score, 4), rank, matched, phrase)
        for rank, (score, _, rowid, matched, phrase) in enumerate(scored, start=1)
    )
    return SearchResult(query, terms, hits, dropped)


def _candidates(
    conn: sqlite3.Connection, searchable: list[str], limit: int | None, topic: str | None
) -> dict[int, float]:
    """BM25 picks the candidates (rowid -> BM25 score), from the FTS index alone."""
    match = " OR ".join('"' + term.replace('"', '""') + '"' for term in dict.fromkeys(searchable))
    weights = ", ".join(str(weight) for _, weight in FTS_COLUMNS)
    wanted = max(MIN_CANDIDATES, (limit or 0) * 10) if limit is not None else -1
    sql = f"SELECT rowid, bm25(fts, {weights}) FROM fts WHERE fts MATCH ?"
    params: list[object] = [match]
    if topic is not None:
        sql += " AND rowid IN (SELECT rowid FROM facts WHERE topic = ?)"
        params.append(topic)
    return dict(conn.execute(sql + " ORDER BY 2 LIMIT ?", [*params, wanted]).fetchall())


_Scored = tuple[float, tuple[str, int], int, dict[str, tuple[str, ...]], bool]


def _score(conn: sqlite3.Connection, candidates: dict[int, float], searchable: list[str]) -> list[_Scored]:
    """Each candidate scored on which terms it matches where, and on phrases:
    (score, file order, rowid, matched, phrase)."""
    columns = ", ".join(f"fts.{name}" for name, _ in FTS_COLUMNS)
    marks = ", ".join("?" * len(candidates))
    rows = conn.execute(
        f"SELECT fts.rowid, facts.file, facts.forder, {columns}, facts.seq "
        f"FROM fts JOIN facts ON facts.rowid = fts.rowid WHERE fts.rowid IN ({marks})",
        list(candidates),
    ).fetchall()
    padded_terms = [(term, f" {term} ") for term in searchable]
    width = len(FTS_COLUMNS)
    scored: list[_Scored] = []
    for row in rows:
        rowid, order = row[0], (row[1] or "", row[2])
        texts = [f" {text} " for text in row[3 : 3 + width]]
        matched: dict[str, tuple[str, ...]] = {}
        for term, padded in padded_terms:
            where = tuple(
                FIELD_NAMES[name] for (name, _), text in zip(FTS_COLUMNS, texts, strict=True) if padded in text
            )
            if where:
                matched[term] = where
        run = _longest_run(str(row[3 + width]), searchable) if len(searchable) > 1 else 0
        phrase = run == len(searchable) > 1
        bm25 = float(candidates[rowid])
        relevance = -bm25 / (1.0 - bm25) if bm25 < 0 else 0.0
        # The whole part counts matched terms, so facts matching all terms rank first; then
        # the longest run of query terms standing together, then BM25 (both below 0.5).
        together = (run - 1) / (len(searchable) - 1) if run > 1 else 0.0
        score = len(matched) + 0.5 * together + 0.49 * relevance
        scored.append((score, order, rowid, matched, phrase))
    return scored


def _longest_run(seq: str, query_seq: list[str]) -> int:
    """The most query terms that stand together, in the query's order, in one field."""
    best = 0
    parts = [f" {part} " for part in seq.split(SEP)]
    for start in range(len(query_seq)):
        for end in range(len(query_seq), start + best, -1):
            needle = " " + " ".join(query_seq[start:end]) + " "
            if any(needle in part for part in parts):
                best = end - start
                break
    return best


def highlight_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """The [start, end) spans of the words of `text` that match one of `terms`."""
    spans = {(t.start, t.end) for t in tokens(text) if t.term in terms}
    spans.update((t.start, t.end) for t in part_tokens(text) if t.term in terms)
    return sorted(spans)
