"""The cache commands: info, clear, prune."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.

import typer

from gzfacts import views
from gzfacts.cli.core import FormatOption, JsonOption, _output, _settings, app

cache_app = typer.Typer(
    name="cache",
    help="Inspect, prune or clear the compiled indexes in the cache directory.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(cache_app)


@cache_app.command("info")
def cache_info(ctx: typer.Context, fmt: FormatOption = None, as_json: JsonOption = False) -> None:
    """Show where the index cache is and what it holds.

    Examples:

      gzfacts cache info

      gzfacts cache info --json
    """
    _output(fmt, as_json).write(views.cache_list(_settings(ctx).facts))


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached index; each is rebuilt when next needed.

    Examples:

      gzfacts cache clear
    """
    _output().write(views.cache_cleared())


@cache_app.command("prune")
def cache_prune() -> None:
    """Delete the indexes of fact bases that no longer exist (deleted files, removed temporary
    folders); `cache info` marks them "fact base gone".

    Examples:

      gzfacts cache prune
    """
    _output().write(views.cache_pruned())
