"""The faster forms of the quote checks' patterns find exactly what their plain forms find."""

from __future__ import annotations

import random
import re

from gzfacts import quotes
from gzfacts.quotes import FoldedText, fold, states_number

from .conftest import ARTICLE

# Digits (ASCII, Arabic-Indic, fullwidth), separators, signs, letters and every kind of space.
_ALPHABET = "0123456789,,..--%a _\u0663\uff11 \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000'\"\u2018\u2019\u201c\u201d\u2033é"


def _random_texts(count: int) -> list[str]:
    rng = random.Random(12)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(0, 16))) for _ in range(count)] + [ARTICLE.read_text()]


def test_numerals_are_found_as_the_plain_pattern_finds_them() -> None:
    plain = re.compile(quotes.PLAIN_NUMERAL)
    for text in _random_texts(30_000):
        assert [m.span() for m in quotes._NUMERAL.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_folding_is_the_plain_substitution() -> None:
    plain_fold = re.compile(r"\s+")
    uneven = re.compile(r"\s{2,}|[^\S ]")
    for text in _random_texts(30_000):
        assert fold(text) == plain_fold.sub(" ", text.translate(quotes._FOLD)).strip(), text
        assert FoldedText(text).folded == uneven.sub(" ", text).translate(quotes._FOLD), text


def test_a_value_is_stated_in_figures_or_in_words() -> None:
    assert states_number("It grew 24.6 percent in 2018.", 24.6)
    assert states_number("Guizhou has 10,250 sites.", 10250)
    assert states_number("for two consecutive years", 2)
    assert states_number("Twenty villages", 20)
    assert not states_number("Guizhou has 10,250 sites.", 250)
    assert not states_number("in 2018", 201)
    assert not states_number("version 1,6250", 6250)
