"""The quantities parser: figures, units, hedges, periods, ranks and attributions in free text."""

from __future__ import annotations

import pytest

from gzfacts.quantities import (
    Quantity,
    attributions,
    compare,
    period_years,
    periods,
    quantities,
    ranks,
    scan,
    span_text,
    stretches,
    values_in,
)
from tests.conftest import ARTICLE


def one(text: str) -> Quantity:
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "noun", "qualifier"),
    [
        ("accounted for 26.9 percent of provincial GDP in 2018", 26.9, "percent", "of provincial GDP", None),
        ("grew 26.9% last year", 26.9, "percent", "", None),
        ("grew 26.9 per cent", 26.9, "percent", "", None),
        ("up 2 percentage points", 2.0, "percentage points", "", None),
        (
            "with 10,250 village-level e-commerce service sites, which",
            10250.0,
            "",
            "village-level e-commerce service sites",
            None,
        ),
        (
            "More than 70 county-level e-commerce operation service centers were set up",
            70.0,
            "",
            "county-level e-commerce operation service centers",
            "more than",
        ),
        ("revenue of 2.09 trillion yuan", 2.09e12, "yuan", "yuan", None),
        ("attracts more than 26,000 participants from abroad", 26000.0, "", "participants", "more than"),
        ("ranking first in China for four consecutive years", 4.0, "consecutive years", "consecutive years", None),
        ("nearly twenty-six thousand visitors", 26000.0, "", "visitors", "nearly"),
        ("565.4 meters above Beipanjiang Grand Valley", 565.4, "meters", "meters", None),
        ("about 1,855 feet high", 1855.0, "feet", "feet high", "about"),
        ("fewer than 50 centres", 50.0, "", "centres", "less than"),
        ("a million people", 1e6, "", "people", None),
        ("$300 million in sales", 3e8, "dollars", "", None),
    ],
)
def test_figures_with_scale_unit_and_hedge(
    text: str, value: float, unit: str, noun: str, qualifier: str | None
) -> None:
    q = one(text)
    assert (q.value, q.unit, q.noun, q.qualifier) == (value, unit, noun, qualifier)
    assert text[q.start : q.end] == q.text


def test_vague_magnitudes_are_ranges() -> None:
    q = one("benefited thousands of patients from")
    assert q.vague and q.noun == "patients" and q.text == "thousands of patients"
    low, high, _, _ = q.bounds()
    assert low >= 1000 and high <= 1e6
    assert one("tens of thousands of patients").number == "tens of thousands"


@pytest.mark.parametrize(
    "text",
    [
        "the 39 Internet Hospital",  # part of a name
        "in 2018",  # a year is a period
        "ranked No. 2 nationally",  # a rank
        "among the top three",  # a rank
        "one of the world's highest bridges",  # a rank, not the number one
        "China Daily 10/01/2019",  # a date
        "4G coverage",  # a word
    ],
)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert quantities(text) == []


def test_over_the_past_is_a_period_not_a_hedge() -> None:
    q = one("Over the past two years, a lot of patients")
    assert q.qualifier is None and q.value == 2 and q.unit == "years"


def test_direction_of_a_lead() -> None:
    assert one("passed the target two years ahead of time").direction == "ahead"
    assert one("two years behind schedule").direction == "behind"
    assert one("two years early").direction == "ahead"
    assert one("for two years").direction is None


def test_periods_years_and_relative_words() -> None:
    found = periods("Last year it grew; in 2018 it ranked first, and since 2013 it has led. Currently it leads.")
    assert [(p.text, p.year, p.offset, p.relation) for p in found] == [
        ("Last year", None, -1, ""),
        ("2018", 2018, None, "in"),
        ("2013", 2013, None, "since"),
        ("Currently", None, 0, ""),
    ]
    assert found[0].resolve("2019-10-01") == "2018"
    assert found[3].resolve("2024-03-05") == "2024"
    assert found[0].resolve(None) is None
    assert periods("This year\u2019s expo attracts")[0].resolve("2019-10-01") == "2019"
    assert periods("26.9 percent in 2018")[0].year == 2018
    assert periods("2019 percent") == []


def test_spans_of_years_up_to_publication() -> None:
    (span,) = periods("Over the past two years, a lot of patients have enjoyed the service")
    assert (span.text, span.span, span.resolve("2019-10-01")) == ("Over the past two years", 2, None)
    (few,) = periods("In the past few years, Guizhou has advanced")
    assert few.span == 0
    # The years themselves are still a figure: "two years" counts something.
    assert [q.value for q in quantities("Over the past two years, a lot of patients")] == [2.0]


