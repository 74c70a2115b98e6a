"""Integrity rules of a fact base: unique ids, references, verbatim quotes, values and periods."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.loader import ParsedFactBase, read_text
from gzfacts.model import Fact, Origin
from gzfacts.quotes import fold, locate, numbers_in

#: Cap on the size of one source text (it is read whole).
MAX_SOURCE_BYTES = 256 * 1024 * 1024


def _where(origin: Origin | None, fallback: str) -> str:
    return str(origin) if origin else fallback


def read_sources(parsed: ParsedFactBase, known: dict[str, str] | None = None) -> tuple[dict[str, str], list[Problem]]:
    """The text of every source that can be read, and a problem for each that cannot.

    `known` holds texts already read (from an index), which are not read again.
    """
    texts: dict[str, str] = dict(known or {})
    problems: list[Problem] = []
    for source in parsed.sources:
        path = parsed.source_files.get(source.id)
        if path is None or source.id in texts:
            continue
        try:
            texts[source.id] = read_text(Path(path), MAX_SOURCE_BYTES)
        except FactBaseUnreadable as exc:
            problems.append(
                Problem(
                    _where(source.origin, source.id),
                    f"source `{source.id}`: its text {source.path!r} cannot be used ({exc.problems[0].message})",
                    "Fix `path`: it is relative to the YAML file that declares the source",
                )
            )
    return texts, problems


def check(
    parsed: ParsedFactBase, texts: dict[str, str] | None = None, *, trusted: frozenset[str] = frozenset()
) -> list[Problem]:
    """Every integrity problem of a parsed fact base (schema problems included), in file order.

    Facts whose ids are in `trusted` were checked before against the same source text: only
    their references are checked again, not their quotes, values and periods.
    """
    problems = list(parsed.problems)
    if texts is None:
        texts, unreadable = read_sources(parsed)
        problems.extend(unreadable)
    problems.extend(_duplicates("source", ((s.id, s.origin) for s in parsed.sources)))
    problems.extend(_duplicates("topic", ((t.id, t.origin) for t in parsed.topics)))
    problems.extend(_duplicates("fact", ((f.id, f.where("id")) for f in parsed.facts)))
    topic_ids = {t.id for t in parsed.topics}
    source_ids = {s.id for s in parsed.sources}
    for fact in parsed.facts:
        if fact.id in topic_ids:
            problems.append(
                Problem(
                    _where(fact.where("id"), fact.id),
                    f"fact id `{fact.id}` is also a topic id",
                    "Rename one: a lookup by id must know which is meant",
                )
            )
        problems.extend(check_fact(fact, topic_ids, source_ids, texts, content=fact.id not in trusted))
    return sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[str, int, int]:
    file, _, rest = problem.where.partition(":")
    line, _, column = rest.partition(":")
    return (file, int(line) if line.isdigit() else 0, int(column) if column.isdigit() else 0)


def _duplicates(kind: str, items: Iterable[tuple[str, Origin | None]]) -> list[Problem]:
    first: dict[str, Origin | None] = {}
    problems = []
    for ident, origin in items:
        if ident in first:
            earlier = first[ident]
            at = f" (first at {earlier})" if earlier else ""
            problems.append(
                Problem(_where(origin, ident), f"duplicate {kind} id `{ident}`{at}", "Give each a unique id")
            )
        else:
            first[ident] = origin
    return problems


def check_fact(
    fact: Fact, topic_ids: set[str], source_ids: set[str], texts: dict[str, str], *, content: bool = True
) -> list[Problem]:
    """The problems of one fact: its references and (with `content`) its quote, value and period."""
    problems: list[Problem] = []

    def add(name: str, message: str, hint: str) -> None:
        problems.append(Problem(_where(fact.where(name), fact.id), f"fact `{fact.id}`: {message}", hint))

    if fact.topic not in topic_ids:
        add("topic", f"unknown topic `{fact.topic}`", "Use the id of a topic under `topics`, or add that topic")
    if fact.source not in source_ids:
        add("source", f"unknown source `{fact.source}`", "Use the id of a source under `sources`, or add that source")
    if not content:
        return problems
    text = texts.get(fact.source)
    if text is not None and locate(text, fact.quote) is None:
        add(
            "quote",
            "the quote is not verbatim in the source text",
            f"Copy the sentence exactly from the source `{fact.source}` (whitespace and curly quotes may differ)",
        )
    quote = fold(fact.quote)
    if fact.value is not None and float(fact.value) not in numbers_in(quote):
        add(
            "value",
            f"the value {fact.value} does not appear in the quote",
            "Correct the value, or quote the sentence that states it",
        )
    if fact.period_inferred_from is not None:
        if fold(fact.period_inferred_from).lower() not in quote.lower():
            add(
                "period_inferred_from",
                f"{fact.period_inferred_from!r} does not appear in the quote",
                'Name the words of the quote the period is inferred from, such as "Last year"',
            )
        if fact.period is None:
            add(
                "period_inferred_from",
                "`period_inferred_from` is set but `period` is not",
                "Give the inferred `period`, or remove `period_inferred_from`",
            )
    elif fact.period is not None and fact.period.lower() not in quote.lower():
        add(
            "period",
            f"the period {fact.period!r} does not appear in the quote",
            'If the quote implies it ("Last year"), add `period_inferred_from:` with those words',
        )
    return problems
