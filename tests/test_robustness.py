"""Hostile input, broken fact files and failing environments end in clear errors, never a traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gzfacts.cli import app
from gzfacts.errors import FactBaseUnreadable
from gzfacts.loader import read_fact_base
from gzfacts.output import printable, to_json
from gzfacts.quotes import fold, locate
from gzfacts.validate import check

from .conftest import MINI, ROOT

runner = CliRunner()
LOCATED = re.compile(r":\d+:\d+: ")
GZFACTS = Path(sys.executable).parent / "gzfacts"


def no_traceback(result: Any) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr


# --- any query ----------------------------------------------------------------------------------

QUERY_TEXT = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=8),
        st.sampled_from(
            ["[", "]", "[/]", "[red]", "\x1b[31m", "\u200f", "\u202e", "\x00", "\x9b", "%", '"', "-", "ships"]
        ),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERY_TEXT)
def test_any_unicode_query_exits_0_1_or_2(query: str) -> None:
    result = runner.invoke(app, ["--facts", str(MINI), "search", "--", query])
    no_traceback(result)
    assert result.exit_code in (0, 1, 2)
    assert "\x1b" not in result.stderr  # an escape in the query is shown, never sent


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_huge_queries(size: int) -> None:
    cjk = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(size // 10))  # no repeated pairs
    for query in ("ships " * (size // 6), "x" * size, "[red]" * (size // 5), "港口" * (size // 2), cjk):
        result = runner.invoke(app, ["--facts", str(MINI), "search", "--json", "--", query])
        no_traceback(result)
        assert result.exit_code in (0, 1)


@settings(max_examples=100, deadline=None)
@given(query=QUERY_TEXT)
def test_show_and_list_take_any_id_or_filter(query: str) -> None:
    for args in (["show", "--", query], ["list", "--topic", query], ["list", "--period", query], ["cite", "--", query]):
        result = runner.invoke(app, ["--facts", str(MINI), *args])
        no_traceback(result)
        assert result.exit_code in (0, 1, 2)


# --- mutated fact files -------------------------------------------------------------------------


def _mutate(data: bytes, kind: str, where: int, amount: int) -> bytes:
    lines = data.split(b"\n")
    at = where % max(len(lines), 1)
    if kind == "drop":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "indent":
        lines[at] = b" " * (amount % 7) + lines[at].lstrip()
    elif kind == "truncate":
        return data[: where % max(len(data), 1)]
    elif kind == "flip" and data:
        position = where % max(len(data), 1)
        flipped = bytearray(data)
        flipped[position] ^= 1 << (amount % 8)
        return bytes(flipped)
    return b"\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# A fact without a topic in a base that declares none (its check crashed: `NULL NOT IN ()` is true).
@example(mutations=[("duplicate", 30, 0), ("drop", 2, 0)])
@given(
    mutations=st.lists(
        st.tuples(
            st.sampled_from(["drop", "duplicate", "indent", "truncate", "flip"]),
            st.integers(min_value=0, max_value=10_000),
            st.integers(min_value=0, max_value=100),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_a_mutated_fact_file_loads_or_gives_a_located_error(
    tmp_path_factory: pytest.TempPathFactory, mutations: list[tuple[str, int, int]]
) -> None:
    work = tmp_path_factory.mktemp("mutant")
    shutil.copytree(MINI.parent / "sources", work / "sources")
    data = MINI.read_bytes()
    for kind, where, amount in mutations:
        data = _mutate(data, kind, where, amount)
    path = work / "facts.yaml"
    path.write_bytes(data)
    try:
        problems = check(read_fact_base(path))
    except FactBaseUnreadable as exc:
        assert str(path) in str(exc)
        assert LOCATED.search(str(exc)) or "the file is empty" in str(exc), str(exc)
        return
    for problem in problems:
        assert problem.where.startswith(str(path)), problem
        assert LOCATED.search(str(problem)), problem


# --- broken fact files, through the command line ------------------------------------------------

BROKEN: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "facts.yaml:1:1: F003 the file is empty"),
    "list at the top": (b"- 1\n- 2\n", "facts.yaml:1:1: F003 the top level is a list, not a mapping"),
    "scalar at the top": (b"42\n", "facts.yaml:1:1: F003 the top level is a single value, not a mapping"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", "facts.yaml:3:1: F001 binary data (a NUL byte)"),
    "not UTF-8": (b"facts:\n  - id: caf\xe9\n", "facts.yaml:2:12: F001 not valid UTF-8 (byte 0xe9)"),
    "tabs": (b"facts:\n\t- id: x\n", "facts.yaml:2:1: F002 a tab is used for indentation"),
    "syntax": (b"facts: [a, b\n", "facts.yaml:2:1: F002 YAML syntax error"),
    "two documents": (b"facts: []\n---\nfacts: []\n", "facts.yaml:2:1: F003 the file holds more than one YAML"),
    "deep nesting": (b"facts: " + b"[" * 5000 + b"]" * 5000 + b"\n", "facts.yaml:1:"),
    "deep block nesting": (
        b"facts:\n" + b"".join(b"  " * i + b"- \n" for i in range(200)),
        "nested more than 64 levels deep",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_unreadable_fact_files_exit_2_with_location(tmp_path: Path, case: str) -> None:
    data, expected = BROKEN[case]
    path = tmp_path / "facts.yaml"
    path.write_bytes(data)
    for args in (["validate", str(path)], ["--facts", str(path), "list"]):
        result = runner.invoke(app, args)
        no_traceback(result)
        assert result.exit_code == 2, (case, result.stderr)
        assert expected in result.stderr, result.stderr
        assert "nest" in result.stderr or case != "deep nesting"


SCHEMA_BREAKS = {
    "python tag": ("value: 1250", "value: !!python/object/apply:os.system ['touch {marker}']", "the tag"),
    "custom tag": ('unit: "ships"', "unit: !shout ships", "the tag '!shout' is not allowed"),
    "anchor and alias": ('aliases: ["vessels", "traffic"]', "aliases: &a [x]\n    qualifier: *a", "anchors and"),
    "duplicate key": ('unit: "ships"', 'unit: "ships"\n    unit: "boats"', "duplicate key `unit`"),
    "wrong type": ('unit: "ships"', "unit: [1, 2]", "`unit` must be a single value, not a list"),
    "unknown topic": ('topic: shipping\n    claim: "The', 'topic: cargo\n    claim: "The', "unknown topic `cargo`"),
    "unknown source": (
        'source: harbour-report-2024\n    aliases: ["v',
        'source: elsewhere\n    aliases: ["v',
        "unknown source",
    ),
    "id not a slug": ("id: ships-handled-2023", "id: Ships Handled", "is not a kebab-case slug"),
    "control character": ('unit: "ships"', 'unit: "ships\\x1b[31m"', "control character U+001B"),
    "bidi override": ('unit: "ships"', 'unit: "ships\\u202e"', "control character U+202E"),
}


@pytest.mark.parametrize("case", list(SCHEMA_BREAKS))
def test_schema_breaks_are_located_and_nothing_runs(tmp_path: Path, case: str) -> None:
    old, new, expected = SCHEMA_BREAKS[case]
    marker = tmp_path / "ran"
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "facts.yaml"
    path.write_text(text.replace(old, new.format(marker=marker), 1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    no_traceback(result)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert expected in result.stdout
    assert LOCATED.search(result.stdout)
    listing = runner.invoke(app, ["--facts", str(path), "list"])
    assert listing.exit_code == 2 and expected in listing.stderr
    assert not marker.exists()


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    laughs = ['a0: &a0 ["lol"]'] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path = tmp_path / "facts.yaml"
    path.write_text("\n".join(laughs) + "\nfacts: *a9\n", encoding="utf-8")
    start = time.perf_counter()
    result = runner.invoke(app, ["validate", str(path)])
    assert time.perf_counter() - start < 10  # a generous bound: expansion would take hours
    assert result.exit_code == 1
    assert "anchors and aliases" in result.stdout


def test_size_cap_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GZFACTS_MAX_BYTES", "1000")
    result = runner.invoke(app, ["validate", str(MINI)])
    assert result.exit_code == 2
    assert "bytes, over the 1,000-byte cap" in result.stderr
    assert "raise GZFACTS_MAX_BYTES" in result.stderr


def test_default_size_cap_admits_the_100k_benchmark_base() -> None:
    from gzfacts.loader import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES >= 50 * 1024 * 1024


@pytest.mark.parametrize("target", ["missing", "directory without yaml", "fifo"])
def test_paths_that_are_not_fact_files(tmp_path: Path, target: str) -> None:
    path = tmp_path / "x"
    if target == "directory without yaml":
        path.mkdir()
    elif target == "fifo":
        os.mkfifo(path)
    result = runner.invoke(app, ["--facts", str(path), "list"])
    no_traceback(result)
    assert result.exit_code == 2
    assert str(path) in result.stderr


# --- terminal safety and JSON -------------------------------------------------------------------


def test_escape_sequences_in_queries_never_reach_the_terminal() -> None:
    result = runner.invoke(app, ["--facts", str(MINI), "search", "\x1b[31mships\x07"])
    no_traceback(result)
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    missing = runner.invoke(app, ["--facts", str(MINI), "show", "\x1b]0;pwned\x07"])
    assert missing.exit_code == 1
    assert "\\x1b]0;pwned\\x07" in missing.stderr


def test_printable_shows_controls() -> None:
    assert printable("a\x1b[2Jb\x9bc\u202ed\te\nf") == "a\\x1b[2Jb\\x9bc\\u202ed\te\nf"


def test_json_output_escapes_controls() -> None:
    text = to_json({"q": "a\x1bb\x9bc\u2028"})
    assert "\x1b" not in text and "\x9b" not in text and "\u2028" not in text
    assert json.loads(text) == {"q": "a\x1bb\x9bc\u2028"}


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab c\n\t\u2019'\"\u201c\u201d.x")), min_size=1, max_size=80),
    data=st.data(),
)
def test_quotes_are_found_whatever_their_whitespace_and_quote_marks(text: str, data: Any) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    quote = text[start:end].strip()
    if not quote:
        return
    span = locate(text, quote.replace("\u2019", "'").replace(" ", "  "))
    assert span is not None
    assert fold(text[span[0] : span[1]]) == fold(quote)


# --- failing environments, through the installed command ---------------------------------------

needs_entry_point = pytest.mark.skipif(not GZFACTS.exists(), reason="the gzfacts script is not installed beside Python")


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    for name, value in env.items():
        if value == "":
            environment.pop(name, None)
    return subprocess.run([str(GZFACTS), *args], env=environment, capture_output=True, text=True, timeout=120)


@needs_entry_point
def test_home_unset() -> None:
    result = run(["show", "digital-economy", "--json"], HOME="", XDG_CACHE_HOME="")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "digital-economy"


@needs_entry_point
def test_c_locale_still_prints_unicode() -> None:
    result = run(["show", "big-data-expo-2019-countries"], LANG="C", LC_ALL="C")
    assert result.returncode == 0, result.stderr
    assert "This year’s expo" in result.stdout


@needs_entry_point
def test_a_terminal_20_columns_wide() -> None:
    ansi = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")
    for args in (["search", "telemedicine"], ["show", "digital-economy"], ["topics"], ["list"]):
        result = run(args, COLUMNS="20", FORCE_COLOR="1", TERM="xterm")  # drawn as for a terminal
        assert result.returncode == 0, result.stderr
        drawn = ansi.sub("", result.stdout)
        assert "…" not in drawn
        assert all(len(line) <= 20 for line in drawn.splitlines()), drawn
        flat = "".join(drawn.split())
        expected = json.loads(run([*args, "--json"]).stdout)
        facts = expected["facts"] if isinstance(expected, dict) else expected
        for record in facts:
            assert record["id"] in flat
            assert "".join(str(record.get("claim", record.get("title", ""))).split()) in flat


@needs_entry_point
def test_stdout_closed_early_ends_quietly(tmp_path: Path) -> None:
    shell = f"'{GZFACTS}' list --format jsonl | head -c 1 > /dev/null; echo ${{PIPESTATUS[0]}}"
    for _ in range(3):
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
        assert result.stderr == ""
        assert result.stdout.strip() in ("0", "141")
    proc = subprocess.Popen([str(GZFACTS), "list", "--format", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.close()  # before it writes anything
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err
    assert err == b""


@needs_entry_point
@pytest.mark.parametrize("closed", [">&-", ">&- 2>&-"], ids=["stdout", "stdout and stderr"])
def test_started_with_stdout_closed(closed: str) -> None:
    """`gzfacts … >&-`: nothing to write to, so nothing is written; the exit code is the command's."""
    for args, code in (("show digital-economy-gdp-share-2018 --json", 0), ("show no-such-fact", 1)):
        shell = f"exec 3>&1; '{GZFACTS}' {args} {closed}; echo $? >&3"
        result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
        assert "Traceback" not in result.stderr
        assert result.stdout.strip() == str(code)


