"""`gzfacts check`: verdicts on the labelled claims, a Markdown draft with planted errors, every
output format read back by its consumer, exit codes and bad input through the installed command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import gzfacts
from gzfacts.checking import Finding
from gzfacts.drafts import markdown_sentences, plain_sentences
from tests.evaluate import CheckMetrics, LabelledClaim, measure_check

from .conftest import DATA, ROOT

GZFACTS = Path(sys.executable).parent / "gzfacts"
DRAFT = DATA / "drafts" / "guizhou-draft.md"
SARIF_SCHEMA = DATA / "sarif-2.1.0.json"
#: The errors planted in the draft: a phrase of the line each stands on, and the figure said.
PLANTED = {
    "29.6 percent of provincial GDP": "29.6 percent",
    "1,500 demonstration projects": "1,500",
    "12,050 village-level": "12,050",
    "the second internet hospital": "second",
    "Participants came from 16 countries": "16 countries",
}


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(GZFACTS), *args], input=stdin, capture_output=True, timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def fb() -> Iterator[gzfacts.FactBase]:
    with gzfacts.load(ROOT / "facts.yaml", cache=False) as base:
        yield base


# --- the labelled claims ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def metrics(fb: gzfacts.FactBase) -> CheckMetrics:
    data = yaml.safe_load((DATA / "claims.yaml").read_text(encoding="utf-8"))
    labelled = [LabelledClaim(c["text"], c["verdict"], frozenset(c["facts"])) for c in data["claims"]]
    known = {fact.id for fact in fb.facts()}
    assert all(claim.ids <= known for claim in labelled), "claims.yaml names a fact id that does not exist"
    assert len(labelled) >= 120

    def judge(text: str) -> tuple[str, list[str]]:
        findings = fb.check(text, markdown=False)
        assert len(findings) == 1, f"{text!r} was read as {len(findings)} sentences"
        return findings[0].verdict, [fact.id for fact in findings[0].facts]

    return measure_check(labelled, judge)


def test_contradicted_precision_and_recall(metrics: CheckMetrics) -> None:
    scores = metrics.scores("contradicted")
    assert scores.precision >= 0.95, metrics.errors
    assert scores.recall >= 0.95, metrics.errors


def test_supported_recall(metrics: CheckMetrics) -> None:
    assert metrics.scores("supported").recall >= 0.9, metrics.errors


def test_unverifiable_is_almost_never_called_supported(metrics: CheckMetrics) -> None:
    assert metrics.unverifiable_called_supported * 50 <= metrics.scores("unverifiable").support, metrics.errors


def test_the_right_fact_is_cited(metrics: CheckMetrics) -> None:
    assert metrics.right_evidence >= 0.9, metrics.errors


def test_measure_check_counts_what_it_is_given() -> None:
    labelled = [
        LabelledClaim("a", "supported", frozenset({"f"})),
        LabelledClaim("b", "contradicted", frozenset({"g"})),
        LabelledClaim("c", "unverifiable", frozenset()),
    ]
    answers = {"a": ("supported", ["f"]), "b": ("supported", ["g"]), "c": ("supported", [])}
    scores = measure_check(labelled, lambda text: answers[text])
    assert scores.scores("supported").precision == pytest.approx(1 / 3)
    assert scores.scores("contradicted").recall == 0.0
    assert scores.unverifiable_called_supported == 1
    assert scores.right_evidence == 1.0


# --- what a finding says --------------------------------------------------------------------------


def test_a_contradicted_claim_says_what_the_article_says(fb: gzfacts.FactBase) -> None:
    (finding,) = fb.check("The digital economy accounted for 30 percent of Guizhou's GDP in 2018.")
    assert finding.verdict == "contradicted"
    assert finding.reason == "says 30 percent of Guizhou's GDP; the article says 26.9 percent of provincial GDP, 2018"
    assert finding.facts[0].id == "digital-economy-gdp-share-2018"
    (part,) = [p for p in finding.parts if p.status == "contradicted"]
    assert (part.kind, part.expected, part.fact) == (
        "figure",
        "26.9 percent of provincial GDP, 2018",
        "digital-economy-gdp-share-2018",
    )


def test_about_27_percent_is_supported_by_26_9(fb: gzfacts.FactBase) -> None:
    (finding,) = fb.check("Guizhou's digital economy made up about 27 percent of its GDP in 2018.")
    assert finding.verdict == "supported"


def test_a_run_of_years_belongs_to_what_the_article_gives_it(fb: gzfacts.FactBase) -> None:
    """The article's four consecutive years are of ranking first in growth, not of any growth rate."""
    (overclaim,) = fb.check("Guizhou's digital economy grew more than 20 percent for four straight years.")
    assert overclaim.verdict == "unverifiable"
    assert "four consecutive years are of ranking first" in overclaim.reason
    for said in ["has led the country", "topped the national rankings"]:
        (finding,) = fb.check(f"Guizhou's digital economy growth {said} for four straight years.")
        assert finding.verdict == "supported", said
    (wrong,) = fb.check("Guizhou's digital economy growth ranked second in China for four straight years.")
    assert wrong.verdict == "contradicted"


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Guizhou's digital economy accounted for 30 percent of provincial GDP in 2023.", "another period"),
        ("Guiyang's digital economy accounted for 30 percent of GDP in 2018.", "another place or body: Guiyang"),
    ],
)
def test_another_period_or_place_is_unverifiable_never_contradicted(fb: gzfacts.FactBase, text: str, note: str) -> None:
    (finding,) = fb.check(text)
    assert finding.verdict == "unverifiable"
    assert note in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        # Another figure of the same sentence is the fact's.
        "In 2018, Guizhou's GDP grew 9.1 percent, while the digital economy grew 24.6 percent.",
        # Another time: the article's 10,250 sites are as of 2019; "last year" is its 2018.
        "Two years ago, the province had 5,000 village-level e-commerce service sites.",
        "Last year, only 60 percent of government affairs could be handled online.",
        # Another measure, another place, or no measure at all.
        "The bridge, 1,341 meters long, opened in 2016.",
        "Guiyang has 4.9 million residents.",
        "Guizhou's 30 percent digital economy is the envy of its neighbours.",
        # Someone the article does not name, with their own figure.
        "More than 15,000 village e-commerce sites operate, according to the provincial commerce department.",
    ],
)
def test_not_a_contradiction(fb: gzfacts.FactBase, text: str) -> None:
    (finding,) = fb.check(text, markdown=False)
    assert finding.verdict == "unverifiable", finding.reason


