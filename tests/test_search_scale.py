"""Search in a big base: the work per query is bounded, and bounding it keeps full matches first."""

from __future__ import annotations

import pytest

import gzfacts
import gzfacts.search as search

from .conftest import MINI


def test_a_topic_filter_does_not_run_the_match_again_for_each_fact_of_the_topic() -> None:
    with gzfacts.load(MINI) as fb:
        statements: list[str] = []
        fb._conn.set_trace_callback(statements.append)
        fb.search("ships", topic="shipping")
        fb._conn.set_trace_callback(None)
        matching = [s for s in statements if "fts MATCH" in s]
        assert matching
        for statement in matching:
            plan = " ".join(row[3] for row in fb._conn.execute("EXPLAIN QUERY PLAN " + statement))
            # "INDEX 0:=M": FTS5 given each rowid of the topic, one query per fact.
            assert "SCAN fts VIRTUAL TABLE INDEX 0:M" in plan and ":=" not in plan, (statement, plan)


@pytest.mark.parametrize("query", ["digital economy", "percent growth", "big data", "telemedicine hospitals"])
def test_bounded_ranking_keeps_the_full_matches_and_the_count(query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with gzfacts.load() as fb:
        whole = fb.search(query, limit=3)
        monkeypatch.setattr(search, "RANKED", 2)  # as if the query matched thousands of facts
        bounded = fb.search(query, limit=3)
    assert whole.total > 2
    assert bounded.total == whole.total
    assert bounded.answered == whole.answered
    assert [h.missing for h in bounded.hits][:1] == [h.missing for h in whole.hits][:1]


def test_a_typo_is_corrected_without_reading_the_whole_vocabulary() -> None:
    with gzfacts.load(MINI) as fb:
        statements: list[str] = []
        fb._conn.set_trace_callback(statements.append)
        result = fb.search("vesels")
        fb._conn.set_trace_callback(None)
        assert result.corrections == [("vesels", "vessels")]
        for statement in (s for s in statements if not s.startswith(("--", "PRAGMA"))):
            plan = " ".join(row[3] for row in fb._conn.execute("EXPLAIN QUERY PLAN " + statement))
            assert "SCAN words" not in plan, (statement, plan)


@pytest.mark.parametrize(
    "query", ["guizhou", "big data", "digital economy", "big data expo", "province", "percent growth 2018", "digital"]
)
def test_candidates_left_unchecked_could_not_have_been_hits(query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    limit = 1
    monkeypatch.setattr(search, "MIN_CANDIDATES", 1)  # 10 a hit: fewer candidates than matches
    with gzfacts.load() as fb:
        pruned = fb.search(query, limit=limit)
        monkeypatch.setattr(search, "_ceiling", lambda *_: float("inf"))  # every candidate checked
        checked = fb.search(query, limit=limit)
    assert pruned.total > limit * 10
    assert pruned.hits == checked.hits
