"""Building an index straight from the YAML event stream, in memory that does not grow with the base.

Records flow from the loader into SQLite one batch at a time, and nothing holds the whole
fact base. Three steps:

1. *load*: each file is prepared (`prepare`: by worker processes when there are several, else
   here): its sources' texts read, its facts' quotes located and their content checked, their
   rows, digests and search columns made. This process, the writer, inserts what it is handed:
   sources, topics, the facts that pass (into the facts table, whose indexes are made after
   the load; an update stages them in a temporary table), and their search columns (into a
   temporary table);
   every record's id and references, with where they were written, into another. A fact whose
   source another file declares is checked here, against that source's text (a small cache of
   recent texts; a fact whose source is declared further on waits for it).
2. *check*: the rules that span the whole base (unique ids, known topics and sources, no
   fact id that is also a topic id) are SQL queries over the noted ids, with the same
   messages and `file:line:column` as `gzfacts.validate`.
3. *index*: the staged search columns are copied in order into the search table with the
   analysed title of their topic (declared anywhere in the base), all in SQL.

The `words` table (a surface word for each search term, for corrections) keeps the first word
met for a term: in the facts prepared with their file, in file order; then in the facts checked
here; then in topic titles. The same files give the same index, whatever the number of workers.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from collections import OrderedDict, deque
from collections.abc import Generator
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts import rules
from gzfacts.errors import FactBaseInvalid, FactBaseUnreadable, Problem
from gzfacts.files import FileStamp
from gzfacts.index.build import BATCH, finish, topic_column
from gzfacts.index.freshness import InputChanged, first_changed
from gzfacts.index.prepare import Chunk, Preparer, Went, prepare_file, prepared_row, stat_or_none, went_meanwhile
from gzfacts.index.rows import file_numbers, number_files, stored_text, write_text
from gzfacts.index.schema import FACTS, FTS_COLUMNS, INDEXES, SOURCES, TOPICS, schema
from gzfacts.loader import base_root, max_bytes_from_env, stream_file
from gzfacts.model import Fact
from gzfacts.validate import _did_you_mean, _order

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import Progress

#: Source texts kept in memory at once (facts mostly follow their source's declaration).
TEXT_CACHE = 16
#: Terms the writer remembers putting in the words table (a few MB at most).
INSERTED_TERMS = 100_000
FTS_NAMES = tuple(name for name, _ in FTS_COLUMNS)
#: Search columns prepared with the fact: all but its topic's title.
FACT_FTS_NAMES = tuple(name for name in FTS_NAMES if name != "topic")
#: Fewer files are parsed in this process: starting workers costs more than they would save.
MIN_PARALLEL_FILES = 8
#: The columns of a facts row, as FACTS.insert() names them.
_FACT_NAMES = FACTS.insert().split("(", 1)[1].split(")", 1)[0]

_SCRATCH = f"""
CREATE TEMP TABLE ids(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL,
                      topic TEXT, topic_at TEXT, source TEXT, source_at TEXT);
{FACTS.create("temp.staged", keys=False)}
CREATE TEMP TABLE staged_fts(rowid INTEGER PRIMARY KEY, topic TEXT, {", ".join(FACT_FTS_NAMES)});
CREATE TEMP TABLE late_words(term TEXT PRIMARY KEY, word TEXT NOT NULL) WITHOUT ROWID;
"""
_INSERT_IDS = "INSERT INTO ids(kind, id, at, topic, topic_at, source, source_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
_INSERT_FTS = f"INSERT INTO staged_fts VALUES ({', '.join('?' * (len(FACT_FTS_NAMES) + 2))})"


class _Conflict(Exception):
    """A worker prepared a file against a source an earlier file declared first."""


class _Writer:
    """Inserts what each file's preparation hands over, into the index and its scratch tables."""

    def __init__(self, conn: sqlite3.Connection, facts_table: str = "staged", root: Path | None = None) -> None:
        #: The directory the sources' texts must stand in (gzfacts.loader.base_root).
        self.root = root
        self.conn = conn
        #: Where facts that pass go: straight into `facts` in a build (its indexes are made after
        #: the load), the scratch table `staged` in an update (whose `facts` has its indexes).
        self.insert_fact = FACTS.insert(facts_table)
        self.problems: list[Problem] = []
        self.unreadable: list[Problem] = []
        #: The stamps of every file as it was read (taken from the bytes parsed).
        self.stamps: dict[str, FileStamp] = {}
        #: Each declared source's text file (the first declaration wins, as in validation).
        self.source_files: dict[str, Path] = {}
        self.unusable: set[str] = set()
        self.published: dict[str, str] = {}
        self.texts: OrderedDict[str, str | None] = OrderedDict()
        self.waiting: list[tuple[int, int, Fact]] = []
        self.late_words: dict[str, str] = {}
        #: Terms this writer put in the words table, where an INSERT OR IGNORE of them would do
        #: nothing: most of a file's terms were met in earlier files, and SQLite looking each up
        #: again was the writer's largest cost per fact. Bounded: emptied when full.
        self.inserted_terms: set[str] = set()
        self.facts = 0
        #: Fact files that went (renamed or deleted) after they were listed, before they could be
        #: read: left out of the index, which records no stamp of them.
        self.left_out: list[str] = []
        #: Files that changed or went while they were read, and could not be read then.
        self.went: list[str] = []

    def adopt(self, chunk: Chunk) -> None:
        """Insert a prepared chunk. Raises _Conflict (before inserting anything) when the chunk
        was prepared against a source that an earlier file declared first."""
        if any(source_id in self.source_files for source_id, *_ in chunk.declared):
            raise _Conflict
        conn = self.conn
        for name, read in chunk.stamps.items():
            self.stamps.setdefault(name, read)
        for source_id, path, published, text in chunk.declared:
            self.source_files[source_id] = path
            self.published[source_id] = published
            if text is None:
                self.unusable.add(source_id)
            self.remember(source_id, text)
        self.unreadable += chunk.unreadable
        self.problems += chunk.problems
        self.went += chunk.went
        conn.executemany(SOURCES.insert().replace("INSERT", "INSERT OR IGNORE", 1), chunk.source_rows)
        for source_id, _, _, text in chunk.declared:  # first declarations: their rows were inserted
            write_text(conn, source_id, text or "")
        conn.executemany(TOPICS.insert().replace("INSERT", "INSERT OR IGNORE", 1), chunk.topic_rows)
        conn.executemany(_INSERT_IDS, chunk.ids)
        first = self.facts + 1
        self.facts += chunk.count
        conn.executemany(self.insert_fact, [(first + n, *row) for n, row, _ in chunk.rows])
        conn.executemany(_INSERT_FTS, [(first + n, *fts) for n, _, fts in chunk.rows])
        self.insert_words(chunk.words)
        staged: list[tuple[int, int, Fact]] = []
        for n, forder, fact in chunk.waiting:
            (staged if fact.source in self.source_files else self.waiting).append((first + n, forder, fact))
        self.stage(staged)

    def insert_words(self, words: dict[str, str]) -> None:
        """Offer the words table a surface word for each term (the first offered is kept)."""
        inserted = self.inserted_terms
        new = [(term, word) for term, word in words.items() if term not in inserted]
        self.conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", new)
        if len(inserted) + len(new) > INSERTED_TERMS:
            inserted.clear()
        inserted.update(term for term, _ in new)

    def remember(self, source_id: str, text: str | None) -> None:
        self.texts[source_id] = text
        self.texts.move_to_end(source_id)
        while len(self.texts) > TEXT_CACHE:
            self.texts.popitem(last=False)

    def text_of(self, source_id: str) -> str | None:
        """A declared source's text, None if it could not be read."""
        if source_id in self.texts:
            self.texts.move_to_end(source_id)
            return self.texts[source_id]
        text = stored_text(self.conn, source_id) if source_id not in self.unusable else None
        self.remember(source_id, text)
        return text

    def stage(self, facts: list[tuple[int, int, Fact]]) -> None:
        """Check facts whose source another file declares, and stage those that pass."""
        rows: list[tuple[object, ...]] = []
        fts: list[tuple[object, ...]] = []
        for rowid, forder, fact in facts:
            text = self.text_of(fact.source) if fact.source in self.source_files else None
            ready = prepared_row(fact, forder, text, self.published, self.late_words, self.problems)
            if ready is not None:
                rows.append((rowid, *ready[0]))
                fts.append((rowid, *ready[1]))
        self.conn.executemany(self.insert_fact, rows)
        self.conn.executemany(_INSERT_FTS, fts)
        if len(self.late_words) >= BATCH:
            self.flush_words()

    def flush_words(self) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO late_words VALUES (?, ?)", self.late_words.items())
        self.late_words.clear()

    def finish_loading(self) -> None:
        """Stage the facts that waited for their source to be declared."""
        for start in range(0, len(self.waiting), BATCH):
            self.stage(self.waiting[start : start + BATCH])
        self.waiting.clear()
        self.flush_words()

    def read_here(self, file: Path, limit: int) -> None:
        """Prepare a file in this process, inserting as it is read (memory flat however long the file).

        A file that went since it was listed is left out (`left_out`); one that changed while it
        was read, so that it could not be, raises InputChanged: read the fact base again.
        """
        preparer = Preparer(known=self.source_files, root=self.root)
        adopted = []

        def take() -> None:
            preparer.take()
            if preparer.pending() >= BATCH:
                adopted.append(True)
                self.adopt(preparer.hand_over())

        before = stat_or_none(file)
        if before is None:
            self.left_out.append(str(file))
            return
        try:
            stream_file(file, preparer.parsed, take, limit=limit)
        except FactBaseUnreadable as exc:
            went = went_meanwhile(file, before, exc.problems[0])
            if went is None:
                raise
            self.vanished(went, partly_read=bool(adopted))
            return
        preparer.take()  # what came after the last record: the problems of a broken section
        self.adopt(preparer.hand_over())

    def vanished(self, went: Went, *, partly_read: bool = False) -> None:
        """A fact file that could not be read because it went or changed meanwhile: left out if
        it went before any of it was read, else InputChanged (read the fact base again)."""
        if not went.gone or partly_read:
            raise InputChanged(went.path)
        self.left_out.append(went.path)

    def moved_meanwhile(self) -> str | None:
        """A file whose change since it was read may be what made the fact base look broken (a
        file read while an editor wrote it, a file left out or unreadable that is back), or None."""
        for path in self.went + self.left_out:
            if os.path.exists(path):
                return path
        return first_changed(list(self.stamps.values()))


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


