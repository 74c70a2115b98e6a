"""The gzfacts command line: thin Typer commands over the library.

This is the one place where errors become messages and exit codes (see ExitCode).
"""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
import os
import re
import shlex
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any, Concatenate, ParamSpec, TypeVar

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from gzfacts import __version__, views
from gzfacts.cite import STYLES
from gzfacts.errors import (
    FactBaseInvalid,
    FactBaseUnreadable,
    GzfactsError,
    NoResults,
    NotFound,
    OutputExists,
    PartialResults,
    ProblemsFound,
    UsageError,
)
from gzfacts.factbase import FactBase, load, resolve_path
from gzfacts.output import FORMATS, Output, printable

P = ParamSpec("P")
T = TypeVar("T")


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    NOT_FOUND = 1  # unknown id, no fact matching every word of a search, or `validate` found problems
    USAGE = 2  # bad usage, or a fact base that cannot be loaded
    INTERRUPTED = 130  # Ctrl-C


#: The global options, which may also be given after the command (`gzfacts list --facts x.yaml`).
GLOBAL_VALUE_OPTIONS = ("--facts",)
GLOBAL_FLAGS = ("--no-pager",)


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


class GzfactsGroup(TyperGroup):
    """Runs a command: the one place where errors become a message on stderr and an exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, global_options_first(list(args), self.commands))
        except ClickUsageError as exc:
            raise typer.Exit(usage_error(exc)) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GzfactsError as exc:
            code, message, hint = explain_error(exc, ctx.invoked_subcommand)
            write_message(message, hint)
            raise typer.Exit(code) from None
        except ClickUsageError as exc:
            raise typer.Exit(usage_error(exc)) from None
        except KeyboardInterrupt:
            write_message("error: interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`gzfacts list | head -1`): stop quietly, like other tools.
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None


_SEE_IDS = "see `gzfacts list` and `gzfacts topics` for the ids there are"
_TRY_OTHER_WORDS = "try other or fewer words (`gzfacts search --help`), or browse with `gzfacts list`"


def explain_error(exc: GzfactsError, command: str | None = None) -> tuple[ExitCode, str, str | None]:
    """The exit code, the message and a hint for an error of the library (raised while running
    `command`), in the CLI's words: "error: …", except for the summary of a check's findings."""
    if isinstance(exc, NotFound):
        hint = "did you mean: " + ", ".join(exc.suggestions) + "?" if exc.suggestions else _SEE_IDS
        return ExitCode.NOT_FOUND, f"error: {exc}", hint
    if isinstance(exc, NoResults):
        if command in ("quote", "extract"):
            return ExitCode.NOT_FOUND, f"error: {exc}", exc.hint
        return ExitCode.NOT_FOUND, f"error: {exc}", _TRY_OTHER_WORDS if command == "search" else _SEE_IDS
    if isinstance(exc, ProblemsFound | PartialResults):
        return ExitCode.NOT_FOUND, str(exc), None
    if isinstance(exc, FactBaseUnreadable):
        # The offending line of the file, with a caret under the column, beneath the message.
        detail = "".join(f"\n    {line}" for line in exc.problems[0].detail)
        return ExitCode.USAGE, f"error: cannot load the fact base: {exc}{detail}", None
    if isinstance(exc, OutputExists):
        return ExitCode.USAGE, f"error: {exc}", "give --force to replace it, or another --output"
    if isinstance(exc, FactBaseInvalid):
        more = len(exc.problems) - 1
        command = f"gzfacts validate {shlex.quote(exc.path)}" if exc.path else "gzfacts validate"
        listed = f" (and {more} more; run `{command}` to list them)" if more else ""
        first = exc.problems[0] if exc.problems else exc
        return ExitCode.USAGE, f"error: the fact base is invalid: {first}{listed}", None
    return ExitCode.USAGE, f"error: {exc}", None  # UsageError, and any other error of the library


def usage_error(exc: ClickUsageError) -> ExitCode:
    """A usage error found by the argument parser (an unknown option or command, a missing
    argument), written in the same style as every other error: `gzfacts: error: …`, with the
    nearest names ("did you mean") and where to find help. The exit code is USAGE."""
    message = exc.format_message()
    # Click says "(Possible options: --json)"; say it as every other error does.
    message = re.sub(r"\s*\(Possible options?: (.*)\)$", r"; did you mean: \1?", message)
    message = re.sub(r"\.?\s*Did you mean '?([^'?]*)'?\?$", r"; did you mean: \1?", message)
    command = exc.ctx.command_path if exc.ctx is not None else "gzfacts"
    write_message(f"error: {message[0].lower()}{message[1:]}", f"see `{command} --help`")
    return ExitCode.USAGE


def write_message(message: str, hint: str | None = None) -> None:
    """A message (and a hint) on stderr, one line each."""
    sys.stderr.write(f"gzfacts: {printable(message)}\n")
    if hint:
        sys.stderr.write(f"gzfacts: {printable(hint)}\n")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


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
        "validate found problems); 2 usage error or a fact base that cannot be loaded; 130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Settings:
    """What the global options chose: the fact base to use, and whether to page."""

    def __init__(self, facts: Path, pager: bool = True) -> None:
        self.facts = facts
        self.pager = pager


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
            help="Fact base to use: a YAML file or a directory of them. [default: the shipped one]",
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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = Settings(resolve_path(facts), pager=not no_pager)
    _PAGE[0] = not no_pager


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    return settings if settings is not None else Settings(resolve_path(None))


def _open(ctx: typer.Context) -> FactBase:
    from gzfacts.output import ProgressBar

    progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        return load(_settings(ctx).facts, progress=progress)
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


# --- completion -------------------------------------------------------------------------------


def _complete(ctx: typer.Context, incomplete: str, *, facts: bool, topics: bool) -> list[str]:
    try:
        root = ctx.find_root()
        path = resolve_path(root.params.get("facts"))
        with load(path) as fb:
            found = (fb.fact_ids(incomplete) if facts else []) + (fb.topic_ids(incomplete) if topics else [])
    except Exception:  # completion must never print a traceback into the user's shell
        return []
    return sorted(found)


def complete_any_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Fact and topic ids starting with what was typed."""
    return _complete(ctx, incomplete, facts=True, topics=True)