def test_stretches_of_years_and_the_spans_they_reach() -> None:
    sentence = "The digital economy grew 24.6 percent in 2018, ranking first in China for four consecutive years."
    (streak,) = stretches(sentence)
    assert (streak.text, streak.years, streak.relative) == ("four consecutive years", 4, False)
    assert streak.resolve("2019-10-01", sentence) == (2015, 2018)  # it ends at the sentence's year
    assert streak.resolve("2019-10-01", "ranking first for four consecutive years") is None  # no year: unknown
    assert streak.resolve("2019-10-01", "in 2017 and 2018, for four consecutive years") is None  # two: unknown
    (past,) = stretches("Over the past two years, a lot of patients have enjoyed the service")
    assert (past.years, past.relative, past.resolve("2019-10-01")) == (2, True, (2017, 2019))
    assert [s.years for s in stretches("three years in a row, and for 5 straight years")] == [3, 5]
    (few,) = stretches("In the past few years, Guizhou has advanced")
    assert few.resolve("2019-10-01") is None
    assert stretches("During the 70 years since the founding") == []


@pytest.mark.parametrize(
    ("period", "years"),
    [("2018", (2018, 2018)), ("2015-2018", (2015, 2018)), ("2015\u20132018", (2015, 2018)),
     (" 2015 - 2018 ", (2015, 2018)), ("Q3 2018", None), ("", None), (None, None)],
)  # fmt: skip
def test_a_period_is_a_year_or_a_span(period: str | None, years: tuple[int, int] | None) -> None:
    assert period_years(period) == years
    if years is not None:
        assert period_years(span_text(*years)) == years
    assert span_text(2015, 2018) == "2015-2018" and span_text(2018, 2018) == "2018"


@pytest.mark.parametrize(
    ("text", "position", "top", "one_of"),
    [
        ("ranking first in China", 1, None, False),
        ("ranked second nationwide", 2, None, False),
        ("it was No. 1 in the country", 1, None, False),
        ("ranked 3rd", 3, None, False),
        ("among the top three nationally", None, 3, False),
        ("in the top 10", None, 10, False),
        ("the fastest in China", 1, None, False),
        ("one of the world's highest bridges", None, None, True),
        ("ranks among the highest bridges", None, None, True),
        ("among China's top three provinces", None, 3, False),
        ("topped the national rankings", 1, None, False),
        ("has led the country", 1, None, False),
        ("heads the list", 1, None, False),
    ],
)
def test_ranks(text: str, position: int | None, top: int | None, one_of: bool) -> None:
    (rank,) = ranks(text)
    assert (rank.position, rank.top, rank.one_of) == (position, top, one_of)


def test_ordinals_that_do_not_rank() -> None:
    assert ranks("First, the province built roads.") == []
    assert ranks("At first it was slow.") == []
    # "for the fourth year running" counts years; it ranks nothing.
    for text in ("for a fourth consecutive year", "for the fourth year running", "the second straight year"):
        assert ranks(text) == [], text
        (q,) = quantities(text)
        assert q.unit == "consecutive years", text
    assert ranks("The library lends more e-books than paper books for the first time") == []


def test_rank_implication() -> None:
    (first,) = ranks("ranked first")
    (second,) = ranks("ranked second")
    (top3,) = ranks("in the top three")
    (one_of,) = ranks("one of the highest")
    assert first.holds_for(1, None, False) == "yes"
    assert second.holds_for(1, None, False) == "no"
    assert top3.holds_for(1, None, False) == "yes"  # first is in the top three
    assert first.holds_for(None, 3, False) == "unknown"  # top three need not be first
    assert (ranks("ranked fifth")[0]).holds_for(None, 3, False) == "no"
    assert one_of.holds_for(1, None, False) == "yes"
    assert (ranks("the highest")[0]).holds_for(None, None, True) == "unknown"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("According to the National Bureau of Statistics, growth was 9 percent.", "the National Bureau of Statistics"),
        (
            "Statistics from the China Academy of Information and Communications Technology show that",
            "the China Academy of Information and Communications Technology",
        ),
        ("especially in the tech field, said local officials.", "local officials"),
        (
            '"It helps," said Director Pi Shengming of the Sixth Hospital of Guiyang.',
            "Director Pi Shengming of the Sixth Hospital of Guiyang",
        ),
        ("Officials said 83.1 percent can be handled online.", "Officials"),
        ("improving primary healthcare institutions, say officials.", "officials"),
    ],
)
def test_attributions(text: str, who: str) -> None:
    assert [a.who for a in attributions(text)] == [who]


def test_no_attribution_in_plain_statements() -> None:
    assert attributions("The digital economy grew 24.6 percent in 2018.") == []


