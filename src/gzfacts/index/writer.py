"""The writer a build and an update share: it inserts what each file's preparation hands over.

A file is prepared (`prepare`: in a worker process, or here) into rows ready to insert; the
`Writer`, in the one process that writes the index, inserts them (sources, topics, the facts
that pass, their search columns staged in a scratch table, every record's id and references
into the ids table the base-wide rules run on: `integrity.base_problems`), checks the facts
whose source another file declares against that source's text, and `index_staged` copies the
staged search columns into the search table once every topic is known. `stream` drives it for
a whole base, `update` for a directory base's changed files.
"""

from __future__ import annotations

import os
import sqlite3
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts.errors import FactBaseInvalid, FactBaseUnreadable, Problem
from gzfacts.files import FileStamp
from gzfacts.index.build import BATCH, topic_column
from gzfacts.index.freshness import InputChanged, first_changed
from gzfacts.index.prepare import Chunk, Preparer, Went, prepared_row, stat_or_none, went_meanwhile
from gzfacts.index.rows import stored_text, write_text
from gzfacts.index.schema import FACTS, FTS_COLUMNS, SOURCES, TOPICS
from gzfacts.integrity import IDS_TABLE, INSERT_IDS
from gzfacts.loader import stream_file
from gzfacts.model import Fact
from gzfacts.validate import problem_order

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import Progress

#: Source texts kept in memory at once (facts mostly follow their source's declaration).
TEXT_CACHE = 16
#: Terms the writer remembers putting in the words table (a few MB at most).
INSERTED_TERMS = 100_000
FTS_NAMES = tuple(name for name, _ in FTS_COLUMNS)
#: Search columns prepared with the fact: all but its topic's title.
FACT_FTS_NAMES = tuple(name for name in FTS_NAMES if name != "topic")
#: The columns of a facts row, as FACTS.insert() names them.
_FACT_NAMES = FACTS.insert().split("(", 1)[1].split(")", 1)[0]

#: The scratch tables a writer fills: the ids the base-wide rules run on, the staged facts (an
#: update's; a build writes straight into `facts`), their search columns and late words.
SCRATCH = (
    IDS_TABLE
    + f"""
{FACTS.create("temp.staged", keys=False)}
CREATE TEMP TABLE staged_fts(rowid INTEGER PRIMARY KEY, topic TEXT, {", ".join(FACT_FTS_NAMES)});
CREATE TEMP TABLE late_words(term TEXT PRIMARY KEY, word TEXT NOT NULL) WITHOUT ROWID;
"""
)
INSERT_FTS = f"INSERT INTO staged_fts VALUES ({', '.join('?' * (len(FACT_FTS_NAMES) + 2))})"
#: Drops what SCRATCH and `index_staged` made, once the index is written.
DROP_SCRATCH = (
    "DROP TABLE temp.staged; DROP TABLE temp.staged_fts; DROP TABLE temp.ids; "
    "DROP TABLE temp.late_words; DROP TABLE temp.topic_terms;"
)


class Conflict(Exception):
    """A worker prepared a file against a source an earlier file declared first."""


class Writer:
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
        """Insert a prepared chunk. Raises Conflict (before inserting anything) when the chunk
        was prepared against a source that an earlier file declared first."""
        if any(source_id in self.source_files for source_id, *_ in chunk.declared):
            raise Conflict
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
        conn.executemany(INSERT_IDS, chunk.ids)
        first = self.facts + 1
        self.facts += chunk.count
        conn.executemany(self.insert_fact, [(first + n, *row) for n, row, _ in chunk.rows])
        conn.executemany(INSERT_FTS, [(first + n, *fts) for n, _, fts in chunk.rows])
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
        self.conn.executemany(INSERT_FTS, fts)
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

    def refuse(self, problems: list[Problem]) -> None:
        """Raise FactBaseInvalid listing `problems` in file order, if there are any; InputChanged
        instead when a file changed meanwhile that may be what made them (`moved_meanwhile`)."""
        if not problems:
            return
        moved = self.moved_meanwhile()
        if moved is not None:
            raise InputChanged(moved)
        raise FactBaseInvalid(sorted(problems, key=problem_order))

    def moved_meanwhile(self) -> str | None:
        """A file whose change since it was read may be what made the fact base look broken (a
        file read while an editor wrote it, a file left out or unreadable that is back), or None."""
        for path in self.went + self.left_out:
            if os.path.exists(path):
                return path
        return first_changed(list(self.stamps.values()))


#: Facts copied into the index per statement (and per progress report).
INDEX_BATCH = 50_000


def index_staged(conn: sqlite3.Connection, total: int, progress: Progress | None, *, staged_facts: bool = True) -> None:
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
