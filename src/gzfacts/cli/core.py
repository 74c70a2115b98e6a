"""The app, its global options, its commands (each module imported when one of its commands is
run or listed), where errors are caught (and handed to `output.messages` to be worded), and the
options every data command shares."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
import sys
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any, Concatenate, ParamSpec, TypeVar

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from gzfacts import __version__
from gzfacts.cli.completion import complete_fields, complete_format, complete_topic_id
from gzfacts.errors import GzfactsError
from gzfacts.factbase import FactBase, load
from gzfacts.output import FORMATS, Output, chosen_format, field_names
from gzfacts.process import running, silence_stdout
from gzfacts.project import Origin, Settings, choose

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.output.messages import ExitCode

# gzfacts.output.messages (the errors in the CLI's words, the exit codes) is imported where a
# command goes wrong, or says something on stderr: a lookup that goes well does not pay for it.

P = ParamSpec("P")
T = TypeVar("T")


#: The global options, which may also be given after the command (`gzfacts list --facts x.yaml`).
GLOBAL_VALUE_OPTIONS = ("--facts", "--jobs")
#: More worker processes than this are never useful, and past the OS's limits.
MAX_JOBS = 256
GLOBAL_FLAGS = ("--no-pager", "--verbose", "-v")


def global_options_first(args: list[str], commands: Any) -> list[str]:
    """The arguments with global options given after the command moved before it (never past
    a `--`), so that `gzfacts list --facts x.yaml` means `gzfacts --facts x.yaml list`."""
    if not args or args[0] not in commands:
        # The command is not first: look for it after the options that come before it.
        index = next((i for i, arg in enumerate(args) if arg in commands), None)
        if index is None:
            return args
        head, rest = args[:index], args[index:]
    else:
        head, rest = [], args
    moved: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--":
            kept.extend(rest[i:])
            break
        if arg in GLOBAL_FLAGS:
            moved.append(arg)
        elif arg in GLOBAL_VALUE_OPTIONS and i + 1 < len(rest):
            moved.extend(rest[i : i + 2])
            i += 1
        elif arg.split("=", 1)[0] in GLOBAL_VALUE_OPTIONS and "=" in arg:
            moved.append(arg)
        else:
            kept.append(arg)
        i += 1
    return [*head, *moved, *kept]


#: The sections of `gzfacts --help`, in order, and their commands in the order listed; a command
#: named in none is listed under "Other".
HELP_PANELS: dict[str, tuple[str, ...]] = {
    "Look up": ("show", "search", "list", "topics", "sources", "cite"),
    "Check a draft": ("check",),
    "Build a fact base": ("init", "extract", "quote", "validate", "coverage"),
    "Share": ("export",),
    "Editors and assistants": ("lsp", "mcp"),
}


#: Every command, in the order `gzfacts --help` lists them (under HELP_PANELS' sections), and the
#: module of `gzfacts.cli` that declares it: imported only when the command is run or listed.
COMMANDS = {
    **dict.fromkeys(("validate", "init", "extract", "quote", "coverage"), "authoring"),
    **dict.fromkeys(("check", "schema"), "checking"),
    **dict.fromkeys(("show", "search", "list", "topics", "sources"), "lookup"),
    "cite": "citing",
    "lsp": "lsp",
    "mcp": "mcp",
    "cache": "cache",
    "export": "export",
}


def _build(name: str) -> Any:
    """The Click command `name`, built from what its module registered on the app."""
    import importlib

    import typer.main

    importlib.import_module(f"gzfacts.cli.{COMMANDS[name]}")
    short, markup = app.pretty_exceptions_short, app.rich_markup_mode
    for info in app.registered_commands:
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:  # type: ignore[union-attr]
            return typer.main.get_command_from_info(info, pretty_exceptions_short=short, rich_markup_mode=markup)
    group = next(group for group in app.registered_groups if group.typer_instance.info.name == name)  # type: ignore[union-attr]
    return typer.main.get_group_from_info(
        group, pretty_exceptions_short=short, rich_markup_mode=markup, suggest_commands=app.suggest_commands
    )


class LazyCommands(MutableMapping[str, Any]):
    """The app's commands by name, each built (and its module imported) when first looked up: a
    run imports and builds only the command it runs."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self.built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built and name in COMMANDS:
            self.built[name] = _build(name)
        return self.built[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self.built

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self.built]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*COMMANDS, *self.built]))

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]


