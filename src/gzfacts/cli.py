"""The gzfacts command line: thin Typer commands over the library.

This is the one place where errors become messages and exit codes (see ExitCode).
"""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.
import os
import sys
from enum import IntEnum
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from gzfacts import __version__
from gzfacts.errors import FactBaseInvalid, FactBaseUnreadable, GzfactsError, NotFound, UsageError
from gzfacts.factbase import FactBase, load, resolve_path
from gzfacts.model import FACT_FIELDS, FORMATS, SOURCE_FIELDS, TOPIC_FIELDS, Fact
from gzfacts.output import Column, TableSpec, parse_fields, printable, select_fields


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    NOT_FOUND = 1  # unknown id, no search hit, or `validate` found problems
    USAGE = 2  # bad usage, or a fact base that cannot be loaded
    INTERRUPTED = 130  # Ctrl-C


class GzfactsGroup(TyperGroup):
    """Runs a command and turns gzfacts' errors into a message on stderr and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NotFound as exc:
            _fail(ExitCode.NOT_FOUND, str(exc), _did_you_mean(exc))
        except UsageError as exc:
            _fail(ExitCode.USAGE, str(exc))
        except FactBaseUnreadable as exc:
            _fail(ExitCode.USAGE, f"cannot load the fact base: {exc}")
        except FactBaseInvalid as exc:
            _fail(ExitCode.USAGE, f"the fact base is invalid: {exc}")
        except GzfactsError as exc:
            _fail(ExitCode.USAGE, str(exc))
        except KeyboardInterrupt:
            _fail(ExitCode.INTERRUPTED, "interrupted")
        except BrokenPipeError:
            # The reader went away (`gzfacts list | head -1`): stop quietly, like other tools.
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None


def _did_you_mean(exc: NotFound) -> str | None:
    if exc.kind == "search":
        return "try other or fewer words (`gzfacts search --help`), or browse with `gzfacts list`"
    if not exc.suggestions:
        return "see `gzfacts list` and `gzfacts topics` for the ids there are"
    return "did you mean: " + ", ".join(exc.suggestions) + "?"


def _fail(code: ExitCode, message: str, hint: str | None = None) -> NoReturn:
    err = sys.stderr
    err.write(f"gzfacts: error: {printable(message)}\n")
    if hint:
        err.write(f"gzfacts: {printable(hint)}\n")
    raise typer.Exit(code)


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
        "Exit codes: 0 found; 1 nothing found (or validate found problems); 2 usage error or a "
        "fact base that cannot be loaded; 130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Settings:
    """What the global options chose: the fact base to use."""

    def __init__(self, facts: Path) -> None:
        self.facts = facts


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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options."""
    ctx.obj = Settings(resolve_path(facts))


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_object(Settings)
    return settings if settings is not None else Settings(resolve_path(None))


def _open(ctx: typer.Context) -> FactBase:
    progress = _ProgressBar() if sys.stderr.isatty() else None
    try:
        return load(_settings(ctx).facts, progress=progress)
    finally:
        if progress is not None:
            progress.close()


