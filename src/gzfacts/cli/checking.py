"""Commands for scripts and CI: check (a claim or a draft against the fact base) and schema."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gzfacts import views
from gzfacts.cli.core import JsonOption, _output, _view, app
from gzfacts.errors import UsageError


class FailOn(StrEnum):
    """The verdicts `check --fail-on` takes."""

    contradicted = "contradicted"
    unverifiable = "unverifiable"


FailOnOption = Annotated[
    FailOn,
    typer.Option(
        "--fail-on",
        metavar="VERDICT",
        help="Exit 1 on contradicted sentences (the default), or on unverifiable ones too.",
    ),
]
CheckFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-o", metavar="FORMAT", help="table, plain, json, jsonl, sarif or github. [default: table]"
    ),
]


@app.command()
def check(
    ctx: typer.Context,
    claim: Annotated[
        list[str] | None, typer.Argument(metavar="[CLAIM...]", help="A claim to check (the words are joined).")
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", metavar="PATH", help="Check a draft: Markdown (.md) or plain text; - for stdin."),
    ] = None,
    fmt: CheckFormatOption = None,
    as_json: JsonOption = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list sentences with nothing checkable in them, as no-claim.")
    ] = False,
    fail_on: FailOnOption = FailOn.contradicted,
    rules: Annotated[
        bool, typer.Option("--rules", help="List the rule codes a finding can carry (GZF101 ...) and exit.")
    ] = False,
) -> None:
    """Check a claim or a draft against the fact base, sentence by sentence, every word read.

    Each sentence is supported (every figure, name and word matched in the article, as the same
    thing, a synonym or a more general word), contradicted (a wrong figure, year, rank or
    speaker, an opposite word, a negation, a proportion in words or another name in a role the
    article fills: the reason says what the article says) or unverifiable (the reason names what
    the article does not say); opinions, questions and transitions are no-claim. Exit code 0
    when nothing is contradicted, 1 when something is (or, with --fail-on unverifiable, is
    unverifiable), 2 for usage errors and unreadable files.

    Examples:

      gzfacts check "Guizhou's digital economy was 30 percent of GDP in 2018"

      gzfacts check --file draft.md

      gzfacts check -f draft.md --format sarif > gzfacts.sarif

      gzfacts check -f draft.md --format github

      gzfacts check --rules
    """
    from gzfacts.output import formats

    if rules:
        _output(formats=("text",)).write(views.check_rules())
        return
    if file is None and not claim:
        raise UsageError('nothing to check: give a claim (gzfacts check "...") or a draft (--file PATH, - for stdin)')
    if file is not None and claim:
        raise UsageError("give a claim to check, or --file PATH (- for stdin), not both")
    out = _output(fmt, as_json, formats=formats("findings"), command="check")
    out.write(_view(ctx, views.check, " ".join(claim or []), file=file, show_all=show_all, fail_on=fail_on.value))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON output (fact objects, topics, search results).

    Examples:

      gzfacts schema > gzfacts.schema.json
    """
    sys.stdout.write((Path(__file__).parents[1] / "output.schema.json").read_text(encoding="utf-8"))
