"""Shell completion of ids, units, periods, styles, formats and fields."""

# No `from __future__ import annotations` here: Typer would have to eval() every string
# annotation of every command at start-up, which costs milliseconds on every run.

import typer

from gzfacts.factbase import load, resolve_path
from gzfacts.output import FORMATS

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
    from gzfacts.cite import STYLES, csl_style_names

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
