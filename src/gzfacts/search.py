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
import math
import operator
import re
import sqlite3
import unicodedata
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from gzfacts.errors import UsageError
from gzfacts.index import FACT_COLUMNS, FTS_COLUMNS, SEP, fact_from_row
from gzfacts.index.schema import FACTS_QUALIFIED
from gzfacts.model import Fact
from gzfacts.text import STOP_WORDS, Token, is_cjk, part_tokens, stem, tokens

#: A query's distinct words past this many are left out (and the caller is told how many).
MAX_QUERY_WORDS = 32
#: A CJK word (a run between question words and particles) is searched in pieces of at most
#: this many characters pairs: a long run is rarely one word, and pairs cost phrase checks.
MAX_CJK_PAIRS = 11
#: A query's terms past this many (CJK words have one a character pair) are left out too.
MAX_QUERY_TERMS = 64
#: A query is read up to this many characters (at a space, where there is one).
MAX_QUERY_CHARS = 4096
#: Candidates fetched by BM25 before re-ranking, at least.
MIN_CANDIDATES = 100
#: BM25 ranks at most this many matches of a query (see `_candidates`).
RANKED = 5000
#: Field names as shown by --explain, per FTS column.
FIELD_NAMES = {
    "claim": "claim",
    "quote": "quote",
    "aliases": "aliases",
    "topic": "topic title",
    "attribution": "attributed_to",
    "extra": "id/unit/qualifier/period",
}
#: How much a match counts, by how it was made: the word itself (or a whole alias phrase); only
#: a shared stem ("centered" for "center"); only a part of a hyphenated word ("people-centered").
EXACT, STEM, PART = 1.0, 0.75, 0.5
MATCH_QUALITY = {"word": EXACT, "alias": EXACT, "characters": EXACT, "stem": STEM, "part of a compound": PART}
#: A corrected word's matches count this much of an uncorrected one's.
CORRECTED = 0.9
#: How a word asked about with "how many" is named among the query's words ("how many bridges").
HOW_MANY = "how many "
#: Prefixes that negate a word: a correction never edits them away ("unemployment" is not "employment").
NEGATING_PREFIXES = ("un", "non", "in", "im", "ir", "il", "dis")


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
    #: Which content word of the query (SearchResult.words) the term stands for.
    word: int = 0
    #: Where the term starts in that word: CJK words are searched as overlapping character pairs.
    offset: int = 0
    #: True for the word after "how many": only a fact that counts it (in its unit) matches it.
    counted: bool = False
    #: How `corrected` stands to the typed word when it is no typo: "synonym" (from WordNet), else "".
    related: str = ""

    def describe(self) -> str:
        """How the typed word was read, for --explain."""
        if is_cjk(self.term):
            found = "" if self.known else ": not in the fact base"
            return f"{self.typed!r}: characters {self.term!r}{found}"
        if not self.known:
            return f"{self.typed!r}: not in the fact base"
        if self.corrected and self.related:
            return f"{self.typed!r}: read as its {self.related} {self.corrected!r} (term {self.term!r})"
        if self.corrected:
            return f"{self.typed!r}: corrected to {self.corrected!r} (term {self.term!r})"
        how = "joined" if self.joined else ("stemmed" if self.term != self.typed else "exact")
        return f"{self.typed!r}: {how} (term {self.term!r})"


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


def check_query(query: str) -> None:
    """Refuse a query with nothing to search for: empty, or only spaces and punctuation."""
    if not query.strip():
        raise UsageError("the search query is empty: give one or more words to search for")
    if all(unicodedata.category(c)[0] in "PZC" for c in query):
        raise UsageError(f"the search query {query!r} has only punctuation or spaces: give words or numbers")


#: Words that make a question of "how" ("how tall is the bridge"): they ask for a figure, and
#: are not themselves words a fact must contain.
HOW_WORDS = frozenset("big tall high fast large long old far quickly often well small wide deep heavy".split())


def _counted(typed: list[Token]) -> set[int]:
    """Where the words asked about with "how many" start ("how many bridges": "bridges")."""
    return {
        third.start
        for first, second, third in zip(typed, typed[1:], typed[2:], strict=False)
        if first.word == "how" and second.word == "many" and third.word not in STOP_WORDS
    }