@needs_entry_point
def test_a_fact_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """The index keeps paths as text: a name in another encoding is refused in one line, by
    `show` and `validate` alike, not a UnicodeEncodeError traceback."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    try:
        os.rename(facts / "source-000001.yaml", os.fsencode(facts) + b"/caf\xe9.yaml")
    except OSError:
        pytest.skip("this file system takes UTF-8 names only")
    for args in (["show", "fact-000001-000", "--json"], ["validate"]):
        command = [str(GZFACTS), "--facts", str(facts), *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "caf\\xe9.yaml" in result.stderr
        assert "the file's path is not valid UTF-8" in result.stderr


#: Runs the command with a progress hook that sends SIGINT to the process while the index is
#: being written (at its "indexing" report), after noting how many temporary files exist.
INTERRUPT_WHILE_INDEXING = """
import multiprocessing, os, signal, sys
from pathlib import Path
import gzfacts.factbase as factbase

real_load = factbase.load
fired = []

def load(path=None, *, cache=True, progress=None, **options):
    def hook(stage, done, total):
        if stage == os.environ.get("INTERRUPT_AT", "indexing") and done >= int(os.environ.get("INTERRUPT_AFTER", "0")):
            if fired:
                return
            fired.append(stage)
            temporary = list((Path(os.environ["XDG_CACHE_HOME"]) / "gzfacts").glob("*.tmp"))
            sys.stderr.write(f"temporary files while indexing: {len(temporary)}\\n")
            workers = [str(p.pid) for p in multiprocessing.active_children()]
            sys.stderr.write(f"workers: {' '.join(workers)}\\n")
            sys.stderr.flush()
            # INTERRUPT_TARGET=worker: one of the build's workers is killed, not this process.
            target = int(workers[0]) if os.environ.get("INTERRUPT_TARGET") == "worker" else os.getpid()
            os.kill(target, getattr(signal, os.environ.get("INTERRUPT_WITH", "SIGINT")))
    return real_load(path, cache=cache, progress=hook, **options)

