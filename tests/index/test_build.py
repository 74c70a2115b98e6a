"""The build: it reports exactly what `gzfacts validate` reports, holds nothing whole, and builds
the same index with worker processes as with one."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gzfacts
from gzfacts.errors import FactBaseInvalid
from gzfacts.index.freshness import FOLDER_KEYS, PACKED_KEYS
from gzfacts.loader import read_fact_base
from gzfacts.validate import check
from tests.conftest import MINI, ROOT
from tests.helpers.bases import fact_a_file_base

# (what is broken, how the mini base is edited, a message the build must give)
BROKEN = [
    (
        "duplicate fact",
        lambda t: t.replace("  - id: ship-growth-2023", "  - id: ships-handled-2023"),
        "duplicate fact id",
    ),
    ("unknown topic", lambda t: t.replace("topic: shipping\n", "topic: shiping\n", 1), "unknown topic `shiping`"),
    ("unknown source", lambda t: t.replace("source: harbour-report-2024", "source: harbour", 1), "unknown source"),
    (
        "unknown topic and source, several",
        lambda t: t.replace("topic: shipping\n", "topic: shiping\n").replace(
            "source: harbour-report-2024", "source: harbour"
        ),
        "unknown source `harbour`",
    ),
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
def test_build_reports_what_validate_reports(
    tmp_path: Path, isolated_env: Path, name: str, edit: object, expected: str
) -> None:
    shutil.copytree(MINI.parent, tmp_path / "mini")
    path = tmp_path / "mini" / "facts.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    validated = check(read_fact_base(path))
    with pytest.raises(FactBaseInvalid) as raised:
        gzfacts.load(path).close()
    assert any(expected in p.message for p in raised.value.problems), raised.value.problems
    assert list(raised.value.problems) == validated
    assert list(isolated_env.glob("**/*.tmp")) == []  # this test's cache (other tests leave theirs)


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


def test_a_parallel_build_serves_what_a_single_process_build_serves(tmp_path: Path) -> None:
    facts = fact_a_file_base(tmp_path)
    with gzfacts.load(facts, cache=False) as one, gzfacts.load(facts, cache=False, jobs=2) as two:
        assert [f.to_dict() for f in two.facts()] == [f.to_dict() for f in one.facts()]
        assert [h.fact.id for h in two.search("ferry charging").hits] == [
            h.fact.id for h in one.search("ferry charging").hits
        ]
        assert len(two) == len(one) == 5


def test_a_parallel_build_reports_problems_in_file_order(tmp_path: Path) -> None:
    facts = fact_a_file_base(tmp_path)
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

    facts = fact_a_file_base(tmp_path)
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

    facts = fact_a_file_base(tmp_path)
    before = CliRunner().invoke(app, ["--jobs", "2", "--facts", str(facts), "list", "--json"])
    after = CliRunner().invoke(app, ["list", "--json", "--facts", str(facts), "--jobs", "2"])
    assert before.exit_code == after.exit_code == 0, after.output
    assert after.stdout == before.stdout
    assert CliRunner().invoke(app, ["list", "--jobs", "0", "--facts", str(facts)]).exit_code == 2


def _index_contents(conn: sqlite3.Connection) -> dict[str, list[Any]]:
    """Everything an index holds that a build decides: every table's rows in order, and what
    the search table answers for each of its terms."""
    tables = {
        name: conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall() for name in ("facts", "sources", "topics")
    }
    tables["words"] = conn.execute("SELECT * FROM words ORDER BY term").fetchall()
    tables["files"] = conn.execute("SELECT path, role, sha256 FROM files ORDER BY path").fetchall()
    # The packed stats are a cache of the files table, written only once no file is racily clean
    # (gzfacts.index.freshness.pack_stamps): whether a build writes them depends on the clock,
    # not on what it builds.
    timed = PACKED_KEYS + FOLDER_KEYS
    tables["meta"] = conn.execute(
        f"SELECT key, value FROM meta WHERE key != 'path' AND key NOT IN ({', '.join('?' * len(timed))}) ORDER BY key",
        timed,
    ).fetchall()
    terms = [term for (term,) in conn.execute("SELECT term FROM fts_terms ORDER BY term")]
    tables["fts"] = [
        (
            term,
            conn.execute(
                "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY rowid", (f'"{term}"',)
            ).fetchall(),
        )
        for term in terms
    ]
    tables["fts_terms"] = conn.execute("SELECT * FROM fts_terms ORDER BY term").fetchall()
    return tables


def test_workers_build_the_very_index_one_process_builds(tmp_path: Path) -> None:
    """Files that declare their own source (prepared by the workers) and files whose facts quote a
    source declared elsewhere (checked by the writer) give the same rows, in the same order, and
    the same search answers, with one process or two."""
    from gzfacts.index import open_index

    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "900", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    # Move a few facts to a file of their own, after the file declaring their source.
    first = facts / "source-000001.yaml"
    head, _, items = first.read_text(encoding="utf-8").partition("facts:\n")
    blocks = items.split("  - id: ")
    first.write_text(head + "facts:\n" + "  - id: ".join(blocks[:-5]), encoding="utf-8")
    (facts / "source-000001b.yaml").write_text("facts:\n  - id: " + "  - id: ".join(blocks[-5:]), encoding="utf-8")
    contents = []
    for jobs in (1, 2):
        opened = open_index(facts, directory=tmp_path / f"cache-{jobs}", jobs=jobs)
        try:
            contents.append(_index_contents(opened.conn))
        finally:
            opened.conn.close()
    one, two = contents
    assert len(one["facts"]) == 900
    assert {name: len(rows) for name, rows in two.items()} == {name: len(rows) for name, rows in one.items()}
    assert two == one


def test_a_source_declared_again_in_a_later_file_is_the_first_declarations_with_workers(tmp_path: Path) -> None:
    """A worker checks a file's facts against the source it declares; when an earlier file declared
    that source first, the writer checks them again against the first one, as validation does."""
    facts = fact_a_file_base(tmp_path)
    (tmp_path / "sources" / "other.txt").write_text("Nothing the facts quote is said here.\n", encoding="utf-8")
    a = (facts / "a.yaml").read_text(encoding="utf-8")
    source = a[a.index("  - id: harbour-report-2024") : a.index("topics:")]
    moved = (facts / "fact-0.yaml").read_text(encoding="utf-8").partition("facts:\n")[2]
    (facts / "fact-0.yaml").write_text(
        "sources:\n" + source.replace("harbour-2024.txt", "other.txt") + "facts:\n" + moved, encoding="utf-8"
    )
    expected = check(read_fact_base(facts))
    assert any("duplicate source id" in p.message for p in expected)
    assert not any("verbatim" in p.message for p in expected)  # checked against the first text
    for jobs in (1, 2):
        with pytest.raises(FactBaseInvalid) as invalid:
            gzfacts.load(facts, cache=False, jobs=jobs).close()
        assert list(invalid.value.problems) == expected


def test_every_quote_reads_back_as_written_whether_stored_or_cut_from_its_text() -> None:
    # The shipped base has quotes that are their text's exact slice (left out of their row and
    # read from the compressed text, some across two blocks) and quotes that match only once
    # whitespace and quote marks are folded (stored).
    import sqlite3

    from gzfacts.index.schema import TEXT_BLOCK

    shipped = ROOT / "facts.yaml"
    written = {f.id: f.quote for f in read_fact_base(shipped).facts}
    with gzfacts.load(shipped) as fb:
        assert {f.id: f.quote for f in fb.facts()} == written
        assert {fid: fb.fact(fid).quote for fid in written} == written
        assert fb.index_file is not None
        db = sqlite3.connect(fb.index_file)
    try:
        rows = db.execute('SELECT quote IS NULL, start / ?, ("end" - 1) / ? FROM facts', (TEXT_BLOCK, TEXT_BLOCK))
        kinds = {(bool(left_out), first != last) for left_out, first, last in rows}
    finally:
        db.close()
    assert kinds >= {(True, False), (True, True), (False, False)}
