"""The compiled index: never stale, never broken, shared safely, optional."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import gzfacts
from gzfacts import loader
from gzfacts.cli import app

from .conftest import MINI

runner = CliRunner()


@pytest.fixture()
def base(tmp_path: Path) -> Path:
    """A private copy of the mini fact base, free to edit."""
    shutil.copytree(MINI.parent, tmp_path / "mini")
    return tmp_path / "mini" / "facts.yaml"


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


def directory_base(tmp_path: Path) -> Path:
    """The mini fact base as a directory base: tmp_path/facts/a.yaml, its texts in tmp_path/sources."""
    facts = tmp_path / "facts"
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    facts.mkdir()
    (facts / "a.yaml").write_text(MINI.read_text(encoding="utf-8").replace('path: "sources/', 'path: "../sources/'))
    return facts


def test_index_is_cached_and_reused(base: Path, isolated_env: Path) -> None:
    with gzfacts.load(base) as fb:
        first = fb.index_file
    assert first is not None and first.parent == isolated_env / "gzfacts"
    inode = first.stat().st_ino
    with gzfacts.load(base) as fb:
        assert fb.index_file == first
    assert first.stat().st_ino == inode  # reused, not rebuilt


def test_editing_the_fact_file_rebuilds(base: Path) -> None:
    with gzfacts.load(base) as fb:
        assert fb.fact("capacity-2030").claim.startswith("The harbour master")
    base.write_text(
        base.read_text(encoding="utf-8").replace("The harbour master plans", "Jo Park plans"), encoding="utf-8"
    )
    with gzfacts.load(base) as fb:
        assert fb.fact("capacity-2030").claim.startswith("Jo Park plans")


def test_editing_a_source_text_rebuilds_and_moves_anchors(base: Path) -> None:
    text_path = base.parent / "sources" / "harbour-2024.txt"
    with gzfacts.load(base) as fb:
        before = fb.anchor(fb.fact("capacity-2030")).start
    text_path.write_text("A new first line.\n\n" + text_path.read_text(encoding="utf-8"), encoding="utf-8")
    with gzfacts.load(base) as fb:
        after = fb.anchor(fb.fact("capacity-2030"))
    assert after.start == before + len("A new first line.\n\n")
    assert after.exact.startswith('"We will double capacity')


def test_an_edit_that_breaks_a_quote_is_reported_not_served(base: Path) -> None:
    text_path = base.parent / "sources" / "harbour-2024.txt"
    gzfacts.load(base).close()
    text_path.write_text(text_path.read_text(encoding="utf-8").replace("1,250 ships", "1,350 ships"), encoding="utf-8")
    with pytest.raises(gzfacts.FactBaseInvalid) as caught:
        gzfacts.load(base)
    assert "the quote is not verbatim in the source text" in str(caught.value)


def test_touching_without_changing_content_keeps_the_index(base: Path) -> None:
    with gzfacts.load(base) as fb:
        index = fb.index_file
    assert index is not None
    inode = index.stat().st_ino
    os.utime(base, ns=(1, 1))
    with gzfacts.load(base) as fb:
        assert fb.index_file == index
    assert index.stat().st_ino == inode


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_index_is_detected_and_rebuilt(base: Path, damage: str) -> None:
    with gzfacts.load(base) as fb:
        index = fb.index_file
    assert index is not None
    data = index.read_bytes()
    if damage == "garbage":
        index.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        index.write_bytes(data[: len(data) // 2])
    else:
        index.write_bytes(b"")
    with gzfacts.load(base) as fb:
        assert len(fb) == 5
        assert fb.fact("ships-handled-2023").value == 1250
    with gzfacts.load(base) as fb:
        assert fb.index_file == index


def test_unwritable_cache_falls_back_to_memory_silently(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    with gzfacts.load(base) as fb:
        assert fb.index_file is None
        assert len(fb) == 5
    result = runner.invoke(app, ["--facts", str(base), "list", "--json"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(json.loads(result.stdout)) == 5


def test_read_only_cache_directory_falls_back_to_memory(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write to a read-only directory; covered by the blocked-path test")
    cache = tmp_path / "ro"
    (cache / "gzfacts").mkdir(parents=True)
    (cache / "gzfacts").chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    with gzfacts.load(base) as fb:
        assert fb.index_file is None and len(fb) == 5


def test_missing_cache_directory_is_created(base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "does" / "not" / "exist"))
    with gzfacts.load(base) as fb:
        assert fb.index_file is not None and fb.index_file.is_file()


def test_no_home_and_no_xdg_still_works(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    with gzfacts.load(base, cache=False) as fb:
        assert len(fb) == 5


def test_concurrent_threads_see_a_whole_index(base: Path) -> None:
    def count(_: int) -> int:
        with gzfacts.load(base) as fb:
            return len(fb.facts())

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(count, range(16))) == {5}


def test_concurrent_processes_never_read_a_partial_index(base: Path, isolated_env: Path) -> None:
    command = [sys.executable, "-m", "gzfacts", "--facts", str(base), "list", "--json"]
    env = {**os.environ, "XDG_CACHE_HOME": str(isolated_env)}
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(8)]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 8
    assert all(err == b"" for _, err in outputs)
    assert len({out for out, _ in outputs}) == 1
    assert len(json.loads(outputs[0][0])) == 5
    assert not list((isolated_env / "gzfacts").glob("*.tmp"))


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


def test_cache_info_and_clear(base: Path, isolated_env: Path) -> None:
    gzfacts.load(base).close()
    info = json.loads(runner.invoke(app, ["--facts", str(base), "cache", "info", "--json"]).stdout)
    current = [entry for entry in info if entry["in_use"]]
    assert len(current) == 1 and current[0]["facts"] == 5 and current[0]["fact_base"] == str(base.resolve())
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code == 0
    assert "removed 1 file" in result.stderr
    assert list((isolated_env / "gzfacts").iterdir()) == []
    assert json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout) == []


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


def test_cache_prune_removes_only_indexes_of_fact_bases_that_are_gone(tmp_path: Path, isolated_env: Path) -> None:
    kept, gone = tmp_path / "kept", tmp_path / "gone"
    for folder in (kept, gone):
        shutil.copytree(MINI.parent, folder)
        gzfacts.load(folder / "facts.yaml").close()
    shutil.rmtree(gone)
    info = json.loads(runner.invoke(app, ["--facts", str(kept / "facts.yaml"), "cache", "info", "--json"]).stdout)
    assert sorted((e["fact_base_exists"], e["in_use"]) for e in info) == [(False, False), (True, True)]
    assert all(isinstance(e["bytes"], int) for e in info)
    table = runner.invoke(app, ["cache", "info"]).stdout
    assert "fact base gone" in table and re.search(r"\d+\.\d kB", table)
    result = runner.invoke(app, ["cache", "prune"])
    assert result.exit_code == 0
    assert "removed 1 index of fact bases that no longer exist" in result.stderr
    left = json.loads(runner.invoke(app, ["cache", "info", "--json"]).stdout)
    assert [e["fact_base"] for e in left] == [str((kept / "facts.yaml").resolve())]


def test_human_sizes() -> None:
    from gzfacts.output.text import human_size

    assert [human_size(n) for n in (1, 999, 1000, 154_300_000)] == ["1 byte", "999 bytes", "1.0 kB", "154.3 MB"]


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


def split_three(tmp_path: Path) -> Path:
    """The mini base as a.yaml (sources, topics, three facts) and c.yaml (two facts)."""
    facts = directory_base(tmp_path)
    head, _, items = (facts / "a.yaml").read_text(encoding="utf-8").partition("facts:\n")
    blocks = items.split("\n\n")
    (facts / "a.yaml").write_text(head + "facts:\n" + "\n\n".join(blocks[:3]), encoding="utf-8")
    (facts / "c.yaml").write_text("facts:\n" + "\n\n".join(blocks[3:]), encoding="utf-8")
    return facts


EXTRA = (
    'facts:\n  - id: {id}\n    topic: ferries\n    claim: "Fourteen charging points."\n    value: 14\n'
    '    quote: "Last year, the town opened 3 new ferry routes and 14 charging points."\n'
    "    source: harbour-report-2024\n"
)
ORDER = ["ships-handled-2023", "ship-growth-2023", "ferry-routes-2023", "best-ferry", "capacity-2030"]


def test_files_added_between_others_keep_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = split_three(tmp_path)
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
    facts = split_three(tmp_path)
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
