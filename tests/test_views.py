"""The views, called directly (no CliRunner): what each command would print, as Listings,
and every output writer reached through the registry."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gzfacts import views
from gzfacts.cite import STYLES, citation_style
from gzfacts.errors import FactBaseUnreadable, NotFound, ProblemsFound, UsageError
from gzfacts.factbase import FactBase, load
from gzfacts.model import FACT_FIELDS
from gzfacts.output import FORMATS, WRITERS, Listing

from .conftest import MINI


@pytest.fixture
def fb() -> Iterator[FactBase]:
    with load(MINI) as base:
        yield base


def written(listing: Listing, fmt: str) -> str:
    out = io.StringIO()
    WRITERS["records"][fmt](listing, out)
    return out.getvalue()


def test_every_format_has_a_writer_in_the_documented_order() -> None:
    assert FORMATS == ("table", "json", "jsonl", "csv", "tsv", "yaml", "markdown")


def test_show_fact_is_one_object_with_its_anchor_and_a_card(fb: FactBase) -> None:
    listing = views.show(fb, "ships-handled-2023").body
    document = json.loads(written(listing, "json"))
    assert list(document) == [*FACT_FIELDS, "anchor"]
    source_text = fb.source_text("harbour-report-2024")
    assert source_text[document["anchor"]["start"] : document["anchor"]["end"]] == document["anchor"]["exact"]
    assert listing.card is not None
    rows = dict(listing.card.rows)
    assert rows["value"] == "1,250 ships"
    assert rows["quote"].startswith("\u201cThe harbour handled 1,250 ships")


def test_show_fact_with_context_marks_the_quote_in_plain_text(fb: FactBase) -> None:
    listing = views.show(fb, "ferry-routes-2023", context=1).body
    assert listing.fields[-1] == "context"
    card = written(listing, "table")
    quote_line = next(line for line in card.splitlines() if line.startswith("quote"))
    # Ordinary quotation marks around the quote, its neighbours outside them.
    assert "\u201cLast year, the town opened 3 new ferry routes" in quote_line
    assert "\u00bb" not in quote_line


def test_period_inferred_from_is_spelled_out_on_the_card(fb: FactBase) -> None:
    card = listing_rows(views.show(fb, "ferry-routes-2023").body)
    assert card["period"].startswith('2023 (inferred from "Last year"')


def listing_rows(listing: Listing) -> dict[str, str]:
    assert listing.card is not None
    return dict(listing.card.rows)


def test_show_topic_wraps_its_facts_in_the_topic(fb: FactBase) -> None:
    document = json.loads(written(views.show(fb, "ferries").body, "json"))
    assert document["id"] == "ferries"
    assert [fact["topic"] for fact in document["facts"]] == ["ferries"] * len(document["facts"])
    assert all("value_text" not in fact for fact in document["facts"])


def test_unknown_id_is_not_found_with_suggestions(fb: FactBase) -> None:
    with pytest.raises(NotFound) as caught:
        views.show(fb, "ships-handled-2032")
    assert "ships-handled-2023" in caught.value.suggestions


def test_search_records_for_machines_and_for_tables(fb: FactBase) -> None:
    plain = views.search(fb, "ships").body
    assert plain.fields == (*FACT_FIELDS, "score", "missing")
    assert "rank" in plain.available and "rank" in plain.records[0]
    assert plain.partial is None and all(record["missing"] == [] for record in plain.records)
    explained = views.search(fb, "ships", explain=True).body
    assert explained.fields[-4:] == ("rank", "matched", "how", "phrase")
    assert explained.lines and explained.records[0]["explain"].startswith("'ships' in claim")
    assert "explain" not in json.loads(written(explained, "json"))[0]


def test_search_without_hits_says_why(fb: FactBase) -> None:
    listing = views.search(fb, "zebra").body
    assert listing.records == [] and listing.nothing == "no facts match 'zebra'"
    assert written(listing, "json") == "[]\n"


def test_a_corrected_word_is_noted(fb: FactBase) -> None:
    assert any("showing results for" in note for note in views.search(fb, "hrbour").body.notes)


def test_a_search_no_fact_answers_in_every_word_is_partial(fb: FactBase) -> None:
    listing = views.search(fb, "ferry routes").body
    assert listing.partial is None  # ferry-routes-2023 has both words
    listing = views.search(fb, "ferry airport").body
    assert listing.records and all(record["missing"] == ["airport"] for record in listing.records)
    assert listing.notes == ("no fact mentions 'airport'",)
    assert listing.partial is not None and "partial match" in listing.partial
    assert listing.table.title is not None and listing.table.title.endswith("(partial matches only)")


def test_list_filters_that_match_nothing_say_which(fb: FactBase) -> None:
    assert views.fact_list(fb, period="1999").body.nothing == "no facts with period '1999'"
    assert views.fact_list(fb).body.nothing is None


def test_only_cuts_to_the_fields_asked_for_and_refuses_unknown_ones(fb: FactBase) -> None:
    listing = views.fact_list(fb).body.only(["id", "value"])
    assert written(listing, "csv").splitlines()[0] == "id,value"
    with pytest.raises(UsageError, match="available fields: id, topic"):
        views.fact_list(fb).body.only(["nope"])


def test_topics_count_their_facts(fb: FactBase) -> None:
    counts = {r["id"]: r["fact_count"] for r in views.topic_list(fb).body.records}
    assert counts == {"shipping": 2, "ferries": 3}


def test_every_citation_style_is_registered_and_quotes_the_fact(fb: FactBase) -> None:
    quote = fb.fact("ships-handled-2023").quote
    for style in STYLES:
        assert quote[:30] in views.citation(fb, ["ships-handled-2023"], style).body
    with pytest.raises(UsageError, match="styles: plain, apa"):
        citation_style("harvard")


def test_validation_of_a_clean_base_is_quiet() -> None:
    report = views.validation(MINI)
    assert report.failure is None and report.body.records == []
    assert str(report.summary).endswith("5 facts, 2 topics, 1 source: no problems")


def test_validation_ends_in_problems_found(tmp_path: Path) -> None:
    broken = tmp_path / "facts.yaml"
    broken.write_text(MINI.read_text(encoding="utf-8").replace("1,250 ships", "1,205 ships"), encoding="utf-8")
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    report = views.validation(broken)
    assert isinstance(report.failure, ProblemsFound)
    assert report.body.lines and report.body.records[0]["where"].startswith(str(broken))


def test_validation_of_a_missing_file_ends_in_unreadable(tmp_path: Path) -> None:
    report = views.validation(tmp_path / "missing.yaml")
    assert isinstance(report.failure, FactBaseUnreadable)
    assert report.body.lines == () and len(report.body.records) == 1


def test_search_notes_name_only_the_options_they_are_given(fb: FactBase) -> None:
    bare = views.search(fb, "hrbour").body.notes
    assert bare == ("'hrbour' is not in the fact base: showing results for 'harbour'",)
    named = views.search(fb, "hrbour", flags={"correct": "--no-correct", "limit": "--limit"}).body.notes
    assert named == (
        "'hrbour' is not in the fact base: showing results for 'harbour'; "
        "search for 'hrbour' exactly with --no-correct",
    )
    cut = views.search(fb, "2023", limit=1, flags={"limit": "--limit"}).body
    assert cut.notes[-1].startswith("showing 1 of ") and cut.notes[-1].endswith(" matches (--limit to see more)")


# --- check -----------------------------------------------------------------------------------------


def test_check_view_fails_on_what_fail_on_says(tmp_path: Path) -> None:
    from gzfacts.output import writers

    shipped = Path(__file__).resolve().parents[1] / "facts.yaml"
    with load(shipped) as base:
        wrong = views.check(base, "Guizhou built 1,500 demonstration projects in 2018.")
        assert isinstance(wrong.failure, ProblemsFound)
        assert wrong.summary == str(wrong.failure) == "1 sentence checked: 1 contradicted"
        unverifiable = "Guizhou's digital economy grew 22 percent in 2017."
        assert views.check(base, unverifiable).failure is None
        assert views.check(base, unverifiable, fail_on="unverifiable").failure is not None
        draft = tmp_path / "draft.md"
        draft.write_text("# A heading\n\nIt is lovely.\n", encoding="utf-8")
        assert views.check(base, "", file=str(draft)).body == []
        assert [f.verdict for f in views.check(base, "", file=str(draft), show_all=True).body] == ["no-claim"] * 2
        with pytest.raises(UsageError):
            views.check(base, "x", fail_on="supported")
        for fmt, write in writers("findings").items():
            out = io.StringIO()
            write(wrong.body, out)
            assert "1,500" in out.getvalue() or "1,050" in out.getvalue(), fmt
