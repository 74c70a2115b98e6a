"""Authoring through the installed command: extract, quote, coverage, init, and what validate tells an author."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import ARTICLE, DATA, MINI, ROOT

GZFACTS = Path(sys.executable).parent / "gzfacts"
TEXTS = DATA / "texts"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(GZFACTS), *args], env={**os.environ, **(env or {})}, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command run in-process (fast), for the many bad-input cases."""
    from typer.testing import CliRunner

    from gzfacts.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def candidates(text: Path, published: str) -> list[dict[str, Any]]:
    done = run("extract", str(text), "--published", published, "--json")
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def figures(found: list[dict[str, Any]]) -> set[tuple[float, str | None, str | None]]:
    return {(c["value"], c["unit"], c["period"]) for c in found if c["value"] is not None}


def mini_copy(tmp_path: Path, edit: Any = None) -> Path:
    """A copy of the mini fact base, its YAML passed through `edit`."""
    base = tmp_path / "base"
    shutil.copytree(MINI.parent, base)
    if edit is not None:
        path = base / "facts.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return base


# --- extract ---------------------------------------------------------------------------------

#: Where the shipped base's unit says more than the sentence's own words (the article says it elsewhere):
#: the candidate's unit, and the fact's.
REFINED_UNITS = {
    "village-broadband-4g-coverage": ("percent", "percent of villages"),
    "broadband-target-met-two-years-early": ("years ahead of time", "years ahead of the State's target"),
}


def test_extract_proposes_every_figure_the_shipped_base_holds() -> None:
    found = candidates(ARTICLE, "2019-10-01")
    facts = json.loads(run("list", "--json").stdout)
    valued = [f for f in facts if f["value"] is not None]
    assert len(valued) == 19  # every one of them, not a sample
    for fact in valued:
        same = [
            c
            for c in found
            if c["value"] == fact["value"] and (c["quote"] in fact["quote"] or fact["quote"] in c["quote"])
        ]
        assert same, f"no candidate for {fact['id']} ({fact['value']})"
        unit = REFINED_UNITS.get(fact["id"], (fact["unit"], fact["unit"]))
        assert unit[1] == fact["unit"]
        assert any(c["unit"] == unit[0] and c["period"] == fact["period"] for c in same), (fact, same)
    # Every candidate is a draft, quotes the article verbatim and says where.
    text = ARTICLE.read_text(encoding="utf-8")
    for c in found:
        assert c["draft"] is True and c["claim"] == "" and c["topic"] == ""
        assert text[c["anchor"]["start"] : c["anchor"]["end"]] == c["anchor"]["exact"]
        assert " ".join(c["anchor"]["exact"].split()) == c["quote"]
    # A sentence with three figures gives three candidates.
    last_year = [c for c in found if c["period_inferred_from"] == "Last year"]
    assert sorted(c["value"] for c in last_year) == [102, 1050, 1625]


KNOWN = {
    # Written from reading the texts: (value, unit, period); "last year" depends on the date.
    ("riverside-library-2022.txt", "2022-01-20"): {
        (48200, "e-books", "2021"),
        (41750, "paper books", "2021"),
        (18, "percent year-on-year", None),
        (3, "consecutive years", None),
        (62, "percent of library's members", "2022"),
        (10, "minutes' walk", None),
        (2, "new branches", "2024"),
    },
    ("dunmore-port-2016.txt", "2016-11-02"): {
        (3200000, "tonnes of cargo", "2015"),
        (7.5, "percent", "2015"),
        (1900, "vessels", None),
        (46, "cruise ships", None),
        (2000, "vessel calls", "2016"),
        (68, "meters tall", None),
        (120, "dockworkers", "2014-2016"),
        (2, "years", "2014-2016"),  # the years of "In the past two years": their span
    },
    ("dunmore-port-2016.txt", "2017-01-10"): {
        (3200000, "tonnes of cargo", "2016"),
        (7.5, "percent", "2016"),
        (1900, "vessels", None),
        (46, "cruise ships", None),
        (2000, "vessel calls", "2017"),
        (68, "meters tall", None),
        (120, "dockworkers", "2015-2017"),
        (2, "years", "2015-2017"),
    },
}


