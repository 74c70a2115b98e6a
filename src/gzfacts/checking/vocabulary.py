"""The checker's word lists, read once from data/vocabulary.txt (kept as data, not code)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def sections() -> dict[str, tuple[str, ...]]:
    """Each [section] of vocabulary.txt as its lines, comments and blank lines left out."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in (DATA / "vocabulary.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = found.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {name: tuple(lines) for name, lines in found.items()}


def words(section: str) -> frozenset[str]:
    """Every word of a section, split on white space."""
    return frozenset(word for line in sections()[section] for word in line.split())


def pairs(section: str) -> dict[str, str]:
    """A section of `key value` lines as a dict."""
    return dict(tuple(line.split(None, 1)) for line in sections()[section])  # type: ignore[misc]


def phrases(section: str) -> tuple[str, ...]:
    """A section's lines, each a phrase."""
    return sections()[section]


def alternations() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The [alternations] groups: (left words, right words) that exclude each other."""
    return alternations_of("alternations")


def alternations_of(section: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """A section of `left words | right words` lines: words on one side exclude the other's."""
    groups = []
    for line in sections()[section]:
        left, _, right = line.partition("|")
        groups.append((frozenset(left.split()), frozenset(right.split())))
    return tuple(groups)


@lru_cache(maxsize=1)
def group_kinds() -> frozenset[str]:
    """Every word of [group-opposites]: the kinds a group of names is said to be of ("domestic",
    "international")."""
    return frozenset(w for left, right in alternations_of("group-opposites") for w in left | right)


def groups(section: str) -> tuple[frozenset[str], ...]:
    """A section's lines, each a group of words."""
    return tuple(frozenset(line.split()) for line in sections()[section])


def groups_by_key(section: str) -> dict[str, frozenset[str]]:
    """A section of `key: word word ...` lines as a dict of word groups."""
    found = {}
    for line in sections()[section]:
        key, _, rest = line.partition(":")
        found[key.strip()] = frozenset(rest.split())
    return found


def phrase_pairs(section: str) -> dict[str, str]:
    """A section of `phrase<TAB>word` lines as a dict."""
    found = {}
    for line in sections()[section]:
        phrase, _, word = line.partition("\t")
        found[" ".join(phrase.split())] = word.strip()
    return found


@lru_cache(maxsize=1)
def light_words() -> frozenset[str]:
    """Function words and light verbs: never a word of evidence, in any sentence."""
    return words("light") | words("function")
