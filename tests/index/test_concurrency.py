"""A shared cache and concurrent runs (issue 22): files renamed or deleted during a run, indexes
replaced or cleared under a reader, stray journals and empty files in the cache, interrupted and
terminated builds, a cache that cannot be cleared; and the harness of readers, an editor and
`cache clear` at once (tests/helpers/concurrency.py), bounded; another gzfacts renaming its
index into place at the worst moment (tests/helpers/race_driver.py).

Each race is staged deterministically, by a progress hook or a wrapped function that acts at a
known point of the run (HOOKED), never by sleeping.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import gzfacts
from gzfacts.cli import app
from gzfacts.index import cache, freshness
from tests.helpers.bases import split_base
from tests.helpers.commands import run, the_index
from tests.helpers.concurrency import Harness

runner = CliRunner()

#: Runs the command's main() with a progress hook doing HOOK_STEPS (JSON: a list of objects with
#: "stage", "at" (the `finished` count reported with it) and "do": "move" FROM TO, "write" PATH
#: TEXT or "signal" NAME), each once; HOOK_INTERRUPT_TMP=1 sends SIGINT as soon as a temporary
#: index file has been created (between its creation and anything that could remove it).
HOOKED = """
import json, os, signal, sys
from pathlib import Path
import gzfacts.factbase as factbase

steps = json.loads(os.environ.get("HOOK_STEPS", "[]"))
real_load = factbase.load

def load(path=None, *, cache=True, progress=None, **options):
    def hook(stage, finished, total):
        for step in steps:
            if step.get("stage") == stage and step.get("at", finished) == finished:
                action, args = step["do"], step.get("args", [])
                step.clear()
                if action == "move":
                    os.replace(args[0], args[1])
                elif action == "write":
                    Path(args[0]).write_text(args[1], encoding="utf-8")
                elif action == "signal":
                    os.kill(os.getpid(), getattr(signal, args[0]))
    return real_load(path, cache=cache, progress=hook, **options)