def test_a_wrong_number_does_not_steer_retrieval_away() -> None:
    from gzfacts.checking.words import retrieval_query

    assert retrieval_query("Guizhou built 1,050 big data benchmark projects, 26.9% of the total, in 2018") == (
        "guizhou built big data benchmark projects total"
    )


def test_opinions_are_no_claim(fb: gzfacts.FactBase) -> None:
    (finding,) = fb.check("I think Guizhou's story is a remarkable one.")
    assert (finding.verdict, finding.parts, finding.facts) == ("no-claim", (), ())


# --- reading drafts ---------------------------------------------------------------------------------


def test_plain_text_sentences_keep_abbreviations_and_positions() -> None:
    text = "The U.S. trails. Guizhou ranked No. 2 in Dec. 2018 with 26.9 percent.\n\nA new paragraph here."
    sentences = plain_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. trails.",
        "Guizhou ranked No. 2 in Dec. 2018 with 26.9 percent.",
        "A new paragraph here.",
    ]
    assert [(s.line, s.column, s.end_line, s.end_column) for s in sentences] == [
        (1, 1, 1, 17),
        (1, 18, 1, 70),
        (3, 1, 3, 22),
    ]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_markdown_prose_only() -> None:
    text = (
        "---\ntitle: 99 percent\n---\n\n# A heading with 12 sites\n\nProse with `7 percent` and "
        "[a link](https://x.org/55) here.\n\n```\n42 percent\n```\n\n<div>88 percent</div>\n\n"
        "- an item of 3 years\n\n> quoted 5 times\n\n| a | b |\n|---|---|\n| 61 | 62 |\n"
    )
    sentences = markdown_sentences(text)
    assert [s.text for s in sentences] == [
        "A heading with 12 sites",
        "Prose with and a link here.",
        "an item of 3 years",
        "quoted 5 times",
    ]
    assert [(s.line, s.column) for s in sentences] == [(5, 3), (7, 1), (15, 3), (17, 3)]


# --- the draft with planted errors --------------------------------------------------------------------


def _line_of(phrase: str) -> int:
    for number, line in enumerate(DRAFT.read_text(encoding="utf-8").splitlines(), start=1):
        if phrase in line:
            return number
    raise AssertionError(f"{phrase!r} is not in the draft")


@pytest.fixture(scope="module")
def draft_findings(fb: gzfacts.FactBase) -> list[Finding]:
    return fb.check(DRAFT.read_text(encoding="utf-8"), path=str(DRAFT))


def test_the_draft_is_a_real_draft(draft_findings: list[Finding]) -> None:
    assert len(draft_findings) >= 25
    assert {f.verdict for f in draft_findings} == {"supported", "contradicted", "unverifiable", "no-claim"}


