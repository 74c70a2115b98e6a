"""validate's rules for how a fact reads its quote: the span of a stretch of years (Q307), where
the quote stands in its source (Q308), and aliases that mislead a search (A401, A402: warnings).

Each rule is tested on a small base that breaks it, through the installed command: the problem's
code, where it points, what it says and how to fix it, and the exit code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import gzfacts
from gzfacts.errors import FactBaseInvalid
from gzfacts.loader import read_fact_base
from gzfacts.validate import advise, check

GZFACTS = Path(sys.executable).parent / "gzfacts"

#: A page as a news site prints it: navigation, headline, byline, standfirst, body, a captioned photo, footer.
PAGE = """| Harbour Gazette | Home |

Harbour grows

By Ana Silva ( Harbour Gazette )

Harbour handling ships and ferries alike, Ana Silva reports.

The harbour handled 1,250 ships in 2023, ranking first in the region for four consecutive years.

"Over the past two years, ferry traffic has doubled," said Harbour Master Jo Park.

The new quay is 300 meters long. Photos provided to Harbour Gazette

Copyright ©2024 Harbour Gazette. All rights reserved.
"""

HEAD = """sources:
  - id: gazette
    title: "Harbour grows"
    author: "Ana Silva"
    publisher: "Harbour Gazette"
    published: "2024-03-05"
    path: "page.txt"
topics:
  - id: harbour
    title: "Harbour"
    summary: "The harbour."
