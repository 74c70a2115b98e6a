"""Broken fact files give located errors (file:line:column) with a fix, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from gzfacts.errors import FactBaseUnreadable
from gzfacts.loader import read_fact_base
from gzfacts.validate import check

from .conftest import MINI

SOURCE = """\
sources:
  - id: s
    title: "T"
    author: "A B"
    publisher: "P"
    published: "2024-01-01"
    path: "s.txt"
topics:
  - id: t
    title: "T"
    summary: "S"
facts:
"""
FACT = """\
  - id: f
    topic: t
    claim: "C"
    quote: "It rose 5 percent in 2023."
    source: s
    value: 5
    period: "2023"
"""


def write(tmp_path: Path, text: str, source_text: str = "Intro. It rose 5 percent in 2023. End.") -> Path:
    (tmp_path / "s.txt").write_text(source_text, encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    return [str(p) for p in check(read_fact_base(path))]


def unreadable(path: Path) -> str:
    with pytest.raises(FactBaseUnreadable) as caught:
        read_fact_base(path)
    return str(caught.value)


def test_a_good_file_has_no_problems(tmp_path: Path) -> None:
    assert problems(write(tmp_path, SOURCE + FACT)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "facts.yaml:1:1: F003 the file is empty"),
        ("# only a comment\n", "facts.yaml:1:1: F003 the file is empty"),
        ("- a\n- b\n", "facts.yaml:1:1: F003 the top level is a list, not a mapping"),
        ("just text\n", "facts.yaml:1:1: F003 the top level is a single value, not a mapping"),
        ("facts:\n\t- id: x\n", "facts.yaml:2:1: F002 a tab is used for indentation"),
        # Characters YAML forbids, in ASCII text and in other text (each checked its own way).
        ("a: 1\nfacts: \x0b\n", "facts.yaml:2:8: F002 the control character U+000B is not allowed in YAML"),
        ("facts: x\x7f\n", "facts.yaml:1:9: F002 the control character U+007F is not allowed in YAML"),
        ("facts: \xe9\x80\n", "facts.yaml:1:9: F002 the control character U+0080 is not allowed in YAML"),
        ("facts: [\n", "facts.yaml:2:1: F002 YAML syntax error"),
        ("a: b: c\n", "facts.yaml:1:5: F002 YAML syntax error"),
        ("facts: " + "[" * 100 + "]" * 100 + "\n", "nested more than 64 levels deep"),
    ],
)
def test_unreadable_files(tmp_path: Path, text: str, expected: str) -> None:
    message = unreadable(write(tmp_path, text))
    assert expected in message
    assert "Traceback" not in message


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(b"facts:\n  - id: \xff\xfe\n")
    assert "facts.yaml:2:9: F001 not valid UTF-8 (byte 0xff)" in unreadable(path)
    path.write_bytes(b"facts:\x00\x01\x02")
    assert "facts.yaml:1:7: F001 binary data" in unreadable(path)


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    assert "no such file or directory" in unreadable(tmp_path / "nope.yaml")
    assert "holds no .yaml or .yml files (it is empty)" in unreadable(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "facts.json").write_text("{}")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.yaml").write_text("x: 1")  # hidden folders are not read
    assert "holds no .yaml or .yml files (found: notes.txt, old/facts.json)" in unreadable(tmp_path)


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, SOURCE + FACT)
    monkeypatch.setenv("GZFACTS_MAX_BYTES", "100")
    assert "over the 100-byte cap" in unreadable(path)
    monkeypatch.setenv("GZFACTS_MAX_BYTES", "lots")
    assert "GZFACTS_MAX_BYTES: F001 'lots' is not a positive whole number" in unreadable(path)


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        (FACT + "    colour: red\n", "facts.yaml:20:13: S101 unknown field `colour` in a fact (f)"),
        (FACT + "    claim: again\n", "facts.yaml:20:5: S106 duplicate key `claim` in a fact (f) (first at line 15)"),
        (FACT.replace("value: 5", "value: '5'"), "facts.yaml:18:12: S103 `value` must be a number, not a quoted"),
        (
            FACT.replace("value: 5", "value: 05"),
            "facts.yaml:18:12: S103 `value` '05' is not a plain decimal number. Write it without the leading zero",
        ),
        (FACT.replace("value: 5", "value: 1,625"), "Write it without separators: `value: 1625`"),
        (FACT.replace("id: f", "id: Not_A_Slug"), "facts.yaml:13:9: S103 `id` 'Not_A_Slug' is not a kebab-case slug"),
        (
            FACT.replace('claim: "C"', 'claim: "bell \\a"'),
            "facts.yaml:15:12: S103 `claim` contains the control character U+0007",
        ),
        (FACT.replace('claim: "C"', "claim: [a, b]"), "facts.yaml:15:12: S103 `claim` must be a single value"),
        (FACT.replace('    claim: "C"\n', ""), "facts.yaml:13:5: S102 a fact (f) has no `claim`"),
        (FACT.replace("topic: t", "topic: nope"), "facts.yaml:14:12: R203 fact `f`: unknown topic `nope`"),
        (FACT.replace("source: s", "source: nope"), "facts.yaml:17:13: R204 fact `f`: unknown source `nope`"),
        (FACT.replace("value: 5", "value: 6"), "facts.yaml:18:12: Q302 fact `f`: the value 6 does not appear"),
        (FACT.replace("rose 5", "rose 50"), "facts.yaml:16:12: Q301 fact `f`: the quote is not verbatim"),
        (
            FACT.replace('period: "2023"', 'period: "2022"'),
            "facts.yaml:19:13: Q303 fact `f`: the period '2022' does not appear",
        ),
        (FACT.replace("value: 5", "value: !!python/object:os.system 5"), "facts.yaml:18:12: S105 the tag"),
        (FACT + FACT, "facts.yaml:20:9: R201 duplicate fact id `f` (first at "),
    ],
)
def test_schema_and_integrity_problems_are_located(tmp_path: Path, fact: str, expected: str) -> None:
    found = problems(write(tmp_path, SOURCE + fact))
    assert any(expected in p for p in found), found


def test_yaml_11_surprises_stay_strings(tmp_path: Path) -> None:
    text = SOURCE.replace('published: "2024-01-01"', "published: 2024-01-01") + FACT.replace('claim: "C"', "claim: no")
    parsed = read_fact_base(write(tmp_path, text))
    assert parsed.problems == []
    assert parsed.sources[0].published == "2024-01-01"
    assert parsed.facts[0].claim == "no"


def test_inferred_period_must_name_words_of_the_quote(tmp_path: Path) -> None:
    inferred = FACT.replace('period: "2023"', 'period: "2022"\n    period_inferred_from: "Last year"')
    found = problems(write(tmp_path, SOURCE + inferred))
    assert any("facts.yaml:20:27: Q304 fact `f`: 'Last year' does not appear in the quote" in p for p in found), found
    ok = FACT.replace('period: "2023"', 'period: "2023"\n    period_inferred_from: "in 2023"')
    assert problems(write(tmp_path, SOURCE + ok)) == []


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    broken = FACT.replace("topic: t", "topic: nope").replace("value: 5", "value: 6") + "    colour: red\n"
    found = problems(write(tmp_path, SOURCE + broken))
    assert len(found) >= 2


def test_aliases_are_refused_so_billion_laughs_cannot_expand(tmp_path: Path) -> None:
    laughs = 'a: &a ["lol", "lol"]\nb: &b [*a, *a]\nc: &c [*b, *b]\n'
    text = (
        SOURCE
        + FACT.replace("    value: 5\n", "    value: 5\n    aliases: &x [one]\n")
        + FACT.replace("id: f", "id: g").replace("    value: 5\n", "    value: 5\n    aliases: *x\n")
    )
    found = problems(write(tmp_path, text))
    assert any("anchors and aliases (&name, *name) are not supported" in p for p in found), found
    assert "unknown field" in " ".join(problems(write(tmp_path, SOURCE.replace("sources:", laughs + "sources:", 1))))


def test_mini_fact_base_is_valid() -> None:
    assert problems(MINI) == []


def test_path_hints_name_no_option_the_cli_names_facts(tmp_path: Path) -> None:
    from gzfacts.cli import explain_error

    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"facts:\x00")
    worded = {
        tmp_path / "nope.yaml": "Check the path given to --facts or GZFACTS_FACTS",
        tmp_path / "empty": "Point --facts at a fact file or a directory of them",
        Path("/dev/null"): "Point --facts at a .yaml file or a directory of them",
        nul: "Point --facts at the YAML fact file",
    }
    (tmp_path / "empty").mkdir()
    for path, cli_hint in worded.items():
        with pytest.raises(FactBaseUnreadable) as caught:
            read_fact_base(path)
        assert "--" not in str(caught.value)  # the library says what is wrong, in its words ...
        message = explain_error(caught.value)[1]  # ... the CLI names the option the path came from
        assert message.startswith("error: cannot load the fact base: ") and message.endswith(f". {cli_hint}")