def test_every_planted_error_is_found_on_its_line_and_nothing_else(draft_findings: list[Finding]) -> None:
    wrong = {(p.line, p.text): f for f in draft_findings for p in f.parts if p.status == "contradicted"}
    planted = {_line_of(phrase): said for phrase, said in PLANTED.items()}
    assert {line for line, _ in wrong} == set(planted)
    for (line, text), finding in wrong.items():
        assert line is not None
        assert planted[line] in text
        assert finding.verdict == "contradicted"
        assert finding.line <= line <= finding.end_line


def test_front_matter_and_code_are_not_checked(draft_findings: list[Finding]) -> None:
    code = range(_line_of("```python"), _line_of('print(f"Guizhou') + 2)
    assert all(f.line > 6 and f.line not in code for f in draft_findings)
    assert not any("chinadaily" in f.text or "example.org" in f.text for f in draft_findings)


def test_a_story_about_other_years_and_facts_raises_no_false_alarm(fb: gzfacts.FactBase) -> None:
    """A 2023 story on the same province: on topic, other facts, other years; nothing to contradict."""
    story = DATA / "drafts" / "another-story.md"
    findings = fb.check(story.read_text(encoding="utf-8"), path=str(story))
    assert len(findings) >= 10
    assert [f.text for f in findings if f.verdict == "contradicted"] == []
    assert [f.text for f in findings if f.verdict == "supported"] == []


def test_the_article_checked_against_its_own_fact_base(fb: gzfacts.FactBase) -> None:
    """The source itself: nothing contradicted, and every sentence a fact quotes for a figure is supported."""
    from .conftest import ARTICLE

    findings = fb.check(ARTICLE.read_text(encoding="utf-8"), path="article.txt")
    assert [f.text for f in findings if f.verdict == "contradicted"] == []
    supported = {fact.id for f in findings if f.verdict == "supported" for fact in f.facts}
    valued = {fact.id for fact in fb.facts() if fact.value is not None}
    assert len(valued - supported) <= 1, valued - supported


