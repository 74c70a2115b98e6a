"""The errors gzfacts raises. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a fact base: where, what, and how to fix it."""

    where: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}"
        return f"{text}. {self.hint}" if self.hint else text


class GzfactsError(Exception):
    """Base class of every error gzfacts raises on purpose."""


class FactBaseUnreadable(GzfactsError):
    """The fact base cannot be read or parsed at all (missing, not UTF-8, bad YAML)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problems: tuple[Problem, ...] = (problem,)


class FactBaseInvalid(GzfactsError):
    """The fact base was parsed but breaks the schema or an integrity rule."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "no details"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


class NotFound(GzfactsError):
    """No fact, topic or source has the id asked for."""

    def __init__(self, kind: str, wanted: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = tuple(suggestions)
        super().__init__(f"no {kind} with id {wanted!r}")


class NoResults(GzfactsError):
    """A search or a filter matched no fact."""


class PartialResults(GzfactsError):
    """No fact answers the whole search: the facts listed match only some of its words."""


class ProblemsFound(GzfactsError):
    """A check found problems (validate: in a fact base; check: a contradicted sentence in a
    draft); the message sums them up."""

    def __init__(self, summary: str, problems: Sequence[Problem]) -> None:
        super().__init__(summary)
        self.problems = tuple(problems)


class UsageError(GzfactsError):
    """The request itself is wrong: an unknown field, an empty query, a bad option value."""