@pytest.mark.parametrize(("name", "published"), list(KNOWN))
def test_extract_on_texts_with_known_answers(name: str, published: str) -> None:
    assert figures(candidates(TEXTS / name, published)) == KNOWN[name, published]


def test_extract_marks_where_a_quote_stands_and_gives_a_streak_its_span() -> None:
    found = candidates(ARTICLE, "2019-10-01")
    bridge = [c for c in found if c["value"] == 565.4]
    assert bridge and all(c["place"] == "caption" for c in bridge)
    expo = [c for c in found if c["value"] in (26000, 61)]
    assert len(expo) == 2 and all(c["place"] == "caption" for c in expo)
    assert all(c["place"] == "body" for c in found if c["value"] in (102, 1050, 1625, 26.9))
    streak = next(c for c in found if c["unit"] == "consecutive years" and c["value"] == 4)
    assert (streak["period"], streak["period_inferred_from"]) == ("2015-2018", "four consecutive years")
    stretch = next(c for c in found if c["unit"] == "years" and "Over the past two years" in c["quote"])
    assert (stretch["period"], stretch["period_inferred_from"]) == ("2017-2019", "Over the past two years")
    drafted = run("extract", str(ARTICLE), "--published", "2019-10-01").stdout
    assert "    place: caption\n" in drafted


def test_extract_reads_hedges_periods_and_attributions() -> None:
    port = {c["value"]: c for c in candidates(TEXTS / "dunmore-port-2016.txt", "2016-11-02")}
    assert port[1900]["qualifier"] == "nearly"
    assert port[2000]["qualifier"] == "about"
    assert port[2000]["period_inferred_from"] == "This year"
    harbour = {c["value"]: c for c in candidates(MINI.parent / "sources" / "harbour-2024.txt", "2024-03-05")}
    assert (harbour[3]["period"], harbour[3]["period_inferred_from"]) == ("2023", "Last year")
    assert harbour[1250]["attributed_to"] == "officials"
    article = {c["value"]: c for c in candidates(ARTICLE, "2019-10-01")}
    assert article[26000]["qualifier"] == "more than"
    assert article[26.9]["attributed_to"] == "China Academy of Information and Communications Technology"


def test_extracted_drafts_are_refused_until_reviewed(tmp_path: Path) -> None:
    text = TEXTS / "dunmore-port-2016.txt"
    made = run("init", str(tmp_path / "port"), "--source", str(text), "--title", "Port of Dunmore reports record cargo "
               "year", "--author", "Kenji Watanabe", "--publisher", "Dunmore Echo", "--date", "2016-11-02")  # fmt: skip
    assert made.returncode == 0, made.stderr
    yaml = tmp_path / "port" / "facts.yaml"
    drafts = run("extract", str(tmp_path / "port" / "sources" / "dunmore-port-2016.txt"), "--published", "2016-11-02")
    yaml.write_text(yaml.read_text(encoding="utf-8") + drafts.stdout, encoding="utf-8")
    refused = run("validate", str(tmp_path / "port"))
    assert refused.returncode == 1
    assert (
        "S107 a fact (tonnes-cargo-2015) is a draft. Write the claim in your own words, then remove `draft: true`"
        in (refused.stdout)
    )
    # A draft's blank topic is said once, as blank (S102), not also as an unknown topic ``.
    assert "`topic` is blank" in refused.stdout and "unknown topic ``" not in refused.stdout
    # Reviewed: a topic, a claim, no draft mark. Every quote, value and period extract proposed then holds.
    reviewed = drafts.stdout.replace("    draft: true\n", "").replace('topic: ""', "topic: general")
    reviewed = reviewed.replace('claim: ""', 'claim: "Written by the author."')
    yaml.write_text(yaml.read_text(encoding="utf-8").split("\nfacts:\n")[0] + "\nfacts:\n" + reviewed, encoding="utf-8")
    accepted = run("validate", str(tmp_path / "port"))
    assert accepted.returncode == 0, accepted.stdout
    assert "no problems" in accepted.stderr