def _content_words(query: str, typed: list[Token]) -> list[list[Token]]:
    """The query's content words, from its tokens (`typed`, stop words included): English words
    without stop words, and each CJK segment as one word made of its character pairs; repeats
    left out."""
    asking = {b.start for a, b in pairwise(typed) if a.word == "how" and b.word in HOW_WORDS}
    content = [t for t in typed if t.word not in STOP_WORDS and t.start not in asking] or typed
    words: list[list[Token]] = []
    for token in content:
        last = words[-1][-1] if words else None
        # Overlapping character pairs belong to one CJK word ("远程", "程医", "医疗").
        joins = last is not None and is_cjk(token.term) and is_cjk(last.term) and token.start == last.end - 1
        if joins and len(words[-1]) < MAX_CJK_PAIRS:
            words[-1].append(token)
        else:
            words.append([token])
    seen: dict[str, list[Token]] = {}
    for word in words:
        seen.setdefault(query[word[0].start : word[-1].end] if is_cjk(word[0].term) else word[0].word, word)
    return list(seen.values())


def analyse(
    conn: sqlite3.Connection, query: str, *, correct: bool = True
) -> tuple[tuple[QueryTerm, ...], tuple[str, ...], int, int]:
    """Read a query into index terms: stop words out, split words joined, typos corrected
    (unless `correct` is False).

    Returns the terms, the content words they stand for, how many distinct words were left
    out for being past MAX_QUERY_WORDS (or MAX_QUERY_TERMS), and how many characters were left
    unread for being past MAX_QUERY_CHARS.
    """
    check_query(query)
    query, unread = _cut_query(query)
    typed = list(tokens(query, keep_stop_words=True))
    counted = _counted(typed)
    distinct = _content_words(query, typed)
    units = _within_limits(distinct)
    dropped = len(distinct) - len(units)
    singles = [unit[0] for unit in units if not is_cjk(unit[0].term)]
    known = _known_terms(conn, [t.term for unit in units for t in unit] + _joined_candidates(singles))
    result: list[QueryTerm] = []
    words: list[str] = []
    i = 0
    while i < len(units):
        unit = units[i]
        current = unit[0]
        index = len(words)
        if is_cjk(current.term):
            start = current.start
            text = query[start : unit[-1].end]
            words.append(text)
            result += [QueryTerm(text, t.term, known=t.term in known, word=index, offset=t.start - start) for t in unit]
            i += 1
            continue
        following = units[i + 1][0] if i + 1 < len(units) else None
        if following is not None and not is_cjk(following.term):
            joined = stem(current.word + following.word)
            if joined in known and not (
                current.term in known and following.term in known and _is_word_pair_phrase(current, following)
            ):
                words.append(f"{current.word} {following.word}")
                result.append(QueryTerm(words[-1], joined, joined=True, word=index))
                i += 2
                continue
        how_many = current.start in counted
        words.append(HOW_MANY + current.word if how_many else current.word)
        # A word the base lacks, or a counted word it has only inside another ("how many nations"
        # where the base says "national"), is read as a synonym it has.
        lacking = current.term not in known or (how_many and _only_as_another_word(conn, current))
        related = _related(conn, current) if lacking else None
        if related is not None:
            term = related
        elif current.term in known:
            term = QueryTerm(current.word, current.term)
        elif correct:
            term = _correct(conn, current)
        else:
            term = QueryTerm(current.word, current.term, known=False)
        result.append(term._replace(word=index, counted=how_many))
        i += 1
    return tuple(result), tuple(words), dropped, unread


def _cut_query(query: str) -> tuple[str, int]:
    """The query cut to MAX_QUERY_CHARS at a space where there is one, and how many characters were cut."""
    if len(query) <= MAX_QUERY_CHARS:
        return query, 0
    space = query.rfind(" ", 0, MAX_QUERY_CHARS + 1)
    cut = space if space > 0 else MAX_QUERY_CHARS
    return query[:cut], len(query) - cut


def _within_limits(distinct: list[list[Token]]) -> list[list[Token]]:
    """The first words of a query, up to MAX_QUERY_WORDS words and MAX_QUERY_TERMS terms."""
    units: list[list[Token]] = []
    size = 0
    for unit in distinct[:MAX_QUERY_WORDS]:
        size += len(unit)
        if size > MAX_QUERY_TERMS:
            break
        units.append(unit)
    return units


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


