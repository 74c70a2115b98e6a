"""Races with another gzfacts renaming an index into place, at the worst moments (run by
tests/index/test_concurrency.py in its own process: it patches the library). Prints what was
served, what a later clean run serves and what the file says, as JSON.

    python tests/helpers/race_driver.py MODE WORK_DIR

MODE: `update` (the index an update read its stamps from is not the one it copies), `reopen` (a
stale index is renamed in after an update, before the command opens the result).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

mode, work = sys.argv[1], Path(sys.argv[2])
os.environ["XDG_CACHE_HOME"] = str(work / "xdg")
root = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(root))  # the repository, for tests.helpers.settling
synth = [sys.executable, str(root / "benchmarks" / "synth.py"), "300", str(work), "--split"]
subprocess.run(synth, check=True, stdout=subprocess.DEVNULL)
facts, fact_id = work / "facts", "fact-000001-000"
yaml = facts / "source-000001.yaml"

import gzfacts  # noqa: E402
from gzfacts.index import freshness, update  # noqa: E402
from tests.helpers.settling import settled_index  # noqa: E402


def claim_in_file() -> str:
    lines = yaml.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"  - id: {fact_id}")
    return str(next(json.loads(line.split(": ", 1)[1]) for line in lines[at:] if line.startswith("    claim: ")))


index = settled_index(facts)
shutil.copy(index, work / "stale.sqlite3")  # the index of the content before the edit
yaml.write_text(yaml.read_text(encoding="utf-8").replace("programme 1-0", "PROGRAMME 1-0"), encoding="utf-8")
index = settled_index(facts)
shutil.copy(index, work / "fresh.sqlite3")
copyfile = shutil.copyfile


def install(name: str) -> None:
    """What another gzfacts's build or update does: a finished index renamed into place."""
    copyfile(work / name, work / "incoming.tmp")
    os.replace(work / "incoming.tmp", index)


connect = freshness.connect_read_only
if mode == "update":
    install("stale.sqlite3")

    def fresh_when_stamps_read(db_path: Path) -> sqlite3.Connection:
        install("fresh.sqlite3")
        update.connect_read_only = connect  # type: ignore[attr-defined]
        return connect(db_path)

    def stale_when_copied(source: Path, target: Path) -> object:
        shutil.copyfile = copyfile
        install("stale.sqlite3")
        return copyfile(source, target)

    update.connect_read_only = fresh_when_stamps_read  # type: ignore[attr-defined]
    shutil.copyfile = stale_when_copied  # type: ignore[assignment]
elif mode == "reopen":
    install("stale.sqlite3")
    update_directory = update.update_directory

    def then_stale_renamed_in(*args: object, **kwargs: object) -> object:
        result = update_directory(*args, **kwargs)  # type: ignore[arg-type]
        install("stale.sqlite3")
        return result

    update.update_directory = then_stale_renamed_in  # type: ignore[assignment]

with gzfacts.load(facts) as fb:
    served = fb.fact(fact_id).claim
script = Path(sys.executable).parent / "gzfacts"
later = subprocess.run([str(script), "--facts", str(facts), "show", fact_id, "--json"], capture_output=True, text=True)
print(json.dumps({"served": served, "later": json.loads(later.stdout)["claim"], "file": claim_in_file()}))