class _ProgressBar:
    """A progress bar on stderr while an index is built (only shown on a terminal)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            from rich.progress import Progress

            from gzfacts.output import make_console

            self._bar = Progress(console=make_console(sys.stderr), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("building the index", total=None)
        self._bar.update(self._task, description=f"{stage} the fact base", completed=done, total=total or None)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


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


# --- shared options ---------------------------------------------------------------------------

FormatOption = Annotated[
    str | None,
    typer.Option("--format", "-o", help=f"Output format: {', '.join(FORMATS)}. [default: table]", metavar="FORMAT"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Comma-separated fields to output, such as id,claim,value. An unknown field lists the available ones.",
        metavar="FIELDS",
    ),
]
TopicOption = Annotated[
    str | None,
    typer.Option("--topic", "-t", help="Only facts of this topic.", autocompletion=complete_topic_id, metavar="TOPIC"),
]


def _format(fmt: str | None, as_json: bool) -> str:
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    chosen = "json" if as_json else (fmt or "table")
    if chosen not in FORMATS:
        raise UsageError(f"unknown format {chosen!r}; formats: {', '.join(FORMATS)}")
    return chosen


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


class Output:
    """Where and how a command writes its data (stdout) and messages (stderr)."""

    def __init__(self, fmt: str, fields: list[str] | None, out: IO[str], err: IO[str]) -> None:
        self.fmt = fmt
        self.fields = fields
        self.out = out
        self.err = err
        #: Tables are drawn with Rich for a terminal (or when FORCE_COLOR asks for it); into a
        #: pipe or a file they are plain aligned text, one record a line.
        self.rich = fmt == "table" and (bool(os.environ.get("FORCE_COLOR")) or _isatty(out))

    @classmethod
    def choose(cls, fmt: str | None, as_json: bool, fields: str | None) -> "Output":
        return cls(_format(fmt, as_json), parse_fields(fields), sys.stdout, sys.stderr)

    def message(self, text: str) -> None:
        self.err.write(f"gzfacts: {printable(text)}\n")

    def console(self) -> Any:
        from gzfacts.output import make_console

        return make_console(self.out)

    def records(
        self,
        records: list[dict[str, Any]],
        available: tuple[str, ...],
        table: TableSpec,
        *,
        json_data: Any = None,
    ) -> None:
        """Write records in the chosen format; `json_data` replaces the array for json/yaml."""
        from gzfacts import output

        chosen = select_fields(records, self.fields, available)
        fields = list(self.fields or (chosen[0].keys() if chosen else available))
        if self.fmt == "json":
            output.write_json(chosen if json_data is None else json_data(chosen), self.out)
        elif self.fmt == "yaml":
            output.write_yaml(chosen if json_data is None else json_data(chosen), self.out)
        elif self.fmt == "jsonl":
            output.write_jsonl(chosen, self.out)
        elif self.fmt == "csv":
            output.write_csv(chosen, fields, self.out)
        elif self.fmt == "tsv":
            output.write_tsv(chosen, fields, self.out)
        elif self.fmt == "markdown":
            output.write_markdown(chosen, fields, self.out)
        else:
            if self.fields:
                columns = [Column(name, name, ratio=1) for name in fields]
                table = TableSpec(columns, table.title, table.caption, table.highlights)
            if self.rich:
                output.write_table(chosen, table, self.console())
            else:
                output.write_plain_table(chosen, table, self.out)

    def lines(self, lines: list[str]) -> None:
        """Plain lines of data (explanations) before a table."""
        if self.rich:
            console = self.console()
            for line in lines:
                console.print(printable(line))
        else:
            self.out.write("".join(printable(line) + "\n" for line in lines))


FACT_TABLE = [
    Column("fact", "id", ratio=5, style="cyan", whole=True, below="claim"),
    Column("value", "value_text", ratio=2),
    Column("period", "period"),
]


def _value_text(fact: Fact) -> str:
    if fact.value is None:
        return "none"
    value = f"{fact.value:,}" if isinstance(fact.value, int) else str(fact.value)
    parts = [
        fact.qualifier
        if fact.qualifier and fact.qualifier.lower() in ("more than", "less than", "about", "over", "nearly")
        else None,
        value,
        fact.unit,
    ]
    return " ".join(p for p in parts if p)


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
) -> None:
    """Show one fact in full, or a topic's facts as a table.

    Examples:

      gzfacts show digital-economy

      gzfacts show digital-economy-gdp-share-2018

      gzfacts show village-ecommerce-sites --context 1

      gzfacts show digital-economy-gdp-share-2018 --json | jq .anchor
    """
    out = Output.choose(fmt, as_json, fields)
    with _open(ctx) as fb:
        if fb.has_fact(ident):
            _show_fact(fb, fb.fact(ident), context, out)
        elif fb.has_topic(ident):
            _show_topic(fb, ident, out)
        else:
            raise NotFound("fact or topic", ident, fb.suggest(ident))


def _show_fact(fb: FactBase, fact: Fact, context: int, out: Output) -> None:
    from gzfacts.cite import reference

    record: dict[str, Any] = fact.to_dict()
    record["anchor"] = fb.anchor(fact).to_dict()
    before = after = ""
    if context:
        before, _, after = fb.context(fact, context)
        record["context"] = {"before": before, "after": after}
    available = (*FACT_FIELDS, "anchor", *(("context",) if context else ()))
    if out.fmt != "table" or out.fields:
        spec = TableSpec([Column(name, name) for name in available])
        out.records([record], available, spec, json_data=lambda chosen: chosen[0])
        return
    from gzfacts.output import write_plain_card

    source = fb.source(fact.source)
    topic = fb.topic(fact.topic)
    period = fact.period or "none"
    if fact.period_inferred_from:
        period += f' (inferred from "{fact.period_inferred_from}" in an article of {source.published})'
    rows: list[tuple[str, str]] = [("claim", fact.claim), ("value", _value_text(fact))]
    if fact.qualifier:
        rows.append(("qualifier", fact.qualifier))
    rows += [
        ("period", period),
        ("topic", f"{topic.id} ({topic.title})"),
        ("said by", fact.attributed_to or "the article itself"),
        ("quote", f"\u201c{fact.quote}\u201d"),
        ("source", reference(source, "plain")),
    ]
    if fact.aliases:
        rows.append(("aliases", ", ".join(fact.aliases)))
    exact = fb.anchor(fact).exact
    if not out.rich:
        if context:  # the quote as it stands in the source, marked, with its neighbours
            marked = " ".join(part for part in (before, f"\u00bb {exact} \u00ab", after) if part)
            rows = [(label, marked if label == "quote" else value) for label, value in rows]
        write_plain_card(rows, out.out, title=fact.id)
        return
    from rich.text import Text

    from gzfacts.output import text, write_card

    styled: list[tuple[str, Any]] = []
    for label, value in rows:
        if label != "quote":
            styled.append((label, value))
        elif not context:
            styled.append((label, text(value, "italic")))
        else:
            quote = Text()
            if before:
                quote.append(printable(before) + " ", style="dim")
            quote.append("\u00bb ")
            quote.append(printable(exact), style="bold")
            quote.append(" \u00ab")
            if after:
                quote.append(" " + printable(after), style="dim")
            styled.append((label, quote))
    write_card(styled, out.console(), title=fact.id)


def _show_topic(fb: FactBase, topic_id: str, out: Output) -> None:
    topic = fb.topic(topic_id)
    facts = fb.facts(topic=topic_id)
    records = [fact.to_dict() for fact in facts]

    def wrap(chosen: list[dict[str, Any]]) -> dict[str, Any]:
        return {**topic.to_dict(), "facts": chosen}

    spec = TableSpec(FACT_TABLE, title=f"{topic.title} ({topic.id}): {len(facts)} facts", caption=topic.summary)
    out.records(_with_value_text(records, facts, out), FACT_FIELDS, spec, json_data=wrap)


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
        bool,
        typer.Option(
            "--explain", help="Show which terms matched in which fields, and which were corrected or stemmed."
        ),
    ] = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Search the facts, best match first.

    Examples:

      gzfacts search telemedicine

      gzfacts search "GDP share"

      gzfacts search e-commerce villages --limit 3

      gzfacts search hospitals --explain
    """
    from gzfacts.search import MAX_QUERY_WORDS

    out = Output.choose(fmt, as_json, fields)
    text = " ".join(query)
    with _open(ctx) as fb:
        if topic is not None and not fb.has_topic(topic):
            raise NotFound("topic", topic, fb.suggest(topic, facts=False))
        result = fb.search(text, limit=limit, topic=topic)
    if result.dropped:
        out.message(f"the query has too many words: {result.dropped} left out, after the first {MAX_QUERY_WORDS}")
    for typed, corrected in result.corrections:
        out.message(f"{typed!r} is not in the fact base: showing results for {corrected!r}")
    if not result.hits:
        if out.fmt in ("json", "yaml"):
            out.records([], (*FACT_FIELDS, "score"), TableSpec(FACT_TABLE))
        raise NotFound("search", text, message=f"no facts match {text!r}")
    from gzfacts.search import highlight_spans

    records = []
    marks = []
    terms = result.highlight_terms()
    for hit in result.hits:
        record = {**hit.fact.to_dict(), "score": hit.score, "rank": hit.rank}
        if explain:
            record["matched"] = {term: list(fields_) for term, fields_ in hit.matched.items()}
            record["phrase"] = hit.phrase
        records.append(record)
        marks.append({"quote": highlight_spans(hit.fact.quote, terms), "claim": highlight_spans(hit.fact.claim, terms)})
    available = (*FACT_FIELDS, "score", "rank", *(("matched", "phrase") if explain else ()))
    columns = [
        Column("#", "rank", justify="right"),
        Column("fact", "id", ratio=1, style="cyan", whole=True, below="claim"),
        Column("quote", "quote", ratio=1),
    ]
    if explain:
        columns[-1] = Column("quote", "quote", ratio=1, below="explain")
        for record, hit in zip(records, result.hits, strict=True):
            matches = "; ".join(f"{term}: {', '.join(where)}" for term, where in hit.matched.items())
            record["explain"] = f"matched {matches}" + ("; all terms as a phrase" if hit.phrase else "")
    spec = TableSpec(columns, title=f"search: {result.reading}", highlights=marks)
    if explain and out.fmt == "table":
        out.lines([term.describe() for term in result.terms])
    if out.fmt == "table":
        out.records(records, (*available, "explain"), spec)
    else:
        for record in records:
            record.pop("explain", None)
            if not explain:
                record.pop("rank", None)
        out.records(records, available, spec)


