"""CliRunner tests of every command in every format, against the small fact base in tests/data/mini."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from gzfacts.cli import app
from gzfacts.output import FORMATS

from .conftest import MINI, golden

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["--facts", str(MINI), *args], env=env)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("gzfacts 0.")


@pytest.mark.parametrize(
    "command", ["show", "search", "list", "topics", "sources", "cite", "validate", "schema", "check"]
)
def test_every_command_has_help_led_by_examples(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert result.stdout.index("Examples:") < result.stdout.index("Options:")


# --- golden output ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("show-fact.txt", ["show", "ships-handled-2023"]),
        ("show-fact-context.txt", ["show", "ferry-routes-2023", "--context", "1"]),
        ("show-topic.txt", ["show", "shipping"]),
        ("search.txt", ["search", "ships"]),
        ("list.txt", ["list"]),
        ("topics.txt", ["topics"]),
        ("sources.txt", ["sources"]),
        ("show-fact.json", ["show", "ships-handled-2023", "--json"]),
        ("show-topic.json", ["show", "ferries", "--json"]),
        ("search.json", ["search", "ferry", "routes", "--json"]),
        ("list.csv", ["list", "--format", "csv"]),
        ("list.md", ["list", "-o", "markdown", "--fields", "id,value,unit,period"]),
        ("cite-plain.txt", ["cite", "ships-handled-2023"]),
        ("cite-bibtex.txt", ["cite", "ships-handled-2023", "--style", "bibtex"]),
    ],
)
def test_golden_output(name: str, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    golden(name, result.stdout)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("rich-show-fact.txt", ["show", "ships-handled-2023"]),
        ("rich-show-fact-context.txt", ["show", "ferry-routes-2023", "--context", "1"]),
        ("rich-show-topic.txt", ["show", "shipping"]),
        ("rich-search.txt", ["search", "ships"]),
        ("rich-topics.txt", ["topics"]),
    ],
)
def test_golden_tables_drawn_for_a_terminal(name: str, args: list[str]) -> None:
    """What a person sees: Rich tables (FORCE_COLOR stands in for a terminal; styles stripped)."""
    result = run(*args, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" in result.stdout
    golden(name, ANSI.sub("", result.stdout))


def test_plain_tables_have_one_record_a_line() -> None:
    lines = run("list").stdout.splitlines()
    assert lines[0].split() == ["id", "claim", "topic", "value", "period"]
    assert len(lines) == 1 + 5
    assert lines[1].split("  ")[:2] == ["ships-handled-2023", "The harbour handled 1,250 ships in 2023."]


# --- every format -------------------------------------------------------------------------------


def parse(fmt: str, text: str) -> list[dict[str, Any]]:
    if fmt == "json":
        data = json.loads(text)
        return data if isinstance(data, list) else [data]
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    if fmt == "yaml":
        data = yaml.safe_load(text)
        return data if isinstance(data, list) else [data]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    if fmt == "tsv":
        lines = text.splitlines()
        header = lines[0].split("\t")
        return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    if fmt == "markdown":
        cells = [line.strip("|").split(" | ") for line in text.splitlines()]
        names = [h.strip() for h in cells[0]]
        return [dict(zip(names, (c.strip() for c in row), strict=True)) for row in cells[2:]]
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "table"])
@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["list"], 5),
        (["list", "--topic", "ferries"], 3),
        (["search", "ferry"], 3),
        (["show", "capacity-2030"], 1),
        (["topics"], 2),
        (["sources"], 1),
    ],
)
def test_every_data_command_in_every_format(fmt: str, args: list[str], count: int) -> None:
    result = run(*args, "--format", fmt, "--fields", "id")
    assert result.exit_code == 0, result.stderr
    rows = parse(fmt, result.stdout)
    assert len(rows) == count
    assert all(list(row) == ["id"] for row in rows)


@pytest.mark.parametrize(
    "args", [["list"], ["search", "ferry"], ["show", "ferries"], ["topics"], ["sources"], ["show", "best-ferry"]]
)
def test_table_output_is_plain_when_not_a_terminal(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "…" not in result.stdout


def test_fact_objects_have_every_documented_key() -> None:
    keys = ["id", "topic", "claim", "quote", "source", "value", "unit", "period", "period_inferred_from",
            "qualifier", "attributed_to", "place", "aliases"]  # fmt: skip
    listed = json.loads(run("list", "--json").stdout)
    assert all(list(fact) == keys for fact in listed)
    found = json.loads(run("search", "ferry", "--json").stdout)
    assert all(list(fact) == [*keys, "score", "missing"] for fact in found)
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)
    shown = json.loads(run("show", "best-ferry", "--json").stdout)
    assert list(shown) == [*keys, "anchor"]
    assert shown["value"] is None and shown["aliases"] == []
    topic = json.loads(run("show", "ferries", "--json").stdout)
    assert list(topic) == ["id", "title", "summary", "facts"]
    assert [f["id"] for f in topic["facts"]] == ["ferry-routes-2023", "best-ferry", "capacity-2030"]


def test_anchor_points_into_the_source_text() -> None:
    shown = json.loads(run("show", "ships-handled-2023", "--json").stdout)
    text = (MINI.parent / "sources" / "harbour-2024.txt").read_text(encoding="utf-8")
    anchor = shown["anchor"]
    assert text[anchor["start"] : anchor["end"]] == anchor["exact"] == shown["quote"]
    assert text[: anchor["start"]].endswith(anchor["prefix"])
    assert text[anchor["end"] :].startswith(anchor["suffix"])


def test_json_is_utf8_not_ascii_escaped() -> None:
    result = run("show", "capacity-2030", "--json")
    assert '"\\"We will double capacity by 2030,\\" said' in result.stdout
    result = runner.invoke(app, ["show", "big-data-expo-2019-countries", "--json"])
    assert "This year’s expo" in result.stdout


def test_fields_pick_and_order_fields() -> None:
    result = run("list", "--json", "--fields", "value,id")
    assert json.loads(result.stdout)[0] == {"value": 1250, "id": "ships-handled-2023"}


def test_unknown_field_lists_the_available_ones() -> None:
    result = run("list", "--fields", "id,colour")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown field 'colour'; available fields: id, topic, claim," in result.stderr


def test_json_flag_and_format_must_agree() -> None:
    assert run("list", "--json", "--format", "csv").exit_code == 2
    assert run("list", "--json", "--format", "json").exit_code == 0
    result = run("list", "--format", "xml")
    assert result.exit_code == 2
    assert "unknown format 'xml'; formats: table, json, jsonl, csv, tsv, yaml, markdown" in result.stderr


# --- exit codes and messages --------------------------------------------------------------------


def test_unknown_id_suggests_close_ids() -> None:
    result = run("show", "ships-handled")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no fact or topic with id 'ships-handled'" in result.stderr
    assert "did you mean: ships-handled-2023?" in result.stderr


def test_unknown_topic_filter_is_not_found() -> None:
    result = run("list", "--topic", "ferry")
    assert result.exit_code == 1
    assert "did you mean: ferries" in result.stderr


def test_search_without_hits_exits_1() -> None:
    result = run("search", "zeppelin")
    assert result.exit_code == 1
    assert "no facts match 'zeppelin'" in result.stderr
    result = run("search", "zeppelin", "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (1, [])


def test_list_filters() -> None:
    assert [f["id"] for f in json.loads(run("list", "--period", "2030", "--json").stdout)] == ["capacity-2030"]
    assert [f["id"] for f in json.loads(run("list", "--unit", "PERCENT", "--json").stdout)] == ["ship-growth-2023"]
    result = run("list", "--period", "1999")
    assert result.exit_code == 1
    assert "no facts with period '1999'" in result.stderr


def test_topics_count_facts() -> None:
    topics = json.loads(run("topics", "--json").stdout)
    assert [(t["id"], t["fact_count"]) for t in topics] == [("shipping", 2), ("ferries", 3)]


def test_unloadable_fact_base_exits_2(tmp_path: Any) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("facts: [\n", encoding="utf-8")
    result = runner.invoke(app, ["--facts", str(bad), "list"])
    assert result.exit_code == 2
    assert "cannot load the fact base" in result.stderr and "bad.yaml:2:1" in result.stderr


def test_invalid_fact_base_exits_2_and_points_to_validate(tmp_path: Any) -> None:
    text = MINI.read_text(encoding="utf-8").replace("value: 1250", "value: 1251")
    broken = tmp_path / "facts.yaml"
    broken.write_text(text, encoding="utf-8")
    # A copy: a symlink to texts outside the base's folder is refused (R207, test_hostile_bases.py).
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    result = runner.invoke(app, ["--facts", str(broken), "list"])
    assert result.exit_code == 2
    assert "the value 1251 does not appear in the quote" in result.stderr
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert "facts.yaml:23:12: Q302 fact `ships-handled-2023`: the value 1251 does not appear" in result.stdout
    problems = json.loads(runner.invoke(app, ["validate", str(broken), "--json"]).stdout)
    assert problems[0]["where"].endswith("facts.yaml:23:12")


def test_validate_exit_codes(tmp_path: Any) -> None:
    assert runner.invoke(app, ["validate", str(MINI)]).exit_code == 0
    assert runner.invoke(app, ["validate"]).exit_code == 0
    assert runner.invoke(app, ["validate", str(tmp_path / "missing.yaml")]).exit_code == 2


def test_markup_in_data_is_printed_literally() -> None:
    result = run("show", "best-ferry")
    assert result.exit_code == 0
    assert 'the [red] ferry "the best [/] in the region"' in result.stdout
    result = run("search", "[red]", "best")
    assert result.exit_code == 0
    assert "[red]" in result.stdout


def test_color_only_when_forced_and_never_with_no_color() -> None:
    forced = run("list", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[1;36m" in forced.stdout  # ids in bold cyan
    no_color = run("list", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"})
    assert "36m" not in no_color.stdout  # no colour (bold and italic may remain)


# --- cite ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["plain", "apa", "mla", "chicago", "bibtex", "csl-json", "markdown"])
def test_every_citation_style_has_the_quote(style: str) -> None:
    result = run("cite", "ship-growth-2023", "--style", style)
    assert result.exit_code == 0
    assert "12.5 percent year-on-year" in result.stdout
    assert "Silva" in result.stdout


def test_apa_and_mla_references() -> None:
    apa = run("cite", "ship-growth-2023", "--style", "apa").stdout.splitlines()[0]
    assert apa == "Silva, A. (2024, March 5). Harbour town report. Harbour Gazette, 3."
    mla = run("cite", "ship-growth-2023", "--style", "mla").stdout.splitlines()[0]
    assert mla == "Silva, Ana. “Harbour Town Report.” Harbour Gazette, 5 Mar. 2024, p. 3."


def test_csl_json_is_valid_against_the_official_schema() -> None:
    import jsonschema

    # The official CSL-JSON input schema (v1.0, MIT licence), copied from
    # https://resource.citationstyles.org/schema/v1.0/input/json/csl-data.json
    schema = json.loads((MINI.parents[1] / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    for args in (
        ["cite", "digital-economy-gdp-share-2018"],
        ["--facts", str(MINI), "cite", "capacity-2030"],
        ["cite", "--source", "china-daily-2019-10-01"],
    ):
        data = json.loads(runner.invoke(app, [*args, "--style", "csl-json"]).stdout)
        jsonschema.validate(data, schema)
        assert data[0]["type"] == "article-newspaper"
    data = json.loads(runner.invoke(app, ["cite", "digital-economy-gdp-share-2018", "--style", "csl-json"]).stdout)
    item = data[0]
    assert item["author"] == [{"family": "Li", "given": "Xin", "static-ordering": True}]  # family name first
    assert item["issued"] == {"date-parts": [[2019, 10, 1]]}
    assert (item["title"], item["container-title"], item["page"]) == (
        "Tech focus helps Guizhou lead with high-quality growth", "China Daily", "12")  # fmt: skip


def test_bibtex_is_read_back_by_a_bibtex_parser() -> None:
    import bibtexparser

    text = runner.invoke(app, ["cite", "village-ecommerce-sites", "--style", "bibtex"]).stdout
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "article"
    fields = {f.key: f.value for f in entry.fields}
    assert fields["author"] == "Li, Xin"
    assert fields["title"] == "Tech focus helps Guizhou lead with high-quality growth"
    assert fields["journaltitle"] == "China Daily"
    assert (fields["date"], fields["pages"]) == ("2019-10-01", "12")
    assert (fields["journal"], fields["year"], fields["month"]) == ("China Daily", "2019", "oct")
    assert "10,250 village-level e-commerce service sites" in fields["note"]


def test_unknown_citation_style() -> None:
    result = run("cite", "ship-growth-2023", "--style", "harvard")
    assert result.exit_code == 2
    assert "unknown citation style 'harvard'" in result.stderr


# --- search and show details --------------------------------------------------------------------


def test_show_context_marks_the_quote() -> None:
    result = run("show", "ferry-routes-2023", "--context", "1", "--json")
    context = json.loads(result.stdout)["context"]
    assert context["before"].startswith("The harbour handled 1,250 ships in 2023")
    assert context["after"].startswith("The mayor called the [red] ferry")


def test_search_topic_filter_and_limit() -> None:
    found = json.loads(run("search", "2023", "--json").stdout)
    assert len(found) == 3
    assert len(json.loads(run("search", "2023", "--limit", "1", "--json").stdout)) == 1
    assert {f["topic"] for f in json.loads(run("search", "2023", "--topic", "ferries", "--json").stdout)} == {"ferries"}


def test_schema_command_prints_the_shipped_json_schema() -> None:
    import jsonschema

    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for args in (["list"], ["search", "ferry"], ["show", "best-ferry"], ["show", "ferries"], ["topics"], ["sources"]):
        jsonschema.validate(json.loads(run(*args, "--json").stdout), schema)
    # Every key search prints is documented, `missing` included.
    explained = json.loads(run("search", "ferry", "routes", "--explain", "--json").stdout)
    assert set(explained[0]) <= set(schema["$defs"]["fact"]["properties"])
    assert "missing" in explained[0]


def test_every_library_error_has_its_exit_code_and_the_cli_adds_the_command_names() -> None:
    from gzfacts.cli import ExitCode, explain_error
    from gzfacts.errors import FactBaseInvalid, NoResults, NotFound, Problem, ProblemsFound, UsageError

    problems = [Problem("f.yaml:1:1", "bad"), Problem("f.yaml:2:1", "worse")]
    not_found = (ExitCode.NOT_FOUND, "error: no fact with id 'x'", "did you mean: y?")
    assert explain_error(NotFound("fact", "x", ["y"])) == not_found
    assert "gzfacts search --help" in str(explain_error(NoResults("no facts match 'x'"), "search")[2])
    assert explain_error(ProblemsFound("2 problems", problems)) == (ExitCode.NOT_FOUND, "2 problems", None)
    assert explain_error(UsageError("bad"))[:2] == (ExitCode.USAGE, "error: bad")
    invalid = FactBaseInvalid(problems)
    assert "gzfacts" not in str(invalid)  # the library names no command ...
    assert explain_error(invalid)[1].endswith("(and 1 more; run `gzfacts validate` to list them)")  # ... the CLI does