def complete_fact_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Fact ids starting with what was typed."""
    return _complete(ctx, incomplete, facts=True, topics=False)


def complete_topic_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Topic ids starting with what was typed."""
    return _complete(ctx, incomplete, facts=False, topics=True)


def _complete_values(ctx: typer.Context, incomplete: str, field: str) -> list[str]:
    try:
        with load(resolve_path(ctx.find_root().params.get("facts"))) as fb:
            values = {str(getattr(fact, field)) for fact in fb.facts() if getattr(fact, field)}
    except Exception:  # completion must never print a traceback into the user's shell
        return []
    return sorted(value for value in values if value.lower().startswith(incomplete.lower()))


def complete_unit(ctx: typer.Context, incomplete: str) -> list[str]:
    """The units of the facts, starting with what was typed."""
    return _complete_values(ctx, incomplete, "unit")


def complete_period(ctx: typer.Context, incomplete: str) -> list[str]:
    """The periods of the facts, starting with what was typed."""
    return _complete_values(ctx, incomplete, "period")


def complete_style(incomplete: str) -> list[str]:
    """Citation styles starting with what was typed: gzfacts' own, then the shipped CSL styles."""
    from gzfacts.cite import csl_style_names

    typed = incomplete.lower()
    return [name for name in [*STYLES, *csl_style_names()] if name.startswith(typed)]


def complete_format(incomplete: str) -> list[str]:
    """Output formats starting with what was typed."""
    return [name for name in FORMATS if name.startswith(incomplete.lower())]


def complete_fields(incomplete: str) -> list[str]:
    """Field names for the last name of a comma-separated --fields value."""
    from gzfacts.model import FACT_FIELDS, SOURCE_FIELDS, TOPIC_FIELDS

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    names = dict.fromkeys(
        [*FACT_FIELDS, "score", "rank", "anchor", "context", *TOPIC_FIELDS, "fact_count", *SOURCE_FIELDS]
    )
    return [prefix + name for name in names if name.startswith(last) and name not in done.split(",")]


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


