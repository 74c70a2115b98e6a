"""Views of the authoring commands: validate, extract, quote, coverage."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gzfacts.errors import (
    FactBaseUnreadable,
    NoResults,
    Problem,
    ProblemsFound,
    UsageError,
)
from gzfacts.model import FACT_FIELDS
from gzfacts.output import Authored, Column, Listing, Result, TableSpec

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.authoring.scaffold import SourceDetails


PROBLEM_FIELDS = ("where", "file", "line", "column", "fact", "code", "level", "message", "hint", "detail")
#: The levels `validate --fail-on` takes: fail on errors only (the default), or on warnings too.
FAIL_LEVELS = ("error", "warning")


def _problems(problems: tuple[Problem, ...] | list[Problem], lines: bool) -> Listing:
    records = [p.to_dict() for p in problems]
    shown = tuple(row for p in problems for row in (str(p), *(f"    {extra}" for extra in p.detail)))
    return Listing(records, PROBLEM_FIELDS, TableSpec([]), lines=shown if lines else ())


def validation(path: Path, which: str = "", fail_on: str = "error") -> Result:
    """Check the fact base at `path`: every problem and warning, file:line:column first, and a summary.

    A fact base that cannot be read ends in FactBaseUnreadable (its problem is printed by the
    machine formats only: for people, the error message says it); one with problems (or, with
    `fail_on` "warning", with warnings) ends in ProblemsFound.
    """
    from gzfacts.loader import read_fact_base
    from gzfacts.validate import advise, check, problem_order

    if fail_on not in FAIL_LEVELS:
        raise UsageError(f"the level to fail on is {' or '.join(FAIL_LEVELS)}, not {fail_on!r}")
    try:
        parsed = read_fact_base(path)
    except FactBaseUnreadable as exc:
        return Result(_problems(exc.problems, lines=False), summary=str(exc), failure=exc)
    errors = check(parsed)
    warnings = advise(parsed)
    found = sorted([*errors, *warnings], key=problem_order)
    counts = [(len(parsed.facts), "fact"), (len(parsed.topics), "topic"), (len(parsed.sources), "source")]
    summary = f"{path}{which}: " + ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts)
    listing = _problems(found, lines=True)
    said = [_count(len(errors), "problem")] if errors or not warnings else []
    said += [_count(len(warnings), "warning")] if warnings else []
    summary += ": " + (", ".join(said) if found else "no problems")
    failing = errors or (warnings if fail_on == "warning" else [])
    return Result(listing, summary=summary, failure=ProblemsFound(summary, failing) if failing else None)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# --- authoring ---------------------------------------------------------------------------------


def init(directory: Path, details: SourceDetails) -> Result:
    """`init`: a new fact base made in `directory`; each file made is said, then what to do next."""
    from gzfacts.authoring.scaffold import init as scaffold

    made = tuple(f"created {path}" for path in scaffold(directory, details))
    said = (
        "next: fill in what the source entry leaves empty, add facts "
        f"(`gzfacts extract` proposes them), then run `gzfacts validate {directory}`"
    )
    return Result(None, notes=made, summary=said)


def extract(text_file: str, published: str, source_id: str | None = None) -> Result:
    """`extract`: candidate facts proposed from a source text, as YAML to paste (the text) and
    as fact objects with `draft` and `anchor` (the records)."""
    from gzfacts.authoring.extract import extract as propose
    from gzfacts.authoring.extract import to_yaml
    from gzfacts.authoring.texts import parse_date, read_source_text, slug
    from gzfacts.loader import SLUG

    date = parse_date(published)
    ident = source_id if source_id is not None else slug(Path(text_file).stem)
    if not SLUG.match(ident):
        raise UsageError(f"the source id {ident!r} is not a kebab-case id such as `harbour-report-2024`")
    found = propose(read_source_text(text_file), date, ident)
    if not found:
        raise NoResults(f"{text_file}: no figures or checkable statements found")
    fields = (*FACT_FIELDS, "draft", "anchor")
    table = TableSpec([Column(n, n) for n in ("id", "value", "unit", "period")])
    listing = Listing([c.to_dict() for c in found], fields, table)
    said = (
        f"{_count(len(found), 'candidate')}; each is a draft: "
        "write the claim in your own words and choose a topic, then remove `draft: true`"
    )
    return Result(Authored(listing, to_yaml(found, text_file, date)), kind="authored", summary=said)


def _draft(path: Path) -> tuple[Any, tuple[str, ...]]:
    """The fact base at `path`, read without requiring it to validate, and notes naming the
    source texts that cannot be read."""
    from gzfacts.authoring.base import read_draft

    draft = read_draft(path)
    notes = tuple(f"the text of source `{i}` cannot be read: run `gzfacts validate {path}`" for i in draft.unreadable())
    return draft, notes


def quote(path: Path, fragment: str, source: str | None = None) -> Result:
    """`quote`: the sentences of the sources that hold `fragment`, each as a fact stub to paste
    (the text) and as its source, line, sentence and anchor (the records)."""
    from gzfacts.authoring.extract import extract as propose
    from gzfacts.authoring.quote import find, nearest, stub

    if not fragment.strip():
        raise UsageError("the fragment is empty: give a few words of the sentence")
    draft, notes = _draft(path)
    texts = {s.id: draft.texts[s.id] for s in draft.sources(source)}
    matches = find(fragment, texts)
    if not matches:
        close = nearest(fragment, texts)
        hint = f'the nearest sentence ({close[0]}, line {close[2]}): "{close[1]}"' if close else None
        raise NoResults(f"no sentence of the sources holds {fragment!r}", hint)
    records = [{"source": m.source, "line": m.line, "quote": m.quote, "anchor": m.anchor.to_dict()} for m in matches]
    listing = Listing(records, ("source", "line", "quote", "anchor"), TableSpec([]))
    # The figures of each source quoted, read as `extract` reads them, so that a stub holds them too.
    published = {s.id: s.published for s in draft.parsed.sources}
    found = {i: propose(texts[i], published.get(i) or "", i) for i in {m.source for m in matches}}
    stubs = "".join(
        f"# {m.source}, line {m.line}, characters {m.anchor.start}-{m.anchor.end}\n{stub(m, found[m.source])}\n"
        for m in matches
    )
    return Result(Authored(listing, stubs), kind="authored", notes=notes)


def coverage(path: Path, source: str | None = None) -> Result:
    """`coverage`: for machines one object per source; for people each source's share, then a
    table of the checkable sentences no fact quotes; as text, the sources marked up."""
    from gzfacts.authoring.coverage import coverage as measure
    from gzfacts.authoring.coverage import marked

    draft, notes = _draft(path)
    results = measure(draft, source)
    machine = Listing(
        [r.to_dict() for r in results], ("source", "checkable", "covered", "share", "uncovered"), TableSpec([])
    )
    lines = tuple(
        f"{r.source}: {r.covered} of {len(r.sentences)} checkable sentences covered ({r.percent}%)" for r in results
    )
    drafts = len(draft.drafts())
    if drafts:
        notes = (
            *notes,
            f"{_count(drafts, 'draft fact')} not counted: a fact covers its sentence once reviewed "
            "(its claim written, `draft: true` removed)",
        )
    rows = [{"source": r.source, "line": s.line, "text": s.text} for r in results for s in r.sentences if not s.covered]
    columns = [Column("line", "line", justify="right"), Column("sentence no fact quotes", "text", ratio=1)]
    if len(results) > 1:
        columns.insert(0, Column("source", "source", style="cyan", whole=True))
    people = Listing(rows, ("source", "line", "text"), TableSpec(columns if rows else []), lines=lines)
    text = "".join(marked(draft.texts[r.source], r.sentences) for r in results)
    return Result(Authored(machine, text, table=people), kind="authored", notes=notes)
