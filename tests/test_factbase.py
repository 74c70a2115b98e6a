"""The shipped fact base is pinned to the article: it validates, and its figures are the article's."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import gzfacts
from gzfacts.loader import ParsedFactBase, read_fact_base
from gzfacts.quotes import fold
from gzfacts.validate import advise, check

from .conftest import ARTICLE, ROOT

#: The SHA-256 of the article as delivered (shared/source/000_8714f90658e80315.txt, 5,594 bytes).
ARTICLE_SHA256 = "683d773613ee85feb3414c278d855c31d2b7b9f6bedc0c678bc51e9747799cf6"


@pytest.fixture(scope="module")
def parsed() -> ParsedFactBase:
    return read_fact_base(ROOT / "facts.yaml")


@pytest.fixture()
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load() as fb:
        yield fb


def test_shipped_fact_base_has_no_problems(parsed: ParsedFactBase) -> None:
    assert check(parsed) == []


def test_size_of_the_fact_base(parsed: ParsedFactBase) -> None:
    assert 30 <= len(parsed.facts) <= 45
    assert 7 <= len(parsed.topics) <= 9
    assert {"digital-economy", "telemedicine"} <= {t.id for t in parsed.topics}


def test_stored_source_is_the_article_verbatim() -> None:
    assert hashlib.sha256(ARTICLE.read_bytes()).hexdigest() == ARTICLE_SHA256


@pytest.mark.parametrize(
    ("fact_id", "value", "written"),
    [
        ("digital-economy-gdp-share-2018", 26.9, "26.9 percent of provincial GDP in 2018"),
        ("digital-economy-growth-2018", 24.6, "24.6 percent year-on-year in 2018"),
        ("enterprises-integrated-2018", 1625, "integration of 1,625 enterprises"),
        ("village-ecommerce-sites", 10250, "10,250 village-level e-commerce service sites"),
        ("government-affairs-online", 83.1, "83.1 percent of the provincial government affairs"),
        ("beipanjiang-bridge-height", 565.4, "565.4 meters above Beipanjiang Grand Valley"),
        ("big-data-expo-2019-participants", 26000, "more than 26,000 participants"),
        ("big-data-benchmark-projects-2018", 102, "102 big data benchmark projects"),
        ("demonstration-projects-2018", 1050, "1,050 demonstration projects"),
        ("big-data-expo-2019-countries", 61, "61 countries and regions"),
    ],
)
def test_values_match_the_article(fb: gzfacts.FactBase, fact_id: str, value: float, written: str) -> None:
    fact = fb.fact(fact_id)
    assert fact.value == value
    assert type(fact.value) is type(value)
    assert written in fact.quote
    assert written in ARTICLE.read_text(encoding="utf-8")


def test_last_year_is_marked_as_inferred(fb: gzfacts.FactBase) -> None:
    fact = fb.fact("big-data-benchmark-projects-2018")
    assert fact.period == "2018"
    assert fact.period_inferred_from == "Last year"
    assert "2018" not in fact.quote


def _article_body() -> str:
    text = ARTICLE.read_text(encoding="utf-8")
    start = text.index("During the 70 years")
    end = text.index("(China Daily 10/01/2019 page12)")
    return text[start:end]


def test_every_number_in_the_article_is_quoted_by_a_fact(fb: gzfacts.FactBase) -> None:
    quotes = " ".join(fold(f.quote) for f in fb.facts())
    numbers = set(re.findall(r"\d[\d,.]*\d|\d", _article_body()))
    missing = sorted(n for n in numbers if n not in quotes)
    assert missing == []


@pytest.mark.parametrize(
    "name",
    [
        "China Academy of Information and Communications Technology",
        "Alibaba", "Huawei", "Tencent", "Baidu", "JD",
        "Apple", "Microsoft", "Dell", "Hewlett-Packard", "Intel", "Oracle",
        "Guiyang Longmaster Information Technology", "39 Internet Hospital", "Pi Shengming", "An Shihai",
        "first national big data comprehensive pilot area", "Beipanjiang Bridge",
        "China International Big Data Industry Expo", "top three", "first nationwide", "first in China",
    ],
)  # fmt: skip
def test_every_named_claim_is_quoted(fb: gzfacts.FactBase, name: str) -> None:
    assert any(name in fact.quote for fact in fb.facts())


def test_quotes_are_sentences_of_the_article(fb: gzfacts.FactBase) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    for fact in fb.facts():
        where = fb.anchor(fact)
        assert text[where.start : where.end] == where.exact
        assert fold(where.exact) == fold(fact.quote)


def test_load_from_an_explicit_path(tmp_path: Path) -> None:
    with gzfacts.load(ROOT / "facts.yaml", cache=False) as fb:
        assert fb.index_file is None
        assert len(fb) == len(read_fact_base(ROOT / "facts.yaml").facts)


# --- the third audit (issue 26): each correction pinned -------------------------------------------


def test_a_streak_and_a_stretch_are_spans_of_years(fb: gzfacts.FactBase) -> None:
    streak = fb.fact("digital-economy-growth-ranked-first")
    assert (streak.value, streak.unit, streak.period) == (4, "consecutive years", "2015-2018")
    assert streak.period_inferred_from == "four consecutive years"
    # The growth rate of the same sentence is of 2018 alone.
    assert fb.fact("digital-economy-growth-2018").period == "2018"
    stretch = fb.fact("remote-consultations-benefit-patients")
    assert (stretch.period, stretch.period_inferred_from) == ("2017-2019", "Over the past two years")


CAPTIONED = [
    "big-data-expo-2019-platform",
    "big-data-expo-2019-participants",
    "big-data-expo-2019-countries",
    "big-data-exhibition-center-guiyang",
    "beipanjiang-bridge-height",
    "beipanjiang-bridge-in-guizhou",
]


def test_caption_quotes_are_marked_and_their_claims_say_so(fb: gzfacts.FactBase) -> None:
    for fact_id in CAPTIONED:
        fact = fb.fact(fact_id)
        assert fact.place == "caption", fact_id
        assert fact.claim.startswith(("According to a photo caption in the article", "A photo caption in the article"))
        assert fact.said_by() == "the article's photo caption"
    standfirst = fb.fact("big-data-across-all-sectors")
    assert standfirst.place == "standfirst" and standfirst.claim.startswith("According to the article's standfirst")
    assert {f.id for f in fb.facts() if f.place != "body"} == {*CAPTIONED, standfirst.id}
    # The platform's quote is the caption's sentence, without the photo layout's "From left:".
    assert fb.fact("big-data-expo-2019-platform").quote.startswith("The 2019 China International Big Data")
    # The topics that rest on captions say so.
    assert "photo captions" in fb.topic("big-data-expo").summary
    assert "photo caption" in fb.topic("beipanjiang-bridge").summary


def aliases(fb: gzfacts.FactBase) -> dict[str, set[str]]:
    return {fact.id: set(fact.aliases) for fact in fb.facts()}


def test_aliases_that_sent_readers_to_the_wrong_figure_are_moved_or_gone(fb: gzfacts.FactBase) -> None:
    found = aliases(fb)
    assert not {"model projects", "pilot projects"} & found["big-data-benchmark-projects-2018"]
    assert {"model projects", "pilot projects", "示范项目"} <= found["demonstration-projects-2018"]
    everywhere = set().union(*found.values())
    gone = {"foreign participants", "visitors", "size of digital economy", "American companies", "incentives",
            "praise", "苹果", "甲骨文", "国家认可", "小农户", "大市场", "when", "IT"}  # fmt: skip
    assert not gone & everywhere
    assert {"苹果公司", "甲骨文公司", "微软", "戴尔", "惠普", "英特尔"} <= found["international-tech-companies"]
    assert {"阿里巴巴", "华为", "腾讯", "百度", "京东"} <= found["chinese-tech-companies-settled"]
    assert "小农户对接大市场" in found["small-farmers-big-markets"]
    assert "北盘江大峡谷" in found["beipanjiang-bridge-height"]
    assert "网上可办率" in found["government-affairs-online"]
    assert "贵阳市第六人民医院" in found["pi-shengming-sixth-hospital-of-guiyang"]
    assert "贵阳市第六人民医院" in found["remote-consultations-benefit-patients"]


def test_the_province_is_an_alias_of_every_fact(fb: gzfacts.FactBase) -> None:
    assert all({"贵州", "贵州省"} <= set(fact.aliases) for fact in fb.facts())
    assert len(fb.search("贵州", limit=None).hits) == len(fb)


def test_the_shipped_base_has_no_warnings(parsed: ParsedFactBase) -> None:
    assert advise(parsed) == []


def test_claims_say_no_more_than_their_quotes(fb: gzfacts.FactBase) -> None:
    bridge = fb.fact("beipanjiang-bridge-height").claim
    assert "making it" not in bridge and "with 565.4 meters" in bridge
    assert "Southwest China's Guizhou province" in fb.fact("beipanjiang-bridge-in-guizhou").claim
    companies = fb.fact("international-tech-companies").claim
    assert "sit alongside" in companies and "present in" not in companies
    recognition = fb.fact("national-recognition").claim
    assert recognition.startswith("In the past few years") and "recognized" in recognition
    assert "big data" not in fb.fact("demonstration-projects-2018").claim
    assert "indicates" in fb.fact("real-economy-intermediate-stage").claim
    assert fb.fact("big-data-initiative-launched-2013").claim.startswith("Local officials say")


#: What a qualifier may be: a hedge or a rank the quote states (docs/schema.md, writing rule 5).
HEDGES_AND_RANKS = {
    "more than", "such as", "like", "first", "first in China", "first nationwide",
    "among the top three nationally", "one of the world's highest bridges",
}  # fmt: skip


def test_qualifiers_are_hedges_and_ranks_only(fb: gzfacts.FactBase) -> None:
    assert {fact.qualifier for fact in fb.facts() if fact.qualifier} <= HEDGES_AND_RANKS
    assert fb.fact("first-national-big-data-pilot-area").qualifier == "first"
    for fact_id in ("village-broadband-4g-coverage", "broadband-target-met-two-years-early",
                    "real-economy-intermediate-stage", "big-data-initiative-launched-2013"):  # fmt: skip
        assert fb.fact(fact_id).qualifier is None


def test_the_rights_say_what_the_page_says(fb: gzfacts.FactBase) -> None:
    rights = fb.source("china-daily-2019-10-01").rights or ""
    assert rights.startswith("© China Daily. All rights reserved.")
    footer = "Copyright ©2013 - Guizhou Provincial Information Office All Rights Reserved."
    assert footer in rights and footer in ARTICLE.read_text(encoding="utf-8")


def test_what_no_fact_covered_before_has_a_fact(fb: gzfacts.FactBase) -> None:
    quoted = {fact.id: fact.quote for fact in fb.facts()}
    assert quoted["big-data-across-all-sectors"].startswith("Province using big data across all sectors of industry")
    assert "Guizhou" in fb.fact("beipanjiang-bridge-in-guizhou").claim
    assert "Sixth Hospital of Guiyang" in fb.fact("pi-shengming-sixth-hospital-of-guiyang").claim
    assert "exhibition center in Guiyang" in quoted["big-data-exhibition-center-guiyang"]
