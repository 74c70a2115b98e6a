"""Did you mean: one function suggests ids, fields, values and styles alike."""

from __future__ import annotations

from gzfacts.suggest import did_you_mean

IDS = [
    "digital-economy",
    "e-government",
    "beipanjiang-bridge",
    "beipanjiang-bridge-height",
    "digital-economy-gdp-share-2018",
    "digital-economy-growth-2018",
    "big-data-expo",
]
FIELDS = ["id", "topic", "claim", "quote", "source", "value", "unit", "period", "qualifier", "attributed_to", "place"]


def test_names_that_start_with_what_was_typed_come_first_in_their_order() -> None:
    found = did_you_mean("digital-economy-g", IDS)
    assert found == ["digital-economy-gdp-share-2018", "digital-economy-growth-2018", "digital-economy"]
    assert did_you_mean("DIGITAL", IDS, limit=1) == ["digital-economy"]


def test_typos_and_shared_words_are_suggested_the_closest_first() -> None:
    assert did_you_mean("e-goverment", IDS) == ["e-government"]
    assert did_you_mean("bridge", IDS, limit=2) == ["beipanjiang-bridge", "beipanjiang-bridge-height"]
    assert did_you_mean("economy-digital", IDS, limit=1) == ["digital-economy"]
    assert did_you_mean("gdp", IDS) == ["digital-economy-gdp-share-2018"]


def test_fields_and_values() -> None:
    assert did_you_mean("clam", FIELDS, limit=1) == ["claim"]
    assert did_you_mean("source_id", FIELDS, limit=1) == ["source"]  # not `id`: the closer whole
    assert did_you_mean("captions", ("body", "standfirst", "caption", "byline"), limit=1) == ["caption"]
    assert did_you_mean("Body", ("body", "standfirst", "caption", "byline"), limit=1) == ["body"]


def test_nothing_is_suggested_for_what_is_like_nothing() -> None:
    assert did_you_mean("date", FIELDS) == []
    assert did_you_mean("x", IDS) == []  # one letter starts names, but means none of them
    assert did_you_mean("tourism", IDS) == []
    assert did_you_mean("", IDS) == []
    assert did_you_mean("clam", FIELDS, limit=0) == []
