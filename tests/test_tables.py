"""Tables for people at the widths terminals have: no word is ever broken, and golden files
show how they look at 80 and 200 columns."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from gzfacts import views
from gzfacts.factbase import FactBase, load
from gzfacts.output import MEASURE, Listing, printable, write_table
from gzfacts.output.tables import make_console, write_rich_table

from .conftest import golden


@pytest.fixture(scope="module")
def fb() -> Any:
    with load(None) as base:  # the shipped fact base: real claims, real quotes
        yield base


def listings(fb: FactBase) -> dict[str, Listing]:
    """Every command that draws a table, on the shipped fact base."""
    return {
        "list": views.fact_list(fb).body,
        "show-topic": views.show(fb, "telemedicine").body,
        "search": views.search(fb, "internet hospitals").body,
        "search-explain": views.search(fb, "e-commerce villages", explain=True).body,
        "topics": views.topic_list(fb).body,
        "sources": views.source_list(fb).body,
    }


def drawn(listing: Listing, width: int) -> str:
    out = io.StringIO()
    console = make_console(out, color=False, width=width)
    if listing.table.columns:
        write_rich_table(listing.records, listing.table, console)
    return out.getvalue()


def words(listing: Listing) -> set[str]:
    keys = {key for column in listing.table.columns for key in (column.key, *column.below)}
    found = set()
    for record in listing.records:
        for key in keys:
            value = record.get(key)
            if value not in (None, ""):
                found.update(printable(str(value)).split())
    return found


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_every_word_appears_whole_at_every_width(fb: FactBase, width: int) -> None:
    for name, listing in listings(fb).items():
        text = drawn(listing, width)
        tokens = set(text.split())
        broken = sorted(w for w in words(listing) if w not in tokens)
        assert not broken, f"{name} at {width} columns breaks: {broken[:5]}"
        assert max(len(line.rstrip()) for line in text.splitlines()) <= width, name


def test_tables_are_no_wider_than_their_content(fb: FactBase) -> None:
    text = drawn(views.topic_list(fb).body, 200)
    narrow = drawn(views.source_list(fb).body, 200)
    # No column stretched to fill the terminal: the widest line is the content's.
    assert max(len(line.rstrip()) for line in narrow.splitlines()) < 200
    assert max(len(line.rstrip()) for line in text.splitlines()) < 200


def test_claims_never_exceed_a_reading_measure(fb: FactBase) -> None:
    text = drawn(views.fact_list(fb).body, 200)
    claim = "Local officials say Guizhou has achieved unprecedented progress"
    line = next(line for line in text.splitlines() if claim in line)
    assert len(line.strip()) <= MEASURE


def test_a_wide_terminal_is_used(fb: FactBase) -> None:
    """At 200 columns a claim runs to the measure, and no value wraps while columns stand unused."""
    text = drawn(views.fact_list(fb).body, 200)
    assert "26.9 percent of provincial GDP" in text
    line = next(line for line in text.splitlines() if line.startswith("  Local officials say Guizhou"))
    assert len(line.rstrip()) > 90
    shown = drawn(views.show(fb, "digital-economy").body, 200)
    assert "26.9 percent of provincial GDP" in shown


def test_a_folded_topic_is_labelled(fb: FactBase) -> None:
    text = drawn(views.fact_list(fb).body, 80)
    claim = text.index("2013, especially in the tech field.")
    assert text[claim:].split("\n")[1].rstrip() == "  topic: big-data-strategy"


@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize("name", ["list", "search", "show-topic", "topics"])
def test_golden_tables(fb: FactBase, name: str, width: int) -> None:
    text = drawn(listings(fb)[name], width)
    golden(f"table-{name}-{width}.txt", "\n".join(line.rstrip() for line in text.splitlines()) + "\n")


def test_explain_is_its_own_block_before_the_table(fb: FactBase) -> None:
    out = io.StringIO()
    write_table(views.search(fb, "hospitals", explain=True).body, out)
    text = out.getvalue()
    assert text.startswith("How the query was read:\n  'hospitals': matches any form of the word")
    assert re.search(r"What each result matched:\n  1\. \S+: 'hospitals' in ", text)
    assert "hospit'" not in text