def _only_as_another_word(conn: sqlite3.Connection, token: Token) -> bool:
    """Whether the fact base has the word's stem only in another word ("nations": only
    "national"): what is counted ("how many nations") is then better read by its synonym."""
    from gzfacts.checking import wordnet

    row = conn.execute("SELECT word FROM words WHERE term = ?", (token.term,)).fetchone()
    if row is None:
        return False
    return not {row[0], *wordnet.base_forms(row[0])} & {token.word.lower(), *wordnet.base_forms(token.word.lower())}


def _related(conn: sqlite3.Connection, token: Token) -> QueryTerm | None:
    """A word the fact base has in place of one it lacks: a synonym in the word's first sense
    ("nations": "countries"), from WordNet, the lexicon `check` reads sentences with (loaded only
    when a query has such a word). Only synonyms: a more general word ("state" for
    "unemployment") would offer an answer where the source says nothing."""
    if not token.word.isalpha() or is_cjk(token.word):
        return None
    from gzfacts.checking import wordnet

    lower = token.word.lower()
    for base in wordnet.base_forms(lower)[:1]:
        singles = sorted(w for w in wordnet.synonyms(base, senses=1) if w.isalpha() and w != lower)
        found = _known_terms(conn, [stem(w) for w in singles])
        for word in singles:
            if stem(word) in found:
                return QueryTerm(token.word, stem(word), corrected=word, related="synonym")
    return None


def edit_budget(word: str) -> int:
    """How many edits a typed word may be from a fact-base word: 0 under 4 letters, 1 up to 7, else 2."""
    if len(word) < 4 or word[0].isdigit():
        return 0
    return 1 if len(word) <= 7 else 2


def keeps_negation(typed: str, candidate: str) -> bool:
    """Whether correcting `typed` to `candidate` keeps a negating prefix ("unemploymnt" must not
    become "employment")."""
    return all(candidate.startswith(prefix) for prefix in NEGATING_PREFIXES if typed.startswith(prefix))


