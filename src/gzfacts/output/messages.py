"""Errors and notes in the command line's words, on stderr: the one place where an error of the
library becomes a message, a hint and an exit code (`explain_error`); the argument parser's
own errors worded the same way (`usage_message`); `write_message` for each line.

Nothing here knows Typer: the CLI (`cli.core`) calls these with the error it caught."""

from __future__ import annotations

import re
import sys
from enum import IntEnum
from pathlib import Path

from gzfacts.errors import (
    FactBaseInvalid,
    FactBaseUnreadable,
    GzfactsError,
    NoResults,
    NotFound,
    OutputExists,
    PartialResults,
    Problem,
    ProblemsFound,
)
from gzfacts.output.text import printable, wrapped


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    NOT_FOUND = 1  # unknown id, no fact matching every word of a search, or `validate` found problems
    USAGE = 2  # bad usage, or a fact base that cannot be loaded
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM (128 + 15)


_SEE_IDS = "see `gzfacts list` and `gzfacts topics` for the ids there are"
_TRY_OTHER_WORDS = "try other or fewer words (`gzfacts search --help`), or browse with `gzfacts list`"


def explain_error(
    exc: GzfactsError, command: str | None = None, *, config: Path | None = None
) -> tuple[ExitCode, str, str | None]:
    """The exit code, the message and a hint for an error of the library (raised while running
    `command`, on the fact base that `config` names, if a project's configuration named it), in
    the CLI's words: "error: …", except for the summary of a check's findings."""
    if isinstance(exc, NotFound):
        see = "see `gzfacts sources` for the ids there are" if exc.kind == "source" else _SEE_IDS
        hint = "did you mean: " + ", ".join(exc.suggestions) + "?" if exc.suggestions else see
        return ExitCode.NOT_FOUND, f"error: {exc}", hint
    if isinstance(exc, NoResults):
        if command in ("quote", "extract"):
            return ExitCode.NOT_FOUND, f"error: {exc}", exc.hint
        return ExitCode.NOT_FOUND, f"error: {exc}", _TRY_OTHER_WORDS if command == "search" else _SEE_IDS
    if isinstance(exc, ProblemsFound | PartialResults):
        return ExitCode.NOT_FOUND, str(exc), None
    if isinstance(exc, FactBaseUnreadable):
        problem = _path_hint_in_cli_words(exc.problems[0], config)
        # The offending line of the file, with a caret under the column, beneath the message.
        detail = "".join(f"\n    {line}" for line in problem.detail)
        return ExitCode.USAGE, f"error: cannot load the fact base: {problem}{detail}", None
    if isinstance(exc, OutputExists):
        return ExitCode.USAGE, f"error: {exc}", "give --force to replace it, or another --output"
    if isinstance(exc, FactBaseInvalid):
        import shlex

        more = len(exc.problems) - 1
        command = f"gzfacts validate {shlex.quote(exc.path)}" if exc.path else "gzfacts validate"
        listed = f" (and {more} more; run `{command}` to list them)" if more else ""
        first = exc.problems[0] if exc.problems else exc
        return ExitCode.USAGE, f"error: the fact base is invalid: {first}{listed}", None
    return ExitCode.USAGE, f"error: {exc}", None  # UsageError, and any other error of the library


def _path_hint_in_cli_words(problem: Problem, config: Path | None = None) -> Problem:
    """The problem, its hint about the fact base's path (the loader's words) saying where the
    path comes from here: --facts (or $GZFACTS_FACTS), or the project's configuration file."""
    from gzfacts.loader import files

    if config is not None and problem.hint in (
        files.GIVE_FACT_FILES, files.CHECK_THE_PATH, files.GIVE_A_YAML_FILE, files.GIVE_THE_YAML_FILE
    ):  # fmt: skip
        return problem._replace(hint=f"Check `facts` in {config}, which names this path")
    worded = {
        files.GIVE_FACT_FILES: "Point --facts at a fact file or a directory of them",
        files.CHECK_THE_PATH: "Check the path given to --facts or GZFACTS_FACTS",
        files.GIVE_A_YAML_FILE: "Point --facts at a .yaml file or a directory of them",
        files.GIVE_THE_YAML_FILE: "Point --facts at the YAML fact file",
    }
    return problem._replace(hint=worded.get(problem.hint, problem.hint))


def usage_message(message: str, command: str) -> ExitCode:
    """A usage error found by the argument parser (an unknown option or command, a missing
    argument) of `command`, written in the same style as every other error: `gzfacts: error: …`,
    with the nearest names ("did you mean") and where to find help. The exit code is USAGE."""
    # Click says "(Possible options: --json)"; say it as every other error does.
    message = re.sub(r"\s*\(Possible options?: (.*)\)$", r"; did you mean: \1?", message)
    # One name or several ("Did you mean 'list', 'lsp'?"), said as every other error says them.
    message = re.sub(
        r"\.?\s*Did you mean (.*)\?$", lambda found: "; did you mean: " + found[1].replace("'", "") + "?", message
    )
    write_message(f"error: {message[0].lower()}{message[1:]}", f"see `{command} --help`")
    return ExitCode.USAGE


def write_message(message: str, hint: str | None = None) -> None:
    """A message (and a hint) on stderr, one line each; on a terminal, wrapped between words at
    its width under the first line's text (a terminal would break the words)."""
    for text in (message, hint):
        if text:
            sys.stderr.write(wrapped(f"gzfacts: {printable(text)}", sys.stderr) + "\n")
