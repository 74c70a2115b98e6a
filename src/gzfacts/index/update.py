"""Incremental update of a directory fact base's index: re-read only the files that changed.

`diff` compares the YAML files with the stamps the index recorded; then, on a copy of the
index, the records of the changed and removed files are deleted and the changed files are read
through the same path as a build (`stream`: each file prepared, the writer inserting its rows),
with the unchanged files' ids taken from the index into the scratch table that the base-wide
rules are checked on, in SQL. Nothing holds the whole fact base: memory is flat in its size.

A source text that changed (its file's hash is not the one the index recorded for that source)
is read again, and the unchanged facts that quote it are checked against it and re-anchored.
The changed files' own problems (a file that cannot be parsed, a misquote, a field missing) are
raised at once, as a build would raise them. A broken rule that spans the base (a duplicate id,
an unknown topic or source), an unchanged fact that no longer matches a changed text, or a
topic added, removed or edited (other files' facts carry topic titles in their search columns)
means a full build instead, which reports with every detail. As a build's, the stamps the
update records are those of the bytes it read; the caller checks the result is fresh before it
serves it (a file changed meanwhile means updating again). A fact file that went after it was
listed is left out, as a build leaves it out.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import cast

from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.files import FileStamp
from gzfacts.index.build import finish, fts_columns
from gzfacts.index.cache import write_and_open
from gzfacts.index.freshness import (
    InputChanged,
    built_for,
    connect_read_only,
    intact,
    recorded_stamps,
    stamp,
)
from gzfacts.index.prepare import prepared_row
from gzfacts.index.rows import (
    exact_slice,
    fact_from_row,
    file_numbers,
    number_files,
    row_digest,
    sealed_values,
    source_from_row,
    write_text,
)
from gzfacts.index.schema import FACTS, FACTS_QUALIFIED, FILE_PATH, FTS_COLUMNS, SOURCES, in_files
from gzfacts.index.writer import DROP_SCRATCH, SCRATCH, Writer, index_staged
from gzfacts.integrity import base_problems
from gzfacts.loader import Progress, base_root, fact_files, max_bytes_from_env, read_text
from gzfacts.validate import MAX_SOURCE_BYTES


class _FullBuild(Exception):
    """The update cannot be made file by file: build the whole index instead."""


def update_directory(db_path: Path, fact_path: Path, progress: Progress | None = None) -> Path | None:
    """Bring a directory fact base's index up to date by re-reading only the files that changed.

    Returns the index's path, or None when a full build is needed instead (a topic changed, a
    rule that spans the base is broken, the index is unusable, the cache cannot be written).
    Raises FactBaseUnreadable or FactBaseInvalid, as a build would, for what is wrong in the
    changed files themselves.
    """
    conn = update_and_open(db_path, fact_path, progress)
    if conn is None:
        return None
    conn.close()
    return db_path


def update_and_open(
    db_path: Path,
    fact_path: Path,
    progress: Progress | None = None,
    left_out: list[str] | None = None,
    unlisted: list[str] | None = None,
) -> sqlite3.Connection | None:
    """`update_directory`, returning a read-only connection to the very index it wrote (see
    cache.write_and_open), whose freshness the caller checks: a file may have changed again
    meanwhile. Fact files that went after they were listed are left out, and added to
    `left_out`; the fact files the index recorded that were not listed, to `unlisted`.
    """
    try:
        info = os.lstat(db_path)
        old = connect_read_only(db_path)
    except (OSError, sqlite3.Error):
        return None
    try:
        if not (built_for(old, fact_path, complete=False) and intact(db_path, old, info)):
            return None
        recorded = recorded_stamps(old)
    except (OSError, sqlite3.Error):
        return None
    finally:
        old.close()
    gone: list[str] = []
    try:
        stamps, changed, touched = diff(fact_path, recorded, gone)
        conn = write_and_open(
            db_path,
            lambda conn: _apply(conn, fact_path, recorded, stamps, changed, touched, progress, gone),
            copy_of=db_path,
        )
    except (_FullBuild, InputChanged, OSError, sqlite3.Error):
        return None  # a full build tries again, and reports what is wrong
    if conn is not None:
        if left_out is not None:
            left_out += gone
        if unlisted is not None:
            unlisted += [path for path in touched if path not in stamps]
    return conn


def diff(
    fact_path: Path, recorded: dict[str, FileStamp], left_out: list[str] | None = None
) -> tuple[dict[str, FileStamp], list[Path], list[str]]:
    """The YAML files' stamps now, the files that changed or appeared, and the paths of those and
    of the files that went since the index was built. A file listed that went before it could
    be stamped counts as gone, and is added to `left_out`."""
    files = fact_files(fact_path)
    stamps = {}
    for f in files:
        try:
            stamps[str(f)] = stamp(f, "facts", recorded.get(str(f)))
        except (FileNotFoundError, NotADirectoryError):
            if left_out is not None:
                left_out.append(str(f))
    changed = [
        f
        for f in files
        if str(f) in stamps and (str(f) not in recorded or stamps[str(f)].sha256 != recorded[str(f)].sha256)
    ]
    gone = [path for path, s in recorded.items() if s.role == "facts" and path not in stamps]
    return stamps, changed, [str(p) for p in changed] + gone


def _apply(
    conn: sqlite3.Connection,
    fact_path: Path,
    recorded: dict[str, FileStamp],
    stamps: dict[str, FileStamp],
    changed: list[Path],
    touched: list[str],
    progress: Progress | None,
    left_out: list[str],
) -> None:
    """Apply the change to `conn`, a copy of the index. Raises _FullBuild, or InputChanged when
    a changed file's problems may be an editor's work in progress. Changed files that went
    before they could be read are left out (added to `left_out`)."""
    # The copy is of whatever file the path names now: another gzfacts may have renamed its own
    # index into place since `recorded` was read. The change is only for the index it was worked
    # out against.
    if not built_for(conn, fact_path, complete=False) or recorded_stamps(conn) != recorded:
        raise _FullBuild
    conn.executescript(SCRATCH)
    with conn:
        of_touched = f"SELECT id, title, summary FROM topics WHERE {in_files(len(touched))}"
        topics_before = set(conn.execute(of_touched, touched))
        old_shas = dict(conn.execute("SELECT id, sha256 FROM sources"))
        _delete_touched(conn, touched)
        writer = Writer(conn, root=base_root(fact_path))
        _note_kept(conn, writer)
        _read_changed(writer, changed, progress)
        for path in writer.left_out:  # its old records went with the changed files'
            stamps.pop(path, None)
        left_out += writer.left_out
        after = set(conn.execute(of_touched, touched))
        if after != topics_before:
            raise _FullBuild  # other files' facts carry topic titles in their search columns
        source_stamps = _recheck_sources(conn, writer, recorded, old_shas)
        writer.finish_loading()
        if base_problems(conn):
            raise _FullBuild  # their messages name where unchanged records were written: a build has that
        # The changed files' own problems are what a full build would report (the unchanged files
        # passed, and every text they quote was checked again above): said now, not minutes later.
        writer.refuse(writer.problems + writer.unreadable)
        total = conn.execute("SELECT (SELECT count(*) FROM facts) + (SELECT count(*) FROM staged)").fetchone()[0]
        if not total:
            raise _FullBuild  # a fact base with no facts: the full build says so
        index_staged(conn, writer.facts, progress)
        stamps.update({name: read for name, read in writer.stamps.items() if read.role == "facts"})
        source_stamps.update({name: read for name, read in writer.stamps.items() if read.role == "source"})
        every = [*stamps.values(), *source_stamps.values()]
        finish(conn, every, {}, fact_path, total)
        # Words only the removed facts had must not be offered as typo corrections.
        conn.execute("DELETE FROM words WHERE term NOT IN (SELECT term FROM fts_terms)")
    conn.executescript(DROP_SCRATCH)


def _read_changed(writer: Writer, changed: list[Path], progress: Progress | None) -> None:
    """Hand the changed files to `writer`, numbered in path order among the unchanged ones.
    Raises _FullBuild when there is no room to number a new file between two others."""
    if progress:
        progress("reading changed files of", 0, len(changed))
    numbers = file_numbers(writer.conn, [str(file) for file in changed])
    if numbers is None:
        raise _FullBuild
    number_files(writer.conn, numbers)
    limit = max_bytes_from_env()
    for file in changed:
        writer.read_here(file, limit)


def _note_kept(conn: sqlite3.Connection, writer: Writer) -> None:
    """Tell the writer what the unchanged files declare: their ids (for the base-wide rules), their
    sources (a changed file's fact may quote one), and where new facts' rowids start."""
    at = FILE_PATH.format(table="") + " || ':' || line || ':' || col"
    conn.execute(f"INSERT INTO ids(kind, id, at) SELECT 'source', id, {at} FROM sources ORDER BY file, ord")
    conn.execute(f"INSERT INTO ids(kind, id, at) SELECT 'topic', id, {at} FROM topics ORDER BY file, ord")
    conn.execute(
        f"INSERT INTO ids(kind, id, at, topic, topic_at, source, source_at) "
        f"SELECT 'fact', id, {at}, topic, {at}, source, {at} FROM facts ORDER BY rowid"
    )
    file_path = FILE_PATH.format(table="sources.")
    for source_id, file, path, published in conn.execute(f"SELECT id, {file_path}, path, published FROM sources"):
        writer.source_files[source_id] = Path(file).parent / path
        writer.published[source_id] = published
    writer.facts = conn.execute("SELECT coalesce(max(rowid), 0) FROM facts").fetchone()[0]


def _recheck_sources(
    conn: sqlite3.Connection, writer: Writer, recorded: dict[str, FileStamp], old_shas: dict[str, str]
) -> dict[str, FileStamp]:
    """Stamp every source text; store again the texts that changed, and check and re-anchor the
    unchanged facts that quote them. Returns the texts' stamps. Raises _FullBuild."""
    source_stamps: dict[str, FileStamp] = {}
    retexted: dict[str, str] = {}
    rows = conn.execute(f"SELECT {SOURCES.columns} FROM sources").fetchall()
    for row in rows:
        source = source_from_row(row)
        path = writer.source_files.get(source.id)
        if path is None:  # declared without a text: a problem the full build reports
            raise _FullBuild
        taken = writer.stamps.get(str(path)) or stamp(path, "source", recorded.get(str(path)))
        source_stamps[str(path)] = taken
        if taken.sha256 == old_shas.get(source.id):
            continue
        read: dict[str, FileStamp] = {}
        try:
            text = read_text(path, MAX_SOURCE_BYTES, read, role="source")
        except FactBaseUnreadable:
            raise _FullBuild from None  # a problem of the fact base, which a build reports
        source_stamps[str(path)] = read[str(path)]
        retexted[source.id] = text
    # The facts quoting a changed text, found in one pass (the index keeps no index by source),
    # read before their texts are replaced: their quotes may be read from the old texts.
    if not retexted:
        return source_stamps
    marks = ", ".join("?" * len(retexted))
    quoting = conn.execute(f"SELECT {FACTS.columns} FROM facts WHERE source IN ({marks})", list(retexted)).fetchall()
    for source in map(source_from_row, rows):
        if source.id in retexted:
            text, sha = retexted[source.id], source_stamps[str(writer.source_files[source.id])].sha256
            text_digest = row_digest((text,))
            digest = sealed_values(SOURCES, source, sha, text_digest)[-1]
            conn.execute(
                "UPDATE sources SET sha256 = ?, text_digest = ?, digest = ? WHERE id = ?",
                (sha, text_digest, digest, source.id),
            )
            write_text(conn, source.id, text)
            writer.remember(source.id, text)
    problems: list[Problem] = []
    for fact_row in quoting:
        fact = fact_from_row(fact_row)
        text = retexted[fact.source]
        ready = prepared_row(fact, 0, text, writer.published, {}, problems)
        if ready is None:
            raise _FullBuild
        _, start, end, *_, digest = ready[0]  # the digest sealed with the new anchor
        exact = exact_slice(text, fact, *cast("tuple[int, int]", (start, end)))
        quote = None if exact else fact.quote  # as `prepared_row` stored it
        conn.execute('UPDATE facts SET start = ?, "end" = ?, quote = ?, digest = ? WHERE id = ?',
                     (start, end, quote, digest, fact.id))  # fmt: skip
    return source_stamps


def _delete_touched(conn: sqlite3.Connection, touched: list[str]) -> None:
    """Delete the records of the changed and removed files."""
    # The search table keeps no copy of what it indexed (it is contentless): a row is deleted by
    # giving its columns again, computed from the fact and its topic's title as when it was added.
    rows = conn.execute(
        f"SELECT facts.rowid, topics.title, {FACTS_QUALIFIED} FROM facts LEFT JOIN topics ON topics.id = facts.topic "
        f"WHERE {in_files(len(touched), 'facts.file')}",
        touched,
    ).fetchall()
    names = ", ".join(name for name, _ in FTS_COLUMNS)
    marks_fts = ", ".join("?" * (len(FTS_COLUMNS) + 1))
    deletions = []
    for rowid, title, *record in rows:
        columns = fts_columns(fact_from_row(record), title or "", {})
        deletions.append((rowid, *(columns[name] for name, _ in FTS_COLUMNS)))
    conn.executemany(f"INSERT INTO fts(fts, rowid, {names}) VALUES ('delete', {marks_fts})", deletions)
    for table in ("facts", "topics", "sources"):
        conn.execute(f"DELETE FROM {table} WHERE {in_files(len(touched))}", touched)
    conn.execute("DELETE FROM blocks WHERE sid NOT IN (SELECT id FROM sources)")
