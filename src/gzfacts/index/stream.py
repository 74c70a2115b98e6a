"""Building an index straight from the YAML event stream, in memory that does not grow with the base.

Records flow from the loader into SQLite one batch at a time, and nothing holds the whole
fact base. Three steps:

1. *load*: each file is prepared (`prepare`: by worker processes when there are several, else
   here): its sources' texts read, its facts' quotes located and their content checked, their
   rows, digests and search columns made. This process, the writer (`writer.Writer`, which an
   update shares), inserts what it is handed:
   sources, topics, the facts that pass (into the facts table, whose indexes are made after
   the load; an update stages them in a temporary table), and their search columns (into a
   temporary table);
   every record's id and references, with where they were written, into another. A fact whose
   source another file declares is checked here, against that source's text (a small cache of
   recent texts; a fact whose source is declared further on waits for it).
2. *check*: the rules that span the whole base (unique ids, known topics and sources, no
   fact id that is also a topic id) are SQL queries over the noted ids, the very ones
   `gzfacts validate` runs (`integrity.base_problems`).
3. *index*: the staged search columns are copied in order into the search table with the
   analysed title of their topic (declared anywhere in the base), all in SQL.

The `words` table (a surface word for each search term, for corrections) keeps the first word
met for a term: in the facts prepared with their file, in file order; then in the facts checked
here; then in topic titles. The same files give the same index, whatever the number of workers.
"""

from __future__ import annotations

import signal
import sqlite3
from collections import deque
from collections.abc import Generator
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.files import FileStamp
from gzfacts.index.build import finish
from gzfacts.index.freshness import InputChanged
from gzfacts.index.prepare import Chunk, Went, prepare_file
from gzfacts.index.rows import file_numbers, number_files
from gzfacts.index.schema import INDEXES, schema
from gzfacts.index.writer import DROP_SCRATCH, SCRATCH, Conflict, Writer, index_staged
from gzfacts.integrity import base_problems, no_facts
from gzfacts.loader import base_root, max_bytes_from_env

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import Progress

#: Fewer files are parsed in this process: starting workers costs more than they would save.
MIN_PARALLEL_FILES = 8


def _start_worker() -> None:
    """Set up a worker process: it ignores Ctrl-C and ends when the writer does, however that ends."""
    import multiprocessing
    import os
    import threading
    from multiprocessing.connection import wait

    # Ctrl-C reaches the whole process group: the writer handles it, workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - always set in a spawned worker
        return

    def watch() -> None:
        # A killed writer (SIGKILL, OOM killer) cannot stop its workers: they would wait for work
        # for ever. The parent's sentinel becomes ready when it is gone.
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="gzfacts-writer-watch", daemon=True).start()


def _prepare_in_parallel(
    files: list[Path], limit: int, jobs: int, root: Path | None = None
) -> Generator[Chunk | Went, None, None]:
    """Each file prepared, in file order, by `jobs` worker processes.

    At most twice as many files as workers are prepared ahead of the writer, so memory stays
    flat however many files there are. Raises FactBaseUnreadable for the first file that
    cannot be read or parsed.
    """
    from concurrent.futures import Future, ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=_start_worker)
    ahead: deque[Future[Chunk | Problem | Went]] = deque()
    pending = iter(files)
    try:
        for file in islice(pending, 2 * jobs):
            ahead.append(pool.submit(prepare_file, file, limit, root))
        while ahead:
            result = ahead.popleft().result()
            for file in islice(pending, 1):
                ahead.append(pool.submit(prepare_file, file, limit, root))
            if isinstance(result, Problem):
                raise FactBaseUnreadable(result)
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def stream_build(
    conn: sqlite3.Connection,
    files: list[Path],
    progress: Progress | None = None,
    *,
    fact_path: Path | None = None,
    jobs: int = 1,
    left_out: list[str] | None = None,
) -> list[FileStamp]:
    """Read, check and write the fact base made of `files` into an empty database.

    With `jobs` above 1 and several files, that many worker processes prepare the files and
    one writer (this process) inserts what they hand over, in file order. Raises
    FactBaseUnreadable when a file cannot be read or parsed, FactBaseInvalid listing every
    problem, in file order, when the fact base breaks a rule. Returns the stamps of the files
    as they were read (of the bytes parsed), for the check that none changed before the index
    is put in place.

    A fact file that went (renamed or deleted) after it was listed is left out, and added to
    `left_out`; the index records no stamp of it, so a run that finds it back reads it. A file
    that changed or went while it was read, so that it could not be read, or that changed since
    it was read when the base is found broken, raises InputChanged: read the base again, rather
    than call it broken for what an editor was doing.
    """
    conn.executescript(schema() + SCRATCH)
    number_files(conn, file_numbers(conn, [str(file) for file in files]) or {})
    with conn:
        root = base_root(fact_path) if fact_path is not None else None
        writer = Writer(conn, facts_table="facts", root=root)
        _load(writer, files, jobs, progress)
        if left_out is not None:
            left_out += writer.left_out
        if files and len(writer.left_out) == len(files):
            raise InputChanged(str(files[0]))  # every file went: list them again
        writer.finish_loading()
        if progress:
            progress("checking", 0, writer.facts)
        problems = writer.problems + writer.unreadable + base_problems(conn)
        writer.refuse(problems + no_facts(files, writer.facts, problems))
        index_staged(conn, writer.facts, progress, staged_facts=False)
        for statement in INDEXES:  # made once the facts are in: sorted once, pages full
            conn.execute(statement)
        stamps = list(writer.stamps.values())
        finish(conn, stamps, {}, fact_path, writer.facts)
    conn.executescript(DROP_SCRATCH)
    return stamps


def _load(writer: Writer, files: list[Path], jobs: int, progress: Progress | None) -> None:
    """Hand every file to `writer`, prepared by `jobs` worker processes (a base of fewer than
    MIN_PARALLEL_FILES files, or `jobs` 1: prepared by the writer as it reads)."""
    limit = max_bytes_from_env()
    parallel = jobs > 1 and len(files) >= MIN_PARALLEL_FILES
    chunks = _prepare_in_parallel(files, limit, jobs, writer.root) if parallel else None
    try:
        for done, file in enumerate(files):
            if progress:
                progress("reading", done, len(files))
            if chunks is None:
                writer.read_here(file, limit)
                continue
            chunk = next(chunks)
            if isinstance(chunk, Went):
                writer.vanished(chunk)
                continue
            try:
                writer.adopt(chunk)
            except Conflict:  # the first declaration of a source it declares again wins
                writer.read_here(file, limit)
    finally:
        if chunks is not None:
            chunks.close()  # the workers stop here, whatever happened
