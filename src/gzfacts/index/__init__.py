"""The compiled index: a fact base as an SQLite database with an FTS5 table, cached on disk.

Parsing YAML costs tens of milliseconds for one article and tens of seconds for 100,000 facts,
so a validated fact base is compiled once into SQLite in the user's cache directory and read
from there. The modules, by job:

- `cache`: where indexes live, and writing one atomically (a temporary file renamed into place);
- `freshness`: the input files' stamps, and whether an index is intact and up to date;
- `schema`: the database layout, derived from the records' field declarations;
- `rows`: records to rows and back, by field name;
- `build`: records to rows, search columns and metadata;
- `stream`: reading, checking and writing a whole fact base in one stream (memory flat in its size);
- `update`: re-reading only the changed files of a directory fact base.

Only what a warm start needs is imported here; building and updating are imported when an
index has to be (re)written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts.index.cache import cache_dir, cached_indexes, clear_cache, index_path, write_atomically
from gzfacts.index.freshness import open_fresh
from gzfacts.index.rows import (
    FACT_COLUMNS,
    SOURCE_COLUMNS,
    TOPIC_COLUMNS,
    fact_from_row,
    source_from_row,
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
    "cache_dir",
    "cached_indexes",
    "clear_cache",
    "fact_count",
    "fact_from_row",
    "index_path",
    "open_index",
    "source_from_row",
    "topic_from_row",
]


def fact_count(conn: sqlite3.Connection) -> int:
    """How many facts the index holds: recorded when it was written, so no table is scanned."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'facts'").fetchone()
    if row is not None and str(row[0]).isdigit():
        return int(row[0])
    return int(conn.execute("SELECT count(*) FROM facts").fetchone()[0])


def open_index(
    fact_path: Path,
    *,
    use_cache: bool = True,
    directory: Path | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> tuple[sqlite3.Connection, Path | None]:
    """A read-only connection to an up-to-date index of the fact base, and the index file's path.

    Builds (and caches) the index when it is missing, stale or damaged; a directory fact base
    whose index is merely stale is updated file by file; a directory base is built by `jobs`
    worker processes. Where the cache cannot be written the
    index is built in memory and the path is None. Raises FactBaseUnreadable or FactBaseInvalid.
    """
    directory = directory if directory is not None else (cache_dir() if use_cache else None)
    if directory is not None:
        db_path = index_path(fact_path, directory)
        conn = open_fresh(db_path, fact_path)
        if conn is not None:
            return conn, db_path
        if fact_path.is_dir() and db_path.is_file():
            from gzfacts.index.update import update_directory

            updated = update_directory(db_path, fact_path, progress)
            conn = open_fresh(updated, fact_path, check_fresh=False) if updated else None
            if conn is not None:
                return conn, updated
    return _build(fact_path, directory, progress, jobs)


def _build(
    fact_path: Path, directory: Path | None, progress: Progress | None, jobs: int = 1
) -> tuple[sqlite3.Connection, Path | None]:
    """Read, check and index the whole fact base: in the cache directory if it can be written."""
    from gzfacts.index.stream import stream_build
    from gzfacts.loader import fact_files

    files = fact_files(fact_path)
    if directory is not None:
        written = write_atomically(
            index_path(fact_path, directory),
            lambda conn: stream_build(conn, files, progress, fact_path=fact_path, jobs=jobs),
        )
        conn = open_fresh(written, fact_path, check_fresh=False) if written else None
        if conn is not None:
            return conn, written
    conn = sqlite3.connect(":memory:")
    try:
        stream_build(conn, files, progress, fact_path=fact_path, jobs=jobs)
    except BaseException:  # Ctrl-C included: close what was opened
        conn.close()
        raise
    return conn, None