class GzfactsGroup(TyperGroup):
    """Runs a command: the one place where errors become a message on stderr and an exit code."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands in sections (HELP_PANELS): looking up first, then checking, authoring,
        sharing, and the rest."""
        listed = [name for names in HELP_PANELS.values() for name in names]
        rest = tuple(name for name in self.list_commands(ctx) if name not in listed)
        widest = max(len(name) for name in self.commands)
        limit = formatter.width - 6 - widest
        for panel, names in [*HELP_PANELS.items(), ("Other", rest)]:
            commands = [(name, self.commands[name]) for name in names if name in self.commands]
            rows = [(name.ljust(widest), cmd.get_short_help_str(limit)) for name, cmd in commands if not cmd.hidden]
            if rows:
                with formatter.section(panel):
                    formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, global_options_first(list(args), self.commands))
        except ClickUsageError as exc:
            raise typer.Exit(usage_error(exc)) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GzfactsError as exc:
            from gzfacts.output.messages import explain_error, write_message

            settings = ctx.find_object(Settings)
            config = settings.config if settings is not None else None
            code, message, hint = explain_error(exc, ctx.invoked_subcommand, config=config)
            write_message(message, hint)
            raise typer.Exit(code) from None
        except ClickUsageError as exc:
            raise typer.Exit(usage_error(exc)) from None
        except KeyboardInterrupt:
            from gzfacts.output.messages import ExitCode, write_message

            write_message("error: interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`gzfacts list | head -1`): stop quietly, like other tools.
            from gzfacts.output.messages import ExitCode

            silence_stdout()
            raise typer.Exit(ExitCode.OK) from None


def usage_error(exc: ClickUsageError) -> "ExitCode":
    """A usage error found by the argument parser, written as every other error is (exit code 2)."""
    from gzfacts.output.messages import usage_message

    return usage_message(exc.format_message(), exc.ctx.command_path if exc.ctx is not None else "gzfacts")


app = typer.Typer(
    cls=GzfactsGroup,
    name="gzfacts",
    help=(
        "Look up verified facts from the Guizhou article, each with its citation and the verbatim "
        "sentence it rests on.\n\n"
        "Examples:\n\n"
        "  gzfacts show digital-economy\n\n"
        "  gzfacts search telemedicine\n\n"
        "  gzfacts list --topic e-government --json | jq '.[].claim'\n\n"
        "Exit codes: 0 found; 1 nothing found (a search no fact matches in every word, or "
        "validate found problems); 2 usage error or a fact base that cannot be loaded; 130 interrupted; 143 terminated."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


#: Where the fact base came from, in words (for --verbose and validate), unless --facts or
#: $GZFACTS_FACTS gave it.
_WHICH = {
    Origin.SHIPPED: " (the shipped fact base)",
    Origin.PROJECT: " (the project's: the nearest found up from here)",
}


def _chosen(given: str | None, from_env: bool, **options: Any) -> Settings:
    """The settings with the fact base the options choose, and where that choice came from."""
    choice = choose(given)
    which = _WHICH.get(choice.origin) or f" (from {'$GZFACTS_FACTS' if from_env else '--facts'})"
    return Settings(choice.path, which=which, config=choice.config, **options)


#: Whether the command being run may page its output (set by the global options each run).
_PAGE = [True]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"gzfacts {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    facts: Annotated[
        str | None,
        typer.Option(
            "--facts",
            envvar="GZFACTS_FACTS",
            metavar="PATH",
            help="Fact base to use: a YAML file or a directory of them. "
            "[default: the nearest gzfacts.toml, pyproject.toml with [tool.gzfacts] or facts.yaml up from here, "
            "else the shipped one]",
            show_envvar=True,
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long tables. [default: in a terminal, through $GZFACTS_PAGER, $PAGER or less -FRX]",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            metavar="N",
            min=1,
            max=MAX_JOBS,
            show_default=False,
            help="Worker processes that parse a directory fact base when its index is built. "
            "[default: one per core, up to 4]",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say which fact base is used, and why, on stderr.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    source = ctx.get_parameter_source("facts")
    from_env = source is not None and source.name == "ENVIRONMENT"
    ctx.obj = _chosen(facts, from_env, pager=not no_pager, jobs=jobs, verbose=verbose)
    _PAGE[0] = not no_pager


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    return settings if settings is not None else _chosen(None, False)


def _open(ctx: typer.Context) -> FactBase:
    progress: Any = None
    if sys.stderr.isatty():  # a bar only on a terminal, and its module imported only then
        from gzfacts.output.tables import ProgressBar

        progress = ProgressBar(sys.stderr)
    settings = _settings(ctx)
    if settings.verbose:
        from gzfacts.output.messages import write_message

        write_message(f"fact base: {settings.facts}{settings.which}")
    try:
        return load(settings.facts, progress=progress, jobs=settings.jobs)
    finally:
        if progress is not None:
            progress.close()


def _view(ctx: typer.Context, view: Callable[Concatenate[FactBase, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
    """What `view` makes of the fact base the global options chose (closed again after); the
    fact base's notes (an index rebuilt because it was damaged or untrusted) go to stderr."""
    with _open(ctx) as fb:
        try:
            return view(fb, *args, **kwargs)
        finally:
            for note in fb.notes:
                sys.stderr.write(f"gzfacts: note: {note}\n")


# --- shared options ---------------------------------------------------------------------------

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-o",
        help=f"Output format: {', '.join(FORMATS)}. [default: table]",
        metavar="FORMAT",
        autocompletion=complete_format,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Comma-separated fields to output, such as id,claim,value. An unknown field lists the available ones.",
        metavar="FIELDS",
        autocompletion=complete_fields,
    ),
]
RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV/TSV: write cells exactly as they are. By default a cell that starts like a spreadsheet "
        "formula (=, +, -, @) gets a leading ' so that a spreadsheet shows it as text.",
    ),
]
TopicOption = Annotated[
    str | None,
    typer.Option("--topic", "-t", help="Only facts of this topic.", autocompletion=complete_topic_id, metavar="TOPIC"),
]


def _output(
    fmt: str | None = None,
    as_json: bool = False,
    fields: str | None = None,
    raw: bool = False,
    *,
    formats: tuple[str, ...] = FORMATS,
    command: str = "",
) -> Output:
    """The output that --format/-o, --json, --fields and --raw ask for, on stdout and stderr,
    among the `formats` the command writes (the first is its default)."""
    fmt = chosen_format(fmt, as_json, formats, command)
    return Output(fmt, field_names(fields), out=sys.stdout, err=sys.stderr, raw=raw, pager=_PAGE[0])


def main() -> None:
    """The console script: run the app and exit with its code."""
    with running(sys.argv[1:]):
        app(prog_name="gzfacts")