def _correct(conn: sqlite3.Connection, token: Token) -> QueryTerm:
    """The fact-base word `token` is a typo of, if it is one.

    A word that is itself English ("unemployment", "beds") is never a typo: it is searched as
    typed, and matches nothing. Only misspellings are corrected, within the edit budget, and
    never by editing away a negating prefix.
    """
    unknown = QueryTerm(token.word, token.term, known=False)
    budget = edit_budget(token.word)
    if not budget:
        return unknown
    # Words that start with a digit are left out: figures are most of a big base's words
    # (250,000 of 254,000 at a million facts), and a typed word has a budget only when it
    # starts with a letter. Two ranges of the primary key, in its order.
    shortest, longest = len(token.word) - budget, len(token.word) + budget
    rows = conn.execute(
        "SELECT word, term FROM words WHERE term < '0' AND length(word) BETWEEN ? AND ? UNION ALL "
        "SELECT word, term FROM words WHERE term >= ':' AND length(word) BETWEEN ? AND ?",
        (shortest, longest, shortest, longest),
    ).fetchall()
    if not rows:
        return unknown
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    found = process.extract(token.word, [w for w, _ in rows], scorer=Levenshtein.distance, score_cutoff=budget, limit=5)
    candidates = [(word, index) for word, _, index in found if keeps_negation(token.word, word)]
    if not candidates:
        return unknown
    # Read only when there is a correction to weigh: a real English word is never a typo.
    from gzfacts.dictionary import is_english_word

    if is_english_word(token.word):
        return unknown
    word, index = candidates[0]
    return QueryTerm(token.word, rows[index][1], corrected=word)


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
        return SearchResult(query, terms, (), dropped, words, 0, words, _foreign(conn, terms), unread)
    # When facts past the candidates match too, the hits only need to be the best `limit` of
    # them (what no candidate matches is then said only of words the index does not know).
    keep = limit if limit is not None and total > len(candidates) else None
    scored = _score(conn, candidates, terms, words, keep)
    scored.sort(key=lambda item: (-item[0], item[1]))
    unmatched = _missed_by_all([item[5] for item in scored])
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
    return SearchResult(query, terms, hits, dropped, words, total, unmatched, _foreign(conn, terms), unread)


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
    from gzfacts.index.build import fts_columns

    marks = ", ".join("?" * len(candidates))
    # The search table is contentless: the candidates' analysed columns are computed again,
    # from the facts, as the index computed them.
    rows = conn.execute(
        f"SELECT facts.rowid, facts.forder, topics.title, {FACTS_QUALIFIED} "
        f"FROM facts LEFT JOIN topics ON topics.id = facts.topic WHERE facts.rowid IN ({marks})",
        list(candidates),
    ).fetchall()
    weigh = _Weigher(conn, terms, words)
    query_seq = [t.term for t in terms if t.known]
    facts = []
    for rowid, forder, title, *record in rows:
        fact = fact_from_row(record)
        unit = str(fact.unit or "")
        measured = len(set(query_seq) & _unit_terms(unit)) / len(query_seq) if query_seq else 0.0
        bm25 = float(candidates[rowid])
        relevance = -bm25 / (1.0 - bm25) if bm25 < 0 else 0.0
        facts.append((_ceiling(len(query_seq), measured, relevance), rowid, forder, title, fact, measured, relevance))
    if keep is not None:
        facts.sort(key=lambda item: -item[0])
    scored: list[_Scored] = []
    best: list[float] = []  # the best `keep` scores so far (a heap: the least first)
    for ceiling, rowid, forder, title, fact, measured, relevance in facts:
        if keep is not None and len(best) >= keep and best[0] > ceiling:
            break  # no fact left can score more than the `keep` best so far
        order = (fact.origin.file if fact.origin else "", forder)
        columns = fts_columns(fact, title or "", {})
        texts = [f" {columns[name]} " for name, _ in FTS_COLUMNS]
        seq = columns["seq"]
        said = (fact.claim, fact.quote, fact.attributed_to, fact.unit, fact.qualifier, fact.period, fact.id, title)
        surface = " ".join(str(value) for value in said if value)
        described = " ".join(str(value) for value in (fact.qualifier, fact.period) if value)
        unit = str(fact.unit or "")
        matched, quality, kinds = _matches(terms, query_seq, texts, seq, surface, unit, described)
        missing = weigh.missing(quality)
        how = weigh.how(kinds)
        run = _longest_run(seq, query_seq) if len(query_seq) > 1 else 0
        phrase = run == len(query_seq) > 1
        # Facts matching every word score 1 or more; then how much of the query a fact covers,
        # weighted by the words' rarity and how well each matched; then the longest run of
        # query terms standing together; then whether the query names what the fact's figure
        # measures (its unit: "growth rate" for "percent year-on-year growth"); then BM25.
        # _ceiling() is the most each part can add: keep the two in step.
        together = (run - 1) / (len(query_seq) - 1) if run > 1 else 0.0
        score = (
            (0.0 if missing else 1.0)
            + 0.5 * weigh.coverage(quality)
            + 0.3 * together
            + 0.1 * measured
            + 0.09 * relevance
        )
        scored.append((score, order, rowid, matched, phrase, missing, how))
        if keep is not None:
            (heapq.heappush if len(best) < keep else heapq.heappushpop)(best, score)
    return scored


def _ceiling(query_terms: int, measured: float, relevance: float) -> float:
    """The most a fact can score (see `_score`), from what is known before its words are checked:
    it matches every word, fully, all in one run."""
    top = 1.0 + 0.5 + (0.3 if query_terms > 1 else 0.0) + 0.1 * measured + 0.09 * relevance
    return top + 1e-9  # above any rounding of the sum the exact score is


