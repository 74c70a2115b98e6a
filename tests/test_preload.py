"""The freshness check begun in a second process at start-up (`gzfacts.preload`): it is used
for the index it checked and only for that one, and anything else leaves the check to the command.

Each case runs in its own Python process (`DRIVER`), as the `gzfacts` command does: the preload
forks, which a test process with pytest's threads and warnings-as-errors should not do.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .settling import settled_index

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the preload needs fork()")

#: Starts the preload for ARGS, optionally does STEP once the child has answered (a Python
#: statement, given `index`), then opens the base FACTS as a command does and says whether the
#: parent ran the one-pass check itself, what it served, and whether a child is left.
DRIVER = """
import json, os, sys, time
from pathlib import Path
from gzfacts import preload
from gzfacts.index import freshness

args, facts, step, index = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
preload.begin(args)
started = bool(preload._pending)
if step:
    time.sleep(0.5)  # the child has long answered (a 300-fact base takes milliseconds)
    exec(step)
calls = []
check = freshness.all_settled_and_same
freshness.all_settled_and_same = lambda *a: calls.append(1) or check(*a)
import gzfacts
with gzfacts.load(facts) as fb:
    claim = fb.fact("fact-000001-000").claim
print(json.dumps({"started": started, "checked_in_parent": len(calls), "claim": claim, "left": len(preload._pending)}))
"""


@pytest.fixture()
def base(tmp_path: Path) -> tuple[Path, Path]:
    """A directory fact base with an index whose stamps have settled, and the index's path."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    return facts, settled_index(facts)


def drive(args: list[str], facts: Path, index: Path, step: str = "", **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(args), str(facts), step, str(index)],
        capture_output=True,
        text=True,
        env={**os.environ, "GZFACTS_PRELOAD": "1", **env},  # whatever the machine's load
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def claim_in_file(facts: Path) -> str:
    """fact-000001-000's claim as its YAML file says it."""
    lines = (facts / "source-000001.yaml").read_text(encoding="utf-8").splitlines()
    at = lines.index("  - id: fact-000001-000")
    return next(str(json.loads(line.split(": ", 1)[1])) for line in lines[at:] if line.startswith("    claim: "))


def edit_claim_keeping_size_and_mtime(facts: Path) -> str:
    """Upper-case "programme" in fact-000001-000's claim, put the file's mtime back; the new claim."""
    path = facts / "source-000001.yaml"
    before = path.stat()
    claim = claim_in_file(facts)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(claim, claim.replace("programme", "PROGRAMME")), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    return claim.replace("programme", "PROGRAMME")


def test_the_answer_is_used_for_the_index_it_checked(base: tuple[Path, Path]) -> None:
    facts, index = base
    result = drive(["--facts", str(facts), "show", "fact-000001-000"], facts, index)
    assert result == {"started": True, "checked_in_parent": 0, "claim": claim_in_file(facts), "left": 0}


def test_a_changed_base_gets_no_answer_and_the_command_sees_the_change(base: tuple[Path, Path]) -> None:
    facts, index = base
    claim = edit_claim_keeping_size_and_mtime(facts)
    result = drive(["show", "fact-000001-000", "--facts", str(facts)], facts, index)
    assert result["started"] is True
    assert int(str(result["checked_in_parent"])) >= 1  # before the update, and the updated index after it
    assert (result["claim"], result["left"]) == (claim, 0)


REPLACE = """
import shutil
shutil.copy2(index, index.with_suffix(".copy"))
os.replace(index.with_suffix(".copy"), index)
"""


def test_an_index_replaced_after_the_check_is_checked_again(base: tuple[Path, Path]) -> None:
    facts, index = base
    result = drive(["--facts", str(facts), "show", "fact-000001-000"], facts, index, REPLACE)
    assert result["checked_in_parent"] == 1  # another file (inode) than the one the child checked


def test_the_base_named_in_the_environment(base: tuple[Path, Path]) -> None:
    facts, index = base
    result = drive(["show", "fact-000001-000"], facts, index, GZFACTS_FACTS=str(facts))
    assert result["started"] is True
    assert result["checked_in_parent"] == 0