def test_a_new_source_by_chen_hua_cites_as_chen(tmp_path: Path) -> None:
    """`init --author-family` (and the template's `author_family:` line) keeps a family name written first."""
    text = TEXTS / "dunmore-port-2016.txt"
    made = run("init", str(tmp_path / "port"), "--source", str(text), "--title", "Port of Dunmore reports record cargo "
               "year", "--author", "Chen Hua", "--author-family", "Chen", "--publisher", "Dunmore Echo",
               "--date", "2016-11-02")  # fmt: skip
    assert made.returncode == 0, made.stderr
    yaml = tmp_path / "port" / "facts.yaml"
    assert '    author_family: "Chen"  # the family name' in yaml.read_text(encoding="utf-8")
    drafts = run("extract", str(tmp_path / "port" / "sources" / "dunmore-port-2016.txt"), "--published", "2016-11-02")
    reviewed = drafts.stdout.replace("    draft: true\n", "").replace('topic: ""', "topic: general")
    yaml.write_text(yaml.read_text(encoding="utf-8") + reviewed.replace('claim: ""', 'claim: "C."'), encoding="utf-8")
    apa = run("--facts", str(yaml), "cite", "--source", "dunmore-port-2016", "--style", "apa")
    assert apa.stdout == "Chen, H. (2016, November 2). Port of Dunmore reports record cargo year. Dunmore Echo.\n"
    mla = run("--facts", str(yaml), "cite", "--source", "dunmore-port-2016", "--style", "mla")
    assert mla.stdout.startswith("Chen Hua. \u201cPort of Dunmore Reports Record Cargo Year.\u201d"), mla.stdout
    blank = run("init", str(tmp_path / "blank"))
    assert "    author_family: null  # the family name" in (tmp_path / "blank" / "facts.yaml").read_text(
        encoding="utf-8"
    )
    assert blank.returncode == 0


def test_the_new_base_points_to_what_an_installed_copy_has(tmp_path: Path) -> None:
    """The template names the docs site and commands that exist, never a file of gzfacts' sources."""
    assert run("init", str(tmp_path / "new")).returncode == 0
    comments = [
        line for line in (tmp_path / "new" / "facts.yaml").read_text(encoding="utf-8").splitlines() if "#" in line
    ]
    text = "\n".join(comments)
    assert "docs/schema.md" not in text and "gzfacts' sources" not in text
    assert "The schema and the writing rules: https://gzfacts.readthedocs.io/" in text
    named = set(re.findall(r"(?:`|:  )gzfacts (?:--facts \S+ )?([a-z]+)", text))
    assert {"validate", "schema", "extract", "quote"} <= named
    for command in named:
        assert run(command, "--help").returncode == 0, command
    schema = json.loads(run("schema").stdout)
    assert {"author_family", "url"} <= set(schema["$defs"]["source"]["properties"])


# --- validate ----------------------------------------------------------------------------------


def test_an_inferred_period_must_agree_with_the_publication_date(tmp_path: Path) -> None:
    base = mini_copy(tmp_path, lambda t: t.replace('period: "2023"\n    period_inferred_from', 'period: "2022"\n    '
                                                   "period_inferred_from"))  # fmt: skip
    done = run("validate", str(base))
    assert done.returncode == 1
    assert (
        "Q306 fact `ferry-routes-2023`: the period '2022' disagrees with 'Last year' in a source published 2024-03-05: "
        "that is 2023" in done.stdout
    )


