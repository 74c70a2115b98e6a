"""The gzfacts command line: thin Typer commands over the library.

`core` holds the app, its global options and the one place where errors become messages and exit
codes (`explain_error`); each other module declares one group of commands, registered on the app
when it is imported: when one of its commands is run or listed (`core.COMMANDS`).
"""

from typing import TYPE_CHECKING, Any

from gzfacts.cli.completion import complete_fields, complete_format, complete_style
from gzfacts.cli.core import app, global_options_first, main, usage_error

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.output.messages import ExitCode, explain_error

__all__ = [
    "ExitCode",
    "app",
    "complete_fields",
    "complete_format",
    "complete_style",
    "explain_error",
    "global_options_first",
    "main",
    "usage_error",
]


def __getattr__(name: str) -> Any:
    """ExitCode and explain_error, from gzfacts.output.messages: imported on first use, as a
    command that goes well never needs them."""
    if name in ("ExitCode", "explain_error"):
        from gzfacts.output import messages

        return getattr(messages, name)
    raise AttributeError(f"module 'gzfacts.cli' has no attribute {name!r}")
