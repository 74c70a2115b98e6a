"""Incremental update of a directory fact base's index: re-read only the files that changed.

Four steps, each on one `Update`: `diff` compares the YAML files with the stamps the index
recorded; `merge` reads the changed files and joins their records to the unchanged files'
records taken from the index; `validate` checks the whole merged fact base (quotes of
unchanged facts are trusted unless their source text changed); `write` applies the change
to a copy of the index and renames it into place.

Everything reused from the index is keyed by content: a YAML file's records by the file's
hash, a source text by the hash of the file bytes it was read from (never by the source's id:
a source pointed at another, already indexed text gets that text). Every row reused is checked
against its digest, and the files read are checked again before the new index is renamed
into place (a change meanwhile means a full build instead).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from gzfacts.errors import FactBaseInvalid
from gzfacts.index.build import finish, fts_columns, insert
from gzfacts.index.cache import write_atomically
from gzfacts.index.freshness import (
    FileStamp,
    InputChanged,
    built_for,
    connect_read_only,
    intact,
    recorded_stamps,
    stamp,
    verify_unchanged,
)
from gzfacts.index.rows import checked_text, fact_from_row, record_from_row, row_digest, sealed_values
from gzfacts.index.schema import FACTS, FACTS_QUALIFIED, FTS_COLUMNS, SOURCES, TOPICS, Table
from gzfacts.loader import ParsedFactBase, Progress, fact_files, read_files
from gzfacts.model import Fact, R, Source, Topic
from gzfacts.quotes import locate
from gzfacts.validate import check, read_sources


@dataclass
class Update:
    """One incremental update of an index, filled in step by step."""

    db_path: Path
    fact_path: Path
    #: The stamps the index recorded, by path.
    recorded: dict[str, FileStamp]
    #: The YAML files' current stamps, by path (set by `diff`).
    stamps: dict[str, FileStamp] = field(default_factory=dict)
    #: YAML files that changed or appeared, and the paths of all changed or removed ones.
    changed: list[Path] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)
    #: YAML files whose records are taken from the index.
    kept: list[str] = field(default_factory=list)
    #: The records of the changed files, and the whole fact base (set by `merge`).
    fresh: ParsedFactBase = field(default_factory=ParsedFactBase)
    merged: ParsedFactBase = field(default_factory=ParsedFactBase)
    #: Every source's text, the sources whose text changed, their stamps (set by `validate`).
    texts: dict[str, str] = field(default_factory=dict)
    shas: dict[str, str] = field(default_factory=dict)
    retexted: set[str] = field(default_factory=set)
    source_stamps: dict[str, FileStamp] = field(default_factory=dict)

    def kept_facts(self) -> list[Fact]:
        """The facts of the unchanged files."""
        kept = set(self.kept)
        return [f for f in self.merged.facts if f.origin is not None and f.origin.file in kept]


def update_directory(db_path: Path, fact_path: Path, progress: Progress | None = None) -> Path | None:
    """Bring a directory fact base's index up to date by re-reading only the files that changed.

    Returns the index's path, or None when a full rebuild is needed instead (a topic changed,
    the index is unusable, the cache cannot be written). Raises FactBaseInvalid like a build.
    """
    try:
        old = connect_read_only(db_path)
    except sqlite3.Error:
        return None
    try:
        if not (built_for(old, fact_path, complete=False) and intact(db_path, old)):
            return None
        update = Update(db_path, fact_path, recorded_stamps(old))
        diff(update)
        if not merge(old, update, progress):
            return None  # other files' facts carry topic titles in their search columns
        validate(old, update)
    except (OSError, sqlite3.Error):
        return None
    finally:
        old.close()
    try:
        return write(update, progress)
    except InputChanged:
        return None  # a file changed while it was read: the full build tries again


def diff(update: Update) -> None:
    """Find the YAML files that changed, appeared or went since the index was built."""
    files = fact_files(update.fact_path)
    recorded = update.recorded
    update.stamps = {str(f): stamp(f, "facts", recorded.get(str(f))) for f in files}
    update.changed = [
        f for f in files if str(f) not in recorded or update.stamps[str(f)].sha256 != recorded[str(f)].sha256
    ]
    gone = [path for path, s in recorded.items() if s.role == "facts" and path not in update.stamps]
    update.touched = [str(p) for p in update.changed] + gone
    changed = set(update.changed)
    update.kept = [str(f) for f in files if f not in changed]


def merge(old: sqlite3.Connection, update: Update, progress: Progress | None) -> bool:
    """Read the changed files and join them to the unchanged files' records from the index.

    False when a topic was added, removed or edited: that needs a full rebuild.
    """
    if progress:
        progress("reading changed files of", 0, len(update.changed))
    fresh = update.fresh = read_files(update.changed)
    update.stamps.update(fresh.stamps)  # what was parsed, not what the files hold by now
    marks = ", ".join("?" * len(update.touched))
    before = set(old.execute(f"SELECT id, title, summary FROM topics WHERE file IN ({marks})", update.touched))
    if before != {(t.id, t.title, t.summary) for t in fresh.topics}:
        return False
    kept = update.kept
    merged = update.merged = ParsedFactBase(files=[Path(f) for f in kept] + fresh.files)
    for source in _records_of(old, SOURCES, Source, kept):
        merged.sources.append(source)
        assert source.origin is not None  # read from a file
        merged.source_files.setdefault(source.id, Path(source.origin.file).parent / source.path)
    merged.topics += _records_of(old, TOPICS, Topic, kept)
    merged.facts += _records_of(old, FACTS, Fact, kept)
    merged.sources += fresh.sources
    merged.topics += fresh.topics
    merged.facts += fresh.facts
    merged.problems += fresh.problems
    for source_id, path in fresh.source_files.items():
        merged.source_files.setdefault(source_id, path)
    return True


def _records_of(old: sqlite3.Connection, table: Table, record: type[R], files: list[str]) -> list[R]:
    """The records of `table` that were read from `files`, from the index."""
    marks = ", ".join("?" * len(files))
    rows = old.execute(f"SELECT {table.columns} FROM {table.name} WHERE file IN ({marks})", files)
    return [record_from_row(table, record, row) for row in rows]


def validate(old: sqlite3.Connection, update: Update) -> None:
    """Check the merged fact base, reading only the source texts the index does not hold.

    A text is taken from the index when the index holds one read from bytes with the same hash
    as the source's file now. Raises FactBaseInvalid listing every problem.
    """
    merged, recorded = update.merged, update.recorded
    paths = dict.fromkeys(merged.source_files.values())
    update.source_stamps = {str(p): stamp(p, "source", recorded.get(str(p))) for p in paths}
    stored: dict[str, str] = {}
    by_sha: dict[str, str] = {}
    for source_id, text, sha, digest in old.execute("SELECT id, text, sha256, text_digest FROM sources"):
        stored[source_id] = sha
        by_sha[sha] = checked_text(text, digest)
    known: dict[str, str] = {}
    for source_id, path in merged.source_files.items():
        sha = update.source_stamps[str(path)].sha256
        if sha in by_sha:
            known[source_id] = by_sha[sha]
    update.texts, unreadable = read_sources(merged, known=known)
    update.source_stamps.update(merged.stamps)  # the texts read now: stamped as read
    update.shas = {sid: update.source_stamps[str(path)].sha256 for sid, path in merged.source_files.items()}
    update.retexted = {sid for sid in merged.source_files if stored.get(sid) != update.shas[sid]}
    trusted = frozenset(f.id for f in update.kept_facts() if f.source not in update.retexted)
    problems = check(merged, update.texts, trusted=trusted) + unreadable
    if problems:
        raise FactBaseInvalid(problems)


def write(update: Update, progress: Progress | None) -> Path | None:
    """Apply the update to a copy of the index and rename the copy into place."""

    def apply(conn: sqlite3.Connection) -> None:
        with conn:
            _delete_touched(conn, update.touched)
            _reanchor(conn, update)
            first = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM facts").fetchone()[0]
            words: dict[str, str] = {}
            titles = {t.id: t.title for t in update.merged.topics}
            insert(conn, update.fresh, update.texts, update.shas, titles, words, progress, first_rowid=first)
            stamps = [*update.stamps.values(), *update.source_stamps.values()]
            finish(conn, stamps, words, update.fact_path, len(update.merged.facts))
            # Words only the removed facts had must not be offered as typo corrections.
            conn.execute("DELETE FROM words WHERE term NOT IN (SELECT term FROM fts_terms)")
            verify_unchanged(stamps)

    return write_atomically(update.db_path, apply, copy_of=update.db_path)


def _delete_touched(conn: sqlite3.Connection, touched: list[str]) -> None:
    """Delete the records of the changed and removed files."""
    marks = ", ".join("?" * len(touched))
    # The search table keeps no copy of what it indexed (it is contentless): a row is deleted by
    # giving its columns again, computed from the fact and its topic's title as when it was added.
    rows = conn.execute(
        f"SELECT facts.rowid, topics.title, {FACTS_QUALIFIED} FROM facts LEFT JOIN topics ON topics.id = facts.topic "
        f"WHERE facts.file IN ({marks})",
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
        conn.execute(f"DELETE FROM {table} WHERE file IN ({marks})", touched)


def _reanchor(conn: sqlite3.Connection, update: Update) -> None:
    """Store the changed source texts, and re-anchor the unchanged facts that quote them."""
    kept_facts = update.kept_facts()
    sources = {s.id: s for s in update.merged.sources}
    for source_id in update.retexted:
        text, sha = update.texts[source_id], update.shas[source_id]
        text_digest = row_digest((text,))
        digest = sealed_values(SOURCES, sources[source_id], sha, text_digest)[-1]
        conn.execute(
            "UPDATE sources SET text = ?, sha256 = ?, text_digest = ?, digest = ? WHERE id = ?",
            (text, sha, text_digest, digest, source_id),
        )
        for fact in kept_facts:
            if fact.source == source_id:
                span = locate(text, fact.quote)
                assert span is not None  # checked by validation
                digest = sealed_values(FACTS, fact, *span)[-1]
                conn.execute('UPDATE facts SET start = ?, "end" = ?, digest = ? WHERE id = ?', (*span, digest, fact.id))
