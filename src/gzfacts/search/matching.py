"""What a fact matched of a query and what it did not: each term in which fields and how (the
word, its stem, an alias phrase, a compound part, a correction), how much of the query it covers
(rare words weigh more), the longest run of query terms it holds, and the words of a script the
fact base has no text in."""

from __future__ import annotations

import math
import re
import sqlite3
from functools import lru_cache
from itertools import pairwise

from gzfacts.index import FTS_COLUMNS, SEP
from gzfacts.search.query import QueryTerm
from gzfacts.text import is_cjk, part_tokens, tokens

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


def matches(
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
    units = unit_terms(unit)
    # The words of the claim, quote and topic title, and of the unit, qualifier and period; the
    # id's words are not among them: in "people-centered-public-services" they are compound parts.
    main += " ".join([*units, *unit_terms(described)]) + " "
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
def unit_terms(text: str) -> frozenset[str]:
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


class Weigher:
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


def missed_by_all(missing: list[tuple[str, ...]]) -> tuple[str, ...]:
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


def foreign_words(conn: sqlite3.Connection, terms: tuple[QueryTerm, ...]) -> tuple[tuple[str, str], ...]:
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


def longest_run(seq: str, query_seq: list[str]) -> int:
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
