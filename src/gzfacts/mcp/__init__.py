"""The Model Context Protocol server (`gzfacts mcp`): the fact base's lookups, checks and
citations as tools and resources for a writing assistant, over stdio.

`tools` answers each request from the library, in the JSON shapes the command line prints
(`show --json`, `search --json`, `check --format json`); `server` puts them behind the official
MCP SDK (the optional `mcp` extra), which only `serve` imports.
"""

from __future__ import annotations

from pathlib import Path

from gzfacts.errors import UsageError

#: What to install when the SDK is missing.
INSTALL_HINT = "pip install 'gzfacts[mcp]'"


def serve(facts: Path, *, jobs: int | None = None) -> None:
    """Serve the fact base at `facts` over stdio until the client closes the connection.

    Raises UsageError when the MCP SDK is not installed, and FactBaseUnreadable or
    FactBaseInvalid when the fact base cannot be served."""
    try:
        from gzfacts.mcp.server import build_server
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.split(".")[0] != "mcp":
            raise
        if exc.name == "mcp":
            raise UsageError(f"the MCP server needs the MCP SDK, which is not installed: {INSTALL_HINT}") from None
        # mcp 1.x has no mcp.server.mcpserver (its FastMCP became MCPServer in 2.0).
        raise UsageError(f"the installed MCP SDK is too old ({exc.name} is missing): {INSTALL_HINT} -U") from None
    build_server(facts, jobs=jobs).run("stdio")
