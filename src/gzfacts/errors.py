"""The errors gzfacts raises. The CLI turns each into a one-line message and an exit code."""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation
# into a ForwardRef, which every run of the command would pay for (issue 23).
from collections.abc import Sequence
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a fact base: where, what, and how to fix it."""

    where: str
    message: str
    hint: str = ""
    #: The stable rule code (gzfacts.rules), such as "Q301".
    code: str = ""
    #: The id of the fact the problem is about, if any.
    fact: str | None = None
    #: Lines shown beneath the message: the offending YAML line with a caret, a quote's diff.
    detail: tuple[str, ...] = ()
    #: "error" (the fact base is not served until it is fixed) or "warning" (advice of
    #: `gzfacts validate` only, such as an alias no search can match).
    level: str = "error"

    def location(self) -> tuple[str, int | None, int | None]:
        """(file, line, column) of `where` ("facts.yaml:12:5"); line and column None when absent."""
        parts = self.where.rsplit(":", 2)
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            return parts[0], int(parts[1]), int(parts[2])
        return self.where, None, None

    def to_dict(self) -> dict[str, object]:
        """The problem as the JSON object `gzfacts validate --json` prints."""
        file, line, column = self.location()
        return {
            "where": self.where,
            "file": file,
            "line": line,
            "column": column,
            "fact": self.fact,
            "code": self.code,
            "level": self.level,
            "message": self.message,
            "hint": self.hint,
            "detail": list(self.detail),
        }

    def __str__(self) -> str:
        code = f"{self.code} " if self.code else ""
        level = "warning: " if self.level == "warning" else ""
        text = f"{self.where}: {code}{level}{self.message}"
        return f"{text}. {self.hint}" if self.hint else text


class GzfactsError(Exception):
    """Base class of every error gzfacts raises on purpose."""


class FactBaseUnreadable(GzfactsError):
    """The fact base cannot be read or parsed at all (missing, not UTF-8, bad YAML)."""

    def __init__(self, problem: Problem) -> None:
        if not problem.code:
            problem = problem._replace(code="F001")  # gzfacts.rules.UNREADABLE
        super().__init__(str(problem))
        self.problems: tuple[Problem, ...] = (problem,)


class FactBaseInvalid(GzfactsError):
    """The fact base was parsed but breaks the schema or an integrity rule."""

    def __init__(self, problems: Sequence[Problem], path: str | None = None) -> None:
        self.problems = tuple(problems)
        #: The fact base's path (the CLI names it in the command that lists every problem).
        self.path = path
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
    """A search or a filter matched no fact (or a text held nothing to propose); `hint` may say what is near."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


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


class CacheNotCleared(GzfactsError):
    """`cache clear` or `cache prune` could not remove some of the files it meant to (a read-only
    cache folder, say): which, and why, in one line."""

    def __init__(self, directory: object, removed: str, failed: Sequence[tuple[object, str]]) -> None:
        self.failed = tuple(failed)
        names = [f"{getattr(path, 'name', path)} ({why})" for path, why in self.failed[:3]]
        more = f" and {len(self.failed) - 3} more" if len(self.failed) > 3 else ""
        count = f"{len(self.failed)} file{'s' if len(self.failed) != 1 else ''}"
        super().__init__(f"could not remove {count} from {directory}: {', '.join(names)}{more}; {removed}")


class OutputExists(UsageError):
    """The output file exists, and replacing it was not asked for."""

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(f"{path} exists")


class OutputUnwritable(UsageError):
    """The output file cannot be written: a missing or read-only directory, or a directory."""
