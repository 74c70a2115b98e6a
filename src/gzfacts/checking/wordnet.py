"""WordNet 3.0 (Princeton), derived table: synonyms, more general terms, antonyms, for claim checking.

The table, data/wordnet.sqlite, is built by scripts/build_wordnet.py from the WordNet 3.0 database
(data/README.md says what it keeps and drops; NOTICE has WordNet's licence). It is opened on the first
lookup, never at import: read-only and immutable, one connection per process, shared by its threads.
Every lookup is cached. Words are lowercase, multiword lemmas have spaces ("set up"); each function
lowercases its argument and gives an empty answer for a word WordNet lacks. The relation functions take
a lemma (a dictionary form): pass an inflected word through base_forms first ("highest" -> "high").

`senses`: WordNet orders a lemma's senses in each part of speech by how often they were tagged in its
corpus, most frequent first; `senses=3` keeps the first three of each part of speech.
"""

from __future__ import annotations

import _thread
import os
from functools import lru_cache
from itertools import islice, product
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

__all__ = ["antonyms", "base_forms", "derived", "hypernyms", "is_adjective", "is_noun", "synonyms"]

_LAYOUT = 1  # the table's PRAGMA user_version: scripts/build_wordnet.py's SCHEMA_VERSION

# Parts of speech. A synset id's two low bits are its part of speech: `synset & 3`.
_NOUN, _VERB, _ADJ, _ADV = 0, 1, 2, 3
_ALL = (_NOUN, _VERB, _ADJ, _ADV)
# WordNet's detachment rules (morph.c): (suffix, ending) by part of speech.
_RULES: dict[int, tuple[tuple[str, str], ...]] = {
    _NOUN: (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    _VERB: (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    _ADJ: (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    _ADV: (),
}
_MAX_COMBINATIONS = 64  # of a multiword form's words' base forms ("heads of state" -> "head of state")

# A lemma: its word id and its senses' synset ids (nouns, verbs, adjectives, adverbs, each most frequent
# first). A synset: its words, its hypernyms, and a satellite adjective's head. Plain tuples, not
# NamedTuples: defining one costs a tenth of a millisecond at import.
_Lemma = tuple[int, tuple[int, ...]]
_Synset = tuple[tuple[int, ...], tuple[int, ...], int | None]

# Module state: nothing is imported or opened here beyond the standard library's cheapest modules
# (pathlib, threading and sqlite3 cost milliseconds; _thread's lock is threading.Lock).
_lock = _thread.allocate_lock()
_connection: sqlite3.Connection | None = None
_connection_pid = 0


def _table_path() -> Path:
    """The WordNet table: data/wordnet.sqlite beside this module."""
    from pathlib import Path

    return Path(__file__).resolve().parent / "data" / "wordnet.sqlite"


def _open() -> sqlite3.Connection:
    import sqlite3

    path = _table_path()
    if not path.is_file():
        raise FileNotFoundError(f"the WordNet table is missing: {path} (scripts/build_wordnet.py builds it)")
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    (layout,) = connection.execute("PRAGMA user_version").fetchone()
    if layout != _LAYOUT:
        connection.close()
        raise RuntimeError(f"{path} has layout {layout}, this gzfacts reads layout {_LAYOUT}: rebuild it")
    return connection


def _rows(sql: str, parameters: tuple[object, ...]) -> list[tuple[object, ...]]:
    """The rows of a query, on the process's connection: opened by the first query (again in a forked child)."""
    global _connection, _connection_pid
    with _lock:
        if _connection is None or _connection_pid != os.getpid():
            inherited, (_connection, _connection_pid) = _connection, (_open(), os.getpid())
            if inherited is None:
                import atexit

                atexit.register(_close)  # (Python 3.13 warns of a connection left open at exit)
            else:  # the parent's, inherited by a fork: immutable, so it holds no lock of the parent's
                inherited.close()
        return _connection.execute(sql, parameters).fetchall()


def _close() -> None:
    global _connection
    if _connection is not None:
        _connection.close()
        _connection = None


def _unpack(blob: object) -> tuple[int, ...]:
    """A packed list of ids, 3 bytes each, big-endian (NULL: none)."""
    if not isinstance(blob, bytes):
        return ()
    return tuple(int.from_bytes(blob[at : at + 3], "big") for at in range(0, len(blob), 3))


@lru_cache(maxsize=1 << 16)
def _lemma(text: str) -> _Lemma | None:
    rows = _rows("SELECT id, senses FROM word WHERE text = ? AND senses IS NOT NULL", (text,))
    if not rows:
        return None
    word_id, senses = rows[0]
    assert isinstance(word_id, int)
    return word_id, _unpack(senses)


@lru_cache(maxsize=1 << 16)
def _text(word_id: int) -> str:
    ((text,),) = _rows("SELECT text FROM word WHERE id = ?", (word_id,))
    assert isinstance(text, str)
    return text


@lru_cache(maxsize=1 << 16)
def _synset(synset_id: int) -> _Synset:
    ((words, hypernyms, head),) = _rows("SELECT words, hypernyms, head FROM synset WHERE id = ?", (synset_id,))
    assert head is None or isinstance(head, int)
    return _unpack(words), _unpack(hypernyms), head


@lru_cache(maxsize=1 << 14)
def _antonym_pointers(synset_id: int) -> tuple[tuple[int, int], ...]:
    """(word, its antonym) for each antonym pointer from a word of the synset."""
    rows = _rows("SELECT word, target FROM antonym WHERE synset = ?", (synset_id,))
    return tuple((word, target) for word, target in rows if isinstance(word, int) and isinstance(target, int))


@lru_cache(maxsize=1 << 14)
def _exceptions(form: str, pos: int) -> tuple[str, ...]:
    """The base forms the exception list of `pos` gives for `form` ("grew" -> "grow"), all lemmas of `pos`."""
    rows = _rows(
        "SELECT base.text FROM exception JOIN word AS form ON form.id = exception.form"
        " JOIN word AS base ON base.id = exception.base WHERE form.text = ? AND exception.pos = ? ORDER BY exception.n",
        (form, pos + 1),
    )
    return tuple(text for (text,) in rows if isinstance(text, str))


def _normal(word: str) -> str:
    return " ".join(word.replace("_", " ").split()).lower()


def _is_lemma(text: str, pos: int) -> bool:
    lemma = _lemma(text)
    return lemma is not None and any(synset & 3 == pos for synset in lemma[1])


def _first_senses(synsets: tuple[int, ...], senses: int, parts: tuple[int, ...] = _ALL) -> list[int]:
    """The synsets of the first `senses` senses of each part of speech in `parts`."""
    taken = [0, 0, 0, 0]
    first = []
    for synset in synsets:
        pos = synset & 3
        if pos in parts and taken[pos] < senses:
            taken[pos] += 1
            first.append(synset)
    return first


def _texts(word_ids: set[int], but: int) -> frozenset[str]:
    return frozenset(_text(word_id) for word_id in word_ids if word_id != but)


def _detach(form: str, pos: int) -> list[str]:
    """WordNet's morphword: a word's exception-list bases, else the lemmas the detachment rules make of it."""
    bases = _exceptions(form, pos)
    if bases:
        return list(bases)
    if pos == _NOUN and form.endswith("ful") and len(form) > 3:  # "boxesful" -> "boxful"
        return [base + "ful" for base in _detach(form[:-3], pos) if _is_lemma(base + "ful", pos)]
    if pos == _NOUN and (form.endswith("ss") or len(form) <= 2):
        return []
    found = (form[: -len(suffix)] + ending for suffix, ending in _RULES[pos] if form.endswith(suffix))
    return [base for base in dict.fromkeys(found) if base and base != form and _is_lemma(base, pos)]


def _morphy(form: str, pos: int) -> list[str]:
    """The lemmas of `pos` that `form` is or inflects: its exception-list bases, itself, the detached forms."""
    exceptions = _exceptions(form, pos)
    found = [*exceptions, form] if _is_lemma(form, pos) else list(exceptions)
    if not found and " " in form:  # a collocation: its words' base forms ("heads of state", "grew up")
        choices = [[word, *_detach(word, pos)] for word in form.split(" ")]
        combinations = map(" ".join, islice(product(*choices), _MAX_COMBINATIONS))
        return [text for text in combinations if _is_lemma(text, pos)]
    if not exceptions:
        found.extend(_detach(form, pos))
    return found


@lru_cache(maxsize=1 << 14)
def _base_forms(form: str) -> tuple[str, ...]:
    # Exception-list bases first (an irregular form is most often that inflection: "grew", "better",
    # "rose", "found"), then the word itself if it is a lemma, then its detached forms; each group in
    # the order found: nouns, verbs, adjectives, adverbs, and the exception lists' order.
    ranks: dict[str, int] = {}
    for pos in _ALL:
        exceptions = _exceptions(form, pos)
        for text in _morphy(form, pos):
            rank = 0 if text in exceptions else 1 if text == form else 2
            ranks[text] = min(ranks.get(text, rank), rank)
    return tuple(sorted(ranks, key=ranks.__getitem__))


def base_forms(word: str) -> tuple[str, ...]:
    """The dictionary forms of an inflected word, across parts of speech, most likely first:
    'shrank' -> ('shrink',), 'villages' -> ('village',), 'grew' -> ('grow',), 'highest' -> ('high',),
    'better' -> ('good', 'well', 'better'). Implements WordNet's morphy: exception lists (*.exc) then
    detachment rules, keeping only forms that are WordNet lemmas. Exception-list bases come first, then
    the word itself if it is a lemma, then detached forms ('building' -> ('building', 'build')). Lowercase
    input; returns () for unknown words. Multiword lemmas use spaces ('set up'; 'grew up' -> ('grow up',))."""
    return _base_forms(_normal(word))


def is_adjective(word: str) -> bool:
    """Whether the word, or a base form of it ("smaller": "small"), is an adjective of WordNet's."""
    normal = _normal(word)
    return any(_is_lemma(form, _ADJ) for form in (normal, *_base_forms(normal)))


def is_noun(word: str) -> bool:
    """Whether the word, or a base form of it ("villages": "village"), is a noun of WordNet's."""
    return bool(_morphy(_normal(word), _NOUN))


@lru_cache(maxsize=1 << 14)
def _synonyms(text: str, senses: int) -> frozenset[str]:
    lemma = _lemma(text)
    if lemma is None:
        return frozenset()
    word_id, synsets = lemma
    return _texts({word for synset in _first_senses(synsets, senses) for word in _synset(synset)[0]}, word_id)


def synonyms(lemma: str, *, senses: int = 3) -> frozenset[str]:
    """Lemmas sharing a synset with `lemma` in its first `senses` senses of each part of speech
    (senses ordered as WordNet's index files order them, by frequency), lemma itself excluded."""
    return _synonyms(_normal(lemma), senses)


@lru_cache(maxsize=1 << 14)
def _hypernyms(text: str, senses: int, depth: int) -> frozenset[str]:
    lemma = _lemma(text)
    if lemma is None:
        return frozenset()
    word_id, synsets = lemma
    frontier = set(_first_senses(synsets, senses, (_NOUN, _VERB)))
    reached: set[int] = set()
    for _step in range(depth):
        frontier = {hypernym for synset in frontier for hypernym in _synset(synset)[1]} - reached
        reached |= frontier
    return _texts({word for synset in reached for word in _synset(synset)[0]}, word_id)


def hypernyms(lemma: str, *, senses: int = 3, depth: int = 3) -> frozenset[str]:
    """Lemmas of the synsets up to `depth` hypernym steps (noun and verb hypernyms, including instance
    hypernyms) above the first `senses` senses of `lemma`: the more general terms ('hospital' ->
    'medical institution', 'institution', ...; 'village' -> 'settlement', 'community', ...).
    The lemma itself is left out (one of its senses can be a hypernym of another)."""
    return _hypernyms(_normal(lemma), senses, depth)


@lru_cache(maxsize=1 << 14)
def _antonyms(text: str, senses: int, verbs_only: bool = False) -> frozenset[str]:
    lemma = _lemma(text)
    if lemma is None:
        return frozenset()
    word_id, synsets = lemma
    found: set[int] = set()
    for synset in _first_senses(synsets, senses, (_VERB,) if verbs_only else _ALL):
        found.update(target for word, target in _antonym_pointers(synset) if word == word_id)
        head = _synset(synset)[2] if synset & 3 == _ADJ else None
        if head is not None:  # a satellite adjective: the antonyms of its cluster's head
            found.update(target for _word, target in _antonym_pointers(head))
    return _texts(found, word_id)


def antonyms(lemma: str, *, senses: int = 3, verbs_only: bool = False) -> frozenset[str]:
    """Direct antonyms (WordNet's lexical '!' pointers) of `lemma` in its first `senses` senses, plus for
    adjectives the indirect ones through 'similar to' (&) head synsets: 'high' -> 'low', 'first' -> 'last',
    'increase' -> 'decrease', 'rise' -> 'fall', 'national' -> 'international' and 'local'; a satellite
    adjective gets its head's antonyms ('huge', similar to 'large, big' -> 'small', 'little').
    WordNet has none for many words a claim can turn around: 'grow', 'decline', 'gain', 'reduce'.
    `verbs_only`: of its verb senses only (for 'lasted', not the adjective 'last')."""
    return _antonyms(_normal(lemma), senses, verbs_only)


@lru_cache(maxsize=1 << 14)
def _derived(text: str) -> frozenset[str]:
    lemma = _lemma(text)
    if lemma is None:
        return frozenset()
    rows = _rows("SELECT target FROM derivation WHERE word = ?", (lemma[0],))
    return _texts({target for (target,) in rows if isinstance(target, int)}, lemma[0])


def derived(lemma: str) -> frozenset[str]:
    """Derivationally related forms ('+' pointers, in any sense): 'growth' <-> 'grow',
    'establishment' <-> 'establish'."""
    return _derived(_normal(lemma))


#: The more general terms (first sense, one step) that make a word the name of a place.
_PLACES = frozenset(
    {
        "national capital",
        "state capital",
        "provincial capital",
        "city",
        "metropolis",
        "port",
        "province",
        "country",
        "asian country",
        "asian nation",
        "european country",
        "european nation",
        "african country",
        "african nation",
        "south american country",
        "south american nation",
        "north american country",
        "north american nation",
    }
)


def is_place_name(word: str) -> bool:
    """Whether the word's first sense is a named place ("beijing": a national capital;
    "guangdong": a province), not a kind of place ("city": a municipality)."""
    return bool(hypernyms(word.lower(), senses=1, depth=1) & _PLACES)
