"""The update of a directory base's index: only the files that changed are read again, and it
serves (and reports) what a full build of the edited base would."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gzfacts
from gzfacts import loader
from gzfacts.errors import FactBaseInvalid
from gzfacts.loader import read_fact_base
from gzfacts.validate import check
from tests.conftest import ROOT
from tests.helpers.bases import directory_base, fact_a_file_base, split_base


def count_yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the YAML files the loader reads from now on, in order."""
    reads: list[str] = []
    real = loader.read_text

    def counting(file: Path, limit: int, *args: Any, **kwargs: Any) -> str:
        if file.suffix in (".yaml", ".yml"):
            reads.append(file.name)
        return real(file, limit, *args, **kwargs)

    monkeypatch.setattr(loader, "read_text", counting)
    return reads


def test_directory_base_rereads_only_changed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = directory_base(tmp_path)
    text = (facts / "a.yaml").read_text(encoding="utf-8")
    head, _, items = text.partition("facts:\n")
    blocks = items.split("\n\n")
    (facts / "a.yaml").write_text(head + "facts:\n" + "\n\n".join(blocks[:3]), encoding="utf-8")
    (facts / "b.yaml").write_text("facts:\n" + "\n\n".join(blocks[3:]), encoding="utf-8")
    with gzfacts.load(facts) as fb:
        assert [f.id for f in fb.facts()] == [
            "ships-handled-2023", "ship-growth-2023", "ferry-routes-2023", "best-ferry", "capacity-2030"]  # fmt: skip
    reads = count_yaml_reads(monkeypatch)
    b = facts / "b.yaml"
    b.write_text(
        b.read_text(encoding="utf-8").replace('aliases: ["expansion"]', 'aliases: ["expansion", "growth plan"]')
    )
    with gzfacts.load(facts) as fb:
        assert fb.fact("capacity-2030").aliases == ("expansion", "growth plan")
        assert fb.search("growth plan").hits[0].fact.id == "capacity-2030"
        assert [f.id for f in fb.facts()][-2:] == ["best-ferry", "capacity-2030"]
    assert reads == ["b.yaml"]
    (facts / "c.yaml").write_text(
        'facts:\n  - id: extra-fact\n    topic: ferries\n    claim: "Fourteen charging points."\n    value: 14\n'
        '    quote: "Last year, the town opened 3 new ferry routes and 14 charging points."\n'
        "    source: harbour-report-2024\n",
        encoding="utf-8",
    )
    with gzfacts.load(facts) as fb:
        assert fb.fact("extra-fact").value == 14 and len(fb) == 6
    assert reads == ["b.yaml", "c.yaml"]
    (facts / "c.yaml").unlink()
    with gzfacts.load(facts) as fb:
        assert len(fb) == 5 and not fb.has_fact("extra-fact")
        # The search table keeps no copy of its rows: the removed fact's row went with it.
        assert "fourteen" not in {term for (term,) in fb._conn.execute("SELECT term FROM fts_terms")}
    # A word that only an edited-away alias had is no longer offered as a typo correction.
    b.write_text(b.read_text(encoding="utf-8").replace('"growth plan"]', '"growth plan", "zeppelinport"]'))
    with gzfacts.load(facts) as fb:
        assert fb.search("zeppelinpart").corrections == [("zeppelinpart", "zeppelinport")]
    b.write_text(b.read_text(encoding="utf-8").replace(', "zeppelinport"]', "]"))
    with gzfacts.load(facts) as fb:
        assert fb.search("zeppelinpart").corrections == []
    assert reads == ["b.yaml", "c.yaml", "b.yaml", "b.yaml"]


def test_directory_edit_that_breaks_a_reference_is_reported(tmp_path: Path) -> None:
    facts = directory_base(tmp_path)
    gzfacts.load(facts).close()
    (facts / "b.yaml").write_text(
        'facts:\n  - id: ships-handled-2023\n    topic: nowhere\n    claim: "x"\n'
        '    quote: "Last year, the town opened 3 new ferry routes and 14 charging points."\n'
        "    source: harbour-report-2024\n",
        encoding="utf-8",
    )
    with pytest.raises(gzfacts.FactBaseInvalid) as caught:
        gzfacts.load(facts)
    message = "\n".join(str(p) for p in caught.value.problems)
    assert "duplicate fact id `ships-handled-2023`" in message
    assert "unknown topic `nowhere`" in message