def _output(fmt: str | None = None, as_json: bool = False, fields: str | None = None, raw: bool = False) -> Output:
    """The output that --format/-o, --json, --fields and --raw ask for, on stdout and stderr."""
    return Output(_format(fmt, as_json), _fields(fields), out=sys.stdout, err=sys.stderr, raw=raw, pager=_PAGE[0])


def _fields(raw: str | None) -> list[str] | None:
    """The field names of a --fields value such as "id,claim,value"."""
    if raw is None:
        return None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    if not names:
        raise UsageError("--fields is empty: name one or more fields, such as --fields id,claim,value")
    return names


def _format(fmt: str | None, as_json: bool) -> str:
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    fmt = fmt.lower() if fmt else None
    chosen = "json" if as_json else (fmt or "table")
    if chosen not in FORMATS:
        raise UsageError(f"unknown format {chosen!r}; formats: {', '.join(FORMATS)}")
    return chosen


# --- commands ---------------------------------------------------------------------------------


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="A fact id or a topic id.", autocompletion=complete_any_id)
    ],
    context: Annotated[
        int,
        typer.Option(
            "--context",
            "-C",
            min=0,
            max=50,
            metavar="N",
            help="Also print N sentences of the source before and after the quote.",
        ),
    ] = 0,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """Show one fact in full, or a topic's facts as a table.

    Examples:

      gzfacts show digital-economy

      gzfacts show digital-economy-gdp-share-2018

      gzfacts show village-ecommerce-sites --context 1

      gzfacts show digital-economy-gdp-share-2018 --json | jq .anchor
    """
    out = _output(fmt, as_json, fields, raw)
    out.write(_view(ctx, views.show, ident, context))


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="Words to search for, as a reader would type them.")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most this many results.")
    ] = 10,
    topic: TopicOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show how each word was read, and which terms matched in which fields.")
    ] = False,
    no_correct: Annotated[
        bool, typer.Option("--no-correct", help="Search every word exactly as typed: no typo correction.")
    ] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """Search the facts, best match first.

    Facts that match every word of the query come first. Exit code 1 when none does: the
    facts listed then match only some words, and each says which words it misses.

    Examples:

      gzfacts search telemedicine

      gzfacts search "GDP share"

      gzfacts search e-commerce villages --limit 3

      gzfacts search hospitals --explain
    """
    out = _output(fmt, as_json, fields, raw)
    text = " ".join(query)
    flags = {"correct": "--no-correct", "limit": "--limit"}  # named in the notes
    listing = _view(
        ctx, views.search, text, limit=limit, topic=topic, explain=explain, correct=not no_correct, flags=flags
    )
    out.write(listing)


