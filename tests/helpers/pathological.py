"""Drafts shaped to make a parser work in the square of their length, for the linearity tests
(tests/test_check_linear.py) and `python benchmarks/check_speed.py --pathological`."""

from __future__ import annotations

from collections.abc import Callable

#: Each shape: a name, whether it is read as Markdown, and a function of a count to its text.
SHAPES: dict[str, tuple[bool, Callable[[int], str]]] = {
    "lines of 7": (False, lambda n: "7\n" * n),
    "HTML comment openers": (True, lambda n: "<!-- " * n),
    "link openers": (True, lambda n: "[a](" * n),
    "digits 1-9": (False, lambda n: "1 2 3 4 5 6 7 8 9 " * n),
    "one claim of 7s": (False, lambda n: "Guizhou grew " + "7 " * n),
    "list nested 12 deep": (
        True,
        lambda n: "".join("  " * (i % 12) + f"- Guizhou grew {i} percent.\n" for i in range(n)),
    ),
    "block quote 30 deep": (True, lambda n: ("> " * 30 + "Guizhou's digital economy grew 30 percent in 2018.\n") * n),
    "prose (ordinary)": (
        False,
        lambda n: "Guizhou's digital economy grew 24.6 percent in 2018. It is a story worth telling. " * n,
    ),
}
