"""The editor integration: `gzfacts lsp`, a language server over stdio (the `lsp` extra)."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
from typing import Annotated

import typer

from gzfacts.cli.core import app


@app.command()
def lsp(
    ctx: typer.Context,
    stdio: Annotated[
        bool, typer.Option("--stdio", help="Talk over stdin and stdout (the default and only transport).")
    ] = False,
) -> None:
    """Run the language server: findings under the words of Markdown and plain-text drafts in an
    editor, hovers with the article's quote, quick fixes. For an editor to start, not a person.

    The fact base is the one --facts or $GZFACTS_FACTS names, else the one the CLI finds from the
    editor's workspace folder. Needs the lsp extra: pip install 'gzfacts[lsp]'. Editor set-up:
    docs/editors.md.

    Examples:

      gzfacts lsp

      gzfacts --facts facts.yaml lsp --stdio
    """
    from gzfacts.factbase import resolve_path
    from gzfacts.lsp import serve

    chosen = ctx.parent.params.get("facts") if ctx.parent is not None else None
    serve(resolve_path(chosen) if chosen else None)