@pytest.mark.parametrize(
    ("written", "misquoted", "ours", "theirs"),
    [
        ("62 percent of", "62% of", "62%", "62 percent"),
        ("ten minutes' walk", "ten minutes walk", "minutes", "minutes'"),
    ],
)
def test_a_misquote_shows_the_first_difference(
    tmp_path: Path, written: str, misquoted: str, ours: str, theirs: str
) -> None:
    base = tmp_path / "b"
    text = TEXTS / "riverside-library-2022.txt"
    assert run("init", str(base), "--source", str(text), "--title", "T", "--author", "A", "--publisher", "P",
               "--date", "2022-01-20").returncode == 0  # fmt: skip
    sentence = next(s for s in text.read_text(encoding="utf-8").split("\n") if written in s)
    fact = (
        "  - id: f\n    topic: general\n    claim: C\n    source: riverside-library-2022\n"
        f"    quote: {json.dumps(sentence.replace(written, misquoted))}\n"
    )
    (base / "facts.yaml").write_text((base / "facts.yaml").read_text(encoding="utf-8") + fact, encoding="utf-8")
    done = run("validate", str(base))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    problem = next(line for line in lines if " Q301 " in line)
    line = text.read_text(encoding="utf-8").split("\n").index(sentence) + 1
    assert f'it has "{ours}" where the source text (line {line}) has "{theirs}"' in problem
    nearest, minus, plus = (row.strip() for row in lines[lines.index(problem) + 1 : lines.index(problem) + 4])
    assert nearest == f"nearest sentence of the source (line {line}): {sentence}"
    assert minus.startswith("- quote:") and f"[{ours}]" in minus
    assert plus.startswith("+ source:") and f"[{theirs}]" in plus