factbase.load = load
if os.environ.get("HOOK_INTERRUPT_TMP"):
    real_open = os.open
    def interrupted_open(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if str(path).endswith(".tmp") and flags & os.O_CREAT:
            os.open = real_open
            signal.raise_signal(signal.SIGINT)
        return fd
    os.open = interrupted_open
from gzfacts.cli import main
sys.argv[0] = "gzfacts"
main()
"""


def run_hooked(*args: str, steps: list[dict[str, Any]] | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """The command's main() with the HOOKED progress hook doing `steps`."""
    command = [sys.executable, "-c", HOOKED, *args]
    env = {**os.environ, "HOOK_STEPS": json.dumps(steps or []), **env}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def ids(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    return [fact["id"] for fact in json.loads(result.stdout)]


A_IDS = ["ships-handled-2023", "ship-growth-2023", "ferry-routes-2023"]
B_IDS = ["best-ferry", "capacity-2030"]


# --- item 4: a file renamed or deleted during a run ------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_that_goes_between_listing_and_reading_is_left_out_with_a_note(tmp_path: Path, jobs: str) -> None:
    facts = split_base(tmp_path, empty_files=8)
    b, away = facts / "b.yaml", tmp_path / "b.yaml.away"
    # Listed, then renamed away before it is read (by this process or a worker).
    moved = run_hooked(
        "--facts", str(facts), "--jobs", jobs, "list", "--json",
        steps=[{"stage": "reading", "at": 0, "do": "move", "args": [str(b), str(away)]}],
    )  # fmt: skip
    assert "Traceback" not in moved.stderr
    assert ids(moved) == A_IDS  # what is there: never "F001 not a regular file"
    assert moved.stderr == (
        f"gzfacts: note: {b} went while gzfacts read the fact base (renamed or deleted): left out of this answer\n"
    )
    assert ids(run("--facts", str(facts), "list", "--json")) == A_IDS  # still gone: the index stands
    os.replace(away, b)
    assert ids(run("--facts", str(facts), "list", "--json")) == A_IDS + B_IDS  # back: the next run reads it


def test_a_file_moved_out_and_back_during_a_build_is_left_out_of_that_answer_only(tmp_path: Path) -> None:
    facts = split_base(tmp_path)
    b, away = facts / "b.yaml", tmp_path / "b.yaml.away"
    moved = run_hooked(
        "--facts", str(facts), "list", "--json",
        steps=[
            {"stage": "reading", "at": 0, "do": "move", "args": [str(b), str(away)]},
            {"stage": "checking", "do": "move", "args": [str(away), str(b)]},
        ],
    )  # fmt: skip
    assert ids(moved) == A_IDS  # the fact base as it was while b.yaml was away, said so
    assert moved.stderr == (
        f"gzfacts: note: {b} went while gzfacts read the fact base (renamed or deleted): left out of this "
        "answer; it is back, and the next run reads it\n"
    )
    later = run("--facts", str(facts), "list", "--json")
    assert ids(later) == A_IDS + B_IDS and later.stderr == ""


def test_a_changed_file_that_goes_before_an_update_reads_it_is_left_out(tmp_path: Path) -> None:
    facts = split_base(tmp_path)
    assert ids(run("--facts", str(facts), "list", "--json")) == A_IDS + B_IDS
    b, away = facts / "b.yaml", tmp_path / "b.yaml.away"
    b.write_text(b.read_text(encoding="utf-8").replace('claim: "The mayor', 'claim: "Our mayor'), encoding="utf-8")
    updated = run_hooked(
        "--facts", str(facts), "list", "--json",
        steps=[{"stage": "reading changed files of", "do": "move", "args": [str(b), str(away)]}],
    )  # fmt: skip
    assert ids(updated) == A_IDS
    assert "left out of this answer" in updated.stderr and "was damaged" not in updated.stderr
    os.replace(away, b)
    again = run("--facts", str(facts), "list", "--json")
    assert ids(again) == A_IDS + B_IDS
    assert any(fact["claim"].startswith("Our mayor") for fact in json.loads(again.stdout))


def test_a_file_that_keeps_going_after_it_is_read_is_kept_at_the_last_try(tmp_path: Path) -> None:
    from gzfacts.index import _changed_since

    facts = split_base(tmp_path)
    with gzfacts.load(facts) as fb:
        conn = fb._conn
        b = facts / "b.yaml"
        os.replace(b, tmp_path / "b.yaml.away")  # read, and gone since
        assert _changed_since(conn, facts, []) == (str(b), [])  # read the changes (an update) first
        assert _changed_since(conn, facts, [], keep_gone=True) == ("", [str(b)])  # the last try: answer
        os.replace(tmp_path / "b.yaml.away", b)
        a = facts / "a.yaml"
        a.write_text(a.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a change is never kept
        assert _changed_since(conn, facts, [], keep_gone=True) == (str(a), [])


def test_problems_of_a_file_an_editor_was_writing_are_not_the_fact_base_s(tmp_path: Path) -> None:
    """A file read half-edited (here: a quote broken) and then saved whole before the build ends:
    the build reads it again instead of calling the fact base broken."""
    facts = split_base(tmp_path)
    b = facts / "b.yaml"
    good = b.read_text(encoding="utf-8")
    half = good.replace("We will double capacity", "We will triple capacity")
    result = run_hooked(
        "--facts", str(facts), "list", "--json",
        steps=[
            {"stage": "reading", "at": 0, "do": "write", "args": [str(b), half]},
            {"stage": "checking", "do": "write", "args": [str(b), good]},
        ],
    )  # fmt: skip
    assert ids(result) == A_IDS + B_IDS, result.stderr
    assert result.stderr == ""
    b.write_text(half, encoding="utf-8")  # saved broken: that is the fact base's problem
    broken = run("--facts", str(facts), "list", "--json")
    assert broken.returncode == 2 and "not verbatim" in broken.stderr


def test_a_file_found_missing_though_it_is_there_unchanged_was_moved_out_and_back(tmp_path: Path) -> None:
    from gzfacts.errors import Problem
    from gzfacts.index.prepare import Went, went_meanwhile

    file = tmp_path / "a.yaml"
    file.write_text("facts:\n", encoding="utf-8")
    before = file.stat()
    # Out and back within a tick of the file system's clock: the same stat, yet "not a regular file".
    assert went_meanwhile(file, before, Problem(str(file), "not a regular file")) == Went(str(file), False)
    # The file's own problem, unchanged: reported as it is.
    assert went_meanwhile(file, before, Problem(f"{file}:1:1", "binary data (a NUL byte)")) is None
    file.unlink()
    assert went_meanwhile(file, before, Problem(str(file), "not a regular file")) == Went(str(file), True)


# --- item 5: "damaged" only when the index is damaged --------------------------------------------


def test_a_stray_journal_beside_the_index_is_removed_not_a_rebuild_for_ever(tmp_path: Path, isolated_env: Path) -> None:
    facts = split_base(tmp_path)
    assert ids(run("--facts", str(facts), "list", "--json")) == A_IDS + B_IDS
    index = the_index(isolated_env)
    inode = index.stat().st_ino
    journal = Path(f"{index}-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))  # SQLite would call it hot
    for _ in range(2):
        result = run("--facts", str(facts), "list", "--json")
        assert ids(result) == A_IDS + B_IDS
        assert result.stderr == ""  # not "the index … was damaged: rebuilt"
        assert not journal.exists() and index.stat().st_ino == inode  # removed, never rolled back
        journal.write_bytes(b"\x01" * 512)


def test_a_journal_that_is_a_link_is_removed_never_followed(tmp_path: Path, isolated_env: Path) -> None:
    facts = split_base(tmp_path)
    assert run("--facts", str(facts), "list", "--json").returncode == 0
    index = the_index(isolated_env)
    target = tmp_path / "precious"
    target.write_bytes(b"\x01" * 512)
    journal = Path(f"{index}-journal")
    journal.symlink_to(target)
    result = run("--facts", str(facts), "list", "--json")
    assert ids(result) == A_IDS + B_IDS and result.stderr == ""
    assert not os.path.lexists(journal)
    assert target.read_bytes() == b"\x01" * 512  # what the link named is untouched


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_journal_of_another_user_is_not_gzfacts_s_to_remove(tmp_path: Path) -> None:
    index = tmp_path / "0123456789abcdef-42.sqlite3"
    journal = Path(f"{index}-journal")
    journal.write_bytes(b"\x01" * 512)
    os.chown(journal, 65534, 65534)
    assert cache.remove_stray_journal(index) is False
    assert journal.read_bytes() == b"\x01" * 512
    os.chown(journal, os.geteuid(), os.getegid())
    assert cache.remove_stray_journal(index) is True
    assert not journal.exists()


def test_a_journal_gzfacts_may_not_remove_means_an_index_in_memory_not_damage(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(SQLite run by root makes a journal it reads root's: the case of another user's journal
    is staged by refusing the removal.)"""
    facts = split_base(tmp_path)
    gzfacts.load(facts).close()
    index = the_index(isolated_env)
    journal = Path(f"{index}-journal")
    journal.write_bytes(b"\x01" * 512)
    monkeypatch.setattr(freshness, "remove_stray_journal", lambda db_path: False)
    with gzfacts.load(facts) as fb:
        assert [f.id for f in fb.facts()] == A_IDS + B_IDS
        assert fb.index_file is None
        assert fb.notes == [
            f"{journal} is not gzfacts's to remove, and SQLite will not read the index beside it: "
            "the index was built in memory"
        ]
    assert journal.read_bytes() == b"\x01" * 512


def test_an_empty_index_file_is_no_damage(tmp_path: Path, isolated_env: Path) -> None:
    facts = split_base(tmp_path)
    assert run("--facts", str(facts), "list", "--json").returncode == 0
    the_index(isolated_env).write_bytes(b"")
    result = run("--facts", str(facts), "list", "--json")
    assert ids(result) == A_IDS + B_IDS
    assert result.stderr == ""  # built, silently: there was no index
    assert the_index(isolated_env).stat().st_size > 0


def test_restamping_never_makes_a_file_or_a_journal(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one write made to an index in place (new stamps of touched files) neither creates an
    empty file where `cache clear` just removed the index, nor a journal beside it."""
    facts = split_base(tmp_path)
    with gzfacts.load(facts) as fb:
        index = fb.index_file
    assert index is not None
    conn = sqlite3.connect(index)
    touched = list(freshness.recorded_stamps(conn).values())
    conn.close()
    journals = []
    real_pack = freshness.pack_stamps

    def packing(conn: sqlite3.Connection) -> None:
        journals.append(os.path.exists(f"{index}-journal"))  # inside the write's transaction
        real_pack(conn)

    monkeypatch.setattr(freshness, "pack_stamps", packing)
    freshness.restamp(index, touched)
    assert journals == [False]
    index.unlink()  # `cache clear`
    freshness.restamp(index, touched)
    assert not index.exists()


def padded_copy(index: Path, to: Path) -> Path:
    """A copy of the index, as fresh, in a file of another size (another gzfacts's index)."""
    shutil.copyfile(index, to)
    conn = sqlite3.connect(to)
    with conn:
        conn.execute("CREATE TABLE padding(x)")
        conn.execute("INSERT INTO padding VALUES (zeroblob(100000))")
    conn.close()
    return to


def test_an_index_renamed_into_place_as_it_is_opened_is_no_damage(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = split_base(tmp_path)
    with gzfacts.load(facts) as fb:
        index = fb.index_file
    assert index is not None
    other = padded_copy(index, tmp_path / "other.sqlite3")
    real = freshness.connect_read_only

    def then_replaced(db_path: Path) -> sqlite3.Connection:
        conn = real(db_path)
        monkeypatch.setattr(freshness, "connect_read_only", real)
        os.replace(other, db_path)  # another gzfacts's index, renamed in once this one is open
        return conn

    monkeypatch.setattr(freshness, "connect_read_only", then_replaced)
    with gzfacts.load(facts) as fb:
        assert [f.id for f in fb.facts()] == A_IDS + B_IDS
        assert fb.notes == []  # not "the index … was damaged: rebuilt"


def test_an_index_cleared_as_it_is_opened_is_no_damage(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = split_base(tmp_path)
    gzfacts.load(facts).close()
    real = freshness.connect_read_only

    def cleared_first(db_path: Path) -> sqlite3.Connection:
        monkeypatch.setattr(freshness, "connect_read_only", real)
        db_path.unlink()  # `cache clear` between the lstat and the open
        return real(db_path)

    monkeypatch.setattr(freshness, "connect_read_only", cleared_first)
    with gzfacts.load(facts) as fb:
        assert len(fb) == 5
        assert fb.notes == []


def test_a_read_refused_for_a_journal_is_no_damage(tmp_path: Path, isolated_env: Path) -> None:
    """A journal that appears beside the index mid-command: removed and read again, not rebuilt."""
    facts = split_base(tmp_path)
    with gzfacts.load(facts) as fb:
        assert fb.index_file is not None
        Path(f"{fb.index_file}-journal").write_bytes(b"\x01" * 512)
        assert [f.id for f in fb.facts()] == A_IDS + B_IDS
        assert fb.notes == []


# --- item 10: leftovers of interrupted and terminated builds ---------------------------------------


def test_an_interrupt_right_after_the_temporary_index_is_made_leaves_none(tmp_path: Path, isolated_env: Path) -> None:
    facts = split_base(tmp_path)
    assert run("--facts", str(facts), "list", "--json").returncode == 0
    b = facts / "b.yaml"
    b.write_text(b.read_text(encoding="utf-8").replace('claim: "The mayor', 'claim: "Our mayor'), encoding="utf-8")
    for args in (["list"], ["--no-pager", "show", "best-ferry"]):  # an update, then (cleared) a build
        interrupted = run_hooked("--facts", str(facts), *args, HOOK_INTERRUPT_TMP="1")
        assert interrupted.returncode == 130, interrupted.stderr
        assert "interrupted" in interrupted.stderr and "Traceback" not in interrupted.stderr
        assert list((isolated_env / "gzfacts").glob("*.tmp")) == []
        assert run("cache", "clear").returncode == 0


def test_sigterm_in_a_parallel_build_stops_its_workers_cleanly(tmp_path: Path, isolated_env: Path) -> None:
    facts = split_base(tmp_path, empty_files=8)
    result = run_hooked(
        "--facts", str(facts), "--jobs", "2", "list", "--json",
        steps=[{"stage": "reading", "at": 3, "do": "signal", "args": ["SIGTERM"]}],
    )  # fmt: skip
    assert result.returncode == 143, result.stderr
    assert "resource_tracker" not in result.stderr and "leaked" not in result.stderr
    assert "Traceback" not in result.stderr
    assert list((isolated_env / "gzfacts").glob("*.tmp")) == []


def make_leftover(folder: Path, *, seconds_ago: float) -> Path:
    """A temporary file named as a build names its own, nobody holding it, last written then."""
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / "0123456789abcdef-42.abcd_123.tmp"
    left.write_bytes(b"\0" * 4096)
    when = time.time() - seconds_ago
    os.utime(left, (when, when))
    return left


@pytest.mark.parametrize("sweeper", [["list", "--json"], ["cache", "clear"], ["cache", "prune"]])
def test_temporary_files_of_dead_processes_are_swept_soon(
    tmp_path: Path, isolated_env: Path, sweeper: list[str]
) -> None:
    facts = split_base(tmp_path)
    (isolated_env / "gzfacts").mkdir(mode=0o700)
    left = make_leftover(isolated_env / "gzfacts", seconds_ago=60)  # past ABANDONED_AFTER_S, well within an hour
    result = run("--facts", str(facts), *sweeper)
    assert result.returncode == 0, result.stderr
    assert not left.exists()  # swept: nobody holds it (an hour is no longer needed to tell)


def test_a_running_build_s_temporary_file_is_never_swept(tmp_path: Path, isolated_env: Path) -> None:
    folder = isolated_env / "gzfacts"
    folder.mkdir(mode=0o700)
    left = make_leftover(folder, seconds_ago=60)  # past ABANDONED_AFTER_S, well within an hour
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()", str(left)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert run("cache", "clear").returncode == 0
        assert left.exists()  # its process holds it: a build under way
    finally:
        holder.communicate("", timeout=30)
    assert run("cache", "clear").returncode == 0
    assert not left.exists()


# --- item 11b: a cache that cannot be cleared --------------------------------------------------------


def test_cache_clear_says_what_it_could_not_remove(
    tmp_path: Path, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = split_base(tmp_path)
    gzfacts.load(facts).close()
    index = the_index(isolated_env)
    real_unlink = os.unlink

    def read_only(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path).startswith(str(isolated_env / "gzfacts")):
            raise PermissionError(13, "Permission denied", str(path))
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", read_only)
    for command in (["cache", "clear"], ["cache", "prune"]):
        if command[1] == "prune":
            shutil.rmtree(facts)  # its index is now one to prune
        result = runner.invoke(app, command)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("gzfacts: error: could not remove 1 file ")
        assert f"{index.name} (Permission denied)" in result.stderr
        assert index.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only directory")
def test_cache_clear_on_a_read_only_cache_exits_2(tmp_path: Path, isolated_env: Path) -> None:
    facts = split_base(tmp_path)
    assert run("--facts", str(facts), "list").returncode == 0
    folder = isolated_env / "gzfacts"
    folder.chmod(0o500)
    try:
        result = run("cache", "clear")
    finally:
        folder.chmod(0o700)
    assert result.returncode == 2
    assert "could not remove 1 file" in result.stderr and "Permission denied" in result.stderr


# --- the harness: readers, an editor and `cache clear` at once ---------------------------------------


def test_readers_an_editor_and_cache_clear_at_once(tmp_path: Path) -> None:
    """Bounded (13 s, 8 readers, a seeded editor): every run answers, with one of the states the
    fact base was in while it ran, and no run says the index was damaged (nothing damages it)."""
    harness = Harness(tmp_path, seed=22)
    figures = harness.run(seconds=13, readers=8, max_runs=600)
    report = figures.summary() + "".join(f"\n---\n{sample}" for sample in figures.samples)
    assert figures.runs > 0 and sum(figures.edits.values()) > 0, report
    assert figures.failed == [], report
    assert figures.false_rebuilds == 0, report
    assert figures.wrong_answers == 0 and figures.stale_answers == 0, report
    assert list((tmp_path / "xdg" / "gzfacts").glob("*.tmp")) == [], report


# --- another gzfacts renaming its index into place at the worst moment ------------------------------

#: Stages each race with hooks, in its own process (tests/helpers/race_driver.py says which).
RACE_DRIVER = Path(__file__).parents[1] / "helpers" / "race_driver.py"


@pytest.mark.parametrize("mode", ["update", "reopen"])
def test_an_index_renamed_in_at_the_worst_moment_never_serves_what_the_base_does_not_say(
    tmp_path: Path, mode: str
) -> None:
    done = subprocess.run(
        [sys.executable, str(RACE_DRIVER), mode, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "PROGRAMME 1-0" in result["file"]
    assert result["served"] == result["file"]
    assert result["later"] == result["file"]
