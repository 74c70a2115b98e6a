"""Search finds what a reader means: stems, typos, folding, stop words, ranking, explain."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import gzfacts
from gzfacts import views
from gzfacts.cli import app
from gzfacts.search import edit_budget, keeps_negation
from tests.evaluate import Judged, measure

QUERIES = Path(__file__).parent / "data" / "queries.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load(cache=False) as fb:
        yield fb


def top(fb: gzfacts.FactBase, query: str, n: int = 3) -> list[str]:
    return [hit.fact.id for hit in fb.search(query, limit=n).hits]


ENTRIES = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
ANSWERABLE = [Judged(e["query"], frozenset(e["ids"])) for e in ENTRIES if e["ids"]]
UNANSWERABLE = [e["query"] for e in ENTRIES if not e["ids"]]
CHINESE = [Judged(e["query"], frozenset(e["ids"])) for e in ENTRIES if e["ids"] and e.get("lang") == "zh"]


def test_judged_queries_reach_the_quality_bar(fb: gzfacts.FactBase) -> None:
    assert len(ANSWERABLE) >= 60
    known = {fact.id for fact in fb.facts()}
    assert all(j.ids <= known for j in ANSWERABLE), "queries.yaml names a fact id that does not exist"
    metrics = measure(ANSWERABLE, lambda q: top(fb, q, 10))
    assert metrics.mrr >= 0.95, metrics.misses
    assert metrics.recall_at_3 >= 0.95, metrics.misses
    incomplete = [j.query for j in ANSWERABLE if not fb.search(j.query, limit=1).answered]
    assert len(incomplete) <= 0.1 * len(ANSWERABLE), incomplete


def test_unanswerable_queries_are_never_offered_as_answered(fb: gzfacts.FactBase) -> None:
    assert len(UNANSWERABLE) >= 30
    for query in UNANSWERABLE:
        hits = fb.search(query, limit=None).hits
        assert all(hit.missing for hit in hits), (query, [h.fact.id for h in hits if not h.missing])


def test_unanswerable_queries_exit_1_through_the_command() -> None:
    for query in UNANSWERABLE[:12]:
        result = runner.invoke(app, ["search", query, "--json"])
        assert result.exit_code == 1, query
        assert all(hit["missing"] for hit in json.loads(result.stdout)), query


def test_chinese_queries_find_their_fact_in_the_first_three(fb: gzfacts.FactBase) -> None:
    assert len(CHINESE) >= 15
    for judged in CHINESE:
        assert judged.ids & set(top(fb, judged.query, 3)), judged.query


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
    text = " ".join(result.stdout.split())
    assert "'telemedecine': not in the fact base; read as 'telemedicine'" in text
    assert "'hospitals': matches any form of the word" in text
    # The reader's words, never the index's stems ("telemedicin", "hospit").
    assert "'telemedicine' in topic title; 'hospitals' in claim, quote" in text
    assert "telemedicin'" not in text and "hospit'" not in text
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
    assert re.search(r"\x1b\[1;[0-9;]*7[0-9;]*mparticipants\x1b\[0m", result.stdout)  # bold reverse


# --- what a hit misses, and saying so ------------------------------------------------------------


def test_a_real_word_is_never_corrected_into_another() -> None:
    result = runner.invoke(app, ["search", "unemployment", "rate", "--json"])
    assert result.exit_code == 1
    assert "showing results for" not in result.stderr
    assert "no fact mentions 'unemployment'" in result.stderr
    hits = json.loads(result.stdout)
    assert hits and all(hit["missing"] == ["unemployment"] for hit in hits)


def test_an_inflected_word_is_not_a_typo(fb: gzfacts.FactBase) -> None:
    result = fb.search("hospital beds")
    assert result.corrections == []
    assert not result.answered
    assert {hit.missing for hit in result.hits} == {("beds",)}


def test_corrections_keep_negating_prefixes() -> None:
    assert not keeps_negation("unemployment", "employment")
    assert not keeps_negation("disconnected", "connected")
    assert not keeps_negation("nonprofit", "profit")
    assert keeps_negation("interent", "internet")
    assert keeps_negation("hospitl", "hospital")


def test_no_correct_searches_the_word_as_typed() -> None:
    corrected = runner.invoke(app, ["search", "telemedecine", "--json"])
    assert corrected.exit_code == 0
    assert (
        "gzfacts: 'telemedecine' is not in the fact base: showing results for 'telemedicine'; "
        "search for 'telemedecine' exactly with --no-correct\n"
    ) in corrected.stderr
    exact = runner.invoke(app, ["search", "telemedecine", "--no-correct", "--json"])
    assert exact.exit_code == 1
    assert json.loads(exact.stdout) == []
    assert "no fact mentions 'telemedecine'" in exact.stderr


def test_a_partial_match_is_listed_with_what_it_misses_and_exits_1() -> None:
    result = runner.invoke(app, ["search", "Apple", "data", "center", "--json"])
    assert result.exit_code == 1
    hits = json.loads(result.stdout)
    # The one fact that names Apple comes first, though "data" and "center" are commoner matches.
    assert hits[0]["id"] == "international-tech-companies"
    assert hits[0]["missing"] == ["data", "center"]
    assert "no fact mentions 'apple', 'data' and 'center' together" in result.stderr
    assert "partial matches" in result.stderr


def test_a_shared_stem_or_a_part_of_a_compound_counts_less_than_the_word(fb: gzfacts.FactBase) -> None:
    # "centers" is the word; "people-centered" only shares its stem, inside a compound.
    hits = fb.search("center", limit=None).hits
    ranks = {hit.fact.id: hit.rank for hit in hits}
    assert ranks["county-ecommerce-centers"] < ranks["people-centered-public-services"]


def test_aliases_match_as_phrases_not_word_by_word(fb: gzfacts.FactBase) -> None:
    # "foreign tech companies" and "tech giants" are aliases of the fact: runs of their words count.
    result = fb.search("foreign tech giants")
    assert result.answered and result.hits[0].fact.id == "international-tech-companies"
    # A lone word of a longer alias ("data" of "Big Data Expo") does not make the expo facts match "visitors data".
    expo = [hit for hit in fb.search("data visitors", limit=None).hits if hit.fact.id.startswith("big-data-expo")]
    assert expo and not any(hit.missing == () for hit in expo if hit.fact.id != "big-data-expo-2019-participants")


def test_how_many_asks_for_a_count_of_that_thing() -> None:
    result = runner.invoke(app, ["search", "how many bridges does Guizhou have"])
    assert result.exit_code == 1
    assert "no fact says how many 'bridges'" in result.stderr
    counted = runner.invoke(app, ["search", "how many countries attended the expo", "--json"])
    assert counted.exit_code == 0
    assert json.loads(counted.stdout)[0]["id"] == "big-data-expo-2019-countries"


def test_a_cut_list_says_how_many_matches_there_are() -> None:
    result = runner.invoke(app, ["search", "telemedicine", "--limit", "2", "--json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2
    assert "gzfacts: showing 2 of 8 matches (--limit to see more)\n" in result.stderr
    whole = runner.invoke(app, ["search", "telemedicine", "--limit", "50"])
    assert "--limit to see more" not in whole.stderr


def test_tables_show_what_a_partial_match_misses() -> None:
    drawn = runner.invoke(
        app, ["search", "population", "of", "Guizhou", "-n", "2"], env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    )
    assert drawn.exit_code == 1
    assert re.search(r"\x1b\[2[;0-9]*mmissing: population\x1b\[0m", drawn.stdout), drawn.stdout
    assert "partial matches only" in drawn.stdout
    plain = runner.invoke(app, ["search", "population", "of", "Guizhou", "-n", "2"])
    header, first = plain.stdout.splitlines()[:2]
    assert header.split()[:5] == ["#", "id", "claim", "quote", "missing"]
    assert "population" in first.split()


def test_chinese_queries_find_chinese_aliases() -> None:
    result = runner.invoke(app, ["search", "远程医疗", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["topic"] == "telemedicine"
    partial = runner.invoke(app, ["search", "贵州人口", "--json"])
    assert partial.exit_code == 1
    assert "no fact mentions '人口'" in partial.stderr
    assert all(hit["missing"] == ["人口"] for hit in json.loads(partial.stdout))


def test_a_script_the_fact_base_lacks_is_named() -> None:
    result = runner.invoke(app, ["search", "население Гуйчжоу"])
    assert result.exit_code == 1
    assert (
        "gzfacts: the fact base has no text in Cyrillic script: 'население' and 'гуйчжоу' cannot match anything\n"
    ) in result.stderr
    arabic = runner.invoke(app, ["search", "عدد سكان"])
    assert arabic.exit_code == 1 and "no text in Arabic script" in arabic.stderr


def test_explain_says_how_each_word_matched() -> None:
    hits = {
        hit["id"]: hit for hit in json.loads(runner.invoke(app, ["search", "center", "--explain", "--json"]).stdout)
    }
    assert hits["county-ecommerce-centers"]["how"] == {"center": "stem"}
    assert hits["people-centered-public-services"]["how"] == {"center": "part of a compound"}
    corrected = json.loads(runner.invoke(app, ["search", "telemedecine", "--explain", "--json"]).stdout)
    assert corrected[0]["how"] == {"telemedecine": "correction (word)"}
    chinese = json.loads(runner.invoke(app, ["search", "远程医疗", "--explain", "--json"]).stdout)
    assert chinese[0]["how"] == {"远程医疗": "characters"}


def test_the_word_list_is_read_only_to_weigh_a_correction(fb: gzfacts.FactBase) -> None:
    from gzfacts import dictionary

    dictionary._word_list.cache_clear()
    fb.search("telemedicine hospitals")  # every word is in the fact base
    fb.search("population")  # no fact-base word is within reach: nothing to weigh
    assert dictionary._word_list.cache_info().currsize == 0
    assert fb.search("hospitl").corrections == [("hospitl", "hospital")]
    assert dictionary._word_list.cache_info().currsize == 1
    assert dictionary.is_english_word("unemployment") and not dictionary.is_english_word("telemedecine")


def test_a_huge_query_is_read_up_to_a_limit_and_says_so() -> None:
    result = runner.invoke(app, ["search", "--json", "--", "telemedicine " * 1000])
    assert result.exit_code == 0
    assert "gzfacts: the query is too long: its last 8,906 characters are left out\n" in result.stderr
    words = " ".join(f"word{i}" for i in range(40))
    many = runner.invoke(app, ["search", "telemedicine", words])
    assert many.exit_code == 1
    assert "its last 9 distinct words are left out" in many.stderr


def test_a_word_is_said_to_be_in_no_fact_only_when_the_index_proves_it(
    fb: gzfacts.FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzfacts.search

    query = "big data digital economy Guizhou population access"
    # Every fact is read: neither word is matched by any ("access" only stands in the alias
    # "internet access", which a lone "access" does not match).
    assert fb.search(query, limit=None).unmatched == ("population", "access")
    # Only the best few candidates are read: "access" is in the index, so some fact not read may
    # match it; only "population", in no fact at all, is named.
    monkeypatch.setattr(gzfacts.search, "MIN_CANDIDATES", 1)
    result = fb.search(query, limit=1)
    assert result.total > 10
    assert result.unmatched == ("population",)
    assert "no fact mentions 'population'" in views.search_notes(result, {})


def test_a_word_the_base_lacks_is_read_as_its_synonym() -> None:
    """WordNet, the lexicon `check` uses: "nations" are "countries" (the check issue's query)."""
    with gzfacts.load(None, cache=False) as fb:
        result = fb.search("how many nations sent people to the big data fair")
        assert "big-data-expo-2019-countries" in [hit.fact.id for hit in result.hits[:3]]
        assert ("nations", "country") in result.corrections
        (nations,) = [t for t in result.terms if t.typed == "nations"]
        assert nations.related == "synonym"
        assert "read as its synonym 'country'" in nations.describe()


def test_the_start_of_a_word_finds_the_word_and_says_so(tmp_path: Path) -> None:
    """A reader types the start of a word ("hydro" for "hydropower"): the facts with the word are
    found, and the note says which word the start was read as."""
    base = tmp_path / "facts.yaml"
    text = "Hydropower supplied 60 percent of the county's electricity in 2020, the bureau said."
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text(text + "\n", encoding="utf-8")
    base.write_text(
        "sources:\n  - {id: a, title: T, author: A, publisher: P, published: '2021-01-05', path: sources/a.txt}\n"
        "topics:\n  - {id: power, title: Power, summary: Electricity.}\n"
        "facts:\n  - id: county-power-2020\n    claim: Hydropower supplied 60 percent of the county's electricity.\n"
        "    value: 60\n    unit: percent\n    period: '2020'\n    topic: power\n    source: a\n"
        f'    quote: "{text}"\n',
        encoding="utf-8",
    )
    with gzfacts.load(base) as power:
        found = views.search(power, "hydro share").body
        assert [r["id"] for r in found.records] == ["county-power-2020"]
        assert (
            "'hydro' is not a word of the fact base: showing results for 'hydropower', which starts so" in found.notes
        )
        # three letters say too little; a whole word the base lacks is not the start of another
        assert views.search(power, "hyd").body.records == []
        assert views.search(power, "hydrogen").body.records == []