_ANY_DUPLICATE = "SELECT 1 FROM ids WHERE kind = ? GROUP BY id HAVING count(*) > 1 LIMIT 1"


def _integrity(conn: sqlite3.Connection) -> list[Problem]:
    """The problems that span the whole base, found with SQL over the noted ids."""
    conn.execute("CREATE INDEX temp.ids_kind_id ON ids(kind, id, seq)")
    problems: list[Problem] = []
    for kind in ("source", "topic", "fact"):
        # Most bases have no duplicate: seen in one pass over the index, before the query that
        # pairs each duplicate with the first (a lookup per row).
        if conn.execute(_ANY_DUPLICATE, (kind,)).fetchone() is None:
            continue
        rows = conn.execute(
            "SELECT d.id, d.at, f.at FROM ids d JOIN ids f ON f.kind = d.kind AND f.id = d.id "
            "AND f.seq = (SELECT min(seq) FROM ids WHERE kind = d.kind AND id = d.id) "
            "WHERE d.kind = ? AND d.seq != f.seq ORDER BY d.seq",
            (kind,),
        )
        problems += [
            Problem(
                at,
                f"duplicate {kind} id `{ident}` (first at {first})",
                "Give each a unique id",
                rules.DUPLICATE_ID,
                ident if kind == "fact" else None,
            )
            for ident, at, first in rows
        ]
    topics = "(SELECT id FROM ids WHERE kind = 'topic')"
    for fact_id, at in conn.execute(f"SELECT id, at FROM ids WHERE kind = 'fact' AND id IN {topics} ORDER BY seq"):
        problems.append(
            Problem(
                at,
                f"fact id `{fact_id}` is also a topic id",
                "Rename one: a lookup by id must know which is meant",
                rules.FACT_ID_IS_TOPIC,
                fact_id,
            )
        )
    # Facts that name an unknown topic or source, in one pass over the facts.
    unknown = {kind: f"{kind} NOT IN (SELECT id FROM ids WHERE kind = '{kind}')" for kind in ("topic", "source")}
    naming_unknown = conn.execute(
        f"SELECT id, topic, topic_at, {unknown['topic']}, source, source_at, {unknown['source']} FROM ids "
        f"WHERE kind = 'fact' AND ({unknown['topic']} OR {unknown['source']}) ORDER BY seq"
    ).fetchall()
    for n, (kind, code) in enumerate((("topic", rules.UNKNOWN_TOPIC), ("source", rules.UNKNOWN_SOURCE))):
        # (fact, the id it names, where) of the facts naming an unknown one of this kind
        refs = [(row[0], *row[1 + 3 * n : 3 + 3 * n]) for row in naming_unknown if row[3 + 3 * n]]
        if not refs:
            continue
        known = {ident for (ident,) in conn.execute("SELECT id FROM ids WHERE kind = ?", (kind,))}
        problems += [
            Problem(
                at,
                f"fact `{fact_id}`: unknown {kind} `{ref}`",
                _did_you_mean(ref, known) + f"Use the id of a {kind} under `{kind}s`, or add that {kind}",
                code,
                fact_id,
            )
            for fact_id, ref, at in refs
        ]
    return problems


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
    limit = max_bytes_from_env()
    conn.executescript(schema() + _SCRATCH)
    number_files(conn, file_numbers(conn, [str(file) for file in files]) or {})
    with conn:
        root = base_root(fact_path) if fact_path is not None else None
        writer = _Writer(conn, facts_table="facts", root=root)
        parallel = jobs > 1 and len(files) >= MIN_PARALLEL_FILES
        chunks = _prepare_in_parallel(files, limit, jobs, root) if parallel else None
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
                except _Conflict:  # the first declaration of a source it declares again wins
                    writer.read_here(file, limit)
        finally:
            if chunks is not None:
                chunks.close()  # the workers stop here, whatever happened
        if left_out is not None:
            left_out += writer.left_out
        if files and len(writer.left_out) == len(files):
            raise InputChanged(str(files[0]))  # every file went: list them again
        writer.finish_loading()
        if progress:
            progress("checking", 0, writer.facts)
        problems = writer.problems + writer.unreadable + _integrity(conn)
        if not writer.facts and files and not any(p.fact for p in problems):
            problems.append(
                Problem(
                    f"{files[0]}:1:1",
                    "the fact base has no facts yet",
                    "Add the first fact under `facts:`; `gzfacts extract SOURCE_TEXT --published DATE` proposes some",
                    rules.NO_FACTS,
                )
            )
        problems = sorted(problems, key=_order)
        if problems:
            moved = writer.moved_meanwhile()
            if moved is not None:
                raise InputChanged(moved)
            raise FactBaseInvalid(problems)
        _index(conn, writer.facts, progress, staged_facts=False)
        for statement in INDEXES:  # made once the facts are in: sorted once, pages full
            conn.execute(statement)
        stamps = list(writer.stamps.values())
        finish(conn, stamps, {}, fact_path, writer.facts)
    conn.executescript(
        "DROP TABLE temp.staged; DROP TABLE temp.staged_fts; DROP TABLE temp.ids; "
        "DROP TABLE temp.late_words; DROP TABLE temp.topic_terms;"
    )
    return stamps


