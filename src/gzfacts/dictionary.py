"""Whether a word is a correctly spelled English word, from pyspellchecker's English word list.

A query word the fact base lacks is corrected to a fact-base word only when it is not itself an
English word: "unemployment" is a word of its own, not a typo of "employment". The list is the
English frequency dictionary that pyspellchecker ships (about 160,000 words and their inflected
forms, American spellings). Only its data file is read: a membership test is a substring search
in the decompressed JSON (~15 ms once per run, and only when a query word is not in the fact
base and a fact-base word is close enough to be its correction), where building
pyspellchecker's own dictionary costs ~240 ms.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _word_list() -> bytes:
    # find_spec locates the package without importing it (its import costs ~20 ms).
    import gzip
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("spellchecker")
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency, always installed
        return b""
    path = Path(spec.origin).parent / "resources" / "en.json.gz"
    try:
        return gzip.decompress(path.read_bytes())
    except OSError:  # pragma: no cover - a damaged install: correct as before, without the list
        return b""


def is_english_word(word: str) -> bool:
    """Whether the lowercase `word` is in the English word list ("unemployment": yes; "telemedecine": no)."""
    if not word.isascii() or '"' in word or "\\" in word:
        return False
    return b'\n"' + word.encode("ascii") + b'":' in _word_list()
