"""Readers, an editor and `cache clear` at work on one fact base and one cache at once.

Shared by tests/index/test_concurrency.py (a bounded run) and benchmarks/concurrency.py (a longer one
that prints figures). It imports nothing relative, so that the benchmark, run as a script, can
import it too.

The fact base is a directory made by benchmarks/synth.py (`--split`: a topics file and one file
per source). While `readers` threads each run `gzfacts --facts BASE list --json` again and again,
an editor, driven by a seeded random generator, does what people and their tools do:

- *rewrite*: file Y's first claim is swapped between two wordings, written to a temporary file
  and renamed over Y (as editors and `git checkout` do);
- *move out and back*: file X is renamed out of the fact base and, a step later, back in;
- *restore*: file Z is written again with the same bytes and its mtime put back (`cp -p`,
  `rsync -t`): only its ctime and inode tell, and a run that hashes it records its new stamp;
- *clear*: `gzfacts cache clear`.

So the fact base is only ever in one of four states (X in or out, Y's claim one wording or the
other), and every answer must be one of the four answers `list --json` gives for them, computed
before the run. A run fails if it exits with any code but 0, says the index "was damaged" (nothing
damages it here: every such note is a needless rebuild) or writes a traceback.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

#: The first claims of Y's two wordings.
WORDINGS = ("The ", "Our ")


@dataclass
class Figures:
    """What a run of the harness saw."""

    runs: int = 0
    #: Runs that exited with another code than 0, with their exit code and last stderr line.
    failed: list[str] = field(default_factory=list)
    #: Runs that said the index was damaged: a rebuild nothing called for.
    false_rebuilds: int = 0
    #: Runs whose answer is none of the four states' answers.
    wrong_answers: int = 0
    #: Runs whose answer is a state the fact base was not in at any moment of the run.
    stale_answers: int = 0
    #: How many runs gave each state's answer (keys: "X in/out, wording 0/1").
    answers: Counter[str] = field(default_factory=Counter)
    #: Other notes on stderr ("left out", ...), by their text without paths.
    notes: Counter[str] = field(default_factory=Counter)
    edits: Counter[str] = field(default_factory=Counter)
    clears: int = 0
    #: The first few stderr outputs of runs that failed or rebuilt, for a report.
    samples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.runs} runs in {self.seconds:.0f} s, {len(self.failed)} failed, {self.false_rebuilds} false "
            f"rebuilds, {self.wrong_answers} wrong answers, {self.stale_answers} stale answers, "
            f"{len(self.answers)} distinct answers "
            f"({dict(sorted(self.answers.items()))}); edits {dict(sorted(self.edits.items()))}, "
            f"{self.clears} cache clears; notes {dict(self.notes)}"
        )


def gzfacts_command() -> list[str]:
    script = Path(sys.executable).parent / "gzfacts"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gzfacts"]


class Harness:
    """A fact base in `work`, its cache, and the four answers it can give."""

    def __init__(self, work: Path, *, facts: int = 800, seed: int = 22) -> None:
        root = Path(__file__).resolve().parents[2]
        sys.path.insert(0, str(root / "benchmarks"))
        from synth import generate

        self.work = work
        self.base = generate(facts, work, split=True)
        self.outside = work / "moved-out"
        self.outside.mkdir()
        self.env = {**os.environ, "XDG_CACHE_HOME": str(work / "xdg")}
        self.rng = random.Random(seed)
        files = sorted(p for p in self.base.glob("source-*.yaml"))
        if len(files) < 4:
            raise ValueError("the harness needs a base of at least 4 source files (400 facts)")
        self.moved, self.reworded, self.restored = files[0], files[1], files[2]
        text = self.reworded.read_text(encoding="utf-8")
        at = text.index('claim: "') + len('claim: "')
        if text[at : at + 4] != WORDINGS[0]:
            raise ValueError("the reworded file's first claim does not start with 'The '")
        self.texts = (text, text[:at] + WORDINGS[1] + text[at + 4 :])
        self.expected: dict[str, str] = {}
        for moved_out in (False, True):
            for wording in (0, 1):
                self._set(moved_out, wording)
                self.expected[self._run(["list", "--json"]).stdout] = (
                    f"X {'out' if moved_out else 'in'}, wording {wording}"
                )
        self._set(False, 0)
        if len(self.expected) != 4:
            raise AssertionError("the four states should give four answers")

    def _set(self, moved_out: bool, wording: int) -> None:
        if moved_out == self.moved.exists():
            if moved_out:
                self.moved.rename(self.outside / self.moved.name)
            else:
                (self.outside / self.moved.name).rename(self.moved)
        self._replace(self.reworded, self.texts[wording])

    @staticmethod
    def _replace(path: Path, text: str) -> None:
        """Write `path` as editors do: a temporary file beside it (hidden: not a fact file), renamed over it."""
        tmp = path.with_name(f".{path.name}.swp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)

    def _run(self, args: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*gzfacts_command(), "--facts", str(self.base), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def run(self, *, seconds: float, readers: int = 8, max_runs: int = 10_000, pause: float = 0.5) -> Figures:
        """Run the readers and the editor for `seconds` (or `max_runs` reader runs) at most."""
        figures = Figures()
        lock = threading.Lock()
        start = time.monotonic()
        deadline = start + seconds
        stop = threading.Event()
        #: The states the fact base went through: (when the change began, when it was done, state).
        self.timeline: list[tuple[float, float, str]] = [(start, start, "X in, wording 0")]

        def read() -> None:
            while not stop.is_set() and time.monotonic() < deadline:
                with lock:
                    if figures.runs >= max_runs:
                        return
                    figures.runs += 1
                began = time.monotonic()
                try:
                    done = self._run(["list", "--json"])
                except subprocess.TimeoutExpired:
                    with lock:
                        figures.failed.append("timed out")
                    continue
                with lock:
                    self._judge(done, figures, self._possible(began, time.monotonic()))

        threads = [threading.Thread(target=read, name=f"reader-{n}") for n in range(readers)]
        for thread in threads:
            thread.start()
        try:
            self._edit(figures, deadline, stop, pause, lock)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=180)
            self._set(False, 0)
        figures.seconds = time.monotonic() - start
        return figures

    def _possible(self, began: float, ended: float) -> set[str]:
        """The states the fact base was in at some moment between `began` and `ended`: the one it
        was in when the run began (and the one a change under way then makes), and every state a
        change that began before the run ended made."""
        timeline = self.timeline
        possible = set()
        for n, (start, _, state) in enumerate(timeline):
            superseded = timeline[n + 1][1] if n + 1 < len(timeline) else None
            if (superseded is None or superseded > began) and start < ended:
                possible.add(state)
        return possible

    def _judge(self, done: subprocess.CompletedProcess[str], figures: Figures, possible: set[str]) -> None:
        err = done.stderr
        bad = done.returncode != 0 or "Traceback" in err
        if bad:
            last = err.strip().splitlines()[-1] if err.strip() else ""
            figures.failed.append(f"exit {done.returncode}: {last}")
        if "was damaged" in err:
            figures.false_rebuilds += 1
            bad = True
        for line in err.splitlines():
            if line.startswith("gzfacts: note:") and "was damaged" not in line:
                words = [w for w in line.split() if os.sep not in w]
                figures.notes[" ".join(words)[:80]] += 1
        if done.returncode == 0:
            state = self.expected.get(done.stdout)
            if state is None:
                figures.wrong_answers += 1
                bad = True
            else:
                figures.answers[state] += 1
                if state not in possible:
                    figures.stale_answers += 1
                    bad = True
                    err += f"\n[harness] answered {state!r}, the base was in {sorted(possible)}"
        if bad and len(figures.samples) < 5:
            figures.samples.append(err[-2000:])

    def _edit(
        self, figures: Figures, deadline: float, stop: threading.Event, pause: float, lock: threading.Lock
    ) -> None:
        """The editor's steps until the deadline (bounded in count too)."""
        moved_out, wording = False, 0
        restored = self.restored.read_bytes()
        for _ in range(100_000):
            if time.monotonic() >= deadline or stop.is_set():
                return
            action = self.rng.choice(("rewrite", "move", "move", "restore", "clear"))
            began = time.monotonic()
            if action in ("rewrite", "move"):
                if action == "rewrite":
                    wording = 1 - wording
                else:
                    moved_out = not moved_out
                self._set(moved_out, wording)
                with lock:
                    self.timeline.append(
                        (began, time.monotonic(), f"X {'out' if moved_out else 'in'}, wording {wording}")
                    )
            elif action == "restore":
                info = self.restored.stat()
                self._replace(self.restored, restored.decode("utf-8"))
                os.utime(self.restored, ns=(info.st_atime_ns, info.st_mtime_ns))
            else:
                self._run(["cache", "clear"])
                figures.clears += 1
            figures.edits[action] += 1
            time.sleep(self.rng.uniform(0, 2 * pause))