@pytest.mark.parametrize(
    ("said", "truth", "expected"),
    [
        ("26.9 percent", "26.9 percent", "yes"),
        ("26.9%", "26.9 percent", "yes"),
        ("about 27 percent", "26.9 percent", "yes"),  # rounds to it
        ("27 percent", "26.9 percent", "yes"),  # rounded
        ("nearly 27 percent", "26.9 percent", "yes"),
        ("30 percent", "26.9 percent", "no"),
        ("about 30 percent", "26.9 percent", "no"),
        ("26.8 percent", "26.9 percent", "no"),
        ("nearly 26 percent", "26.9 percent", "no"),  # 26.9 is more than 26
        ("more than 25 percent", "26.9 percent", "yes"),
        ("less than 25 percent", "26.9 percent", "no"),
        ("26.9 percentage points", "26.9 percent", "no"),
        ("more than 70 centers", "more than 70 centers", "yes"),
        ("over 60 centers", "more than 70 centers", "yes"),
        ("fewer than 50 centers", "more than 70 centers", "no"),
        ("70 centers", "more than 70 centers", "no"),
        ("700 centers", "more than 70 centers", "no"),
        ("more than 80 centers", "more than 70 centers", "unknown"),
        ("about 26,000 participants", "more than 26,000 participants", "yes"),
        ("2.6 million participants", "more than 26,000 participants", "no"),
        ("about 10,000 sites", "10,250 sites", "yes"),
        ("10,520 sites", "10,250 sites", "no"),
        ("1,855 feet", "565.4 meters", "yes"),
        ("565.4 feet", "565.4 meters", "no"),
        ("thousands of patients", "thousands of patients", "yes"),
        ("millions of patients", "thousands of patients", "no"),
        ("5,000 patients", "thousands of patients", "unknown"),
        ("two years ahead of schedule", "two years ahead of time", "yes"),
        ("two years behind schedule", "two years ahead of time", "no"),
        ("2.1 trillion yuan", "2.09 trillion yuan", "yes"),
        ("2.09 billion yuan", "2.09 trillion yuan", "no"),
        ("five consecutive years", "four consecutive years", "no"),
    ],
)
def test_compare(said: str, truth: str, expected: str) -> None:
    assert compare(one(said), one(truth)) == expected


def test_scan_of_a_sentence_and_values_in() -> None:
    found = scan("The digital economy had a growth rate of 24.6 percent year-on-year in 2018, ranking first in China.")
    assert [q.value for q in found.quantities] == [24.6]
    assert [p.year for p in found.periods] == [2018]
    assert [r.position for r in found.ranks] == [1]
    assert not scan("Guizhou is a beautiful place.")
    assert values_in("Last year, 102 projects and 1,050 others, in 2018, ranked first") == {102.0, 1050.0, 2018.0, 1.0}


def test_measure_is_written_as_the_fact_base_writes_units() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    measures = {q.value: q.measure for q in quantities(text)}
    assert measures[26.9] == "percent of provincial GDP"
    assert measures[10250.0] == "village-level e-commerce service sites"
    assert measures[70.0] == "county-level e-commerce operation service centers"
    assert measures[26000.0] == "participants"
    assert measures[565.4] == "meters"
    assert measures[1050.0] == "demonstration projects"


def test_every_figure_of_the_article_is_read() -> None:
    """Every value the shipped fact base holds is found by the parser in the article."""
    text = ARTICLE.read_text(encoding="utf-8")
    found = values_in(text)
    for value in (26.9, 24.6, 4, 2, 102, 1050, 1625, 100, 70, 10250, 83.1, 3, 24, 26000, 61, 565.4, 2018, 2013):
        assert float(value) in found, value


def test_no_traceback_on_odd_text() -> None:
    for text in ["", "%", "$", "No.", "top", "1" * 400, "9" * 30 + " percent", "\x00\u202e 12", "one of", "a"]:
        scan(text)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "precision"),
    [
        ("twenty-six point nine percent of GDP", 26.9, "percent", None, 1),
        ("seventy-odd county centers", 70.0, "", "more than", 0),
        ("70-odd county centers", 70.0, "", "more than", 0),
    ],
)
def test_figures_read_out_in_words(text: str, value: float, unit: str, qualifier: str | None, precision: int) -> None:
    (q,) = quantities(text)
    assert (q.value, q.unit, q.qualifier, q.precision) == (value, unit, qualifier, precision)


def test_several_dozen_is_a_range_not_twelve() -> None:
    (q,) = quantities("Participants came from several dozen countries and regions.")
    assert q.vague and q.text == "several dozen countries"
    assert compare(q, quantities("61 countries and regions")[0]) == "yes"
    assert compare(q, quantities("12 countries and regions")[0]) == "no"
