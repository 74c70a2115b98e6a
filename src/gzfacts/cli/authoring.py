"""Commands that write and check a fact base: validate, init, extract, quote, coverage."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gzfacts import views
from gzfacts.cli.core import FormatOption, JsonOption, _output, _settings, app


class FailOn(StrEnum):
    """The levels `validate --fail-on` takes."""

    error = "error"
    warning = "warning"


#: The formats of extract and quote: YAML to paste (the default), or records.
AUTHORED = ("yaml", "json", "jsonl")
AuthoredFormatOption = Annotated[
    str | None, typer.Option("--format", "-o", metavar="FORMAT", help="yaml, json or jsonl. [default: yaml]")
]
SourceOption = Annotated[str | None, typer.Option("--source", "-s", metavar="ID", help="Only this source.")]


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None, typer.Argument(metavar="[PATH]", help="Fact base to check. [default: the one --facts chose]")
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            metavar="LEVEL",
            help="Exit 1 on problems (error, the default), or on warnings too (warning).",
        ),
    ] = FailOn.error,
) -> None:
    """Check a fact base: schema, ids, references, verbatim quotes, values, periods and where
    each quote stands; warn of aliases that mislead a search.

    Lists every problem and warning, each with file:line:column, a rule code and how to fix it.
    Exit code 0 when there are no problems (warnings are advice: the base is still served), 1
    when problems were found (or, with --fail-on warning, warnings), 2 when the file cannot be
    read or parsed. --json prints one object per problem, with its `level` (`gzfacts schema`
    describes it).

    Examples:

      gzfacts validate

      gzfacts validate my-facts.yaml

      gzfacts validate --fail-on warning

      gzfacts validate my-facts.yaml --json | jq -r '.[] | .code'
    """
    out = _output(fmt, as_json)
    settings = _settings(ctx)
    target, which = (Path(path), "") if path else (settings.facts, settings.which)
    out.write(views.validation(target, which, fail_on=fail_on.value))


@app.command()
def init(
    directory: Annotated[str, typer.Argument(metavar="[DIR]", help="Where to create the fact base.")] = ".",
    source: Annotated[
        str | None, typer.Option("--source", metavar="FILE", help="The source's plain text, copied into DIR/sources/.")
    ] = None,
    title: Annotated[str, typer.Option("--title", help="The source's headline.")] = "",
    author: Annotated[str, typer.Option("--author", help="The byline, as printed.")] = "",
    author_family: Annotated[
        str,
        typer.Option(
            "--author-family", metavar="NAME", help='The family name, a word of the byline ("Chen" of "Chen Hua").'
        ),
    ] = "",
    publisher: Annotated[str, typer.Option("--publisher", help="The newspaper or publisher.")] = "",
    date: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="The publication date.")] = "",
    url: Annotated[str, typer.Option("--url", help="Where the source can be read online.")] = "",
) -> None:
    """Create a new fact base: DIR/facts.yaml with a source, a topic and comments. Never overwrites a file.

    Examples:

      gzfacts init my-base

      gzfacts init my-base --source article.txt --date 2024-03-05 --title "Harbour report"

      gzfacts validate my-base
    """
    from gzfacts.authoring.scaffold import SourceDetails

    details = SourceDetails(Path(source) if source else None, title, author, publisher, date, url, author_family)
    _output().write(views.init(Path(directory), details))


@app.command()
def extract(
    text_file: Annotated[str, typer.Argument(metavar="SOURCE_TEXT", help="The source's plain text.")],
    published: Annotated[
        str,
        typer.Option("--published", metavar="YYYY-MM-DD", help='The publication date: "last year" is read against it.'),
    ],
    source_id: Annotated[
        str | None,
        typer.Option("--source-id", metavar="ID", help="The source's id in the fact base. [default: from the name]"),
    ] = None,
    fmt: AuthoredFormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Propose candidate facts from a source text, one per figure or checkable statement.

    Each candidate has the verbatim quote, its value, unit, qualifier, period (inferred from the
    publication date where the text says "last year"), who said it and an id; the claim is left
    for you. Candidates are drafts: validate refuses them until you remove `draft: true`.

    Examples:

      gzfacts extract sources/report.txt --published 2024-03-05 >> facts.yaml

      gzfacts extract sources/report.txt --published 2024-03-05 --json | jq '.[].value'
    """
    out = _output(fmt, as_json, formats=AUTHORED, command="extract")
    out.write(views.extract(text_file, published, source_id))


@app.command()
def quote(
    ctx: typer.Context,
    fragment: Annotated[list[str], typer.Argument(metavar="FRAGMENT...", help="A few words of the sentence.")],
    source: SourceOption = None,
    fmt: AuthoredFormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find the sentence of a source that holds a fragment, and print it exactly, with its anchor and a fact stub.

    Forgives case, spacing, quote and apostrophe styles (or none), dashes, "10250" for "10,250"
    and "%" for "percent". Works on a fact base that does not validate yet.

    Examples:

      gzfacts quote "26.9% of provincial GDP"

      gzfacts --facts my-base quote minutes walk --json
    """
    out = _output(fmt, as_json, formats=AUTHORED, command="quote")
    out.write(views.quote(_settings(ctx).facts, " ".join(fragment), source))


@app.command()
def coverage(
    ctx: typer.Context,
    source: SourceOption = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", help="table, json, jsonl or text (the marked source)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show how much of each source the facts cover: the checkable sentences no fact quotes.

    A sentence is checkable when it states a figure, a period, a ranking or who said it. `-o text`
    prints the source with covered sentences as {+ ... +} and uncovered ones as [- ... -].

    Examples:

      gzfacts coverage

      gzfacts --facts my-base coverage -o text | less
    """
    out = _output(fmt, as_json, formats=("table", "json", "jsonl", "text"), command="coverage")
    out.write(views.coverage(_settings(ctx).facts, source))
