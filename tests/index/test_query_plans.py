"""Warm queries touch only the rows they need: no statement a lookup runs scans a table."""

from __future__ import annotations

import re

import pytest

import gzfacts
from tests.conftest import MINI

# A scan of a record table or of the words, even in index order (a SEARCH through an index is
# fine, and so is the FTS5 virtual table, which SQLite reports as a "SCAN" of its own index).
FULL_SCAN = re.compile(r"\bSCAN (facts|sources|topics|words|blocks|origins)\b")


@pytest.mark.parametrize(
    "lookup",
    [
        lambda fb: fb.fact("ships-handled-2023"),
        lambda fb: fb.anchor(fb.fact("ships-handled-2023")),
        lambda fb: fb.search("ships harbour"),
        lambda fb: fb.search("ships", topic="shipping"),
        lambda fb: fb.facts(topic="shipping"),
        lambda fb: fb.topic("shipping"),
        len,
        pytest.param(lambda fb: fb.facts(), marks=pytest.mark.xfail(strict=True, reason="lists every fact")),
    ],
    ids=["show", "anchor", "search", "search --topic", "list --topic", "show topic", "count", "list (all)"],
)
def test_lookups_scan_no_table(lookup: object) -> None:
    with gzfacts.load(MINI) as fb:
        statements: list[str] = []
        fb._conn.set_trace_callback(statements.append)
        lookup(fb)  # type: ignore[operator]
        fb._conn.set_trace_callback(None)
        ours = [s for s in statements if not s.startswith(("--", "PRAGMA"))]
        assert ours
        for statement in ours:
            plan = [row[3] for row in fb._conn.execute("EXPLAIN QUERY PLAN " + statement)]
            assert not any(FULL_SCAN.search(step) for step in plan), (statement, plan)