def test_directory_base_follows_an_edited_source_text_without_rereading_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = directory_base(tmp_path)
    with gzfacts.load(facts) as fb:
        before = fb.anchor(fb.fact("capacity-2030")).start
    reads = count_yaml_reads(monkeypatch)
    text = tmp_path / "sources" / "harbour-2024.txt"
    text.write_text("Preface.\n\n" + text.read_text(encoding="utf-8"), encoding="utf-8")
    with gzfacts.load(facts) as fb:
        moved = fb.anchor(fb.fact("capacity-2030"))
        assert moved.start == before + len("Preface.\n\n")
        assert fb.source_text("harbour-report-2024").startswith("Preface.")
    assert reads == []
    text.write_text(text.read_text(encoding="utf-8").replace("1,250 ships", "1,260 ships"), encoding="utf-8")
    with pytest.raises(gzfacts.FactBaseInvalid) as caught:
        gzfacts.load(facts)
    assert "the quote is not verbatim" in str(caught.value)


def test_a_quote_the_edited_text_no_longer_holds_exactly_is_stored_then(tmp_path: Path) -> None:
    # The index keeps a quote only when it is not its source text's exact slice (else it is read
    # from the text): an edit of the text alone can turn one into the other.
    import sqlite3

    facts = directory_base(tmp_path)
    quote = 'The mayor called the [red] ferry "the best [/] in the region".'

    def stored() -> object:
        with gzfacts.load(facts) as fb:
            fact = fb.fact("best-ferry")
            assert fact.quote == quote
            exact = fb.anchor(fact).exact
            assert fb.index_file is not None
        db = sqlite3.connect(fb.index_file)
        try:
            return db.execute("SELECT quote FROM facts WHERE id = 'best-ferry'").fetchone()[0], exact
        finally:
            db.close()

    assert stored() == (None, quote)
    text = tmp_path / "sources" / "harbour-2024.txt"
    plain = text.read_text(encoding="utf-8")
    text.write_text(plain.replace('"the best [/] in the region"', "\u201cthe best [/] in the region\u201d"))
    assert stored() == (quote, quote.replace('"the', "\u201cthe").replace('region"', "region\u201d"))
    text.write_text(plain, encoding="utf-8")
    assert stored() == (None, quote)


EXTRA = (
    'facts:\n  - id: {id}\n    topic: ferries\n    claim: "Fourteen charging points."\n    value: 14\n'
    '    quote: "Last year, the town opened 3 new ferry routes and 14 charging points."\n'
    "    source: harbour-report-2024\n"
)
ORDER = ["ships-handled-2023", "ship-growth-2023", "ferry-routes-2023", "best-ferry", "capacity-2030"]


def test_files_added_between_others_keep_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = split_base(tmp_path, second="c.yaml")
    with gzfacts.load(facts) as fb:
        assert [f.id for f in fb.facts()] == ORDER
    reads = count_yaml_reads(monkeypatch)
    (facts / "b.yaml").write_text(EXTRA.format(id="in-b"), encoding="utf-8")
    (facts / "0.yaml").write_text(EXTRA.format(id="in-0"), encoding="utf-8")
    (facts / "d.yaml").write_text(EXTRA.format(id="in-d"), encoding="utf-8")
    with gzfacts.load(facts) as fb:
        assert [f.id for f in fb.facts()] == ["in-0", *ORDER[:3], "in-b", *ORDER[3:], "in-d"]
        ferries = ["in-0", "ferry-routes-2023", "in-b", "best-ferry", "capacity-2030", "in-d"]
        assert [f.id for f in fb.facts(topic="ferries")] == ferries
        assert fb.fact("in-b").origin == (str(facts / "b.yaml"), 2, 5)
    assert reads == ["0.yaml", "b.yaml", "d.yaml"]  # an update: the other files were not read again


def test_a_file_with_no_room_left_between_two_others_means_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gzfacts.index import rows

    monkeypatch.setattr(rows, "FILE_GAP", 1)  # a.yaml is file 1, c.yaml file 2: nothing fits between
    facts = split_base(tmp_path, second="c.yaml")
    gzfacts.load(facts).close()
    reads = count_yaml_reads(monkeypatch)
    (facts / "b.yaml").write_text(EXTRA.format(id="in-b"), encoding="utf-8")
    with gzfacts.load(facts) as fb:
        assert [f.id for f in fb.facts()] == [*ORDER[:3], "in-b", *ORDER[3:]]
    assert reads == ["a.yaml", "b.yaml", "c.yaml"]


