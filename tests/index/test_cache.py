"""The cache of indexes: an index built once and reused, rebuilt when its base changes or it is
damaged, in memory when the cache cannot be used; `cache info`, `clear` and `prune`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gzfacts
from gzfacts.cli import app
from tests.conftest import MINI

runner = CliRunner()


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
