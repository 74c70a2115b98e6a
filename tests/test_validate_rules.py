"""validate's rules for how a fact reads its quote: the span of a stretch of years (Q307).

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

GZFACTS = Path(sys.executable).parent / "gzfacts"
pytestmark = pytest.mark.skipif(not GZFACTS.exists(), reason="the gzfacts script is not installed beside Python")

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
