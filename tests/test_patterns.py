"""The faster forms of the build's patterns (quotes, numerals, search tokens) find what their plain forms find."""

from __future__ import annotations

import random
import re

from gzfacts import quotes
from gzfacts import text as analysis
from gzfacts.quotes import FoldedText, fold, states_number

from .conftest import ARTICLE

# Digits (ASCII, Arabic-Indic, fullwidth), separators, signs, hyphens, apostrophes, letters of
# several scripts, the underscore and every kind of space and quote mark.
_ALPHABET = (
    "0123456789,,..--%aB_é漢字\u0663\uff11\u2010\u2011 _ \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000"
    "'\"\u2018\u2019\u201c\u201d\u2033"
)


def _random_texts(count: int) -> list[str]:
    rng = random.Random(12)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 16))) for _ in range(count)] + [ARTICLE.read_text()]


def _spans(pattern: re.Pattern[str], sample: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(sample)]


def test_numerals_are_found_as_the_plain_pattern_finds_them() -> None:
    plain = re.compile(quotes.PLAIN_NUMERAL)
    for sample in _random_texts(30_000):
        assert _spans(quotes._NUMERAL, sample) == _spans(plain, sample), sample


def test_search_tokens_are_found_as_the_plain_pattern_finds_them() -> None:
    plain = re.compile(analysis.PLAIN_TOKEN)
    for sample in _random_texts(30_000):
        assert _spans(analysis.TOKEN, sample) == _spans(plain, sample), sample
        ascii_only = sample.encode("ascii", "ignore").decode()  # the form index_terms uses for it
        assert _spans(analysis._ascii_token(), ascii_only) == _spans(plain, ascii_only), ascii_only


def test_a_value_is_stated_in_figures_or_in_words() -> None:
    assert states_number("It grew 24.6 percent in 2018.", 24.6)
    assert states_number("Guizhou has 10,250 sites.", 10250)
    assert states_number("for two consecutive years", 2)
    assert states_number("Twenty villages", 20)
    assert not states_number("Guizhou has 10,250 sites.", 250)
    assert not states_number("in 2018", 201)
    assert not states_number("version 1,6250", 6250)


def test_folding_is_the_plain_substitution() -> None:
    plain_fold = re.compile(r"\s+")
    uneven = re.compile(r"\s{2,}|[^\S ]")
    for sample in _random_texts(30_000):
        assert fold(sample) == plain_fold.sub(" ", sample.translate(quotes._FOLD)).strip(), sample
        assert FoldedText(sample).folded == uneven.sub(" ", sample).translate(quotes._FOLD), sample


def test_the_cheap_look_for_page_furniture_misses_no_furniture_line() -> None:
    # Lines built of the furniture patterns' own words, in any case, spacing and order: every line
    # the full patterns call furniture must pass the substring test that spares body lines them.
    words = ["By", "Li", "Xin", "(", ")", "China", "Daily", "Updated", ":", "Photos", "provided", "to", "From",
             "left", "Above", "[Photo/Xinhua]", "[Image", "reports.", ",", "|", "Copyright", "©", "page12", "2019",
             "The", "bridge", "is", "high.", "Picture", "courtesy", "Source", "Editor", "\t", "\u00a0"]  # fmt: skip
    rng = random.Random(26)
    found = 0
    for _ in range(30_000):
        line = " ".join(rng.choice(words) for _ in range(rng.randint(1, 9)))
        line = line.upper() if rng.random() < 0.1 else line
        stripped = " ".join(line.split())
        if stripped and quotes._FURNITURE.match(stripped):
            found += 1
            assert quotes._maybe_furniture(line), line
    assert found > 1000  # the sample holds furniture of every kind, not only body lines
    for line in ARTICLE.read_text(encoding="utf-8").splitlines():
        stripped = " ".join(line.split())
        assert not (stripped and quotes._FURNITURE.match(stripped)) or quotes._maybe_furniture(line), line