def test_an_answer_for_another_base_is_not_used(base: tuple[Path, Path], tmp_path: Path) -> None:
    facts, index = base
    other = tmp_path / "other"
    shutil.copytree(facts.parent, other)
    settled_index(other / "facts")  # fresh too: the child answers "fresh", for the other index
    args = ["show", "fact-000001-000", "--facts", str(facts)]
    assert drive(args, facts, index)["checked_in_parent"] == 0
    # --facts wins over GZFACTS_FACTS, in the command line and in the preload alike
    assert drive(args, facts, index, GZFACTS_FACTS=str(other / "facts"))["checked_in_parent"] == 0
    assert drive(args, other / "facts", index)["checked_in_parent"] == 1


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--facts", "{facts}", "validate"], {}),  # does not read the index
        (["--facts", "{facts}", "show", "--help"], {}),
        (["--facts", "{facts}/source-000000.yaml", "show", "x"], {}),  # a one-file base
        (["show", "x"], {}),  # the shipped base
        (["--facts", "{facts}", "show", "x"], {"GZFACTS_PRELOAD": "0"}),
    ],
    ids=["validate", "help", "one file", "shipped base", "turned off"],
)
def test_no_child_when_there_is_nothing_to_gain(
    base: tuple[Path, Path], args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    facts, _ = base
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    from gzfacts import preload

    # As on an idle machine (else the load alone would stop it, and this test could not fail).
    monkeypatch.setattr(preload, "_core_to_spare", lambda: True)
    monkeypatch.setattr(preload, "_pending", [])
    preload.begin([arg.format(facts=facts) for arg in args])
    assert preload._pending == []


def test_the_command_serves_an_edit_with_its_mtime_put_back(
    base: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end, through the installed `gzfacts` script (which begins the preload)."""
    facts, _ = base
    script = Path(sys.executable).parent / "gzfacts"
    command = [str(script), "--facts", str(facts), "show", "fact-000001-000", "--json"]
    monkeypatch.setenv("GZFACTS_PRELOAD", "1")  # whatever the machine's load
    first = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert first["claim"] == claim_in_file(facts)
    claim = edit_claim_keeping_size_and_mtime(facts)
    second = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert second["claim"] == claim


@pytest.mark.parametrize(
    ("cores", "load", "spare"),
    [({0, 1}, 0.4, True), ({0, 1}, 1.5, False), ({0}, 0.0, False), (set(range(8)), 6.0, True), ({0, 1}, None, False)],
    ids=["2 cores, idle", "2 cores, busy", "1 core", "8 cores, 6 busy", "no load average"],
)
def test_a_child_only_when_a_core_is_free(
    cores: set[int], load: float | None, spare: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gzfacts import preload

    def getloadavg() -> tuple[float, float, float]:
        if load is None:
            raise OSError("no load average")
        return (load, load, load)

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores, raising=False)
    monkeypatch.setattr(os, "getloadavg", getloadavg)
    assert preload._core_to_spare() is spare


def test_no_child_on_a_busy_machine_unless_asked(base: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from gzfacts import preload

    facts, index = base
    monkeypatch.setattr(preload, "_core_to_spare", lambda: False)
    preload.begin(["--facts", str(facts), "show", "x"])
    assert preload._pending == []
    # GZFACTS_PRELOAD=1 starts it whatever the load (in its own process: it forks)
    assert drive(["--facts", str(facts), "show", "fact-000001-000"], facts, index)["started"] is True


def test_no_child_left_while_the_index_is_built(tmp_path: Path) -> None:
    """No index yet: the child's answer is not waited for, and it is reaped before the build."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), "300", str(tmp_path), "--split"], check=True)
    facts = tmp_path / "facts"
    result = drive(["--facts", str(facts), "show", "fact-000001-000"], facts, tmp_path / "no-index-yet")
    assert (result["started"], result["left"], result["claim"]) == (True, 0, claim_in_file(facts))


THREADED = """
import sys, threading
from gzfacts import preload
stop = threading.Event()
threading.Thread(target=stop.wait).start()
preload.begin(sys.argv[1:])
print(len(preload._pending))
stop.set()
"""


def test_no_child_when_a_thread_runs(base: tuple[Path, Path]) -> None:
    """fork() copies one thread of a threaded process (a sitecustomize may start one): no preload."""
    facts, _ = base
    env = {**os.environ, "GZFACTS_PRELOAD": "1"}
    args = ["--facts", str(facts), "show", "x"]
    done = subprocess.run([sys.executable, "-c", THREADED, *args], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "0"
