"""The gzfacts command line: thin Typer commands over the library.

`core` holds the app, its global options and the one place where errors become messages and exit
codes (`explain_error`); each other module declares one group of commands, registered on the app
when it is imported: when one of its commands is run or listed (`core.COMMANDS`).
"""

from gzfacts.cli.completion import complete_fields, complete_format, complete_style
from gzfacts.cli.core import app, global_options_first, main, usage_error
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