@app.command("list")
def list_facts(
    ctx: typer.Context,
    topic: TopicOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            help='Only facts whose unit contains this text, such as "percent".',
            autocompletion=complete_unit,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", "-p", help='Only facts of this period, such as "2018".', autocompletion=complete_period
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """List all facts, optionally filtered.

    Examples:

      gzfacts list

      gzfacts list --topic telemedicine

      gzfacts list --period 2018 --fields id,value,unit --format csv
    """
    out = _output(fmt, as_json, fields, raw)
    out.write(_view(ctx, views.fact_list, topic=topic, unit=unit, period=period))


@app.command()
def topics(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """List the topics with their fact counts.

    Examples:

      gzfacts topics

      gzfacts topics --json
    """
    out = _output(fmt, as_json, fields, raw)
    out.write(_view(ctx, views.topic_list))


@app.command()
def sources(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    raw: RawOption = False,
) -> None:
    """List the sources the facts quote.

    Examples:

      gzfacts sources

      gzfacts sources --format yaml
    """
    out = _output(fmt, as_json, fields, raw)
    out.write(_view(ctx, views.source_list))


@app.command()
def cite(
    ctx: typer.Context,
    idents: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...", help="Fact ids, or topic ids for all their facts.", autocompletion=complete_any_id
        ),
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            help=f"Citation style: {', '.join(STYLES)}, or the name of any CSL style (ieee, nature …).",
            autocompletion=complete_style,
        ),
    ] = "plain",
    csl: Annotated[
        Path | None, typer.Option("--csl", metavar="FILE", help="A CSL style file to format the reference with.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", help="json: the citations as one CSL-JSON array."),
    ] = None,
) -> None:
    """Print citations of facts: each source's reference and the quoted sentence.

    Examples:

      gzfacts cite digital-economy-gdp-share-2018

      gzfacts cite digital-economy-gdp-share-2018 --style apa

      gzfacts cite digital-economy --style bibtex >> refs.bib

      gzfacts cite beipanjiang-bridge-height village-ecommerce-sites --format json > refs.json

      gzfacts cite digital-economy-gdp-share-2018 --csl ieee.csl
    """
    if fmt is not None:
        if fmt.lower() not in ("json", "text"):
            raise UsageError(f"unknown format {fmt!r} for cite; formats: text, json (CSL-JSON)")
        if fmt.lower() == "json":
            style = "csl-json"
    _output().text(_view(ctx, views.citation, idents, style, csl))


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None, typer.Argument(metavar="[PATH]", help="Fact base to check. [default: the one --facts chose]")
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a fact base: schema, ids, references, verbatim quotes, values and periods.

    Lists every problem, each with file:line:column, a rule code and how to fix it. Exit code 0
    when clean, 1 when problems were found, 2 when the file cannot be read or parsed. --json
    prints one object per problem (`gzfacts schema` describes it).

    Examples:

      gzfacts validate

      gzfacts validate my-facts.yaml

      gzfacts validate my-facts.yaml --json | jq -r '.[] | .code'
    """
    out = _output(fmt, as_json)
    target, which = (Path(path), "") if path else _in_use(ctx)
    here = Path("facts.yaml")
    unchecked = which == _SHIPPED and here.is_file() and here.resolve() != target.resolve()
    note = ("this directory's facts.yaml was not checked: run `gzfacts validate .` to check it",) if unchecked else ()
    report = views.validation(target, which, note)
    out.write(report.problems)
    if report.failure is not None:
        raise report.failure
    out.message(report.summary)


_SHIPPED = " (the shipped fact base)"


def _in_use(ctx: typer.Context) -> tuple[Path, str]:
    """The fact base commands use, and where that choice came from (said in validate's summary)."""
    from gzfacts.factbase import shipped_path

    root = ctx.find_root()
    given = root.params.get("facts")
    if not given:
        return shipped_path(), _SHIPPED
    source = root.get_parameter_source("facts")
    origin = "$GZFACTS_FACTS" if source is not None and source.name == "ENVIRONMENT" else "--facts"
    return Path(given), f" (from {origin})"


# --- authoring: init, extract, quote, coverage (logic in gzfacts.authoring) --------------------


@app.command()
def init(
    directory: Annotated[str, typer.Argument(metavar="[DIR]", help="Where to create the fact base.")] = ".",
    source: Annotated[
        str | None, typer.Option("--source", metavar="FILE", help="The source's plain text, copied into DIR/sources/.")
    ] = None,
    title: Annotated[str, typer.Option("--title", help="The source's headline.")] = "",
    author: Annotated[str, typer.Option("--author", help="The byline, as printed.")] = "",
    publisher: Annotated[str, typer.Option("--publisher", help="The newspaper or publisher.")] = "",
    date: Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD", help="The publication date.")] = "",
    url: Annotated[str, typer.Option("--url", help="Where the source can be read online.")] = "",
) -> None:
    """Create a new fact base: DIR/facts.yaml with a source, a topic and comments. Never overwrites a file.

    Examples:

      gzfacts init my-base

      gzfacts init my-base --source article.txt --date 2024-03-05 --title "Harbour report"

      gzfacts validate my-base
    """
    from gzfacts.authoring.scaffold import SourceDetails
    from gzfacts.authoring.scaffold import init as scaffold

    out = _output()
    target = Path(directory)
    details = SourceDetails(Path(source) if source else None, title, author, publisher, date, url)
    for made in scaffold(target, details):
        out.message(f"created {made}")
    out.message(
        "next: fill in what the source entry leaves empty, add facts "
        f"(`gzfacts extract` proposes them), then run `gzfacts validate {target}`"
    )


@app.command()
def extract(
    text_file: Annotated[str, typer.Argument(metavar="SOURCE_TEXT", help="The source's plain text.")],
    published: Annotated[
        str,
        typer.Option("--published", metavar="YYYY-MM-DD", help='The publication date: "last year" is read against it.'),
    ],
    source_id: Annotated[
        str | None,
        typer.Option("--source-id", metavar="ID", help="The source's id in the fact base. [default: from the name]"),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-o", metavar="FORMAT", help="yaml, json or jsonl. [default: yaml]")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Propose candidate facts from a source text, one per figure or checkable statement.

    Each candidate has the verbatim quote, its value, unit, qualifier, period (inferred from the
    publication date where the text says "last year"), who said it and an id; the claim is left
    for you. Candidates are drafts: validate refuses them until you remove `draft: true`.

    Examples:

      gzfacts extract sources/report.txt --published 2024-03-05 >> facts.yaml

      gzfacts extract sources/report.txt --published 2024-03-05 --json | jq '.[].value'
    """
    from gzfacts.authoring.extract import extract as propose
    from gzfacts.authoring.extract import to_yaml
    from gzfacts.authoring.texts import parse_date, read_source_text, slug
    from gzfacts.loader import SLUG

    out = _authoring_output(fmt, as_json, ("yaml", "json", "jsonl"))
    date = parse_date(published)
    ident = source_id if source_id is not None else slug(Path(text_file).stem)
    if not SLUG.match(ident):
        raise UsageError(f"--source-id {ident!r} is not a kebab-case id such as `harbour-report-2024`")
    found = propose(read_source_text(text_file), date, ident)
    if not found:
        raise NoResults(f"{text_file}: no figures or checkable statements found")
    if out.fmt == "yaml":
        out.out.write(printable(to_yaml(found, text_file, date)))
    else:
        out.write(views.candidates(found))
    out.message(
        f"{len(found)} candidate{'s' if len(found) != 1 else ''}; each is a draft: "
        "write the claim in your own words and choose a topic, then remove `draft: true`"
    )


def _draft(ctx: typer.Context) -> Any:
    """The fact base in use, read without requiring it to validate; says which source texts cannot be read."""
    from gzfacts.authoring.base import read_draft

    path = _settings(ctx).facts
    draft = read_draft(path)
    for ident in draft.unreadable():
        write_message(f"the text of source `{ident}` cannot be read: run `gzfacts validate {path}`")
    return draft


def _authoring_output(fmt: str | None, as_json: bool, allowed: tuple[str, ...]) -> Output:
    """The output of an authoring command, whose formats are its own (`yaml` to paste, `text`)."""
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    chosen = "json" if as_json else (fmt or allowed[0])
    if chosen not in allowed:
        raise UsageError(f"unknown format {chosen!r}; formats: {', '.join(allowed)}")
    return Output(chosen, None, out=sys.stdout, err=sys.stderr)


@app.command()
def quote(
    ctx: typer.Context,
    fragment: Annotated[list[str], typer.Argument(metavar="FRAGMENT...", help="A few words of the sentence.")],
    source: Annotated[str | None, typer.Option("--source", "-s", metavar="ID", help="Only this source.")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-o", metavar="FORMAT", help="yaml, json or jsonl. [default: yaml]")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Find the sentence of a source that holds a fragment, and print it exactly, with its anchor and a fact stub.

    Forgives case, spacing, quote and apostrophe styles (or none), dashes, "10250" for "10,250"
    and "%" for "percent". Works on a fact base that does not validate yet.

    Examples:

      gzfacts quote "26.9% of provincial GDP"

      gzfacts --facts my-base quote minutes walk --json
    """
    from gzfacts.authoring.quote import find, nearest, stub

    out = _authoring_output(fmt, as_json, ("yaml", "json", "jsonl"))
    words = " ".join(fragment)
    if not words.strip():
        raise UsageError("the fragment is empty: give a few words of the sentence")
    draft = _draft(ctx)
    texts = {s.id: draft.texts[s.id] for s in draft.sources(source)}
    matches = find(words, texts)
    if not matches:
        close = nearest(words, texts)
        hint = f'the nearest sentence ({close[0]}, line {close[2]}): "{close[1]}"' if close else None
        raise NoResults(f"no sentence of the sources holds {words!r}", hint)
    if out.fmt == "yaml":
        for m in matches:
            out.text(f"# {m.source}, line {m.line}, characters {m.anchor.start}-{m.anchor.end}\n{stub(m)}")
    else:
        out.write(views.quote_matches(matches))


@app.command()
def coverage(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Option("--source", "-s", metavar="ID", help="Only this source.")] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-o", metavar="FORMAT", help="table, json, jsonl or text (the marked source)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show how much of each source the facts cover: the checkable sentences no fact quotes.

    A sentence is checkable when it states a figure, a period, a ranking or who said it. `-o text`
    prints the source with covered sentences as {+ ... +} and uncovered ones as [- ... -].

    Examples:

      gzfacts coverage

      gzfacts --facts my-base coverage -o text | less
    """
    from gzfacts.authoring.coverage import coverage as measure
    from gzfacts.authoring.coverage import marked

    out = _authoring_output(fmt, as_json, ("table", "json", "jsonl", "text"))
    draft = _draft(ctx)
    results = measure(draft, source)
    if out.fmt == "text":
        for result in results:
            out.out.write(printable(marked(draft.texts[result.source], result.sentences)))
    else:
        out.write(views.coverage(results, machine=out.fmt != "table"))


@app.command()
def check(
    ctx: typer.Context,
    claim: Annotated[
        list[str] | None, typer.Argument(metavar="[CLAIM...]", help="A claim to check (the words are joined).")
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", metavar="PATH", help="Check a draft: Markdown (.md) or plain text; - for stdin."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-o", metavar="FORMAT", help="table, plain, json, jsonl, sarif or github. [default: table]"
        ),
    ] = None,
    as_json: JsonOption = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list sentences with nothing checkable in them, as no-claim.")
    ] = False,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            metavar="VERDICT",
            help="Exit 1 on contradicted sentences (the default), or on unverifiable ones too.",
        ),
    ] = "contradicted",
) -> None:
    """Check a claim or a draft against the fact base, sentence by sentence.

    Each sentence with a figure, year, rank or attribution is supported, contradicted (which
    figure is wrong, and what the article says) or unverifiable (no fact vouches for it, or the
    facts are about another period, place or measure). Exit code 0 when nothing is
    contradicted, 1 when something is (or, with --fail-on unverifiable, is unverifiable), 2
    for usage errors and unreadable files.

    Examples:

      gzfacts check "Guizhou's digital economy was 30 percent of GDP in 2018"

      gzfacts check --file draft.md

      gzfacts check -f draft.md --format sarif > gzfacts.sarif

      gzfacts check -f draft.md --format github
    """
    from gzfacts.findings import finding_format, write_findings

    chosen = finding_format(fmt, as_json)
    report = _view(ctx, views.check, " ".join(claim or []), file=file, show_all=show_all, fail_on=fail_on)
    write_findings(report.findings, chosen, sys.stdout)
    if report.failure is not None:
        raise report.failure
    _output().message(report.summary)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON output (fact objects, topics, search results).

    Examples:

      gzfacts schema > gzfacts.schema.json
    """
    sys.stdout.write((Path(__file__).parent / "output.schema.json").read_text(encoding="utf-8"))


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
    _output().message(views.cache_cleared())


@cache_app.command("prune")
def cache_prune() -> None:
    """Delete the indexes of fact bases that no longer exist (deleted files, removed temporary
    folders); `cache info` marks them "fact base gone".

    Examples:

      gzfacts cache prune
    """
    _output().message(views.cache_pruned())


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
    typer.Option("--output", metavar="PATH", help="File to write (atomically). [default: standard output]"),
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
    output: Annotated[Path, typer.Option("--output", metavar="PATH", help="The database file to write.")],
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


def main() -> None:
    """The console script: run the app and exit with its code."""
    try:
        app(prog_name="gzfacts")
    except KeyboardInterrupt:
        write_message("interrupted")
        raise SystemExit(ExitCode.INTERRUPTED) from None
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
