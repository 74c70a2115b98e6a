"""Commands that look facts up: show, search, list, topics, sources, cite."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from gzfacts import views
from gzfacts.cite import STYLES
from gzfacts.cli.completion import complete_any_id, complete_period, complete_style, complete_unit
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


StyleOption = Annotated[
    str,
    typer.Option(
        "--style",
        "-s",
        help=f"Citation style: {', '.join(STYLES)}, or the name of any CSL style (ieee, nature …).",
        autocompletion=complete_style,
    ),
]


@app.command()
def cite(
    ctx: typer.Context,
    idents: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Fact ids, topic ids for all their facts, or source ids for the source's reference.",
            autocompletion=complete_any_id,
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="ID",
            help="Cite a source itself: its reference, with no quote (see `gzfacts sources`). Repeatable.",
        ),
    ] = None,
    no_quote: Annotated[
        bool,
        typer.Option(
            "--no-quote",
            "--reference-only",
            help="Print each source's reference only, without the quotes (BibTeX, CSL-JSON: one entry a source).",
        ),
    ] = False,
    style: StyleOption = "plain",
    csl: Annotated[
        Path | None, typer.Option("--csl", metavar="FILE", help="A CSL style file to format the reference with.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", help="json: the citations as one CSL-JSON array."),
    ] = None,
) -> None:
    """Print citations of facts: each source's reference once, the quoted sentences under it.

    Examples:

      gzfacts cite digital-economy-gdp-share-2018

      gzfacts cite e-government --style apa

      gzfacts cite --source china-daily-2019-10-01 --style chicago

      gzfacts cite digital-economy --style mla --no-quote

      gzfacts cite digital-economy --style bibtex >> refs.bib

      gzfacts cite beipanjiang-bridge-height village-ecommerce-sites --format json > refs.json

      gzfacts cite digital-economy-gdp-share-2018 --csl ieee.csl
    """
    out = _output(fmt, formats=("text", "json"), command="cite")
    chosen = "csl-json" if out.fmt == "json" else style
    out.write(_view(ctx, views.citation, idents or [], chosen, csl, sources=source or [], quotes=not no_quote))