facts:
"""


def fact(ident: str, quote: str, **fields: object) -> str:
    """A fact of the base as YAML (its claim is its id: the rules here never read claims)."""
    lines = [f"  - id: {ident}", "    topic: harbour", f'    claim: "{ident}."', f"    quote: {json.dumps(quote)}"]
    lines += [f"    {name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items()]
    return "\n".join([*lines, "    source: gazette", ""])


def base(tmp_path: Path, *facts: str) -> Path:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(HEAD + "\n".join(facts), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(GZFACTS), *args], env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def problems(path: Path, *options: str) -> tuple[int, list[dict[str, object]]]:
    done = run("validate", str(path), "--json", *options)
    return done.returncode, json.loads(done.stdout)


SHIPS = "The harbour handled 1,250 ships in 2023, ranking first in the region for four consecutive years."
FERRIES = '"Over the past two years, ferry traffic has doubled," said Harbour Master Jo Park.'
QUAY = "The new quay is 300 meters long."
STANDFIRST = "Harbour handling ships and ferries alike, Ana Silva reports."


# --- Q307: a stretch of years is a span ---------------------------------------------------------


def test_a_streak_counted_by_a_fact_is_the_span_it_reaches(tmp_path: Path) -> None:
    # The 2019 base's mistake: four consecutive years up to 2023, recorded as the one year 2023.
    path = base(tmp_path, fact("streak", SHIPS, value=4, unit="consecutive years", period="2023"))
    done = run("validate", str(path))
    assert done.returncode == 1
    assert (
        f"{path}:19:13: Q307 fact `streak`: the fact counts the years of 'four consecutive years', which are "
        "2020-2023, but its period is '2023'. Write `period: \"2020-2023\"` and `period_inferred_from: "
        '"four consecutive years"`'
    ) in done.stdout


def test_a_stretch_up_to_publication_needs_its_span_even_when_no_period_is_given(tmp_path: Path) -> None:
    # The 2019 base's other mistake: "over the past two years" with no period at all.
    path = base(tmp_path, fact("ferries", FERRIES, value=2, unit="years", attributed_to="Jo Park"))
    code, found = problems(path)
    assert code == 1
    assert [(p["code"], p["line"], p["message"]) for p in found] == [
        (
            "Q307",
            17,
            "fact `ferries`: the fact counts the years of 'Over the past two years', which are 2022-2024, "
            "but it has no period",
        )
    ]


def test_a_period_inferred_from_a_stretch_must_be_a_span(tmp_path: Path) -> None:
    path = base(
        tmp_path,
        fact("streak", SHIPS, value=4, unit="consecutive years", period="2023",
             period_inferred_from="four consecutive years"),
    )  # fmt: skip
    code, found = problems(path)
    assert code == 1 and [p["code"] for p in found] == ["Q307"]
    assert "is inferred from 'four consecutive years', a stretch of years, but is not a span" in str(
        found[0]["message"]
    )
    assert found[0]["hint"] == 'Write `period: "2020-2023"`: the first and the last year, joined by a hyphen'


@pytest.mark.parametrize("period", ["2020-2023", "2020\u20132023"])
def test_the_span_passes_with_a_hyphen_or_an_en_dash(tmp_path: Path, period: str) -> None:
    path = base(
        tmp_path,
        fact("streak", SHIPS, value=4, unit="consecutive years", period=period,
             period_inferred_from="four consecutive years"),
        fact("ferries", FERRIES, value=2, unit="years", period="2022-2024",
             period_inferred_from="Over the past two years"),
    )  # fmt: skip
    assert problems(path) == (0, [])


def test_a_span_that_is_not_the_stretch_is_wrong(tmp_path: Path) -> None:
    path = base(
        tmp_path,
        fact("streak", SHIPS, value=4, unit="consecutive years", period="2019-2023",
             period_inferred_from="four consecutive years"),
    )  # fmt: skip
    code, found = problems(path)
    assert code == 1
    assert [(p["code"], p["hint"]) for p in found] == [
        ("Q306", 'Write `period: "2020-2023"`, or check the source\'s `published` date')
    ]


def test_a_figure_of_the_same_sentence_keeps_its_own_year(tmp_path: Path) -> None:
    # 1,250 ships are of 2023: the stretch is the ranking's, not theirs.
    path = base(tmp_path, fact("ships", SHIPS, value=1250, unit="ships", period="2023"))
    assert problems(path) == (0, [])


# --- Q308: where the quote stands ---------------------------------------------------------------


def test_a_caption_quote_must_say_it_is_one(tmp_path: Path) -> None:
    path = base(tmp_path, fact("quay", QUAY, value=300, unit="meters long"))
    done = run("validate", str(path))
    assert done.returncode == 1
    assert (
        f"{path}:16:12: Q308 fact `quay`: the quote stands in the article's photo caption, and nothing says so: it "
        "would be read as the article's body. Add `place: caption` to the fact, and say so in the claim "
        '("According to a photo caption, ...")'
    ) in done.stdout
    marked = base(tmp_path, fact("quay", QUAY, value=300, unit="meters long", place="caption"))
    assert problems(marked) == (0, [])


def test_a_standfirst_quote_must_say_it_is_one_and_no_other_place(tmp_path: Path) -> None:
    code, found = problems(base(tmp_path, fact("alike", STANDFIRST)))
    assert code == 1 and [p["code"] for p in found] == ["Q308"]
    assert "stands in the article's standfirst" in str(found[0]["message"])
    code, found = problems(base(tmp_path, fact("alike", STANDFIRST, place="caption")))
    assert code == 1
    assert [(p["code"], p["message"], p["hint"]) for p in found] == [
        (
            "Q308",
            "fact `alike`: `place` is 'caption', but the quote stands in the article's standfirst",
            "Write `place: standfirst`",
        )
    ]
    assert problems(base(tmp_path, fact("alike", STANDFIRST, place="standfirst"))) == (0, [])


def test_a_quote_of_the_page_furniture_is_refused(tmp_path: Path) -> None:
    code, found = problems(base(tmp_path, fact("nav", "| Harbour Gazette | Home |")))
    assert code == 1
    assert [(p["code"], p["hint"]) for p in found] == [
        ("Q308", "Quote the article's own words: its body, a photo caption or the standfirst")
    ]


def test_a_caption_the_lines_cannot_show_is_the_authors_to_mark(tmp_path: Path) -> None:
    # Nothing in the line says it is a caption: the author knows better, and is believed.
    assert problems(base(tmp_path, fact("ships", SHIPS, value=1250, unit="ships", period="2023", place="caption"))) == (
        0,
        [],
    )


def test_place_is_one_of_four_words(tmp_path: Path) -> None:
    code, found = problems(base(tmp_path, fact("quay", QUAY, value=300, unit="meters long", place="captions")))
    assert code == 1
    assert [(p["code"], p["message"], p["hint"]) for p in found] == [
        (
            "S103",
            "`place` 'captions' is not one of body, standfirst, caption, byline",
            "Did you mean `caption`? Write one of them, or leave `place` out for `body`",
        )
    ]


def test_the_build_refuses_what_validate_refuses_and_serves_what_it_passes(tmp_path: Path) -> None:
    path = base(
        tmp_path,
        fact("quay", QUAY, value=300, unit="meters long"),
        fact("streak", SHIPS, value=4, unit="consecutive years", period="2023"),
    )
    with pytest.raises(FactBaseInvalid) as refused:
        gzfacts.load(path, cache=False).close()
    assert [p.code for p in refused.value.problems] == ["Q308", "Q307"]
    assert list(refused.value.problems) == check(read_fact_base(path))
    fixed = base(tmp_path, fact("quay", QUAY, value=300, unit="meters long", place="caption"))
    with gzfacts.load(fixed, cache=False) as fb:
        assert fb.fact("quay").place == "caption"
        assert fb.fact("quay").said_by() == "the article's photo caption"


# --- A401, A402: aliases that mislead a search (warnings) ----------------------------------------

PROJECTS = "The harbour built 102 benchmark projects and 1,050 demonstration projects in 2023."


def projects(benchmark_aliases: list[str], demonstration_aliases: list[str]) -> tuple[str, str]:
    return (
        fact("benchmark", PROJECTS, value=102, unit="benchmark projects", period="2023", aliases=benchmark_aliases),
        fact("demo", PROJECTS, value=1050, unit="demonstration projects", period="2023", aliases=demonstration_aliases),
    )


def test_an_alias_naming_a_figure_on_two_facts_of_different_values_is_a_warning_naming_both(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE + PROJECTS + "\n", encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(HEAD + "\n".join(projects(["pilot projects"], ["Pilot  projects", "showcase"])), encoding="utf-8")
    done = run("validate", str(path))
    assert done.returncode == 0  # advice: the base is still valid, and served
    assert (
        f"{path}:30:14: A401 warning: fact `demo`: the alias 'pilot projects' is also an alias of `benchmark` "
        f"(at {path}:20:14), whose value is another: 102 benchmark projects against 1,050 demonstration projects "
        "here; a reader who searches it is sent to both figures. Keep the alias on the fact whose figure it names, "
        "and remove it from the other"
    ) in done.stdout
    assert done.stderr.endswith(": 2 facts, 1 topic, 1 source: 1 warning\n")
    code, found = problems(path, "--fail-on", "warning")
    assert code == 1
    assert [(p["code"], p["level"], p["fact"]) for p in found] == [("A401", "warning", "demo")]
    with gzfacts.load(path, cache=False) as fb:
        assert len(fb) == 2


def test_an_alias_of_the_place_or_subject_may_sit_on_facts_of_any_value(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE + PROJECTS + "\n", encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(HEAD + "\n".join(projects(["harbour town", "港口"], ["harbour town", "港口"])), encoding="utf-8")
    assert problems(path, "--fail-on", "warning") == (0, [])
    assert advise(read_fact_base(path)) == []


def test_a_stop_word_alias_is_a_warning(tmp_path: Path) -> None:
    path = base(tmp_path, fact("ships", SHIPS, value=1250, unit="ships", period="2023", aliases=["when", "IT", "的"]))
    code, found = problems(path)
    assert code == 0
    assert [(p["code"], p["level"], p["message"]) for p in found] == [
        ("A402", "warning", f"fact `ships`: the alias {alias!r} is made of stop words only: no search matches it")
        for alias in ("when", "IT", "的")
    ]
    assert run("validate", str(path), "--fail-on", "warning").returncode == 1


def test_warnings_and_problems_are_counted_apart(tmp_path: Path) -> None:
    path = base(tmp_path, fact("quay", QUAY, value=300, unit="meters long", aliases=["when"]))
    done = run("validate", str(path))
    assert done.returncode == 1
    assert done.stderr.endswith(": 1 fact, 1 topic, 1 source: 1 problem, 1 warning\n")


def test_fail_on_takes_error_or_warning(tmp_path: Path) -> None:
    done = run("validate", str(base(tmp_path, fact("ships", SHIPS, value=1250, unit="ships", period="2023"))),
               "--fail-on", "info")  # fmt: skip
    assert done.returncode == 2
    assert "invalid value for '--fail-on': 'info' is not one of 'error', 'warning'" in done.stderr
