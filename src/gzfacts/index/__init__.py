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

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.index.cache import (
    cache_dir,
    cached_indexes,
    clear_cache,
    index_path,
    untrusted_dir,
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
#: Indexes written (updates, else builds) before giving up on a fact base whose files keep
#: changing: more than ATTEMPTS, since an update reads only the files that changed.
TRIES = 6


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

    What a build or an update writes records the bytes it read, so it is kept even when a file
    changed meanwhile; it is served only once every file it records is found unchanged after it
    was written (else the changed files are read again: TRIES indexes written at most, ATTEMPTS
    of them full builds). A fact file
    that went while the fact base was read (renamed, deleted) is left out, and said so: the
    index does not record it, so the next run that finds it there reads it.
    """
    fact_path = fact_path.resolve()  # one fact base, one index, however it is named
    notes: list[str] = []
    directory = directory if directory is not None else (cache_dir() if use_cache else None)
    if directory is not None:
        distrust = untrusted_dir(directory)
        if distrust:
            notes.append(f"{distrust}: not used; the index was built in memory")
            directory = None
    jobs = default_jobs() if jobs is None else jobs
    if directory is None:
        return Opened(_in_memory(fact_path, progress, jobs, notes), None, notes)
    db_path = index_path(fact_path, directory)
    conn, status = (None, "damaged") if rebuild else open_fresh(db_path, fact_path)
    if conn is not None:
        return Opened(conn, db_path, notes)
    notes += _why_not_served(status, db_path)
    if status == "blocked":
        return Opened(_in_memory(fact_path, progress, jobs, notes), None, notes)
    return _write_until_fresh(db_path, fact_path, status, progress, jobs, notes)


def _why_not_served(status: str, db_path: Path) -> list[str]:
    """The note that says why the cached index at `db_path` was not served (`open_fresh`'s
    `status`), when the user should hear it."""
    if status == "damaged":
        return [f"the index {db_path} was damaged: rebuilt"]
    if status == "untrusted":
        return [f"the index {db_path} was not written by this user's gzfacts: rebuilt"]
    if status == "blocked":
        return [
            f"{db_path}-journal is not gzfacts's to remove, and SQLite will not read the index beside it: "
            "the index was built in memory"
        ]
    return []


def _write_until_fresh(
    db_path: Path, fact_path: Path, status: str, progress: Progress | None, jobs: int, notes: list[str]
) -> Opened:
    """Update (a stale directory base's index) or build the index at `db_path` until what was
    written is found fresh: TRIES indexes written at most, ATTEMPTS of them full builds."""
    # Fact files this run found gone: after they were listed (left out), or since the index was
    # written (not listed by an update). Their being back at the end is not a change of what
    # was read, and the answer stands (said so): the index does not record them.
    left_out: list[str] = []
    unlisted: list[str] = []
    changed = ""
    builds = tries = 0
    while tries < TRIES:
        made = None
        if status == "stale" and fact_path.is_dir():
            from gzfacts.index.update import update_and_open

            made = update_and_open(db_path, fact_path, progress, left_out, unlisted)
        if made is None:
            if builds == ATTEMPTS:
                break
            builds += 1
            made = _build_cached(db_path, fact_path, progress, jobs, notes, left_out)
        if made is None:  # the cache directory cannot be written
            return Opened(_in_memory(fact_path, progress, jobs, notes), None, notes)
        tries += 1
        # At the last try, a fact file read and gone since (moved out again and again) no longer
        # fails the run either: the answer is the fact base with it, as read, and says so.
        last = tries == TRIES or builds == ATTEMPTS
        changed, kept = _changed_since(made, fact_path, left_out + unlisted, keep_gone=last)
        if not changed:
            back = [path for path in unlisted if os.path.exists(path)]
            notes += _left_out_notes(made, left_out + back)
            notes += [f"{path} went after gzfacts read it: in this answer, left out by the next run" for path in kept]
            return Opened(made, db_path, notes)
        made.close()  # kept in the cache, as a record of what was read: the changes are read next
        status = "stale"
    raise _changing(changed, tries)


def _changing(path: str, times: int = ATTEMPTS) -> Exception:
    from gzfacts.errors import FactBaseUnreadable, Problem

    return FactBaseUnreadable(
        Problem(
            path,
            f"changed while gzfacts was reading it, {times} times in a row",
            "Run the command again once the file is no longer being written",
        )
    )


def _changed_since(
    conn: sqlite3.Connection, fact_path: Path, gone: list[str], *, keep_gone: bool = False
) -> tuple[str, list[str]]:
    """The path of a file that changed since the index in `conn` recorded it (or of a fact file
    it does not record), or "" when it answers for the fact base as it stands, but for fact files
    that this run found gone and are back (`gone`) and, with `keep_gone`, fact files it read that
    are gone now (the second item)."""
    from gzfacts.files import yaml_files
    from gzfacts.index.freshness import first_changed, recorded_stamps

    try:
        recorded = recorded_stamps(conn)
    except sqlite3.Error:
        return str(fact_path), []
    stamps = list(recorded.values())
    kept = [s.path for s in stamps if keep_gone and s.role == "facts" and not os.path.lexists(s.path)]
    changed = first_changed([s for s in stamps if s.path not in kept])
    if changed is not None:
        return changed, []
    try:
        current = {str(file) for file in yaml_files(fact_path)}
    except OSError:
        return str(fact_path), []
    facts = {path for path, stamp in recorded.items() if stamp.role == "facts"}
    unrecorded = sorted(current - facts - set(gone))
    return (unrecorded[0], []) if unrecorded else ("", kept)


def _left_out_notes(conn: sqlite3.Connection, left_out: list[str]) -> list[str]:
    """What to say of the fact files that went while they were read and are not in the index served."""
    notes = []
    for path in dict.fromkeys(left_out):
        if conn.execute("SELECT 1 FROM files WHERE path = ?", (path,)).fetchone() is None:
            notes.append(
                f"{path} went while gzfacts read the fact base (renamed or deleted): left out of this answer"
                + ("; it is back, and the next run reads it" if os.path.exists(path) else "")
            )
    return notes


def _build_cached(
    db_path: Path, fact_path: Path, progress: Progress | None, jobs: int, notes: list[str], left_out: list[str]
) -> sqlite3.Connection | None:
    """A full build written to the cache (`_write`): a connection to it, or None when the cache
    directory cannot be written. A worker that died means building again in one process."""
    try:
        return _write(fact_path, db_path, progress, jobs, left_out)
    except Exception as exc:
        if not _worker_died(exc):
            raise
        notes.append(f"{WORKER_DIED}; the index was built again in one process")
        return _write(fact_path, db_path, progress, 1, left_out)


def _write(
    fact_path: Path, db_path: Path, progress: Progress | None, jobs: int, left_out: list[str]
) -> sqlite3.Connection | None:
    """Read the whole fact base into an index at `db_path`: a connection to that very file
    (`cache.write_and_open`), or None when it cannot be written. Fact files that went since
    they were listed are left out (added to `left_out`); a file caught changing while it was
    read (InputChanged) means reading the base again, ATTEMPTS times at most."""
    from gzfacts.index.cache import write_and_open
    from gzfacts.index.freshness import InputChanged
    from gzfacts.index.stream import stream_build
    from gzfacts.loader import fact_files

    changed = ""
    for _ in range(ATTEMPTS):
        files = fact_files(fact_path)
        went: list[str] = []

        def fill(conn: sqlite3.Connection) -> None:
            stream_build(conn, files, progress, fact_path=fact_path, jobs=jobs, left_out=went)  # noqa: B023

        try:
            conn = write_and_open(db_path, fill)
        except InputChanged as exc:
            changed = exc.path
            continue
        left_out += went
        return conn
    raise _changing(changed)


def _in_memory(fact_path: Path, progress: Progress | None, jobs: int, notes: list[str]) -> sqlite3.Connection:
    """The fact base read into an index in memory (no cache to write it to). A worker that died
    means reading it again in one process."""
    try:
        return _read_into_memory(fact_path, progress, jobs, notes)
    except Exception as exc:
        if not _worker_died(exc):
            raise
        notes.append(f"{WORKER_DIED}; the index was built again in one process")
        return _read_into_memory(fact_path, progress, 1, notes)


def _read_into_memory(fact_path: Path, progress: Progress | None, jobs: int, notes: list[str]) -> sqlite3.Connection:
    """`_in_memory`, in `jobs` processes. A file that changed while it was read means reading the
    base again, ATTEMPTS times at most (nothing is kept from a try: it is all in memory)."""
    from gzfacts.index.freshness import InputChanged, verify_unchanged
    from gzfacts.index.stream import stream_build
    from gzfacts.loader import fact_files

    changed = ""
    for _ in range(ATTEMPTS):
        went: list[str] = []
        conn = sqlite3.connect(":memory:")
        try:
            stamps = stream_build(conn, fact_files(fact_path), progress, fact_path=fact_path, jobs=jobs, left_out=went)
            verify_unchanged(stamps)
        except InputChanged as exc:
            conn.close()
            changed = exc.path
            continue
        except BaseException:  # Ctrl-C included: close what was opened
            conn.close()
            raise
        notes += _left_out_notes(conn, went)
        return conn
    raise _changing(changed)


#: What a build whose worker process ended abruptly (killed, out of memory) tells the user.
WORKER_DIED = "a worker process of the build ended abruptly (killed, or out of memory?)"


def _worker_died(exc: BaseException) -> bool:
    """Whether `exc` is the pool's error for a worker process that died (concurrent.futures is
    only imported once a build has started workers)."""
    import sys

    futures = sys.modules.get("concurrent.futures")
    return futures is not None and isinstance(exc, futures.BrokenExecutor)


#: Workers at most by default: past about four, the one writer is the bottleneck
#: (docs/performance.md, "Where a build's work is done").
MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    """The worker processes a build uses unless told: the cores this process may run on, up to
    MAX_DEFAULT_JOBS (a base of few files is still read in one process: `stream.MIN_PARALLEL_FILES`)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        cores = os.cpu_count() or 1
    return max(1, min(MAX_DEFAULT_JOBS, cores))