factbase.load = load
if __name__ == "__main__":  # not in the worker processes, which import this as their parent's main
    from gzfacts.cli import main
    sys.argv[0] = "gzfacts"
    main()
"""


def _still_running(pid: int) -> bool:
    """Whether a process runs (a zombie, ended but not yet reaped by its new parent, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _workers(stderr: str) -> list[int]:
    [line] = [line for line in stderr.splitlines() if line.startswith("workers:")]
    return [int(pid) for pid in line.split()[1:]]


def _killed_while_reading(tmp_path: Path, **more: str) -> tuple[Path, dict[str, str]]:
    """A directory base of several files, and the environment that has INTERRUPT_WHILE_INDEXING
    send SIGKILL while the files are being read."""
    from tests.helpers.bases import fact_a_file_base

    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "INTERRUPT_AT": "reading",
        "INTERRUPT_AFTER": "4",
        "INTERRUPT_WITH": "SIGKILL",
        **more,
    }
    return fact_a_file_base(tmp_path, empty_files=20), env


def test_a_parallel_build_whose_worker_is_killed_still_answers(tmp_path: Path) -> None:
    """A worker killed mid-build (the OOM killer, a stray kill): no traceback, a note, the base
    built again in one process, the right answer, and no temporary file left behind."""
    facts, env = _killed_while_reading(tmp_path, INTERRUPT_TARGET="worker")
    command = [sys.executable, "-c", INTERRUPT_WHILE_INDEXING, "--facts", str(facts), "--jobs", "2", "list", "--json"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "gzfacts: note: a worker process of the build ended abruptly" in result.stderr
    assert "built again in one process" in result.stderr
    assert len(json.loads(result.stdout)) == 5
    assert [p.suffix for p in (tmp_path / "cache" / "gzfacts").iterdir()] == [".sqlite3"]
    again = subprocess.run(
        [str(GZFACTS), "--facts", str(facts), "list", "--json"], env=env, capture_output=True, text=True, timeout=120
    )
    assert (again.returncode, again.stderr, again.stdout) == (0, "", result.stdout)


def test_sigint_exits_130_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [sys.executable, "-c", INTERRUPT_WHILE_INDEXING, "--facts", str(MINI), "list"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert "temporary files while indexing: 1" in result.stderr  # interrupted mid-write
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert "gzfacts: error: interrupted" in result.stderr
    assert result.stdout == ""
    assert list((tmp_path / "cache" / "gzfacts").iterdir()) == []  # no temporary file, no half index


def test_sigint_during_a_parallel_build_leaves_nothing_behind(tmp_path: Path) -> None:
    """Interrupted while worker processes parse: exit 130, no traceback from any process, no file left."""
    from tests.helpers.bases import fact_a_file_base

    facts = fact_a_file_base(tmp_path, empty_files=20)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "INTERRUPT_AT": "reading", "INTERRUPT_AFTER": "4"}
    command = [sys.executable, "-c", INTERRUPT_WHILE_INDEXING, "--facts", str(facts), "--jobs", "2", "list"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert "temporary files while indexing: 1" in result.stderr  # interrupted mid-write
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert "gzfacts: error: interrupted" in result.stderr
    assert list((tmp_path / "cache" / "gzfacts").iterdir()) == []
    workers = _workers(result.stderr)
    assert len(workers) == 2
    assert not any(_still_running(pid) for pid in workers)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_a_parallel_build_whose_writer_is_killed_leaves_no_worker_and_no_index(tmp_path: Path) -> None:
    """SIGKILL (or the OOM killer) of the writer mid-build: its workers end too, no index is left
    that a later run could take for whole (the temporary file is swept later: test_trust 8), and
    the next run builds and serves the base."""
    facts, env = _killed_while_reading(tmp_path)
    command = [sys.executable, "-c", INTERRUPT_WHILE_INDEXING, "--facts", str(facts), "--jobs", "2", "list"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == -9, result.stderr
    workers = _workers(result.stderr)
    assert len(workers) == 2
    deadline = time.monotonic() + 30
    while any(_still_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_still_running(pid) for pid in workers)
    assert [p.suffix for p in (tmp_path / "cache" / "gzfacts").iterdir()] == [".tmp"]  # never renamed into place
    again = subprocess.run(
        [str(GZFACTS), "--facts", str(facts), "list", "--json"], env=env, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert len(json.loads(again.stdout)) == 5
    shutil.rmtree(tmp_path / "cache")  # the killed build's temporary file: other tests look for strays
