"""Did you mean: the names closest to one that is not known (an id, a field, a value, a style)."""

from __future__ import annotations

from collections.abc import Iterable

#: How alike (0-100) a name must be to what was typed to be suggested.
CUTOFF = 60


def did_you_mean(wanted: str, known: Iterable[str], *, limit: int = 3) -> list[str]:
    """The names of `known` a user most likely meant by `wanted`, at most `limit`, best first.

    Names that start with what was typed (two characters or more) come first, in the order
    given; then names alike by edit distance or by sharing whole words ("bridge" for
    "beipanjiang-bridge", "economy-digital" for "digital-economy"), at least CUTOFF alike (the
    closest as a whole, word order aside, first among equals). Case, and the punctuation between
    words, are ignored.
    """
    typed = wanted.strip().lower()
    if not typed or limit <= 0:
        return []
    names = list(dict.fromkeys(known))
    found = [name for name in names if name.lower().startswith(typed)][:limit] if len(typed) > 1 else []
    if len(found) == limit:
        return found
    # RapidFuzz (C) rather than difflib: a fact base's ids may number a million.
    from rapidfuzz import fuzz, process, utils

    rest = [name for name in names if name not in found]
    alike = process.extract(
        wanted, rest, scorer=fuzz.token_set_ratio, processor=utils.default_process, limit=4 * limit, score_cutoff=CUTOFF
    )
    words = utils.default_process(wanted)
    alike.sort(key=lambda hit: (-hit[1], -fuzz.token_sort_ratio(words, utils.default_process(hit[0]))))
    return found + [name for name, _, _ in alike][: limit - len(found)]
