"""Commands that look facts up: show, search, list, topics, sources (cite is `citing`)."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
from collections.abc import Callable
from typing import Annotated

import typer

from gzfacts import views
from gzfacts.cli.completion import complete_any_id, complete_period, complete_unit
from gzfacts.cli.core import FieldsOption, FormatOption, JsonOption, RawOption, TopicOption, _output, _view, app
from gzfacts.factbase import FactBase
from gzfacts.output import Result

# --- commands ---------------------------------------------------------------------------------


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="A fact id or a topic id.", autocompletion=complete_any_id)
    ],
    context: Annotated[
        int,
        typer.Option(
            "--context",
            "-C",
            min=0,
            max=50,
            metavar="N",
            help="Also print N sentences of the source before and after the quote.",
        ),
    ] = 0,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """Show one fact in full, or a topic's facts as a table.

    Examples:

      gzfacts show digital-economy

      gzfacts show digital-economy-gdp-share-2018

      gzfacts show village-ecommerce-sites --context 1

      gzfacts show digital-economy-gdp-share-2018 --json | jq .anchor
    """
    out = _output(fmt, as_json, fields, raw)
    out.write(_view(ctx, views.show, ident, context))


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="Words to search for, as a reader would type them.")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most this many results.")
    ] = 10,
    topic: TopicOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each word was read, and which terms matched in which fields.")
    ] = False,
    no_correct: Annotated[
        bool, typer.Option("--no-correct", help="Search every word exactly as typed: no typo correction.")
    ] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """Search the facts, best match first.

    Facts that match every word of the query come first. Exit code 1 when none does: the
    facts listed then match only some words, and each says which words it misses.

    Examples:

      gzfacts search telemedicine

      gzfacts search "GDP share"

      gzfacts search e-commerce villages --limit 3

      gzfacts search hospitals --explain
    """
    out = _output(fmt, as_json, fields, raw)
    text = " ".join(query)
    flags = {"correct": "--no-correct", "limit": "--limit"}  # named in the notes
    listing = _view(
        ctx, views.search, text, limit=limit, topic=topic, explain=explain, correct=not no_correct, flags=flags
    )
    out.write(listing)


@app.command("list")
def list_facts(
    ctx: typer.Context,
    topic: TopicOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            help='Only facts whose unit contains this text, such as "percent".',
            autocompletion=complete_unit,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", "-p", help='Only facts of this period, such as "2018".', autocompletion=complete_period
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """List all facts, optionally filtered.

    Examples:

      gzfacts list

      gzfacts list --topic telemedicine

      gzfacts list --period 2018 --fields id,value,unit --format csv
    """
    out = _output(fmt, as_json, fields, raw)
    out.write(_view(ctx, views.fact_list, topic=topic, unit=unit, period=period))


def _listing_command(name: str, view: Callable[[FactBase], Result], help_text: str) -> None:
    """Register a command that lists what `view` gives, with the options every listing has."""

    def command(
        ctx: typer.Context,
        fmt: FormatOption = None,
        as_json: JsonOption = False,
        fields: FieldsOption = None,
        raw: RawOption = False,
    ) -> None:
        _output(fmt, as_json, fields, raw).write(_view(ctx, view))

    app.command(name, help=help_text)(command)


_listing_command(
    "topics",
    views.topic_list,
    "List the topics with their fact counts.\n\nExamples:\n\n  gzfacts topics\n\n  gzfacts topics --json",
)
_listing_command(
    "sources",
    views.source_list,
    "List the sources the facts quote (and say which fact base they are from, on stderr).\n\n"
    "Examples:\n\n  gzfacts sources\n\n  gzfacts sources --format yaml",
)
