"""Query analysis: a query cut to its limits, its content words (stop words and "how" words
left out, CJK runs as character pairs), each read as an index term: by stem, joined with its
neighbour ("e commerce"), corrected when the fact base lacks it, or read as a synonym."""

from __future__ import annotations

import sqlite3
import unicodedata
from itertools import pairwise
from typing import NamedTuple

from gzfacts.errors import UsageError
from gzfacts.text import STOP_WORDS, Token, is_cjk, stem, tokens

#: A query's distinct words past this many are left out (and the caller is told how many).
MAX_QUERY_WORDS = 32
#: A CJK word (a run between question words and particles) is searched in pieces of at most
#: this many characters pairs: a long run is rarely one word, and pairs cost phrase checks.
MAX_CJK_PAIRS = 11
#: A query's terms past this many (CJK words have one a character pair) are left out too.
MAX_QUERY_TERMS = 64
#: A query is read up to this many characters (at a space, where there is one).
MAX_QUERY_CHARS = 4096
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
    #: How `corrected` stands to the typed word when it is no typo: "synonym" (from WordNet),
    #: "completion" (the typed word is its start: "hydro" for "hydropower"), else "".
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
        related = (_completed(conn, current) or _related(conn, current)) if lacking else None
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


#: The shortest typed word read as the start of a longer one ("hydro" for "hydropower").
MIN_PREFIX = 4
#: A start shared by more words than this says too little to be read as one of them.
MAX_COMPLETIONS = 3


def _completed(conn: sqlite3.Connection, token: Token) -> QueryTerm | None:
    """The fact-base word that a typed word the base lacks is the start of ("hydro":
    "hydropower"), when few words start so: the shortest of them."""
    word = token.word.lower()
    if len(word) < MIN_PREFIX or not word.isalpha() or is_cjk(word):
        return None
    rows = conn.execute(
        "SELECT word, term FROM words WHERE term >= ? AND term < ? LIMIT ?",
        (word, word[:-1] + chr(ord(word[-1]) + 1), MAX_COMPLETIONS + 1),
    ).fetchall()
    rows = [(w, t) for w, t in rows if w.lower().startswith(word) and w.lower() != word]
    if not rows or len(rows) > MAX_COMPLETIONS:
        return None
    completion, term = min(rows, key=lambda row: (len(row[0]), row[0]))
    return QueryTerm(token.word, term, corrected=completion, related="completion")


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
