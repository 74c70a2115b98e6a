"""Output for other programs is safe: spreadsheets see no formulas, Markdown passes no HTML,
lists in CSV round-trip, a Markdown citation keeps its quote inside the blockquote."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gzfacts.cli import app

from .conftest import MINI

runner = CliRunner()
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@x", "\tx", "\rx"]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The mini base with a claim that starts like a formula, aliases with "; " and HTML, and
    a quote with a blank line and a heading."""
    text = MINI.read_text(encoding="utf-8")
    first = text.index("claim: ", text.index("id: ships-handled-2023"))
    end = text.index("\n", first)
    text = text[:first] + "claim: \"=cmd|' /C calc'!A0 <script>alert(1)</script>\"" + text[end:]
    aliases = text.index("aliases:", text.index("id: ships-handled-2023"))
    end = text.index("\n", aliases)
    text = text[:aliases] + 'aliases: ["a; b", "<img src=x onerror=alert(1)>", "@sum"]' + text[end:]
    base = tmp_path / "facts.yaml"
    base.write_text(text, encoding="utf-8")
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    return base


def gz(base: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--facts", str(base), *args])
    assert result.exit_code == 0, result.stderr
    return result


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_neutralises_formulas_and_raw_keeps_them(hostile: Path) -> None:
    rows = {r["id"]: r for r in csv_rows(gz(hostile, "list", "-o", "csv").stdout)}
    assert rows["ships-handled-2023"]["claim"].startswith("'=cmd|")
    raw = {r["id"]: r for r in csv_rows(gz(hostile, "list", "-o", "csv", "--raw").stdout)}
    assert raw["ships-handled-2023"]["claim"].startswith("=cmd|")


def test_tsv_neutralises_formulas(hostile: Path) -> None:
    lines = gz(hostile, "list", "-o", "tsv", "--fields", "id,claim").stdout.splitlines()
    assert "ships-handled-2023\t'=cmd|" in "\n".join(lines)


@pytest.mark.parametrize("cell", FORMULAS)
def test_every_formula_start_gets_an_apostrophe(cell: str) -> None:
    from gzfacts.output import spreadsheet_safe

    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("26.9 percent") == "26.9 percent"


def test_csv_lists_are_json_arrays_that_round_trip(hostile: Path) -> None:
    rows = {r["id"]: r for r in csv_rows(gz(hostile, "list", "-o", "csv").stdout)}
    assert json.loads(rows["ships-handled-2023"]["aliases"]) == ["a; b", "<img src=x onerror=alert(1)>", "@sum"]


def test_csv_numbers_stay_numbers() -> None:
    rows = {r["id"]: r for r in csv_rows(gz(MINI, "list", "-o", "csv").stdout)}
    assert rows["ships-handled-2023"]["value"] == "1250"


def test_markdown_escapes_html(hostile: Path) -> None:
    text = gz(hostile, "list", "-o", "markdown").stdout
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_csv_booleans_and_a_header_for_no_rows() -> None:
    from gzfacts.output import Column, Listing, Output, TableSpec

    out = io.StringIO()
    records = [{"id": "a", "ok": True}, {"id": "b", "ok": False}]
    listing = Listing(records, ("id", "ok"), TableSpec([Column("id", "id")]))
    Output("csv", out=out, err=io.StringIO()).write(listing)
    assert out.getvalue() == "id,ok\na,true\nb,false\n"
    empty = runner.invoke(app, ["--facts", str(MINI), "list", "--period", "1999", "-o", "csv"])
    assert empty.exit_code == 1
    assert empty.stdout.startswith("id,topic,claim,")


def test_markdown_citation_keeps_the_quote_in_its_blockquote(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    base = tmp_path / "facts.yaml"
    base.write_text(text, encoding="utf-8")
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    from gzfacts.cite import markdown_citation
    from gzfacts.factbase import load

    with load(base) as fb:
        fact = fb.fact("ships-handled-2023")._replace(quote="First line.\n\n# Not a heading <b>\n- nor a list")
        cited = markdown_citation(fact, fb.source(fact.source))
    quote, _, reference = cited.partition("\n\n\u2014 ")
    assert all(line.startswith(">") for line in quote.splitlines())
    assert "<b>" not in cited and "&lt;b&gt;" in cited
    assert reference.startswith("Ana Silva")