def test_one_broken_entry_does_not_hide_or_cascade(tmp_path: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace('published: "2024-03-05"', 'published: "2024-02-30"')
        text = text.replace('topic: ferries\n    claim: "The town', 'topic: ferrys\n    claim: "The town')
        return text.replace("1,250 ships in 2023, up", "1,205 ships in 2023, up")

    done = run("validate", str(mini_copy(tmp_path, edit)))
    assert done.returncode == 1
    codes = re.findall(r": ([FSRQ]\d{3}) ", done.stdout)
    # The date is the source's one problem; the misquoted facts are still checked against its text.
    assert codes == ["S104", "Q302", "Q301", "Q301", "R203"], done.stdout
    assert "`published` '2024-02-30' is not a date" in done.stdout
    assert "unknown topic `ferrys`. Did you mean `ferries`?" in done.stdout
    assert "unknown source" not in done.stdout


def test_unknown_source_gets_did_you_mean(tmp_path: Path) -> None:
    old = 'source: harbour-report-2024\n    aliases: ["vessels"'
    new = old.replace("2024", "2042")
    base = mini_copy(tmp_path, lambda t: t.replace(old, new))
    done = run("validate", str(base))
    assert (
        "R204 fact `ships-handled-2023`: unknown source `harbour-report-2042`. Did you mean `harbour-report-2024`?"
        in (done.stdout)
    )


def test_a_yaml_syntax_error_shows_the_line_and_a_caret(tmp_path: Path) -> None:
    base = mini_copy(tmp_path, lambda t: t.replace('    title: "Shipping"', '    title: "Shipping'))
    done = run("validate", str(base))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert " F002 YAML syntax error" in lines[0]
    where = re.search(r"facts\.yaml:(\d+):(\d+):", lines[0])
    assert where is not None
    line, column = int(where.group(1)), int(where.group(2))
    source_line = (base / "facts.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    assert lines[1].endswith(f"{line} | {source_line}")
    bar = lines[1].index("|")
    assert lines[2].index("^") - bar - 2 == column - 1


def test_validate_json_is_one_object_per_problem_and_matches_the_schema(tmp_path: Path) -> None:
    import jsonschema

    base = mini_copy(tmp_path, lambda t: t.replace("value: 1250", "value: 1251").replace("topic: ferries", "topic: x"))
    done = run("validate", str(base), "--json")
    assert done.returncode == 1
    problems = json.loads(done.stdout)
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(problems, schema)
    assert {p["code"] for p in problems} == {"Q302", "R203"}
    value = next(p for p in problems if p["code"] == "Q302")
    assert (value["file"], value["line"], value["column"], value["fact"]) == (
        str(base / "facts.yaml"),
        23,
        12,
        "ships-handled-2023",
    )
    assert value["hint"] and value["message"].startswith("fact `ships-handled-2023`: the value 1251")
    lines = run("validate", str(base), "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["code"] for line in lines] == [p["code"] for p in problems]


def test_validate_without_a_path_says_which_fact_base(tmp_path: Path) -> None:
    assert "(the shipped fact base): 44 facts" in run("validate").stderr
    assert f"{MINI} (from --facts): 5 facts" in run("--facts", str(MINI), "validate").stderr
    assert f"{MINI} (from $GZFACTS_FACTS): 5 facts" in run("validate", env={"GZFACTS_FACTS": str(MINI)}).stderr


def test_the_validate_hint_names_the_path_to_give_it(tmp_path: Path) -> None:
    mini_copy(tmp_path, lambda t: t.replace("value: 1250", "value: 1251").replace("value: 3", "value: 4"))
    done = run("--facts", ".", "list", cwd=tmp_path / "base")
    assert done.returncode == 2
    assert "(and 1 more; run `gzfacts validate .` to list them)" in done.stderr
    assert run("validate", ".", cwd=tmp_path / "base").returncode == 1


def test_a_fresh_base_says_to_add_the_first_fact(tmp_path: Path) -> None:
    made = run("init", str(tmp_path / "new"), "--source", str(TEXTS / "dunmore-port-2016.txt"), "--title", "T",
               "--author", "A", "--publisher", "P", "--date", "2016-11-02")  # fmt: skip
    assert f"run `gzfacts validate {tmp_path / 'new'}`" in made.stderr
    done = run("validate", str(tmp_path / "new"))
    assert done.returncode == 1
    # In the new base's directory (or below it), a bare `validate` finds and checks the new base.
    (tmp_path / "new" / "drafts").mkdir()
    inside = run("validate", cwd=tmp_path / "new" / "drafts")
    assert inside.returncode == 1
    assert "gzfacts: ../facts.yaml (the project's: the nearest found up from here)" in inside.stderr
    assert "R206 the fact base has no facts yet" in inside.stdout
    assert "R206 the fact base has no facts yet" in run("validate", ".", cwd=tmp_path / "new").stdout
    assert done.stdout.endswith("R206 the fact base has no facts yet. Add the first fact under `facts:`; "
                                "`gzfacts extract SOURCE_TEXT --published DATE` proposes some\n")  # fmt: skip
    # Without --source, the source entry is there to fill in, and validate says what is missing.
    assert run("init", str(tmp_path / "blank")).returncode == 0
    blank = run("validate", str(tmp_path / "blank"))
    assert {"title", "author", "publisher", "published"} <= set(re.findall(r"S102 `(\w+)` is blank", blank.stdout))


# --- quote and coverage ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("26.9% of provincial GDP", "accounted for 26.9 percent of provincial GDP in 2018"),
        ("10250 village level", "together with 10,250 village-level e-commerce service sites"),
        ("This year's expo attracts", "This year\u2019s expo attracts more than 26,000 participants"),
        ("“small farmers and big markets”", 'This solved the problem of "small farmers and big markets"'),
        ("GOVERNMENT   AFFAIRS can be handled", "Currently, 83.1 percent of the provincial government affairs"),
    ],
)
def test_quote_finds_the_exact_sentence(fragment: str, expected: str) -> None:
    done = run("quote", fragment, "--json")
    assert done.returncode == 0, done.stderr
    [match] = json.loads(done.stdout)
    assert expected in match["quote"]
    text = ARTICLE.read_text(encoding="utf-8")
    assert text[match["anchor"]["start"] : match["anchor"]["end"]] == match["anchor"]["exact"]
    stub = run("quote", fragment).stdout
    assert f"    quote: {json.dumps(match['quote'], ensure_ascii=False)}" in stub


@pytest.mark.parametrize("fragment", ["83.1 percent", "1,050 demonstration projects", "565.4 meters", "unprecedented"])
def test_the_quote_stub_holds_the_figures_extract_reads(fragment: str) -> None:
    """One stub per figure of the sentence, value, unit, period and the rest filled as `extract` fills them."""
    import yaml

    keys = ("id", "value", "unit", "period", "period_inferred_from", "qualifier", "attributed_to", "place")
    stubs = yaml.safe_load(run("quote", fragment).stdout)
    [quote] = {stub["quote"] for stub in stubs}
    proposed = [c for c in candidates(ARTICLE, "2019-10-01") if c["quote"] == quote]
    assert proposed and all(stub["value"] is not None for stub in stubs)
    assert [{k: stub.get(k, "body" if k == "place" else None) for k in keys} for stub in stubs] == [
        {k: c[k] for k in keys} for c in proposed
    ]


def test_quote_without_a_match_points_to_the_nearest_sentence() -> None:
    done = run("quote", "the digital economy accounted for 29.6 percent")
    assert done.returncode == 1
    assert "no sentence of the sources holds" in done.stderr
    assert "26.9 percent of provincial GDP" in done.stderr
    unknown = run("quote", "GDP", "--source", "china-daily-2019")
    assert unknown.returncode == 1 and "did you mean: china-daily-2019-10-01?" in unknown.stderr


def test_coverage_of_the_shipped_article() -> None:
    [report] = json.loads(run("coverage", "--json").stdout)
    assert report["source"] == "china-daily-2019-10-01"
    assert report["covered"] + len(report["uncovered"]) == report["checkable"]
    # Every sentence with a figure that the base quotes is covered; the ones left are listed with their lines.
    assert not any("26.9 percent" in u["text"] for u in report["uncovered"])
    text = ARTICLE.read_text(encoding="utf-8")
    for item in report["uncovered"]:
        assert " ".join(text[item["start"] : item["end"]].split()) == item["text"]
    marked = run("coverage", "-o", "text").stdout
    assert "{+Statistics from the China Academy" in marked
    table = run("coverage").stdout.splitlines()
    assert table[0].startswith(f"china-daily-2019-10-01: {report['covered']} of {report['checkable']} checkable")


THREE_FIGURES = """Harbour News

The harbour handled 1,250 ships in 2023, officials said.

The harbour hired 120 dockworkers in 2022, the port said.

The harbour will have 40 cranes by 2030, the mayor said.
"""


def three_figure_base(tmp_path: Path, facts: str) -> Path:
    """A base whose one source has three checkable sentences, with `facts` under `facts:`."""
    base = tmp_path / "three"
    (base / "sources").mkdir(parents=True)
    (base / "sources" / "news.txt").write_text(THREE_FIGURES, encoding="utf-8")
    head = (
        'sources:\n  - {id: news, title: "Harbour News", author: "Ana Silva", publisher: "Gazette", '
        'published: "2024-03-05", path: "sources/news.txt"}\n'
        'topics:\n  - {id: t, title: "T", summary: "S."}\nfacts:\n'
    )
    (base / "facts.yaml").write_text(head + facts, encoding="utf-8")
    return base


def _fact(ident: str, quote: str, draft: bool = False) -> str:
    mark = ", draft: true" if draft else ""
    return f'  - {{id: {ident}, topic: t, claim: "C.", quote: "{quote}", source: news{mark}}}\n'


SHIPS = _fact("ships", "The harbour handled 1,250 ships in 2023, officials said.")
HIRED = _fact("hired", "The harbour hired 120 dockworkers in 2022, the port said.")


def test_coverage_counts_reviewed_facts_only(tmp_path: Path) -> None:
    cranes = _fact("cranes", "The harbour will have 40 cranes by 2030, the mayor said.", draft=True)
    base = three_figure_base(tmp_path, SHIPS + cranes)
    done = run("--facts", str(base), "coverage")
    assert done.stdout.splitlines()[0] == "news: 1 of 3 checkable sentences covered (33%)"
    assert "gzfacts: 1 draft fact not counted" in done.stderr
    [report] = json.loads(run("--facts", str(base), "coverage", "--json").stdout)
    assert (report["covered"], len(report["uncovered"])) == (1, 2)
    assert "40 cranes" in report["uncovered"][1]["text"]


def test_coverage_rounds_as_the_html_sheet_does(tmp_path: Path) -> None:
    base = three_figure_base(tmp_path, SHIPS + HIRED)
    assert run("validate", str(base)).returncode == 0
    line = run("--facts", str(base), "coverage").stdout.splitlines()[0]
    assert line == "news: 2 of 3 checkable sentences covered (66%)"
    sheet = run("--facts", str(base), "export", "html").stdout
    assert re.search(r"<strong>2 of 3</strong> checkable sentences of the article\s+have a fact \(66%\)", sheet)


# --- bad input -------------------------------------------------------------------------------


def bad_texts(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9 au lait costs 3 euros in 2020, the owner said.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:  # sparse: 17 MB on paper, nothing on disk
        out.truncate(17 * 1024 * 1024)
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("12 34 56\n\n--- 2020 ---\n")
    return {
        "empty": (empty, "is empty"),
        "blank": (blank, "is empty"),
        "binary": (binary, "binary data"),
        "not UTF-8": (latin, "not valid UTF-8"),
        "huge": (huge, "over the 16,777,216-byte cap"),
        "directory": (tmp_path, "is a directory"),
        "missing": (tmp_path / "nope.txt", "no such file"),
        "no sentences": (numbers, "has no sentences"),
    }


def one_line_error(done: subprocess.CompletedProcess[str], expected: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("gzfacts: error: ") and expected in lines[0], done.stderr


def test_bad_source_texts_get_a_clear_error(tmp_path: Path) -> None:
    for name, (path, expected) in bad_texts(tmp_path).items():
        one_line_error(cli("extract", str(path), "--published", "2020-01-01"), expected)
        target = tmp_path / f"base-{name.replace(' ', '-')}"
        one_line_error(cli("init", str(target), "--source", str(path)), expected)
        assert not (target / "facts.yaml").exists()


@pytest.mark.parametrize("date", ["2024-02-30", "yesterday", "", "2024-3-5", "05/03/2024"])
def test_a_date_that_is_not_a_date_is_refused(tmp_path: Path, date: str) -> None:
    text = str(TEXTS / "dunmore-port-2016.txt")
    one_line_error(cli("extract", text, "--published", date), "is not a date")
    if date:
        one_line_error(cli("init", str(tmp_path / "b"), "--source", text, "--date", date), "is not a date")
        assert not (tmp_path / "b").exists()


def test_other_bad_input(tmp_path: Path) -> None:
    one_line_error(cli("quote", "  "), "the fragment is empty")
    one_line_error(cli("extract", str(TEXTS / "dunmore-port-2016.txt"), "--published", "2016-11-02", "-o", "csv"),
                   "unknown format 'csv'")  # fmt: skip
    one_line_error(cli("extract", str(TEXTS / "dunmore-port-2016.txt"), "--published", "2016-11-02",
                       "--source-id", "Not A Slug"), "is not a kebab-case id")  # fmt: skip
    assert cli("coverage", "--source", "nope").returncode == 1
    prose = tmp_path / "prose.txt"
    prose.write_text("The weather was pleasant and everybody went outside to enjoy it.\n")
    nothing = cli("extract", str(prose), "--published", "2020-01-01")
    assert nothing.returncode == 1 and "no figures or checkable statements found" in nothing.stderr


def test_init_never_overwrites_a_file(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (base / "facts.yaml").write_text("mine\n")
    one_line_error(cli("init", str(base)), "already exists; init never overwrites a file")
    assert (base / "facts.yaml").read_text() == "mine\n"
    other = tmp_path / "other"
    (other / "sources").mkdir(parents=True)
    (other / "sources" / "dunmore-port-2016.txt").write_text("my own text\n")
    one_line_error(cli("init", str(other), "--source", str(TEXTS / "dunmore-port-2016.txt")), "already exists")
    assert (other / "sources" / "dunmore-port-2016.txt").read_text() == "my own text\n"
    assert not (other / "facts.yaml").exists()
    a_file = tmp_path / "file"
    a_file.write_text("x")
    one_line_error(cli("init", str(a_file)), "exists and is not a directory")


def test_shipped_base_is_unchanged_by_the_tests() -> None:
    assert (ROOT / "facts.yaml").is_file()


def test_authoring_json_matches_the_schema() -> None:
    import jsonschema

    schema = json.loads(run("schema").stdout)
    for args in (
        ["extract", str(ARTICLE), "--published", "2019-10-01"],
        ["quote", "26.9 percent"],
        ["coverage"],
    ):
        data = json.loads(run(*args, "--json").stdout)
        assert data
        jsonschema.validate(data, schema)
        kind = {"extract": "candidate", "quote": "quoteMatch", "coverage": "coverage"}[args[0]]
        jsonschema.validate(data, {**schema, "anyOf": [{"type": "array", "items": {"$ref": f"#/$defs/{kind}"}}]})


def test_every_rule_code_is_documented() -> None:
    from gzfacts.rules import RULES

    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for code, what in RULES.items():
        assert f"| `{code}` | {what} |" in documented


# --- properties: whatever the text, candidates pass validate's rules ---------------------------

WORDS = [
    "the", "province", "built", "ships", "projects", "in", "by", "2018", "2023", "last year", "This year",
    "Currently,", "more than", "nearly", "about", "1,250", "26.9", "12.5", "four", "two", "70", "percent", "%",
    "of", "GDP", "officials said", "according to", "the ministry", "first", "top three", "consecutive years",
    "years", "million", "2.09", "meters", "above", "the valley", "and", "e-commerce", "sites", ",", "\u2019s",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    sentences=st.lists(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14), min_size=1, max_size=6),
    year=st.integers(min_value=1990, max_value=2030),
)
def test_every_candidate_passes_validate(sentences: list[list[str]], year: int) -> None:
    from gzfacts.authoring.extract import extract
    from gzfacts.model import Fact
    from gzfacts.validate import check_fact

    text = "\n\n".join(" ".join(words).capitalize() + "." for words in sentences)
    published = f"{year}-06-15"
    for c in extract(text, published, "s"):
        fact = Fact(c.id, "t", "claim", c.quote, "s", c.value, c.unit, c.period, c.period_inferred_from, place=c.place)
        problems = check_fact(fact, {"s": text}, published={"s": published})
        assert not problems, (text, c, problems)
        assert text[c.anchor.start : c.anchor.end] == c.anchor.exact


@settings(max_examples=80, deadline=None)
@given(fragment=st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(WORDS))
def test_quote_takes_any_fragment(fragment: str) -> None:
    from typer.testing import CliRunner

    from gzfacts.cli import app

    result = CliRunner().invoke(app, ["--facts", str(MINI), "quote", "--json", "--", fragment])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 0:
        text = (MINI.parent / "sources" / "harbour-2024.txt").read_text(encoding="utf-8")
        for match in json.loads(result.stdout):
            assert text[match["anchor"]["start"] : match["anchor"]["end"]] == match["anchor"]["exact"]
