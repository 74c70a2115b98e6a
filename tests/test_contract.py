"""The JSON contract: every JSON output, --fields included, validates against `gzfacts schema`."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from gzfacts.cli import app

from .conftest import MINI

runner = CliRunner()


@pytest.fixture(scope="module")
def validator() -> Any:
    import jsonschema

    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json", "--fields", "id,value"],
        ["list", "--json", "--fields", "claim"],
        ["search", "ships", "--json", "--fields", "id,score"],
        ["show", "ships-handled-2023", "--json", "--fields", "id,anchor"],
        ["topics", "--json", "--fields", "id,fact_count"],
        ["sources", "--json", "--fields", "title,url"],
        ["cache", "info", "--json"],
        ["list", "--json"],
        ["show", "ferries", "--json"],
    ],
)
def test_json_output_validates_against_the_schema(validator: Any, args: list[str]) -> None:
    runner.invoke(app, ["--facts", str(MINI), "list", "--json"])  # an index in the cache
    result = runner.invoke(app, ["--facts", str(MINI), *args])
    assert result.exit_code == 0, result.stderr
    validator.validate(json.loads(result.stdout))


def test_a_field_that_is_not_asked_for_fails_the_schema(validator: Any) -> None:
    assert not validator.is_valid([{"id": "a", "nonsense": 1}])


def test_jsonl_of_a_topic_keeps_the_topic(validator: Any) -> None:
    lines = runner.invoke(app, ["--facts", str(MINI), "show", "ferries", "-o", "jsonl"]).stdout.splitlines()
    (line,) = lines
    topic = json.loads(line)
    assert topic["id"] == "ferries" and len(topic["facts"]) == 3
    validator.validate(topic)