#: Facts copied into the index per statement (and per progress report).
INDEX_BATCH = 50_000


def _index(conn: sqlite3.Connection, total: int, progress: Progress | None, *, staged_facts: bool = True) -> None:
    """Copy the staged facts' search columns, in order, into the search table with their topic's
    title, and the staged facts themselves into the facts table (`staged_facts`: a build writes
    them there as it loads)."""
    conn.execute("CREATE TEMP TABLE topic_terms(id TEXT PRIMARY KEY, terms TEXT NOT NULL)")
    words: dict[str, str] = {}
    topics = conn.execute("SELECT id, title FROM topics")  # in table order: the same for any number of workers
    while rows := topics.fetchmany(BATCH):
        conn.executemany("INSERT INTO temp.topic_terms VALUES (?, ?)", [(i, topic_column(t, words)) for i, t in rows])
    conn.executemany("INSERT OR IGNORE INTO late_words VALUES (?, ?)", words.items())
    conn.execute("INSERT OR IGNORE INTO words SELECT term, word FROM late_words")
    names = ", ".join(FTS_NAMES)
    columns = ", ".join("coalesce(t.terms, '')" if name == "topic" else f"s.{name}" for name in FTS_NAMES)
    done = 0
    last = conn.execute("SELECT coalesce(max(rowid), 0) FROM staged_fts").fetchone()[0]
    for start in range(1, last + 1, INDEX_BATCH):
        end = start + INDEX_BATCH - 1
        if staged_facts:
            conn.execute(
                f"INSERT INTO facts({_FACT_NAMES}) SELECT {_FACT_NAMES} FROM staged "
                "WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                (start, end),
            )
        conn.execute(
            f"INSERT INTO fts(rowid, {names}) SELECT s.rowid, {columns} FROM staged_fts s "
            "LEFT JOIN topic_terms t ON t.id = s.topic WHERE s.rowid BETWEEN ? AND ? ORDER BY s.rowid",
            (start, end),
        )
        done += conn.execute("SELECT count(*) FROM staged_fts WHERE rowid BETWEEN ? AND ?", (start, end)).fetchone()[0]
        if progress:
            progress("indexing", done, total)
    if progress and not done:
        progress("indexing", 0, 0)
