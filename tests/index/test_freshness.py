"""The warm start's quick freshness check: it says "fresh" only when the file-by-file check would.

The quick check compares every recorded stat in one pass and reads the fact base's folders
without a stat per file; anything it is not sure of goes to the file-by-file check. These tests
settle the stamps (as if the index had been built long ago, so nothing is racily clean) and
then change the fact base in each way a user's tools do.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gzfacts.index import freshness
from gzfacts.index.freshness import PACKED_KEYS, all_settled_and_same, connect_read_only, is_fresh, pack_stamps
from tests.conftest import MINI, ROOT
from tests.helpers.settling import restamped, settled_index


@pytest.fixture(params=["packed stats", "stats in rows", "packed stats and folders"])
def settled(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """A directory fact base (one file in a subfolder) with an index whose stamps have settled,
    its stats packed in one row or only in the files table (both are read), or packed with its
    folders' stats (the folders are then read only when one of those changed)."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    (facts / "more").mkdir()
    (facts / "source-000002.yaml").rename(facts / "more" / "source-000002.yaml")
    text = (facts / "more" / "source-000002.yaml").read_text(encoding="utf-8")
    (facts / "more" / "source-000002.yaml").write_text(text.replace('"../sources/', '"../../sources/'), "utf-8")
    packed = request.param != "stats in rows"
    return facts, settled_index(facts, packed=packed, folders=request.param == "packed stats and folders")


def quick(facts: Path, index: Path) -> bool:
    """The quick check's answer (a file that went, an OSError, means "not sure" too)."""
    conn = connect_read_only(index)
    try:
        return all_settled_and_same(conn, facts.resolve())
    except OSError:
        return False
    finally:
        conn.close()


def fresh(facts: Path, index: Path) -> bool:
    conn = connect_read_only(index)
    try:
        return is_fresh(conn, facts.resolve(), [])
    finally:
        conn.close()


def test_an_unchanged_base_is_fresh_by_the_quick_check(settled: tuple[Path, Path]) -> None:
    facts, index = settled
    assert quick(facts, index)
    assert fresh(facts, index)


def test_files_that_are_not_fact_files_do_not_matter(settled: tuple[Path, Path]) -> None:
    facts, index = settled
    (facts / "notes.txt").write_text("not a fact file", encoding="utf-8")
    (facts / ".hidden.yaml").write_text("ignored: true\n", encoding="utf-8")
    (facts / ".git").mkdir()
    (facts / ".git" / "x.yaml").write_text("ignored: true\n", encoding="utf-8")
    assert quick(facts, index)


def _append(path: Path) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n")


def _same_size_edit_mtime_restored(path: Path) -> None:
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reported", "rEported", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _replaced_by_rename(path: Path) -> None:
    copy = path.with_name(path.name + ".new")
    copy.write_bytes(path.read_bytes())
    copy.replace(path)


def _new_fact_file_in(folder: str) -> Callable[[Path], None]:
    def add(facts: Path) -> None:
        (facts / folder).mkdir(parents=True, exist_ok=True)
        (facts / folder / "extra.yaml").write_text("facts: []\n", encoding="utf-8")

    return add


