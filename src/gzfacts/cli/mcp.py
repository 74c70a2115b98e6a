"""The command that serves the fact base to writing assistants: mcp (the Model Context Protocol)."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
import typer

from gzfacts.cli.core import _settings, app
from gzfacts.output.messages import write_message


@app.command("mcp")
def mcp_server(ctx: typer.Context) -> None:
    """Serve the fact base to AI writing assistants: a Model Context Protocol server over stdio.

    Its tools search the facts, show one with its verbatim quote, check a text sentence by
    sentence (the findings of `gzfacts check --format json`) and cite a fact; each fact is also a
    resource, gzfacts://fact/ID. Start it from the assistant's configuration (docs/assistants.md),
    not by hand: it reads requests on stdin until the client closes it. Needs the mcp extra:
    pip install 'gzfacts[mcp]'.

    Examples:

      gzfacts mcp

      gzfacts mcp --facts path/to/facts.yaml
    """
    from gzfacts.mcp import serve

    settings = _settings(ctx)
    if settings.verbose:  # on stderr, which an assistant's log shows (stdout is the protocol's)
        write_message(f"fact base: {settings.facts}{settings.which}")
    serve(settings.facts, jobs=settings.jobs)
