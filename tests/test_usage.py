"""Usage errors in one style, Click's included; -C on a topic; completion of values."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from gzfacts.cli import app, complete_fields, complete_format, complete_style

from .conftest import MINI

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--jsn"], "gzfacts: error: no such option: --jsn; did you mean: --json?"),
        (["lst"], "gzfacts: error: no such command 'lst'; did you mean: list, lsp?"),
        (["shw"], "gzfacts: error: no such command 'shw'; did you mean: show?"),
        (["--fcts", "x", "list"], "gzfacts: error: no such option: --fcts; did you mean: --facts?"),
        (["show"], "gzfacts: error: missing argument 'ID'"),
        (["search", "x", "-n", "abc"], "gzfacts: error: invalid value for '--limit'"),
        (["list", "-o", "xml"], "gzfacts: error: unknown format 'xml'"),
    ],
)
def test_every_usage_error_has_one_style(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Usage:" not in result.stderr and "Error:" not in result.stderr


def test_context_on_a_topic_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--facts", str(MINI), "show", "ferries", "-C", "1"])
    assert result.exit_code == 2
    assert "'ferries' is a topic: context is shown for one fact at a time" in result.stderr


def test_case_of_formats_does_not_matter() -> None:
    upper = runner.invoke(app, ["--facts", str(MINI), "list", "-o", "JSON"])
    assert upper.exit_code == 0 and upper.stdout == runner.invoke(app, ["--facts", str(MINI), "list", "--json"]).stdout


def test_completion_of_values() -> None:
    assert complete_format("JS") == ["json", "jsonl"]
    assert complete_style("chicago-n")[0] == "chicago-notes"
    assert "id,value" in complete_fields("id,va")
    assert "id,id" not in complete_fields("id,i")


def test_completion_of_units_and_periods_in_the_shell() -> None:
    env = {"_GZFACTS_COMPLETE": "complete_bash", "COMP_WORDS": "gzfacts list --unit per", "COMP_CWORD": "3"}
    result = runner.invoke(app, ["--facts", str(MINI)], env={**env, "GZFACTS_FACTS": str(MINI)}, prog_name="gzfacts")
    assert "percent" in result.stdout
    env = {"_GZFACTS_COMPLETE": "complete_bash", "COMP_WORDS": "gzfacts list --period 20", "COMP_CWORD": "3"}
    result = runner.invoke(app, [], env={**env, "GZFACTS_FACTS": str(MINI)}, prog_name="gzfacts")
    assert "2023" in result.stdout and "2030" in result.stdout


def test_ids_and_topics_in_any_case() -> None:
    def out(*args: str) -> str:
        result = runner.invoke(app, ["--facts", str(MINI), *args])
        assert result.exit_code == 0, result.stderr
        return result.stdout

    assert out("show", "Ferries", "--json") == out("show", "ferries", "--json")
    assert out("show", "SHIPS-handled-2023", "--json") == out("show", "ships-handled-2023", "--json")
    assert out("list", "--topic", "Shipping", "--json") == out("list", "--topic", "shipping", "--json")
    assert out("cite", "Ships-Handled-2023") == out("cite", "ships-handled-2023")
