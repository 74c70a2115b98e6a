"""The compiled index: a fact base as an SQLite database with an FTS5 table, cached on disk.

Parsing YAML costs tens of milliseconds for one article and tens of seconds for 100,000 facts,
so a validated fact base is compiled once into SQLite in the user's cache directory and read
from there. The modules, by job:

- `cache`: where indexes live, and writing one atomically (a temporary file renamed into place);
- `freshness`: the input files' stamps, and whether an index is intact and up to date;
- `schema`: the database layout, derived from the records' field declarations;
- `rows`: records to rows and back, by field name;
- `build`: records to rows, search columns and metadata;
- `prepare`: one YAML file's records made into rows ready to insert (in a worker process);
- `stream`: reading, checking and writing a whole fact base in one stream (memory flat in its size);
- `update`: re-reading only the changed files of a directory fact base.

Only what a warm start needs is imported here; building and updating are imported when an
index has to be (re)written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.index.cache import (
    cache_dir,
    cached_indexes,
    clear_cache,
    index_path,
    untrusted_dir,
    write_atomically,
)
from gzfacts.index.freshness import open_fresh
from gzfacts.index.rows import (
    FACT_COLUMNS,
    SOURCE_COLUMNS,
    TOPIC_COLUMNS,
    IndexDamaged,
    checked,
    checked_text,
    fact_from_row,
    source_from_row,
    stored_text,
    topic_from_row,
)
from gzfacts.index.schema import FTS_COLUMNS, SEP

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import Progress

__all__ = [
    "FACT_COLUMNS",
    "FTS_COLUMNS",
    "SEP",
    "SOURCE_COLUMNS",
    "TOPIC_COLUMNS",
    "IndexDamaged",
    "Opened",
    "cache_dir",
    "cached_indexes",
    "checked",
    "checked_text",
    "clear_cache",
    "fact_count",
    "fact_from_row",
    "index_path",
    "open_index",
    "source_from_row",
    "stored_text",
    "topic_from_row",
]


def fact_count(conn: sqlite3.Connection) -> int:
    """How many facts the index holds: recorded when it was written, so no table is scanned."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'facts'").fetchone()
    if row is not None and str(row[0]).isdigit():
        return int(row[0])
    return int(conn.execute("SELECT count(*) FROM facts").fetchone()[0])


class Opened(NamedTuple):
    """An open index: its read-only connection, its file (None in memory), and notes for the user."""

    conn: sqlite3.Connection
    path: Path | None
    #: Why the index was rebuilt or not cached when it was damaged or untrusted (said once, on stderr).
    notes: list[str]


#: Builds tried before giving up on a fact base whose files keep changing while they are read.
ATTEMPTS = 3


def open_index(
    fact_path: Path,
    *,
    use_cache: bool = True,
    directory: Path | None = None,
    progress: Progress | None = None,
    rebuild: bool = False,
    jobs: int | None = None,
) -> Opened:
    """A read-only connection to an up-to-date index of the fact base, and the index file's path.

    Builds (and caches) the index when it is missing, stale, damaged or untrusted (`rebuild`
    forces it); a directory fact base whose index is merely stale is updated file by file; a
    directory base is built by `jobs` worker processes (None: `default_jobs()`). A cache
    directory that another user owns or may write is not used. Where the cache cannot be used
    the index is built in memory and the path is None. Raises FactBaseUnreadable or FactBaseInvalid.
    """
    fact_path = fact_path.resolve()  # one fact base, one index, however it is named
    notes: list[str] = []
    directory = directory if directory is not None else (cache_dir() if use_cache else None)
    if directory is not None:
        distrust = untrusted_dir(directory)
        if distrust:
            notes.append(f"{distrust}: not used; the index was built in memory")
            directory = None
    if directory is not None:
        db_path = index_path(fact_path, directory)
        conn, status = (None, "damaged") if rebuild else open_fresh(db_path, fact_path)
        if conn is not None:
            return Opened(conn, db_path, notes)
        if status == "damaged":
            notes.append(f"the index {db_path} was damaged: rebuilt")
        elif status == "untrusted":
            notes.append(f"the index {db_path} was not written by this user's gzfacts: rebuilt")
        elif status == "blocked":
            notes.append(
                f"{db_path}-journal is not gzfacts's to remove, and SQLite will not read the index beside it: "
                "the index was built in memory"
            )
            directory = None
        elif status == "stale" and fact_path.is_dir():
            from gzfacts.index.update import update_directory

            updated = update_directory(db_path, fact_path, progress)
            # Checked again, not trusted as written: another gzfacts may have renamed its own
            # index into place since (a full build follows if that one is not fresh).
            conn = open_fresh(updated, fact_path)[0] if updated else None
            if conn is not None:
                return Opened(conn, updated, notes)
    jobs = default_jobs() if jobs is None else jobs
    try:
        conn, path = _build(fact_path, directory, progress, jobs)
    except Exception as exc:
        if not _worker_died(exc):
            raise
        notes.append(f"{WORKER_DIED}; the index was built again in one process")
        conn, path = _build(fact_path, directory, progress, 1)
    return Opened(conn, path, notes)