def test_file_numbers_follow_path_order_with_room_between() -> None:
    import sqlite3

    from gzfacts.index.rows import file_numbers, number_files
    from gzfacts.index.schema import FILE_GAP

    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE origins(fno INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE)")
    first = file_numbers(db, ["/b/x.yaml", "/b/a.yaml", "/b/m.yaml"])
    assert first == {"/b/a.yaml": FILE_GAP, "/b/m.yaml": 2 * FILE_GAP, "/b/x.yaml": 3 * FILE_GAP}
    number_files(db, first)
    more = file_numbers(db, ["/b/a.yaml", "/a.yaml", "/b/b.yaml", "/b/c.yaml", "/c.yaml"])
    assert more is not None and "/b/a.yaml" not in more
    number_files(db, more)
    paths = [path for (path,) in db.execute("SELECT path FROM origins ORDER BY fno")]
    assert paths == sorted(paths) and len(paths) == 7
    assert file_numbers(db, ["/b/a0.yaml" + "x" * n for n in range(FILE_GAP)]) is None  # no room left
    db.close()


def _served(conn: sqlite3.Connection) -> dict[str, Any]:
    """What an index serves, whatever rowids its facts got: each fact's columns, each source and
    topic, its search terms and which facts each term finds (with their scores)."""
    ids = dict(conn.execute("SELECT rowid, id FROM facts"))
    names = [row[1] for row in conn.execute("PRAGMA table_info(facts)") if row[1] != "rowid"]
    columns = ", ".join(f'"{name}"' for name in names)
    terms = [term for (term,) in conn.execute("SELECT term FROM fts_terms ORDER BY term")]
    return {
        "facts": sorted(conn.execute(f"SELECT {columns} FROM facts").fetchall()),
        "sources": sorted(conn.execute("SELECT * FROM sources").fetchall()),
        "topics": sorted(conn.execute("SELECT * FROM topics").fetchall()),
        "words": sorted(term for (term,) in conn.execute("SELECT term FROM words")),
        "files": sorted(conn.execute("SELECT path, role, sha256 FROM files").fetchall()),
        "search": [
            (term, sorted((ids[r], round(s, 9)) for r, s in conn.execute(
                "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ?", (f'"{term}"',))))
            for term in terms
        ],
    }  # fmt: skip


def test_an_update_reads_the_changed_file_and_serves_what_a_full_build_serves(tmp_path: Path) -> None:
    """One fact file edited and one source text changed under unchanged facts: the update (not a
    full build) re-reads them, re-anchors the facts quoting the text, and serves what a build
    of the edited base serves."""
    from gzfacts.index import index_path, open_index
    from gzfacts.index.update import update_directory

    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = (tmp_path / "facts").resolve()
    open_index(facts, directory=tmp_path / "cache", jobs=1).conn.close()
    edited = facts / "source-000001.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace('["synthetic"', '["synthetic", "zeppelin"', 1))
    text = tmp_path / "sources" / "source-000002.txt"
    text.write_text("A new first sentence moves every quote.\n" + text.read_text(encoding="utf-8"), encoding="utf-8")
    db = index_path(facts, tmp_path / "cache")
    assert update_directory(db, facts) == db  # an update, not a full build
    updated = open_index(facts, directory=tmp_path / "cache")
    built = open_index(facts, directory=tmp_path / "fresh")
    try:
        assert updated.path == db
        served = _served(updated.conn)
        assert served == _served(built.conn)
        assert any(term == "zeppelin" and hits for term, hits in served["search"])
    finally:
        updated.conn.close()
        built.conn.close()


def test_an_update_reports_the_changed_files_problems_as_a_build_does(tmp_path: Path) -> None:
    """A misquote, or a file that no longer parses, in the one file edited: the update itself
    says so at once (no full build of the whole base first), in the words a build uses."""
    from gzfacts.index import index_path, open_index
    from gzfacts.index.update import update_directory

    facts = fact_a_file_base(tmp_path).resolve()
    open_index(facts, directory=tmp_path / "cache", jobs=1).conn.close()
    db = index_path(facts, tmp_path / "cache")
    edited = facts / "fact-0.yaml"
    good = edited.read_text(encoding="utf-8")
    edited.write_text(good.replace("handled 1,250 ships in 2023, up", "handled 1,250 ships in 2023 up", 1))
    expected = check(read_fact_base(facts))
    assert any("verbatim" in p.message for p in expected)
    with pytest.raises(FactBaseInvalid) as invalid:
        update_directory(db, facts)
    assert list(invalid.value.problems) == expected
    edited.write_text("facts:\n  - id: [broken\n", encoding="utf-8")
    with pytest.raises(gzfacts.FactBaseUnreadable) as unreadable:
        update_directory(db, facts)
    assert unreadable.value.problems[0].where.startswith(str(edited) + ":")
    edited.write_text(good, encoding="utf-8")
    assert update_directory(db, facts) == db  # the index was left as it was, and is still updated
