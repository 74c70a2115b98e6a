"""The language server (`gzfacts lsp`): the checker's findings under the words of a draft in an editor.

Two modules, so that what the server knows can be tested without a client: `drafts` (no pygls)
keeps each open document's paragraphs and their findings, re-checks only the paragraphs that
changed, and places every checked part at its offsets; `server` (pygls, imported only by the
`gzfacts lsp` command, through `serve`) turns those into diagnostics, hovers and code actions.
Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gzfacts.errors import UsageError


def serve(facts: Path | None = None) -> None:
    """Serve over stdin and stdout until the client says `exit`, with the fact base at `facts`
    (else the one found from the editor's workspace folder).

    Raises UsageError when pygls (the lsp extra) is not installed."""
    try:
        from gzfacts.lsp.server import make_server
    except ImportError as exc:
        raise UsageError(
            f"the language server needs {(exc.name or 'pygls').split('.')[0]}, which is not installed: "
            "pip install 'gzfacts[lsp]'"
        ) from None
    server = make_server()
    server.facts_path = facts
    # The protocol gets its own copy of stdout, which it closes at `exit`; anything else written
    # to stdout while it runs goes to stderr, where it cannot break a message in two.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout.flush()
    stdout, sys.stdout = sys.stdout, sys.stderr
    try:
        server.start_io(sys.stdin.buffer, protocol_out)
    finally:
        sys.stdout = stdout