CHANGES: dict[str, Callable[[Path], object]] = {
    "a fact file appended to": lambda facts: _append(facts / "source-000000.yaml"),
    "a fact file in a subfolder appended to": lambda facts: _append(facts / "more" / "source-000002.yaml"),
    "a source text appended to": lambda facts: _append(facts.parent / "sources" / "source-000001.txt"),
    "a same-size edit, mtime restored": lambda facts: _same_size_edit_mtime_restored(facts / "source-000001.yaml"),
    "a fact file removed": lambda facts: (facts / "source-000001.yaml").unlink(),
    "a source text removed": lambda facts: (facts.parent / "sources" / "source-000001.txt").unlink(),
    "a fact file added": _new_fact_file_in("."),
    "a fact file added in a new subfolder": _new_fact_file_in("new/deeper"),
    "a fact file renamed": lambda facts: (facts / "source-000001.yaml").rename(facts / "source-000001.yml"),
    "a fact file moved into a subfolder": lambda facts: (facts / "source-000001.yaml").rename(
        facts / "more" / "source-000001.yaml"
    ),
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_every_change_is_left_to_the_file_by_file_check(settled: tuple[Path, Path], change: str) -> None:
    facts, index = settled
    CHANGES[change](facts)
    assert not quick(facts, index)
    assert not fresh(facts, index)


#: Changes that leave every fact file's content as it was, which the quick check cannot tell.
SAME_CONTENT: dict[str, Callable[[Path], object]] = {
    "a source text replaced by a same copy": lambda facts: _replaced_by_rename(
        facts.parent / "sources" / "source-000000.txt"
    ),
    "a folder named like a fact file": lambda facts: (facts / "folder.yaml").mkdir(),
    "a file touched": lambda facts: os.utime(facts / "source-000000.yaml"),
}


@pytest.mark.parametrize("change", list(SAME_CONTENT), ids=list(SAME_CONTENT))
def test_what_the_quick_check_cannot_tell_is_checked_file_by_file(settled: tuple[Path, Path], change: str) -> None:
    facts, index = settled
    SAME_CONTENT[change](facts)
    assert not quick(facts, index)
    assert fresh(facts, index)


def test_a_racily_clean_stamp_is_left_to_the_file_by_file_check(settled: tuple[Path, Path]) -> None:
    facts, index = settled
    restamped(index, "UPDATE files SET seen_ns = mtime_ns + 1 WHERE path LIKE '%source-000001.txt'")
    conn = sqlite3.connect(index)
    assert not conn.execute(f"SELECT * FROM meta WHERE key IN {PACKED_KEYS}").fetchall()  # not packed
    conn.close()
    assert not quick(facts, index)
    assert fresh(facts, index)  # unchanged: hashed, and the same


def test_a_one_file_fact_base_is_fresh_by_the_quick_check_until_it_changes(tmp_path: Path) -> None:
    shutil.copytree(MINI.parent, tmp_path / "mini")
    facts = tmp_path / "mini" / "facts.yaml"
    index = settled_index(facts)
    assert quick(facts, index)
    (tmp_path / "mini" / "other.yaml").write_text("facts: []\n", encoding="utf-8")  # not part of this base
    assert quick(facts, index)
    _append(facts)
    assert not quick(facts, index)
    assert not fresh(facts, index)


def test_a_touched_file_is_restamped_and_its_stats_packed_again(
    settled: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    facts, index = settled
    os.utime(facts / "source-000000.yaml")
    assert not quick(facts, index)
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # the new stamp counts as settled at once
    conn, status = freshness.open_fresh(index, facts.resolve())
    assert conn is not None
    conn.close()
    assert status == "fresh"
    conn = sqlite3.connect(index)
    assert len(conn.execute(f"SELECT * FROM meta WHERE key IN {PACKED_KEYS}").fetchall()) == len(PACKED_KEYS)
    conn.close()
    assert quick(facts, index)


#: Packed rows not as pack_stamps writes them: the rows of the files table decide, no traceback.
DAMAGED_PACKED = {
    "a count that is not a number": "UPDATE meta SET value = '1:' WHERE key = 'stat_facts'",
    "more fact files than paths": "UPDATE meta SET value = '999999' WHERE key = 'stat_facts'",
    "stats cut short": "UPDATE meta SET value = X'00010203040506' WHERE key = 'stat_values'",
    "paths stored as text": "UPDATE meta SET value = CAST(value AS TEXT) WHERE key = 'stat_paths'",
    "stats stored as text": "UPDATE meta SET value = 'x' WHERE key = 'stat_values'",
}


@pytest.mark.parametrize("damage", list(DAMAGED_PACKED), ids=list(DAMAGED_PACKED))
def test_damaged_packed_stats_fall_back_to_the_rows(tmp_path: Path, damage: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    index = settled_index(facts)
    conn = sqlite3.connect(index)
    with conn:
        conn.execute(DAMAGED_PACKED[damage])
    conn.close()
    assert quick(facts, index)  # from the rows, which are whole
    _append(facts / "source-000000.yaml")
    assert not quick(facts, index)
    assert not fresh(facts, index)


def test_packed_stats_left_behind_by_an_older_gzfacts_are_packed_again(settled: tuple[Path, Path]) -> None:
    """An older gzfacts updates the files table but not the packed stats: the next run finds the
    index fresh file by file, and packs the stats again so that the run after takes one pass."""
    facts, index = settled
    conn = sqlite3.connect(index)
    with conn:
        conn.execute("UPDATE files SET inode = inode + 1")  # stats the packed rows will disagree with
        pack_stamps(conn)
        conn.execute("UPDATE files SET inode = inode - 1")  # the table right again, the pack not
    conn.close()
    assert not quick(facts, index)
    opened, status = freshness.open_fresh(index, facts.resolve())
    assert opened is not None
    opened.close()
    assert status == "fresh"
    assert quick(facts, index)


def _folders_packed(index: Path) -> int:
    conn = sqlite3.connect(index)
    try:
        return len(conn.execute(f"SELECT * FROM meta WHERE key IN {freshness.FOLDER_KEYS}").fetchall())
    finally:
        conn.close()


def _no_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    def listed(*args: object) -> bool:
        raise AssertionError("the folders were read")

    monkeypatch.setattr(freshness, "_same_yaml_files", listed)


def test_unchanged_folders_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the folders' stats packed, an unchanged base is found fresh without reading a folder;
    a fact file added (or a folder) changes its folder's stat, and the folders are read again."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    (facts / "more" / "deeper").mkdir(parents=True)
    index = settled_index(facts, folders=True)
    assert _folders_packed(index) == len(freshness.FOLDER_KEYS)
    with monkeypatch.context() as patch:
        _no_listing(patch)
        assert quick(facts, index)
        (facts / "more" / "deeper" / "extra.yaml").write_text("facts: []\n", encoding="utf-8")
        with pytest.raises(AssertionError, match="the folders were read"):
            quick(facts, index)
    assert not quick(facts, index)
    assert not fresh(facts, index)


def test_recently_changed_folders_are_not_packed(tmp_path: Path) -> None:
    """A folder whose last change is too recent for its stat to tell the next one (racily clean)
    is not packed: the folders are read, as before."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    index = settled_index(facts)  # the folder was written a moment ago
    assert _folders_packed(index) == 0
    assert quick(facts, index)


def test_packed_folders_of_another_count_of_fact_files_are_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folder stats packed beside file stats of another number of fact files (an older gzfacts
    packed the files again, not the folders) are not used: the folders are read."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    index = settled_index(facts, folders=True)
    conn = sqlite3.connect(index)
    with conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'folder_facts'")
    conn.close()
    assert quick(facts, index)  # from the folders, read
    _no_listing(monkeypatch)
    with pytest.raises(AssertionError, match="the folders were read"):
        quick(facts, index)


#: Packed folder rows not as pack_stamps writes them: the folders are read, no traceback.
DAMAGED_FOLDERS = {
    "a count that is not a number": "UPDATE meta SET value = 'x' WHERE key = 'folder_facts'",
    "stats cut short": "UPDATE meta SET value = X'0001020304' WHERE key = 'folder_values'",
    "paths stored as text": "UPDATE meta SET value = CAST(value AS TEXT) WHERE key = 'folder_paths'",
    "a folder that is not there": "UPDATE meta SET value = CAST('/nonexistent' AS BLOB) WHERE key = 'folder_paths'",
}


@pytest.mark.parametrize("damage", list(DAMAGED_FOLDERS), ids=list(DAMAGED_FOLDERS))
def test_damaged_folder_stats_mean_reading_the_folders(tmp_path: Path, damage: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    index = settled_index(facts, folders=True)
    conn = sqlite3.connect(index)
    with conn:
        conn.execute(DAMAGED_FOLDERS[damage])
    conn.close()
    assert quick(facts, index)  # from the folders, read
    assert fresh(facts, index)
    _new_fact_file_in(".")(facts)
    assert not quick(facts, index)
    assert not fresh(facts, index)
