"""The export commands: html, markdown, sqlite."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from gzfacts.cli.core import TopicOption, _output, _view, app

# --- export -----------------------------------------------------------------------------------

export_app = typer.Typer(
    name="export",
    help="Share the fact base: an HTML fact sheet over the annotated article, Markdown, or a Datasette database.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(export_app)

ExportOutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="PATH", help="File to write (atomically). [default: standard output]"),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
LicenseOption = Annotated[
    str | None,
    typer.Option(
        "--license",
        metavar="NAME",
        help="The fact base's licence, stated in the export. [default: CC0 1.0 for the shipped fact base]",
    ),
]
LicenseUrlOption = Annotated[str | None, typer.Option("--license-url", metavar="URL", help="Where the licence is.")]


def _export(ctx: typer.Context, fmt: str, output: Path | None, force: bool, topic: str | None, **more: Any) -> None:
    from gzfacts.export.run import export

    # SIGTERM unwinds the export like Ctrl-C (gzfacts.process), so its temporary files and folders go.
    written = _view(ctx, export, fmt, output=output, out=sys.stdout, force=force, topic=topic, **more)
    for path in written:
        _output().message(f"wrote {path}")


@export_app.command("html")
def export_html(
    ctx: typer.Context,
    output: ExportOutputOption = None,
    force: ForceOption = False,
    topic: TopicOption = None,
    license: LicenseOption = None,
    license_url: LicenseUrlOption = None,
    one_page: Annotated[
        bool, typer.Option("--one-page", help="Never split a big sheet into pages (more than 5,000 facts).")
    ] = False,
) -> None:
    """Write one self-contained HTML page: the facts beside the article, every quote highlighted.

    Written to a file, a sheet of more than 5,000 facts is split into pages of whole sources
    (PATH is their index, PATH-001.html... the pages), which a browser opens quickly.

    Examples:

      gzfacts export html --output facts.html

      gzfacts export html --topic telemedicine > telemedicine.html
    """
    _export(ctx, "html", output, force, topic, license_name=license, license_url=license_url, one_page=one_page)


@export_app.command("markdown")
def export_markdown(
    ctx: typer.Context,
    output: ExportOutputOption = None,
    force: ForceOption = False,
    topic: TopicOption = None,
    license: LicenseOption = None,
    license_url: LicenseUrlOption = None,
) -> None:
    """Write a Markdown fact sheet: topics as headings, facts as bullets, citations as footnotes.

    Examples:

      gzfacts export markdown --output facts.md

      gzfacts export markdown | pandoc -o facts.docx
    """
    _export(ctx, "markdown", output, force, topic, license_name=license, license_url=license_url)


@export_app.command("sqlite")
def export_sqlite(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="PATH", help="The database file to write.")],
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata", metavar="PATH", help="Datasette metadata to write. [default: metadata.json beside it]"
        ),
    ] = None,
    force: ForceOption = False,
    topic: TopicOption = None,
    license: LicenseOption = None,
    license_url: LicenseUrlOption = None,
) -> None:
    """Write a SQLite database for Datasette and sqlite-utils, and its metadata.json.

    Examples:

      gzfacts export sqlite --output facts.db && datasette facts.db --metadata metadata.json

      sqlite-utils search facts.db facts telemedicine
    """
    _export(ctx, "sqlite", output, force, topic, license_name=license, license_url=license_url, metadata=metadata)
