"""The streaming build reports exactly what `gzfacts validate` reports, and holds nothing whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import gzfacts
from gzfacts.errors import FactBaseInvalid
from gzfacts.loader import read_fact_base
from gzfacts.validate import check

from .conftest import MINI

# (what is broken, how the mini base is edited, a message the build must give)
BROKEN = [
    (
        "duplicate fact",
        lambda t: t.replace("  - id: ship-growth-2023", "  - id: ships-handled-2023"),
        "duplicate fact id",
    ),
    ("unknown topic", lambda t: t.replace("topic: shipping\n", "topic: shiping\n", 1), "unknown topic `shiping`"),
    ("unknown source", lambda t: t.replace("source: harbour-report-2024", "source: harbour", 1), "unknown source"),
    ("fact id is a topic id", lambda t: t.replace("  - id: ships-handled-2023", "  - id: ferries"), "also a topic id"),
    (
        "misquote",
        lambda t: t.replace("handled 1,250 ships in 2023, up", "handled 1,250 ships in 2023 up", 1),
        "verbatim",
    ),
    ("wrong value", lambda t: t.replace("value: 1250", "value: 1251"), "the value 1251 does not appear"),
    ("duplicate topic", lambda t: t.replace("  - id: ferries", "  - id: shipping"), "duplicate topic id"),
    ("missing text", lambda t: t.replace("sources/harbour-2024.txt", "sources/gone.txt"), "cannot be used"),
    (
        "schema and rules",
        lambda t: t.replace("value: 1250", "valeu: 1250").replace("topic: ferries", "topic: x"),
        "unknown",
    ),
    (
        "facts before their source and topics",
        lambda t: t[t.index("facts:") :] + t[: t.index("facts:")].replace("ferries", "ferry"),
        "unknown topic `ferries`",
    ),
]


@pytest.mark.parametrize(("name", "edit", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_build_reports_what_validate_reports(tmp_path: Path, name: str, edit: object, expected: str) -> None:
    shutil.copytree(MINI.parent, tmp_path / "mini")
    path = tmp_path / "mini" / "facts.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    validated = check(read_fact_base(path))
    with pytest.raises(FactBaseInvalid) as raised:
        gzfacts.load(path).close()
    assert any(expected in p.message for p in raised.value.problems), raised.value.problems
    assert list(raised.value.problems) == validated
    assert list((tmp_path.parent).glob("**/gzfacts/*.tmp")) == []


def test_facts_before_their_sources_and_topics_load_alike(tmp_path: Path) -> None:
    """A fact may come before the source and topic it names: it waits for them, and is served alike."""
    shutil.copytree(MINI.parent, tmp_path / "mini")
    path = tmp_path / "mini" / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[text.index("facts:") :] + text[: text.index("facts:")], encoding="utf-8")
    with gzfacts.load(MINI) as plain, gzfacts.load(path) as reordered:
        assert [f.id for f in reordered.facts()] == [f.id for f in plain.facts()]
        fact = reordered.fact("ships-handled-2023")
        assert reordered.anchor(fact).exact == plain.anchor(plain.fact("ships-handled-2023")).exact
        assert [h.fact.id for h in reordered.search("ferry").hits] == [h.fact.id for h in plain.search("ferry").hits]
        assert reordered.search("shipping").hits  # the topic title, declared after the facts, is searched


def test_a_directory_base_may_nest(tmp_path: Path) -> None:
    """Files in subfolders are read too, and an edit there is followed."""
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    facts = tmp_path / "facts"
    (facts / "harbour" / "2023").mkdir(parents=True)
    text = MINI.read_text(encoding="utf-8").replace('path: "sources/', 'path: "../sources/')
    head, _, items = text.partition("facts:\n")
    blocks = items.split("\n\n")
    (facts / "a.yaml").write_text(head + "facts:\n" + "\n\n".join(blocks[:3]), encoding="utf-8")
    nested = facts / "harbour" / "2023" / "b.yaml"
    nested.write_text("facts:\n" + "\n\n".join(blocks[3:]), encoding="utf-8")
    with gzfacts.load(facts) as fb:
        assert len(fb) == 5
        assert fb.fact("capacity-2030").origin.file == str(nested)  # type: ignore[union-attr]
    nested.write_text(nested.read_text(encoding="utf-8").replace('["expansion"]', '["expansion", "zeppelin"]'))
    with gzfacts.load(facts) as fb:
        assert fb.search("zeppelin").hits[0].fact.id == "capacity-2030"


def split_base(tmp_path: Path, padding: int = 8) -> Path:
    """The mini base as a directory of files: sources and topics, one file per fact, and files
    with no facts, so that a parallel build has files enough to share out."""
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    facts = tmp_path / "facts"
    facts.mkdir()
    text = MINI.read_text(encoding="utf-8").replace('path: "sources/', 'path: "../sources/')
    head, _, items = text.partition("facts:\n")
    (facts / "a.yaml").write_text(head, encoding="utf-8")
    for n, block in enumerate(items.split("\n\n")):
        (facts / f"fact-{n}.yaml").write_text("facts:\n" + block, encoding="utf-8")
    for n in range(padding):
        (facts / f"z-{n}.yaml").write_text("facts:\n", encoding="utf-8")
    return facts


def test_a_parallel_build_serves_what_a_single_process_build_serves(tmp_path: Path) -> None:
    facts = split_base(tmp_path)
    with gzfacts.load(facts, cache=False) as one, gzfacts.load(facts, cache=False, jobs=2) as two:
        assert [f.to_dict() for f in two.facts()] == [f.to_dict() for f in one.facts()]
        assert [h.fact.id for h in two.search("ferry charging").hits] == [
            h.fact.id for h in one.search("ferry charging").hits
        ]
        assert len(two) == len(one) == 5


def test_a_parallel_build_reports_problems_in_file_order(tmp_path: Path) -> None:
    facts = split_base(tmp_path)
    (facts / "fact-1.yaml").write_text(
        (facts / "fact-1.yaml").read_text(encoding="utf-8").replace("topic: shipping", "topic: shiping")
    )
    (facts / "z-3.yaml").write_text("facts:\n  - id: [broken\n", encoding="utf-8")
    with pytest.raises(gzfacts.FactBaseUnreadable) as unreadable:
        gzfacts.load(facts, jobs=2).close()
    assert unreadable.value.problems[0].where.startswith(str(facts / "z-3.yaml") + ":")
    (facts / "z-3.yaml").write_text("facts:\n", encoding="utf-8")
    with pytest.raises(FactBaseInvalid) as invalid:
        gzfacts.load(facts, jobs=2).close()
    assert list(invalid.value.problems) == check(read_fact_base(facts))


def test_a_parallel_build_records_the_bytes_its_workers_parsed_and_seals_every_row(
    tmp_path: Path, isolated_env: Path
) -> None:
    import hashlib
    import sqlite3

    from gzfacts.index import FACT_COLUMNS, index_path
    from gzfacts.index.rows import checked

    facts = split_base(tmp_path)
    with gzfacts.load(facts, jobs=2) as fb:
        assert len(fb) == 5
    db = sqlite3.connect(index_path(facts.resolve(), isolated_env / "gzfacts"))
    try:
        recorded = dict(db.execute("SELECT path, sha256 FROM files"))
        rows = db.execute(f"SELECT {FACT_COLUMNS} FROM facts").fetchall()
    finally:
        db.close()
    yaml = sorted(str(p.resolve()) for p in facts.glob("*.yaml"))
    assert sorted(p for p in recorded if p.endswith(".yaml")) == yaml
    for path, sha in recorded.items():
        assert sha == hashlib.sha256(Path(path).read_bytes()).hexdigest()
    assert len(rows) == 5
    for row in rows:  # each row's digest is the one computed when the writer wrote it
        checked(row)
    db = sqlite3.connect(index_path(facts.resolve(), isolated_env / "gzfacts"))
    with db:
        db.execute("UPDATE facts SET claim = claim || ' (edited)' WHERE rowid = 1")
    tampered = db.execute(f"SELECT {FACT_COLUMNS} FROM facts WHERE rowid = 1").fetchone()
    db.close()
    with pytest.raises(sqlite3.DatabaseError):
        checked(tampered)


def test_jobs_is_a_global_option_also_after_the_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from gzfacts.cli import app

    facts = split_base(tmp_path)
    before = CliRunner().invoke(app, ["--jobs", "2", "--facts", str(facts), "list", "--json"])
    after = CliRunner().invoke(app, ["list", "--json", "--facts", str(facts), "--jobs", "2"])
    assert before.exit_code == after.exit_code == 0, after.output
    assert after.stdout == before.stdout
    assert CliRunner().invoke(app, ["list", "--jobs", "0", "--facts", str(facts)]).exit_code == 2