def _matches(
    terms: tuple[QueryTerm, ...],
    query_seq: list[str],
    texts: list[str],
    seq: str,
    surface: str,
    unit: str,
    described: str,
) -> tuple[dict[str, tuple[str, ...]], dict[int, float], dict[int, str]]:
    """Which terms one fact matches in which fields; per term index, how well (EXACT, STEM or
    PART) and how ("word", "stem", "alias", "part of a compound", "characters", "correction (...)").

    A word asked about with "how many" is matched only by a fact that counts it: one whose
    unit names it ("how many countries": "countries and regions"; not "how many bridges" by
    the bridge's height in meters).

    Aliases match as phrases: a word of an alias counts only when the whole alias, or a run of
    two or more of its words, stands in the query as in the alias ("people-centred" does not
    match "center", nor "Big Data Expo" a lone "data"). CJK character pairs match anywhere.
    """
    sequences = seq.split(SEP)
    main = " " + " ".join(sequences[:3]) + " "
    alias_terms = _alias_terms(query_seq, sequences[3:])
    lowered = surface.lower()
    folded = lowered.replace("-", "")
    kinds: dict[int, str] = {}
    units = _unit_terms(unit)
    # The words of the claim, quote and topic title, and of the unit, qualifier and period; the
    # id's words are not among them: in "people-centered-public-services" they are compound parts.
    main += " ".join([*units, *_unit_terms(described)]) + " "
    matched: dict[str, tuple[str, ...]] = {}
    quality: dict[int, float] = {}
    for index, term in enumerate(terms):
        if not term.known:
            continue
        padded = f" {term.term} "
        cjk = is_cjk(term.term)
        where = tuple(
            FIELD_NAMES[name]
            for (name, _), text in zip(FTS_COLUMNS, texts, strict=True)
            if padded in text and (name != "aliases" or cjk or term.term in alias_terms)
        )
        if not where or (term.counted and term.term not in units):
            continue
        matched[term.term] = where
        if cjk:
            kind = "characters"
        elif padded in main or "attributed_to" in where:
            kind = _word_kind(term, lowered, folded, alias_terms)
        else:
            kind = "alias" if term.term in alias_terms else "part of a compound"
        quality[index] = MATCH_QUALITY[kind] * (CORRECTED if term.corrected else 1.0)
        kinds[index] = f"correction ({kind})" if term.corrected else kind
    return matched, quality, kinds


def _alias_terms(query_seq: list[str], aliases: list[str]) -> set[str]:
    """The alias terms that stand in the query as in the alias: the whole alias, or a run of two or more words."""
    alias_terms: set[str] = set()
    query_pairs = set(pairwise(query_seq))
    query_terms = set(query_seq)
    for alias in aliases:
        if alias:
            alias_terms.update(_shared_runs(query_pairs, query_terms, alias.split(" ")))
    return alias_terms


def _word_kind(term: QueryTerm, lowered: str, folded: str, alias_terms: set[str]) -> str:
    """How a term found among a fact's own words matched: as the word itself, through an alias, or by its stem."""
    surface_word = term.corrected or term.typed.replace(" ", "")
    exact = _word_in(surface_word, lowered) or _word_in(surface_word, folded)
    return "word" if exact else "alias" if term.term in alias_terms else "stem"


@lru_cache(maxsize=4096)
def _unit_terms(text: str) -> frozenset[str]:
    """The terms of a fact's unit (or qualifier and period), hyphenated words' parts included."""
    return frozenset(t.term for t in tokens(text)) | {t.term for t in part_tokens(text)}


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


def _shared_runs(query_pairs: set[tuple[str, str]], query_terms: set[str], alias: list[str]) -> set[str]:
    """The alias's terms that stand in the query as the whole alias or in runs of two or more.

    A run of two or more is made of pairs of neighbours that are neighbours in the query too.
    """
    if len(alias) == 1:
        return set(alias) & query_terms
    found: set[str] = set()
    for pair in pairwise(alias):
        if pair in query_pairs:
            found.update(pair)
    return found


