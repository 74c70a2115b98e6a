"""Search finds what a reader means: stems, typos, folding, stop words, ranking, explain."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import gzfacts
from gzfacts.cli import app
from gzfacts.evaluate import Judged, measure
from gzfacts.search import edit_budget

QUERIES = Path(__file__).parent / "data" / "queries.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load(cache=False) as fb:
        yield fb


def top(fb: gzfacts.FactBase, query: str, n: int = 3) -> list[str]:
    return [hit.fact.id for hit in fb.search(query, limit=n).hits]


def test_judged_queries_reach_the_quality_bar(fb: gzfacts.FactBase) -> None:
    entries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    judged = [Judged(e["query"], frozenset(e["ids"])) for e in entries]
    assert len(judged) >= 40
    known = {fact.id for fact in fb.facts()}
    assert all(j.ids <= known for j in judged), "queries.yaml names a fact id that does not exist"
    metrics = measure(judged, lambda q: top(fb, q, 10))
    assert metrics.mrr >= 0.9, metrics.misses
    assert metrics.recall_at_3 >= 0.95, metrics.misses


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (
            [
                "ecommerce village sites",
                "e-commerce village sites",
                "e commerce village sites",
                "E-Commerce VILLAGE Sites",
            ],
            "village-ecommerce-sites",
        ),
        (["10250", "10,250"], "village-ecommerce-sites"),
        (["26.9%", "26.9 percent"], "digital-economy-gdp-share-2018"),
        (["hospital", "hospitals", "Hospitals"], "first-certified-internet-hospital"),
    ],
)  # fmt: skip
def test_folding_makes_variants_one_query(fb: gzfacts.FactBase, variants: list[str], expected: str) -> None:
    results = [top(fb, v) for v in variants]
    assert all(r == results[0] for r in results), results
    assert expected in results[0]


def test_typos_are_corrected_within_the_edit_budget(fb: gzfacts.FactBase) -> None:
    result = fb.search("telemedecine")
    assert result.corrections == [("telemedecine", "telemedicine")]
    assert result.hits and result.hits[0].fact.topic == "telemedicine"
    assert fb.search("hospitl").corrections == [("hospitl", "hospital")]
    # Three letters get no correction; "brigde" is one transposition (two edits) from "bridge".
    assert fb.search("brigde").hits == ()
    assert [edit_budget(w) for w in ("gdp", "expo", "hospitl", "telemedecine", "2018")] == [0, 1, 1, 2, 0]


def test_stop_words_do_not_drown_the_real_terms(fb: gzfacts.FactBase) -> None:
    result = fb.search("how many countries attended the expo")
    assert [t.term for t in result.terms] == ["countri", "attend", "expo"]
    assert result.hits[0].fact.id == "big-data-expo-2019-countries"


def test_facts_matching_all_terms_rank_above_those_matching_some(fb: gzfacts.FactBase) -> None:
    hits = fb.search("Apple Huawei", limit=None).hits
    both = [h for h in hits if len(h.matched) == 2]
    assert both and all(h.rank < min(o.rank for o in hits if len(o.matched) < 2) for h in both)


def test_exact_phrase_ranks_above_scattered_words(fb: gzfacts.FactBase) -> None:
    hits = fb.search("primary healthcare institutions").hits
    assert hits[0].fact.id == "telemedicine-primary-healthcare"
    assert hits[0].phrase


@pytest.mark.parametrize("query", ["", "   ", "?!", "[/]", "...", "--", "\u200f"])
def test_empty_or_punctuation_query_is_a_usage_error(query: str) -> None:
    result = runner.invoke(app, ["search", "--", query])
    assert result.exit_code == 2
    assert "search query" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("query", ["🙂", "zzzz qqqq", "ünïcödé", "\u200fexpo", "a"])
def test_any_other_text_returns_results_or_exit_1(query: str) -> None:
    result = runner.invoke(app, ["search", query])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr


def test_explain_shows_matches_corrections_and_stems() -> None:
    result = runner.invoke(app, ["search", "telemedecine", "hospitals", "--explain", "--limit", "2"])
    assert result.exit_code == 0
    assert "'telemedecine': corrected to 'telemedicine' (term 'telemedicin')" in result.stdout
    assert "'hospitals': stemmed (term 'hospit')" in result.stdout
    assert "matched telemedicin: topic title; hospit: claim, quote" in " ".join(result.stdout.split())
    data = json.loads(runner.invoke(app, ["search", "GDP share", "--explain", "--json"]).stdout)
    assert data[0]["id"] == "digital-economy-gdp-share-2018"
    assert data[0]["rank"] == 1
    assert data[0]["matched"]["gdp"][:2] == ["claim", "quote"]
    assert data[0]["phrase"] is True


def test_correction_is_announced_on_stderr() -> None:
    result = runner.invoke(app, ["search", "telemedecine", "--json"])
    assert "showing results for 'telemedicine'" in result.stderr
    assert json.loads(result.stdout)[0]["topic"] == "telemedicine"


def test_matched_words_are_highlighted_in_tables() -> None:
    result = runner.invoke(app, ["search", "expo", "participants"], env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.exit_code == 0
    assert "\x1b[1;7mparticipants\x1b[0m" in result.stdout