@app.command("list")
def list_facts(
    ctx: typer.Context,
    topic: TopicOption = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help='Only facts whose unit contains this text, such as "percent".')
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", "-p", help='Only facts of this period, such as "2018".')
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List all facts, optionally filtered.

    Examples:

      gzfacts list

      gzfacts list --topic telemedicine

      gzfacts list --period 2018 --fields id,value,unit --format csv
    """
    out = Output.choose(fmt, as_json, fields)
    with _open(ctx) as fb:
        if topic is not None and not fb.has_topic(topic):
            raise NotFound("topic", topic, fb.suggest(topic, facts=False))
        facts = fb.facts(topic=topic, unit=unit, period=period)
    if not facts and (unit or period):
        if out.fmt in ("json", "yaml"):
            out.records([], FACT_FIELDS, TableSpec(FACT_TABLE))
        wanted = ", ".join(
            f"{name} {value!r}" for name, value in (("topic", topic), ("unit", unit), ("period", period)) if value
        )
        raise NotFound("fact", wanted, message=f"no facts with {wanted}")
    records = _with_value_text([f.to_dict() for f in facts], facts, out)
    columns = [*FACT_TABLE[:1], Column("topic", "topic", ratio=2), *FACT_TABLE[1:]]
    out.records(records, FACT_FIELDS, TableSpec(columns, title=f"{len(facts)} facts"))


def _with_value_text(records: list[dict[str, Any]], facts: list[Fact], out: Output) -> list[dict[str, Any]]:
    """Records with the human-readable value column that tables show (tables only)."""
    if out.fmt == "table" and not out.fields:
        for record, fact in zip(records, facts, strict=True):
            record["value_text"] = _value_text(fact) if fact.value is not None else ""
    return records


@app.command()
def topics(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List the topics with their fact counts.

    Examples:

      gzfacts topics

      gzfacts topics --json
    """
    out = Output.choose(fmt, as_json, fields)
    with _open(ctx) as fb:
        counts = fb.topic_counts()
        records = [{**t.to_dict(), "fact_count": counts.get(t.id, 0)} for t in fb.topics()]
    columns = [
        Column("id", "id", style="cyan", whole=True),
        Column("title", "title", ratio=2),
        Column("facts", "fact_count", justify="right"),
        Column("summary", "summary", ratio=4),
    ]
    out.records(records, (*TOPIC_FIELDS, "fact_count"), TableSpec(columns, title=f"{len(records)} topics"))


