"""The index never serves a wrong fact: races with editors, tampering, damage, other users' files.

Each test runs the installed command the way a user's tools would meet the case (issue 13).
Races are made deterministic by a progress hook that edits or deletes a file at a known point
of the build (`HOOKED`), never by sleeping.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers.bases import split_base
from tests.helpers.commands import run, the_index

#: Runs the command with a progress hook that, the first time the build reports HOOK_STAGE,
#: replaces HOOK_OLD by HOOK_NEW in HOOK_FILE (or deletes the file when HOOK_OLD is unset):
#: an editor, `git checkout` or `rsync` at work while the index is built. HOOK_KILL=1 sends
#: SIGKILL instead (a killed build).
HOOKED = """
import os, signal, sys
from pathlib import Path
import gzfacts.factbase as factbase

real_load = factbase.load
done = []

def load(path=None, *, cache=True, progress=None, **options):
    def hook(stage, finished, total):
        if stage != os.environ["HOOK_STAGE"] or done:
            return
        done.append(stage)
        if os.environ.get("HOOK_KILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        target = Path(os.environ["HOOK_FILE"])
        if "HOOK_OLD" not in os.environ:
            target.unlink()
            return
        text = target.read_text(encoding="utf-8")
        assert os.environ["HOOK_OLD"] in text
        target.write_text(text.replace(os.environ["HOOK_OLD"], os.environ["HOOK_NEW"]), encoding="utf-8")
    return real_load(path, cache=cache, progress=hook, **options)

factbase.load = load
from gzfacts.cli import main
sys.argv[0] = "gzfacts"
main()
"""


def run_hooked(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command's main() with the HOOKED progress hook; `env` sets HOOK_STAGE, HOOK_FILE..."""
    command = [sys.executable, "-c", HOOKED, *args]
    return subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


def claim(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["claim"])


# --- 1. an edit made while the index is built --------------------------------------------------


def test_1_a_fact_file_edited_during_the_build_is_never_recorded_as_read(base: Path) -> None:
    hooked = run_hooked(
        "--facts", str(base), "show", "capacity-2030", "--json",
        HOOK_STAGE="checking", HOOK_FILE=str(base), HOOK_OLD="The harbour master plans", HOOK_NEW="Jo Park plans",
    )  # fmt: skip
    assert "Traceback" not in hooked.stderr
    # The build saw the file change under it and read it again: what it serves is what is on disk.
    assert claim(hooked).startswith("Jo Park plans")
    assert claim(run("--facts", str(base), "show", "capacity-2030", "--json")).startswith("Jo Park plans")


def test_1_a_source_text_edited_during_the_build_is_caught(base: Path) -> None:
    text = base.parent / "sources" / "harbour-2024.txt"
    hooked = run_hooked(
        "--facts", str(base), "show", "ships-handled-2023", "--json",
        HOOK_STAGE="checking", HOOK_FILE=str(text), HOOK_OLD="1,250 ships", HOOK_NEW="1,350 ships",
    )  # fmt: skip
    assert "Traceback" not in hooked.stderr
    later = run("--facts", str(base), "show", "ships-handled-2023", "--json")
    # The quote is no longer in the source: never served, on this run or any later one.
    for result in (hooked, later):
        assert result.returncode == 2, result.stdout
        assert "the quote is not verbatim in the source text" in result.stderr
        assert result.stdout == ""


# --- 2. a source pointed at another text that is already indexed -------------------------------


def test_2_a_source_pointed_at_another_indexed_text_gets_that_text(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "200", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    assert run("--facts", str(facts), "show", "fact-000000-000", "--json").returncode == 0
    declaring = facts / "source-000000.yaml"
    declaring.write_text(
        declaring.read_text(encoding="utf-8").replace("source-000000.txt", "source-000001.txt"), encoding="utf-8"
    )
    shown = run("--facts", str(facts), "show", "fact-000000-000", "--json")
    assert shown.returncode == 2, shown.stdout  # its quote is not in source-000001.txt
    assert "fact-000000-000" in shown.stderr and "not verbatim" in shown.stderr
    assert run("validate", str(facts)).returncode == 1


# --- 3. a same-size edit with its mtime put back -----------------------------------------------


def test_3_a_same_size_edit_with_the_mtime_restored_is_seen(base: Path) -> None:
    assert claim(run("--facts", str(base), "show", "ships-handled-2023", "--json")).startswith("The harbour handled")
    before = base.stat()
    text = base.read_text(encoding="utf-8").replace('claim: "The harbour handled', 'claim: "The harbour managed')
    base.write_text(text, encoding="utf-8")
    os.utime(base, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r, cp -p, rsync -t, tar x
    assert base.stat().st_size == before.st_size and base.stat().st_mtime_ns == before.st_mtime_ns
    assert claim(run("--facts", str(base), "show", "ships-handled-2023", "--json")).startswith("The harbour managed")


def test_3_ctime_and_inode_are_in_the_cheap_check(tmp_path: Path) -> None:
    from gzfacts.files import make_stamp
    from gzfacts.index.freshness import recheck

    file = tmp_path / "f.yaml"
    file.write_text("value: 26.9\n", encoding="utf-8")
    info = file.stat()
    # A stamp taken long after the file was written: not racily clean, trusted on its stat alone.
    settled = make_stamp(file, "facts", info, "0" * 64, time.time_ns() + 10**10)
    assert recheck(settled) is settled
    file.write_text("value: 29.6\n", encoding="utf-8")
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert recheck(settled) is None  # the ctime moved: hashed, and the hash differs


# --- 4. an index that was tampered with, or is not this user's ---------------------------------


def show_value(base: Path) -> subprocess.CompletedProcess[str]:
    return run("--facts", str(base), "show", "ships-handled-2023", "--json")


def tamper(index: Path) -> None:
    """Edit the index as someone with sqlite3 would: every fact's value made 99.9."""
    conn = sqlite3.connect(index)
    with conn:
        conn.execute("UPDATE facts SET value = 99.9")
    conn.close()


def test_4_an_edited_row_is_never_served(base: Path, isolated_env: Path) -> None:
    assert json.loads(show_value(base).stdout)["value"] == 1250
    index = the_index(isolated_env)
    commands = (
        ["show", "ships-handled-2023", "--json"],
        ["cite", "ships-handled-2023"],
        ["check", "The harbour handled 1,250 ships in 2023.", "--json"],
    )
    for command in commands:
        tamper(index)
        result = run("--facts", str(base), *command)
        assert result.returncode == 0, result.stderr
        assert "99.9" not in result.stdout and "1,250" in result.stdout
        assert f"gzfacts: note: the index {index} was damaged: rebuilt\n" in result.stderr
        assert result.stderr.count("gzfacts: note:") == 1
    assert json.loads(show_value(base).stdout)["value"] == 1250


def test_4_bytes_flipped_in_place_are_never_served(base: Path, isolated_env: Path) -> None:
    assert show_value(base).returncode == 0
    index = the_index(isolated_env)
    data = index.read_bytes()
    assert b"1,250" in data
    index.write_bytes(data.replace(b"1,250", b"1,850"))
    result = show_value(base)
    assert result.returncode == 0
    assert "1,850" not in result.stdout and "1,250 ships" in result.stdout
    assert result.stderr == f"gzfacts: note: the index {index} was damaged: rebuilt\n"
    assert show_value(base).stderr == ""  # said once: the new index is whole


def edit_text_blocks(index: Path, old: str, new: str) -> None:
    """Edit the source text the index keeps (compressed blocks) as someone with sqlite3 and zlib
    would: each block holding `old` decompressed, edited and compressed again."""
    from gzfacts.index.rows import text_blocks

    conn = sqlite3.connect(index)
    with conn:
        for sid, n, data in conn.execute("SELECT sid, n, data FROM blocks").fetchall():
            text = zlib.decompress(data, -zlib.MAX_WBITS).decode("utf-8")
            if old in text:
                [block] = text_blocks(text.replace(old, new))
                conn.execute("UPDATE blocks SET data = ? WHERE sid = ? AND n = ?", (block, sid, n))
    conn.close()


@pytest.mark.parametrize(
    "command",
    [["list", "--json"], ["search", "ships", "--json"], ["show", "ships-handled-2023", "--json"]],
    ids=["list", "search", "show"],
)
def test_4_an_edited_source_text_is_never_served_as_a_quote(base: Path, isolated_env: Path, command: list[str]) -> None:
    assert "1,250" in run("--facts", str(base), *command).stdout
    index = the_index(isolated_env)
    conn = sqlite3.connect(index)
    # The quote is not stored in the fact's row: it is read from the source text's blocks.
    assert conn.execute("SELECT quote FROM facts WHERE id = 'ships-handled-2023'").fetchone() == (None,)
    conn.close()
    edit_text_blocks(index, "1,250 ships", "1,850 ships")
    result = run("--facts", str(base), *command)
    assert result.returncode == 0, result.stderr
    assert "1,850" not in result.stdout and "1,250 ships in 2023, up" in result.stdout
    assert result.stderr == f"gzfacts: note: the index {index} was damaged: rebuilt\n"


def test_4_a_source_text_edited_outside_every_quote_is_never_served(base: Path, isolated_env: Path) -> None:
    # The whole text is checked against its digest whenever it is read (show's context, cite...).
    text = (base.parent / "sources" / "harbour-2024.txt").read_text(encoding="utf-8")
    assert "Harbour town" in text
    assert run("--facts", str(base), "show", "ships-handled-2023", "--json").returncode == 0
    index = the_index(isolated_env)
    edit_text_blocks(index, "Harbour town", "Harbour city")
    result = run("--facts", str(base), "show", "ships-handled-2023", "--context", "9", "--json")
    assert result.returncode == 0, result.stderr
    assert "Harbour city" not in result.stdout
    assert result.stderr == f"gzfacts: note: the index {index} was damaged: rebuilt\n"


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE blocks SET data = zeroblob(40)",  # not DEFLATE data at all
        "UPDATE origins SET path = path || '.moved'",  # every record said to come from elsewhere
        "DELETE FROM blocks WHERE n = 0",  # a quote's text gone
    ],
    ids=["undecodable-text", "file-renamed", "text-gone"],
)
def test_4_damaged_texts_and_file_names_mean_a_rebuild(base: Path, isolated_env: Path, edit: str) -> None:
    assert show_value(base).returncode == 0
    index = the_index(isolated_env)
    conn = sqlite3.connect(index)
    with conn:
        conn.execute(edit)
    conn.close()
    result = run("--facts", str(base), "list", "--json")
    assert result.returncode == 0, result.stderr
    from gzfacts.loader import read_fact_base

    assert [f["quote"] for f in json.loads(result.stdout)] == [f.quote for f in read_fact_base(base).facts]
    assert result.stderr == f"gzfacts: note: the index {index} was damaged: rebuilt\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_4_an_index_owned_by_another_user_is_replaced(base: Path, isolated_env: Path) -> None:
    assert show_value(base).returncode == 0
    index = the_index(isolated_env)
    tamper(index)
    os.chown(index, 65534, 65534)
    result = show_value(base)
    assert json.loads(result.stdout)["value"] == 1250
    assert "was not written by this user's gzfacts: rebuilt" in result.stderr
    assert index.stat().st_uid == os.geteuid()


def test_4_a_cache_folder_others_can_write_is_not_used(base: Path, isolated_env: Path) -> None:
    assert show_value(base).returncode == 0
    tamper(the_index(isolated_env))
    (isolated_env / "gzfacts").chmod(0o777)
    result = show_value(base)
    assert json.loads(result.stdout)["value"] == 1250
    assert f"the cache folder {isolated_env / 'gzfacts'} is writable by every user: not used" in result.stderr


# --- 5. a damaged index of unchanged size -----------------------------------------------------


@pytest.mark.parametrize(("table", "command"), [("facts", "show"), ("fts_data", "search")])
def test_5_a_damaged_page_means_a_rebuild_not_a_traceback(
    base: Path, isolated_env: Path, table: str, command: str
) -> None:
    args = ["show", "ships-handled-2023"] if command == "show" else ["search", "ships handled"]
    assert run("--facts", str(base), *args, "--json").returncode == 0
    index = the_index(isolated_env)
    conn = sqlite3.connect(index)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    size = index.stat().st_size
    with index.open("r+b") as handle:  # the table's root page overwritten: same size, malformed
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d\xff" * (page_size // 2))
    assert index.stat().st_size == size
    result = run("--facts", str(base), *args, "--json")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "ships-handled-2023" in result.stdout
    assert result.stderr == f"gzfacts: note: the index {index} was damaged: rebuilt\n"
    assert run("--facts", str(base), *args, "--json").stderr == ""


# --- 6. files that vanish during a build; dangling links in the cache -------------------------


def test_6_a_file_removed_during_the_build_means_a_clean_retry(tmp_path: Path) -> None:
    facts = split_base(tmp_path)
    result = run_hooked("--facts", str(facts), "list", "--json", HOOK_STAGE="checking", HOOK_FILE=str(facts / "b.yaml"))
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert [f["id"] for f in json.loads(result.stdout)] == [
        "ships-handled-2023",
        "ship-growth-2023",
        "ferry-routes-2023",
    ]


def test_6_dangling_links_in_the_cache_survive_cache_info(base: Path, isolated_env: Path) -> None:
    assert show_value(base).returncode == 0
    folder = isolated_env / "gzfacts"
    index = the_index(isolated_env)
    (folder / "x.sqlite3").symlink_to(folder / "nowhere.sqlite3")
    (folder / "0123456789abcdef-12.sqlite3").symlink_to(folder / "nowhere.sqlite3")
    result = run("--facts", str(base), "cache", "info", "--json")
    assert result.returncode == 0, result.stderr
    kinds = {Path(str(e["index"])).name: e["kind"] for e in json.loads(result.stdout)}
    assert kinds == {index.name: "index", "0123456789abcdef-12.sqlite3": "link"}


# --- 7. cache clear removes only what gzfacts wrote -------------------------------------------


def test_7_cache_clear_leaves_other_programs_files_alone(base: Path, isolated_env: Path) -> None:
    assert show_value(base).returncode == 0
    folder = isolated_env / "gzfacts"
    others = [folder / "app.sqlite3", folder / "download.tmp", folder / "notes.sqlite3.x.tmp"]
    for other in others:
        other.write_text("not gzfacts's", encoding="utf-8")
    result = run("cache", "clear")
    assert result.returncode == 0
    assert "removed 1 file" in result.stderr
    assert sorted(folder.iterdir()) == sorted(others)


# --- 8. temporary files of killed builds ------------------------------------------------------


def test_8_temporary_files_of_killed_builds_are_listed_and_swept(base: Path, isolated_env: Path) -> None:
    killed = run_hooked("--facts", str(base), "list", HOOK_STAGE="indexing", HOOK_KILL="1")
    assert killed.returncode == -9
    folder = isolated_env / "gzfacts"
    [left] = folder.glob("*.tmp")
    info = json.loads(run("cache", "info", "--json").stdout)
    assert [(Path(str(e["index"])), e["kind"]) for e in info] == [(left, "temporary")]  # could be a running build
    hours_ago = time.time() - 2 * 3600
    os.utime(left, (hours_ago, hours_ago))
    info = json.loads(run("cache", "info", "--json").stdout)
    assert [(Path(str(e["index"])), e["kind"]) for e in info] == [(left, "stale temporary")]
    assert run("--facts", str(base), "list").returncode == 0  # a build sweeps what killed builds left
    assert [p.suffix for p in folder.iterdir()] == [".sqlite3"]


def test_8_cache_clear_removes_stale_temporary_files(base: Path, isolated_env: Path) -> None:
    assert show_value(base).returncode == 0
    stale = the_index(isolated_env).with_suffix(".abcd_123.tmp")
    stale.write_bytes(b"\0" * 1000)
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    assert "removed 2 files" in run("cache", "clear").stderr
    assert list((isolated_env / "gzfacts").iterdir()) == []


# --- 9. one fact base, one index, however it is named -----------------------------------------


def test_9_relative_absolute_and_linked_paths_share_one_index(base: Path, tmp_path: Path, isolated_env: Path) -> None:
    (tmp_path / "link").symlink_to(base.parent)
    names = [
        (str(base), None),
        ("facts.yaml", base.parent),
        (str(tmp_path / "link" / "facts.yaml"), None),
        ("mini/facts.yaml", tmp_path),
    ]
    assert claim(run("--facts", str(base), "show", "capacity-2030", "--json"))
    index = the_index(isolated_env)
    inode = index.stat().st_ino
    for name, cwd in names:
        assert claim(run("--facts", name, "show", "capacity-2030", "--json", cwd=cwd))
        assert the_index(isolated_env).stat().st_ino == inode, name  # reused, never rebuilt


def test_1_a_file_edited_during_a_parallel_build_is_never_recorded_as_read(tmp_path: Path) -> None:
    facts = split_base(tmp_path)
    for n in range(8):  # files enough for the build to share out among its workers
        (facts / f"z-{n}.yaml").write_text("facts:\n", encoding="utf-8")
    hooked = run_hooked(
        "--facts", str(facts), "show", "best-ferry", "--json", "--jobs", "2",
        HOOK_STAGE="checking", HOOK_FILE=str(facts / "b.yaml"),
        HOOK_OLD='claim: "The mayor called', HOOK_NEW='claim: "Our mayor called',
    )  # fmt: skip
    assert "Traceback" not in hooked.stderr
    # The workers' stamps are of the bytes they parsed: the change is seen and the base read again.
    assert claim(hooked).startswith("Our mayor called")
    assert claim(run("--facts", str(facts), "show", "best-ferry", "--json")).startswith("Our mayor called")
