"""The command that cites facts and sources: cite (in its own module, so that looking a fact up
does not import the citation styles)."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
from pathlib import Path
from typing import Annotated

import typer

from gzfacts import views
from gzfacts.cite import STYLES
from gzfacts.cli.completion import complete_any_id, complete_style
from gzfacts.cli.core import _output, _view, app

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