@app.command()
def sources(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """List the sources the facts quote.

    Examples:

      gzfacts sources

      gzfacts sources --format yaml
    """
    out = Output.choose(fmt, as_json, fields)
    with _open(ctx) as fb:
        records = [s.to_dict() for s in fb.sources()]
    columns = [
        Column("id", "id", style="cyan", whole=True),
        Column("title", "title", ratio=3),
        Column("author", "author"),
        Column("publisher", "publisher"),
        Column("published", "published"),
        Column("page", "page"),
    ]
    out.records(records, SOURCE_FIELDS, TableSpec(columns))


@app.command()
def cite(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="A fact id.", autocompletion=complete_fact_id)],
    style: Annotated[
        str, typer.Option("--style", "-s", help="plain, apa, mla, chicago, bibtex, csl-json or markdown.")
    ] = "plain",
) -> None:
    """Print a citation of a fact: its source's reference and the quoted sentence.

    Examples:

      gzfacts cite digital-economy-gdp-share-2018

      gzfacts cite digital-economy-gdp-share-2018 --style apa

      gzfacts cite big-data-expo-2019-participants --style bibtex >> refs.bib

      gzfacts cite beipanjiang-bridge-height --style csl-json > ref.json
    """
    from gzfacts.cite import STYLES
    from gzfacts.cite import cite as make_citation

    if style not in STYLES:
        raise UsageError(f"unknown citation style {style!r}; styles: {', '.join(STYLES)}")
    with _open(ctx) as fb:
        fact = fb.fact(ident)
        source = fb.source(fact.source)
    sys.stdout.write(printable(make_citation(fact, source, style)) + "\n")


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]", help="Fact base to check. [default: --facts, $GZFACTS_FACTS, or the shipped one]"
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a fact base: schema, ids, references, verbatim quotes, values and periods.

    Lists every problem, each with file:line:column and how to fix it. Exit code 0 when
    clean, 1 when problems were found, 2 when the file cannot be read or parsed.

    Examples:

      gzfacts validate

      gzfacts validate my-facts.yaml

      gzfacts validate my-facts.yaml --json
    """
    from gzfacts.loader import read_fact_base
    from gzfacts.validate import check

    out = Output.choose(fmt, as_json, None)
    target = Path(path) if path else _settings(ctx).facts
    try:
        parsed = read_fact_base(target)
    except FactBaseUnreadable as exc:
        if out.fmt in ("json", "jsonl", "yaml"):
            _write_problems(out, [{"where": p.where, "message": p.message, "hint": p.hint} for p in exc.problems])
        _fail(ExitCode.USAGE, str(exc))
    problems = check(parsed)
    records = [{"where": p.where, "message": p.message, "hint": p.hint} for p in problems]
    if out.fmt == "table":
        for problem in problems:
            out.out.write(printable(str(problem)) + "\n")
    else:
        _write_problems(out, records)
    counts = [(len(parsed.facts), "fact"), (len(parsed.topics), "topic"), (len(parsed.sources), "source")]
    summary = f"{target}: " + ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts)
    if problems:
        out.message(f"{summary}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        raise typer.Exit(ExitCode.NOT_FOUND)
    out.message(f"{summary}: no problems")


def _write_problems(out: Output, records: list[dict[str, Any]]) -> None:
    out.records(records, ("where", "message", "hint"), TableSpec([Column(n, n) for n in ("where", "message", "hint")]))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON output (fact objects, topics, search results).

    Examples:

      gzfacts schema > gzfacts.schema.json
    """
    sys.stdout.write((Path(__file__).parent / "output.schema.json").read_text(encoding="utf-8"))


