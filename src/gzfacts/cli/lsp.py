"""The editor integration: `gzfacts lsp`, a language server over stdio (the `lsp` extra)."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
import os
import sys
from typing import Annotated

import typer

from gzfacts.cli.core import app
from gzfacts.errors import UsageError


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
    try:
        from gzfacts.lsp.server import make_server
    except ImportError as exc:
        raise UsageError(
            f"the language server needs {(exc.name or 'pygls').split('.')[0]}, which is not installed: "
            "pip install 'gzfacts[lsp]'"
        ) from None
    server = make_server()
    chosen = ctx.parent.params.get("facts") if ctx.parent is not None else None
    if chosen:
        from gzfacts.factbase import resolve_path

        server.facts_path = resolve_path(chosen)
    # The protocol gets its own copy of stdout, which it closes at `exit`; anything else written
    # to stdout while it runs goes to stderr, where it cannot break a message in two.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout.flush()
    stdout, sys.stdout = sys.stdout, sys.stderr
    try:
        server.start_io(sys.stdin.buffer, protocol_out)
    finally:
        sys.stdout = stdout
