"""The warm start's freshness check, begun in a second process while the command line starts.

A warm run spends most of its time importing the command line (tens of milliseconds) and, on a
large directory base, checking that the index is fresh: one stat per input file, 20,001 of them
for a million facts (about 60 ms). The two do not depend on each other, and a Python thread
cannot overlap them (the stat loop needs the interpreter lock between calls), so `begin` forks a
process that runs the one-pass check (`freshness.all_settled_and_same`) while the command line
is imported; `settled` collects its answer where the same check would run. Git does the same
with threads (core.preloadIndex).

The answer only ever means "this index file was fresh by the one-pass check", and it is used
only for the very file that was checked: the child reports the index's path, the fact base's
path and the index file's identity (device, inode, size, mtime, ctime), all of which must match
what the command opens. Any other answer, or none (a platform without fork, a child that failed
or was interrupted, another fact base, an index replaced or rewritten since), means the command
checks for itself, as it would without a preload: it can make a run faster, never less careful.

This module imports nothing that is not built in, so that the fork comes first.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover  (pathlib costs milliseconds to import, before the fork)
    from pathlib import Path

#: The commands that read the index (the preload is wasted on the others).
READERS = frozenset({"show", "search", "list", "topics", "sources", "cite", "check", "export"})
#: Arguments after which no command reads the index.
_NOT_READING = frozenset({"-h", "--help", "--version", "--show-completion", "--install-completion"})

#: The child started by `begin` and not yet asked: (process id, the read end of its pipe).
_pending: list[tuple[int, int]] = []


def begin(args: list[str]) -> None:
    """Start checking, in a child process, that the index of the directory fact base `args` name
    is fresh, if the command in `args` reads it, this platform can fork and a core is free
    (GZFACTS_PRELOAD=1: whatever the load; 0: never). A one-file base, such as the shipped
    one, is checked with two stats: nothing to gain."""
    setting = os.environ.get("GZFACTS_PRELOAD", "")
    if _pending or not hasattr(os, "fork") or setting == "0":
        return
    head = args[: args.index("--")] if "--" in args else args
    if READERS.isdisjoint(head) or not _NOT_READING.isdisjoint(head):
        return
    facts = _facts_option(head) or os.environ.get("GZFACTS_FACTS", "")
    if not facts or not os.path.isdir(facts) or (setting != "1" and not _core_to_spare()):
        return
    # The command imports these anyway: imported once, before the fork, for both processes.
    from gzfacts.index import freshness  # noqa: F401

    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:  # fork() and threads do not mix
        return
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return
    if min(read_end, write_end) < 3:  # stdin or stdout closed: the child's /dev/null would take their place
        os.close(read_end)
        os.close(write_end)
        return
    try:
        pid = os.fork()
    except OSError:  # too many processes, or not allowed: the command checks for itself
        os.close(read_end)
        os.close(write_end)
        return
    if pid == 0:  # pragma: no cover  (the child: coverage is not collected there)
        _child(facts, read_end, write_end)
    os.close(write_end)
    _pending.append((pid, read_end))
    import atexit

    atexit.register(forget)


def _core_to_spare() -> bool:
    """Whether a core is likely idle: the child only helps when it runs beside the command, and on
    a busy machine it would take its turn on the same core (measured: slower, not faster)."""
    try:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        # The load average counts this command too when it runs in a loop: half a core of slack.
        return cores > 1 and os.getloadavg()[0] < cores - 0.5
    except OSError:  # no load average on this system
        return False


def _child(facts: str, read_end: int, write_end: int) -> None:  # pragma: no cover
    """The child's whole life: check, write the answer, exit (never returns, never prints)."""
    try:
        os.close(read_end)
        # Not the command's output: a reader waiting for the end of it must not wait for this.
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        answer = _answer(facts)
        while answer:
            answer = answer[os.write(write_end, answer) :]
    except BaseException:  # an interrupted or failed check is simply no answer
        pass
    finally:
        os._exit(0)


def _facts_option(args: list[str]) -> str | None:
    """The value of the last --facts option in `args`, as the command line reads it."""
    value = None
    for i, arg in enumerate(args):
        if arg == "--facts" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--facts="):
            value = arg.split("=", 1)[1]
    return value


def _answer(facts: str) -> bytes:
    """What the child reports: the identity of the index it found fresh, or nothing."""
    from pathlib import Path

    from gzfacts.index.cache import cache_dir, index_path, untrusted_dir, untrusted_file
    from gzfacts.index.freshness import all_settled_and_same, built_for, connect_read_only, intact, same_file

    fact_path = Path(facts).resolve()
    directory = cache_dir()
    if directory is None or untrusted_dir(directory):
        return b""
    db_path = index_path(fact_path, directory)
    info = os.lstat(db_path)
    if untrusted_file(info):
        return b""
    conn = connect_read_only(db_path)
    try:
        fresh = intact(db_path, conn) and built_for(conn, fact_path) and all_settled_and_same(conn, fact_path)
    finally:
        conn.close()
    # The file checked is the one lstat saw only if the path still names it: another process
    # may have renamed an index into place between the lstat and the connection.
    return identity(db_path, fact_path, info) if fresh and same_file(info, os.lstat(db_path)) else b""


def file_identity(info: os.stat_result) -> tuple[int, int, int, int, int]:
    """What tells one state of an index file from any other (device, inode, size, mtime, ctime):
    an index is only ever replaced by a rename (a new inode) or rewritten in place (mtime)."""
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def identity(db_path: Path, fact_path: Path, info: os.stat_result) -> bytes:
    """The index file `db_path` of `fact_path`, as it was when its lstat `info` was taken."""
    stat = " ".join(map(str, file_identity(info)))
    return "\0".join([str(db_path), str(fact_path), stat]).encode("utf-8", "surrogateescape")


def settled(db_path: Path, fact_path: Path, info: os.stat_result) -> bool:
    """Whether the preload found this very index file (its lstat `info`) fresh by the one-pass
    check; waits for the child's answer. False when there was no preload, or it found
    anything else (it is asked once: later checks are the command's own)."""
    if not _pending:
        return False
    pid, read_end = _pending.pop()
    chunks = []
    try:
        while chunk := os.read(read_end, 1 << 16):
            chunks.append(chunk)
    except OSError:
        chunks = []
    finally:
        os.close(read_end)
        _wait(pid)
    return b"".join(chunks) == identity(db_path, fact_path, info)


def _wait(pid: int) -> None:
    import contextlib

    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)


def forget() -> None:
    """Stop and reap a child whose answer will not be asked for: the index is missing, damaged or
    stale (the command builds, and the child must not linger as a zombie meanwhile), or the
    command ends without needing it (registered to run at exit), so that no process outlives it."""
    import contextlib
    import signal

    while _pending:
        pid, read_end = _pending.pop()
        os.close(read_end)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        _wait(pid)
