"""A fact's value and period as a reader sees them in an export."""

from __future__ import annotations

from gzfacts.model import Fact


def value_text(fact: Fact) -> str:
    """The value with its unit ("26.9 percent of provincial GDP", "10,250 sites"), or ""."""
    if fact.value is None:
        return ""
    number = f"{fact.value:,}" if isinstance(fact.value, int) else str(fact.value)
    return f"{number} {fact.unit}" if fact.unit else number


def period_text(fact: Fact) -> str:
    """The period, saying where it was inferred from ("2018, inferred from 'Last year'"), or ""."""
    if not fact.period:
        return ""
    if fact.period_inferred_from:
        return f"{fact.period}, inferred from \u2018{fact.period_inferred_from}\u2019"
    return fact.period