def test_sarif_is_valid_and_points_at_the_planted_errors() -> None:
    import jsonschema

    result = run("check", "--file", str(DRAFT), "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results if r["level"] == "error"]
    for phrase in PLANTED:
        assert any(region["startLine"] <= _line_of(phrase) <= region["endLine"] for region in regions), phrase
    assert len(regions) == len(PLANTED)
    rules = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rules
    assert all(r["partialFingerprints"]["gzfactsSentence/v1"] for r in results)
    assert all(r["locations"][0]["physicalLocation"]["region"]["startColumn"] >= 1 for r in results)


# --- the command ------------------------------------------------------------------------------------------


def test_exit_codes() -> None:
    contradicted = run("check", "Guizhou's digital economy grew 42.6 percent year on year in 2018.")
    assert contradicted.returncode == 1
    assert contradicted.stdout.decode() == (
        "<claim>:1:1: contradicted: says 42.6 percent; the article says 24.6 percent year-on-year growth, 2018 "
        "[digital-economy-growth-2018]\n"
    )
    assert contradicted.stderr.decode() == "gzfacts: 1 sentence checked: 1 contradicted\n"
    supported = run("check", "Guizhou's digital economy grew 24.6 percent year on year in 2018.")
    assert supported.returncode == 0
    unverifiable = ["check", "Guizhou's digital economy grew 22 percent in 2017."]
    assert run(*unverifiable).returncode == 0
    assert run(*unverifiable, "--fail-on", "unverifiable").returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "a claim", "--file", "x.md"],
        ["check", "a claim", "--format", "xml"],
        ["check", "a claim", "--fail-on", "supported"],
        ["check", "a claim", "--json", "--format", "sarif"],
    ],
)
def test_usage_errors(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.startswith(b"gzfacts: error: ")


def test_json_and_jsonl_follow_the_schema() -> None:
    import jsonschema

    schema = json.loads(run("schema").stdout)
    findings = json.loads(run("check", "--file", str(DRAFT), "--json", "--all").stdout)
    jsonschema.validate(findings, schema)
    jsonschema.validate(findings, {**schema, "anyOf": [{"type": "array", "items": {"$ref": "#/$defs/finding"}}]})
    assert {f["verdict"] for f in findings} >= {"no-claim", "contradicted"}
    lines = run("check", "--file", str(DRAFT), "--format", "jsonl").stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == [f for f in findings if f["verdict"] != "no-claim"]
    for line in lines:
        jsonschema.validate(json.loads(line), {**schema, "anyOf": [{"$ref": "#/$defs/finding"}]})


def test_github_annotations() -> None:
    result = run("check", "--file", str(DRAFT), "--format", "github")
    errors = [line for line in result.stdout.decode().splitlines() if line.startswith("::error ")]
    assert len(errors) == len(PLANTED)
    line = _line_of("the second internet hospital") - 1  # the sentence starts on the line before
    expected_start = f"::error file={DRAFT},line={line},col="
    assert any(e.startswith(expected_start) for e in errors)
    assert all(",endLine=" in e and ",title=gzfacts%3A contradicted [" in e for e in errors)


def test_plain_lines_for_editors_from_stdin() -> None:
    text = "Guizhou has 12,050 village-level e-commerce service sites.\nIt is lovely.\n"
    result = run("check", "--file", "-", stdin=text.encode())
    assert result.returncode == 1
    assert result.stdout.decode() == (
        "-:1:1: contradicted: says 12,050 village-level e-commerce service sites; the article says 10,250 "
        "village-level e-commerce service sites [village-ecommerce-sites]\n"
    )
    everything = run("check", "--file", "-", "--all", stdin=text.encode())
    assert everything.stdout.decode().splitlines()[1] == (
        "-:2:1: no-claim: nothing checkable: no figure, name or claim the base knows"
    )


def test_table_for_people_is_coloured_by_verdict() -> None:
    result = subprocess.run(
        [str(GZFACTS), "check", "Guizhou has 12,050 village-level e-commerce service sites."],
        capture_output=True,
        timeout=120,
        env={**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"},
    )
    out = result.stdout.decode()
    assert "\x1b[" in out and "contradicted" in out
    words = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", out).split())  # the quote wraps at a reading measure
    assert "10,250 village-level e-commerce service sites, which cover all township logistics" in words


# --- bad input -------------------------------------------------------------------------------------------


def test_an_empty_file_is_a_clean_result(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = run("check", "--file", str(empty), "--json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    assert result.stderr == b"gzfacts: 0 sentences checked\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("latin1.txt", "Guizhou grew 24.6 percent.\nCaf\u00e9 at 3 percent.\n".encode("latin-1"), ":2:4: not UTF-8"),
    ],
)
def test_unreadable_files_are_one_clear_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("check", "--file", str(path))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err and "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_a_directory_a_missing_file_and_a_huge_file(tmp_path: Path) -> None:
    directory = run("check", "--file", str(tmp_path))
    assert directory.returncode == 2 and b"is a directory" in directory.stderr
    missing = run("check", "--file", str(tmp_path / "nope.md"))
    assert missing.returncode == 2 and b"no such file" in missing.stderr
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB of NUL bytes, without writing them
    result = run("check", "--file", str(huge))
    assert result.returncode == 2 and b"larger than 8 MiB" in result.stderr


def test_a_100000_character_line(tmp_path: Path) -> None:
    sentence = "Guizhou has 12,050 village-level e-commerce service sites, say reporters who saw them "
    line = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    path = tmp_path / "long.txt"
    path.write_text(line, encoding="utf-8")
    result = run("check", "--file", str(path), "--format", "jsonl")
    assert result.returncode in (0, 1)
    assert b"Traceback" not in result.stderr
    findings = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert findings and all(f["line"] == 1 for f in findings)


# --- any text ------------------------------------------------------------------------------------------


def test_any_text_gets_findings_never_an_exception(fb: gzfacts.FactBase) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        [
            "26.9",
            "percent",
            "%",
            "more than",
            "No.",
            "first",
            "2018",
            "Guiyang",
            "said",
            "\n\n",
            "# ",
            "```",
            "- ",
            "1,050",
            "thousands of",
            "top three",
            "U.S.",
            ". ",
            "one of the",
            "$",
            "according to",
            "*",
            "[",
            "](",
        ]
    )
    text = st.lists(st.one_of(pieces, st.text(max_size=12)), max_size=30).map(" ".join)

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text, st.booleans())
    def check(value: str, markdown: bool) -> None:
        for finding in fb.check(value, markdown=markdown):
            assert finding.verdict in ("supported", "contradicted", "unverifiable", "no-claim")
            assert 1 <= finding.line <= finding.end_line
            assert finding.text

    check()


@pytest.mark.parametrize("path", sorted(DATA.glob("claims*.yaml")), ids=lambda p: p.name)
def test_every_labelled_set_is_well_formed(fb: gzfacts.FactBase, path: Path) -> None:
    """Each labelled set: a verdict of the four, a kind, and only fact ids the base has."""
    known = {fact.id for fact in fb.facts()}
    claims = yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
    assert claims
    for claim in claims:
        assert claim["verdict"] in {"supported", "contradicted", "unverifiable", "no-claim"}, claim
        assert set(claim["facts"]) <= known, claim
        if claim["verdict"] == "no-claim":
            assert not claim["facts"], claim