class _Weigher:
    """Per query word: how rare it is in the fact base (its BM25 IDF), which of a fact's
    matches cover it, and what of it a fact misses."""

    def __init__(self, conn: sqlite3.Connection, terms: tuple[QueryTerm, ...], words: tuple[str, ...]) -> None:
        self.terms = terms
        self.words = words
        known = [t.term for t in terms if t.known]
        marks = ", ".join("?" * len(known))
        docs = dict(conn.execute(f"SELECT term, doc FROM fts_terms WHERE term IN ({marks})", known).fetchall())
        count = conn.execute("SELECT value FROM meta WHERE key = 'facts'").fetchone()
        total = int(count[0]) if count and str(count[0]).isdigit() else 1

        def idf(term: str) -> float:
            n = docs.get(term, 0)
            return math.log(1 + (total - n + 0.5) / (n + 0.5))

        self.by_word: dict[int, list[int]] = {}
        for index, term in enumerate(terms):
            self.by_word.setdefault(term.word, []).append(index)
        self.idf = {
            word: sum(idf(terms[i].term) for i in indexes) / len(indexes) for word, indexes in self.by_word.items()
        }
        self.idf_total = sum(self.idf.values()) or 1.0

    def _covered(self, word: int, quality: dict[int, float]) -> tuple[float, list[str]]:
        """How well one word is matched (0 to 1), and its parts that are not (CJK characters)."""
        indexes = self.by_word[word]
        text = self.words[word]
        first = self.terms[indexes[0]]
        if not is_cjk(first.term):
            return quality.get(indexes[0], 0.0), ([] if indexes[0] in quality else [text])
        covered = [False] * len(text)
        for i in indexes:
            if i in quality:
                term = self.terms[i]
                covered[term.offset : term.offset + len(term.term)] = [True] * len(term.term)
        gaps = re.finditer(r"0+", "".join("1" if c else "0" for c in covered))
        return sum(covered) / len(text), [text[gap.start() : gap.end()] for gap in gaps]

    def coverage(self, quality: dict[int, float]) -> float:
        """How much of the query a fact covers, 0 to 1: rare words weigh more."""
        return sum(self.idf[w] * self._covered(w, quality)[0] for w in self.by_word) / self.idf_total

    def how(self, kinds: dict[int, str]) -> tuple[tuple[str, str], ...]:
        """(word, how it matched) for each query word a fact matches (CJK: any of its pairs)."""
        found: list[tuple[str, str]] = []
        for word, indexes in self.by_word.items():
            matched = [kinds[i] for i in indexes if i in kinds]
            if matched:
                found.append((self.words[word], matched[0]))
        return tuple(found)

    def missing(self, quality: dict[int, float]) -> tuple[str, ...]:
        """The query's words (or CJK characters) a fact does not match."""
        return tuple(dict.fromkeys(gap for w in self.by_word for gap in self._covered(w, quality)[1]))


def _missed_by_all(missing: list[tuple[str, ...]]) -> tuple[str, ...]:
    if not missing:
        return ()
    common = set(missing[0]).intersection(*missing[1:])
    return tuple(word for word in missing[0] if word in common)


#: Scripts a query word may be written in, by Unicode range, to say when the fact base has none.
_SCRIPTS = (
    ("Latin", "a", "\u0250"),
    ("Greek", "\u0370", "\u0400"),
    ("Cyrillic", "\u0400", "\u0530"),
    ("Armenian", "\u0530", "\u0590"),
    ("Hebrew", "\u0590", "\u0600"),
    ("Arabic", "\u0600", "\u0780"),
    ("Devanagari", "\u0900", "\u0980"),
    ("Bengali", "\u0980", "\u0a00"),
    ("Thai", "\u0e00", "\u0e80"),
    ("Georgian", "\u10a0", "\u1100"),
    ("Hangul", "\uac00", "\ud7b0"),
    ("Japanese kana", "\u3040", "\u3100"),
    ("Han (Chinese)", "\u3400", "\ua000"),
)


def script_of(word: str) -> tuple[str, str, str] | None:
    """The script of a word's first letter, with its Unicode range: ("Cyrillic", lo, hi)."""
    for char in word:
        if char.isalpha():
            return next(((name, lo, hi) for name, lo, hi in _SCRIPTS if lo <= char < hi), None)
    return None


def _foreign(conn: sqlite3.Connection, terms: tuple[QueryTerm, ...]) -> tuple[tuple[str, str], ...]:
    """The query words not in the fact base whose script has no word in the fact base at all."""
    found: dict[str, str] = {}
    for term in terms:
        if term.known or term.typed in found:
            continue
        script = script_of(term.term)
        if script is None or any(t.known and script_of(t.term) == script for t in terms):
            continue
        name, lo, hi = script
        if conn.execute("SELECT 1 FROM words WHERE term >= ? AND term < ? LIMIT 1", (lo, hi)).fetchone() is None:
            found[term.typed] = name
    return tuple(found.items())


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
