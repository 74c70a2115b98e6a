"""A figure's period is the one of its own clause: `extract` proposes it so, and `validate` refuses
(Q309) a period the quote gives only to another figure of the sentence.

Through the installed command: what an author pastes and what validate then says.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

GZFACTS = Path(sys.executable).parent / "gzfacts"

TEXT = """Servers grow in the province

By Chen Hua

The province now has 1,200,000 servers, up from 600,000 in 2019, officials said.

In 2019, the data center handled 500 requests a second, while by 2021 it will hold 900 racks, the company said.

The province had 300 data centres in 2018 and expects 450 data centres by 2021, officials said.

Last year, the province built 102 benchmark projects, 1,050 demonstration projects and helped 1,625 enterprises.

In 2018, exports rose 5 percent, and imports rose 7 percent, officials said.
"""

HEAD = """sources:
  - id: servers
    title: "Servers grow in the province"
    author: "Chen Hua"
    author_family: "Chen"
    publisher: "Gazette"
    published: "2019-10-01"
    path: "servers.txt"
topics:
  - id: general
    title: "General"
    summary: "All of it."
facts:
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(GZFACTS), *args], env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def text(tmp_path: Path) -> Path:
    path = tmp_path / "servers.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def proposed(text: Path) -> list[dict[str, Any]]:
    done = run("extract", str(text), "--published", "2019-10-01", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_extract_pairs_each_figure_with_the_period_of_its_own_clause(text: Path) -> None:
    periods = {c["value"]: (c["period"], c["period_inferred_from"]) for c in proposed(text)}
    assert periods == {
        1200000: (None, None),  # "up from 600,000 in 2019": 2019 is 600,000's
        600000: ("2019", None),
        500: ("2019", None),  # "In 2019, ... 500 requests, while by 2021 it will hold 900 racks"
        900: ("2021", None),
        300: ("2018", None),  # each figure beside its own year
        450: ("2021", None),
        102: ("2018", "Last year"),  # a period put before every figure holds for all of them
        1050: ("2018", "Last year"),
        1625: ("2018", "Last year"),
        5: ("2018", None),  # "In 2018, exports rose 5 percent, and imports rose 7 percent"
        7: ("2018", None),
    }


def reviewed(text: Path) -> Path:
    """The extracted candidates as reviewed facts of a base beside the text."""
    drafts = run("extract", str(text), "--published", "2019-10-01").stdout
    facts = drafts.replace("    draft: true\n", "").replace('topic: ""', "topic: general")
    base = text.parent / "facts.yaml"
    base.write_text(HEAD + facts.replace('claim: ""', 'claim: "C."'), encoding="utf-8")
    return base


def test_what_extract_proposes_passes_validate(text: Path) -> None:
    done = run("validate", str(reviewed(text)))
    assert done.returncode == 0, done.stdout
    assert done.stderr.endswith(": 11 facts, 1 topic, 1 source: no problems\n"), done.stderr


def test_validate_refuses_a_period_of_another_figures_clause(text: Path) -> None:
    base = reviewed(text)
    yaml = base.read_text(encoding="utf-8")
    start = yaml.index("    value: 1200000\n")
    wrong = yaml[:start] + yaml[start:].replace("    period: null\n", '    period: "2019"\n', 1)
    base.write_text(wrong, encoding="utf-8")
    line = wrong[:start].count("\n") + 3  # value, unit, then period
    done = run("validate", str(base))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"{base}:{line}:13: Q309 fact `servers`: the period '2019' is not the value's: the quote states it in the "
        "clause of another figure ('600,000'). Write `period: null`: the value's own clause states no year "
        "(or quote the sentence that dates it)"
    )
    found = json.loads(run("validate", str(base), "--json").stdout)
    assert [(p["code"], p["fact"]) for p in found] == [("Q309", "servers")]


def test_validate_names_the_year_of_the_figures_own_clause(text: Path) -> None:
    base = reviewed(text)
    yaml = base.read_text(encoding="utf-8")
    start = yaml.index("    value: 900\n")
    base.write_text(yaml[:start] + yaml[start:].replace('period: "2021"', 'period: "2019"', 1), encoding="utf-8")
    found = json.loads(run("validate", str(base), "--json").stdout)
    assert [(p["code"], p["hint"]) for p in found] == [
        ("Q309", 'Write `period: "2021"`, the year of the value\'s own clause')
    ]