cache_app = typer.Typer(
    name="cache",
    help="Inspect or clear the compiled indexes in the cache directory.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(cache_app)


@cache_app.command("info")
def cache_info(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show where the index cache is and what it holds.

    Examples:

      gzfacts cache info

      gzfacts cache info --json
    """
    from gzfacts.index import cache_dir, cached_indexes, index_path

    out = Output.choose(fmt, as_json, None)
    directory = cache_dir()
    facts = _settings(ctx).facts
    current = str(index_path(facts, directory)) if directory else None
    entries = [{**e, "current": e["index"] == current} for e in cached_indexes(directory)]
    if out.fmt == "table":
        out.message(f"cache directory: {directory or 'none (HOME and XDG_CACHE_HOME unset): indexes live in memory'}")
        out.message(f"index of {facts}: {current or 'in memory'}")
    fields = ("index", "bytes", "fact_base", "facts", "current")
    out.records(
        entries, fields, TableSpec([Column(n, n, ratio=3 if n in ("index", "fact_base") else None) for n in fields])
    )


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached index; each is rebuilt when next needed.

    Examples:

      gzfacts cache clear
    """
    from gzfacts.index import cache_dir, clear_cache

    files, size = clear_cache()
    sys.stderr.write(f"gzfacts: removed {files} file{'s' if files != 1 else ''} ({size:,} bytes) from {cache_dir()}\n")


def _only_the_command_asked_for(argv: list[str]) -> None:
    """Keep just the command named in `argv` (or in a completion request) registered.

    Typer inspects every command's signature at each start; a run uses one command, so
    building only that one saves milliseconds at every prompt. Help, --version and anything
    this does not understand keep the full set.
    """
    words = argv
    if "_GZFACTS_COMPLETE" in os.environ:
        import shlex

        raw = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
        try:
            words = shlex.split(raw)[1:-1] if raw else []
        except ValueError:
            return
    names = {info.name or (info.callback.__name__ if info.callback else "") for info in app.registered_commands}
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--facts":
            index += 2
        elif word.startswith("--facts="):
            index += 1
        elif word in names:
            app.registered_commands = [
                info
                for info in app.registered_commands
                if (info.name or (info.callback.__name__ if info.callback else "")) == word
            ]
            app.registered_groups = []
            return
        else:
            return


def main() -> None:
    """The console script: run the app and exit with its code."""
    _only_the_command_asked_for(sys.argv[1:])
    try:
        app(prog_name="gzfacts")
    except KeyboardInterrupt:
        sys.stderr.write("gzfacts: interrupted\n")
        raise SystemExit(ExitCode.INTERRUPTED) from None
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