#: What a build whose worker process ended abruptly (killed, out of memory) tells the user.
WORKER_DIED = "a worker process of the build ended abruptly (killed, or out of memory?)"


def _worker_died(exc: BaseException) -> bool:
    """Whether `exc` is the pool's error for a worker process that died (concurrent.futures is
    only imported once a build has started workers)."""
    import sys

    futures = sys.modules.get("concurrent.futures")
    return futures is not None and isinstance(exc, futures.BrokenExecutor)


#: Workers at most by default: past about four, the one writer is the bottleneck (README, Larger bases).
MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    """The worker processes a build uses unless told: the cores this process may run on, up to
    MAX_DEFAULT_JOBS (a base of few files is still read in one process: `stream.MIN_PARALLEL_FILES`)."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        cores = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_JOBS, cores))


def _build(
    fact_path: Path, directory: Path | None, progress: Progress | None, jobs: int = 1
) -> tuple[sqlite3.Connection, Path | None]:
    """Read, check and index the whole fact base: in the cache directory if it can be written.

    A file that changed while the build ran (checked at its end, before the index is renamed
    into place) means building again, up to ATTEMPTS times, then a clear error.
    """
    from gzfacts.errors import FactBaseUnreadable, Problem
    from gzfacts.index.freshness import InputChanged
    from gzfacts.loader import fact_files

    changed = ""
    for _ in range(ATTEMPTS):
        files = fact_files(fact_path)
        try:
            return _write(fact_path, directory, _filler(files, progress, fact_path, jobs))
        except InputChanged as exc:
            changed = exc.path
    raise FactBaseUnreadable(
        Problem(
            changed,
            f"changed while gzfacts was reading it, {ATTEMPTS} times in a row",
            "Run the command again once the file is no longer being written",
        )
    )


def _filler(
    files: list[Path], progress: Progress | None, fact_path: Path, jobs: int
) -> Callable[[sqlite3.Connection], None]:
    """What streams the fact base into an index, then checks no file changed since it was read."""
    from gzfacts.index.freshness import verify_unchanged
    from gzfacts.index.stream import stream_build

    def fill(conn: sqlite3.Connection) -> None:
        stamps = stream_build(conn, files, progress, fact_path=fact_path, jobs=jobs)
        verify_unchanged(stamps)  # raises InputChanged: build again

    return fill


def _write(
    fact_path: Path, directory: Path | None, fill: Callable[[sqlite3.Connection], None]
) -> tuple[sqlite3.Connection, Path | None]:
    """Fill an index in the cache directory if it can be written, else in memory."""
    if directory is not None:
        written = write_atomically(index_path(fact_path, directory), fill)
        # Checked again, as in open_index: the path may name another process's index by now
        # (if that one is not fresh, the base is read into memory instead).
        conn = open_fresh(written, fact_path)[0] if written else None
        if conn is not None:
            return conn, written
    conn = sqlite3.connect(":memory:")
    try:
        fill(conn)
    except BaseException:  # Ctrl-C included: close what was opened
        conn.close()
        raise
    return conn, None
