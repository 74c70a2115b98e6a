"""Building an index straight from the YAML event stream, in memory that does not grow with the base.

Records flow from the loader into SQLite one batch at a time, and nothing holds the whole
fact base. Three steps:

1. *load*: each file's records are taken from the loader as they are read. Sources go into
   the index with their texts; a fact's quote, value and period are checked against its
   source's text (a small cache of recent texts; a fact whose source is declared further on
   waits for it) and the fact is staged in a temporary table; every record's id and
   references are noted, with where they were written, in another.
2. *check*: the rules that span the whole base (unique ids, known topics and sources, no
   fact id that is also a topic id) are SQL queries over the noted ids, with the same
   messages and `file:line:column` as `gzfacts.validate`.
3. *index*: the staged facts are read back in order, and written with their search columns
   (which need their topic's title, declared anywhere in the base).
"""

from __future__ import annotations

import signal
import sqlite3
from collections import OrderedDict, deque
from collections.abc import Generator
from itertools import count, islice
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts import rules
from gzfacts.errors import FactBaseInvalid, FactBaseUnreadable, Problem
from gzfacts.files import FileStamp
from gzfacts.index.build import BATCH, FileOrder, finish, flush, fts_columns, source_row
from gzfacts.index.rows import FACT_COLUMNS, fact_from_row, sealed_values
from gzfacts.index.schema import FACTS, FTS_COLUMNS, SOURCES, TOPICS, schema
from gzfacts.loader import ParsedFactBase, max_bytes_from_env, read_files, read_text, stream_file
from gzfacts.model import Fact, Source
from gzfacts.quotes import locate
from gzfacts.validate import MAX_SOURCE_BYTES, _did_you_mean, _order, check_fact

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import Progress

#: Source texts kept in memory at once (facts mostly follow their source's declaration).
TEXT_CACHE = 16
FTS_NAMES = tuple(name for name, _ in FTS_COLUMNS)
#: Fewer files are parsed in this process: starting workers costs more than they would save.
MIN_PARALLEL_FILES = 8

_SCRATCH = f"""
CREATE TEMP TABLE ids(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL,
                      topic TEXT, topic_at TEXT, source TEXT, source_at TEXT);
{FACTS.create("temp.staged", keys=False)}
"""


class _Loader:
    """Takes records from the loader as they are read, into the index and its scratch tables."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.parsed = ParsedFactBase()
        self.problems: list[Problem] = []
        self.unreadable: list[Problem] = []
        #: The stamps of every file as it was read (the loader takes them from the bytes it parsed).
        self.stamps: dict[str, FileStamp] = self.parsed.stamps
        #: Each declared source's text file (the first declaration wins, as in validation).
        self.source_files: dict[str, Path] = {}
        self.unusable: set[str] = set()
        self.published: dict[str, str] = {}
        self.texts: OrderedDict[str, str | None] = OrderedDict()
        self.waiting: list[tuple[int, int, Fact]] = []
        self.rowids = count(1)
        self.orders = (FileOrder(), FileOrder(), FileOrder())
        self.staged: list[tuple[object, ...]] = []
        self.ids: list[tuple[object, ...]] = []
        self.facts = 0

    def take(self) -> None:
        """Move the records read so far out of the loader's lists."""
        parsed = self.parsed
        for source in parsed.sources:
            self.add_source(source, parsed.source_files.get(source.id))
            self.ids.append(("source", source.id, str(source.origin), None, None, None, None))
            text = self.texts.get(source.id) or ""  # a source read before, or one that cannot be read
            path = self.source_files.get(source.id)
            read = self.stamps.get(str(path)) if path is not None else None
            self.conn.execute(
                SOURCES.insert().replace("INSERT", "INSERT OR IGNORE", 1),
                source_row(self.orders[0](source.origin), source, text, read.sha256 if read else ""),
            )
        for topic in parsed.topics:
            self.ids.append(("topic", topic.id, str(topic.origin), None, None, None, None))
            self.conn.execute(
                TOPICS.insert().replace("INSERT", "INSERT OR IGNORE", 1),
                (self.orders[1](topic.origin), *sealed_values(TOPICS, topic)),
            )
        for fact in parsed.facts:
            self.facts += 1
            at = {name: str(fact.where(name)) for name in ("id", "topic", "source")}
            self.ids.append(("fact", fact.id, at["id"], fact.topic, at["topic"], fact.source, at["source"]))
            rowid, forder = next(self.rowids), self.orders[2](fact.origin)
            if fact.source in self.source_files:
                self.stage(rowid, forder, fact)
            else:
                self.waiting.append((rowid, forder, fact))
        parsed.sources.clear()
        parsed.topics.clear()
        parsed.facts.clear()
        self.problems += parsed.problems
        parsed.problems.clear()
        if len(self.staged) >= BATCH or len(self.ids) >= BATCH:
            self.flush()

    def adopt(self, parsed: ParsedFactBase) -> None:
        """Take the records a worker process parsed from one file."""
        self.parsed.files += parsed.files
        self.parsed.sources += parsed.sources
        self.parsed.topics += parsed.topics
        self.parsed.facts += parsed.facts
        self.parsed.problems += parsed.problems
        for name, read in parsed.stamps.items():  # taken by the worker from the bytes it parsed
            self.parsed.stamps.setdefault(name, read)
        for source_id, path in parsed.source_files.items():
            self.parsed.source_files.setdefault(source_id, path)

    def add_source(self, source: Source, path: Path | None) -> None:
        """Read a newly declared source's text (and stamp its file); a problem if it cannot be."""
        if source.id in self.source_files or path is None:
            return
        self.source_files[source.id] = path
        try:
            read: dict[str, FileStamp] = {}
            text: str | None = read_text(path, MAX_SOURCE_BYTES, read, role="source")
        except FactBaseUnreadable as exc:
            self.unreadable.append(
                Problem(
                    str(source.origin),
                    f"source `{source.id}`: its text {source.path!r} cannot be used ({exc.problems[0].message})",
                    "Fix `path`: it is relative to the YAML file that declares the source",
                    rules.SOURCE_TEXT,
                )
            )
            self.unusable.add(source.id)
            text = None
        else:
            for name, taken in read.items():  # the stamp of the bytes this text came from
                self.stamps.setdefault(name, taken)
        self.remember(source.id, text)
        self.published[source.id] = source.published

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
        row = self.conn.execute("SELECT text FROM sources WHERE id = ?", (source_id,)).fetchone()
        text = row[0] if row is not None and source_id not in self.unusable else None
        self.remember(source_id, text)
        return text

    def stage(self, rowid: int, forder: int, fact: Fact) -> None:
        """Check a fact's content against its source's text, and stage it for indexing if it passes."""
        text = self.text_of(fact.source) if fact.source in self.source_files else None
        span = locate(text, fact.quote) if text is not None else None
        # A quote found needs no second look: only its value and period are checked then. The
        # references are checked with SQL once everything is loaded.
        texts = {fact.source: text} if text is not None and span is None else {}
        problems = check_fact(fact, {fact.topic}, {fact.source}, texts, published=self.published)
        if problems or span is None:
            self.problems += problems
            return
        self.staged.append((rowid, forder, span[0], span[1], *sealed_values(FACTS, fact, *span)))

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO ids(kind, id, at, topic, topic_at, source, source_at) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?)", self.ids)  # fmt: skip
        self.conn.executemany(FACTS.insert("staged"), self.staged)
        self.ids.clear()
        self.staged.clear()

    def finish_loading(self) -> None:
        """Stage the facts that waited for their source to be declared."""
        for rowid, forder, fact in self.waiting:
            self.stage(rowid, forder, fact)
        self.waiting.clear()
        self.flush()


def _parse_one(file: Path, limit: int) -> ParsedFactBase | Problem:
    """One file's records, parsed in a worker process (or the problem that stopped it)."""
    try:
        return read_files([file], max_bytes=limit)
    except FactBaseUnreadable as exc:  # raised again by the writer, where it is caught as usual
        return exc.problems[0]


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the writer handles it, workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _parse_in_parallel(files: list[Path], limit: int, jobs: int) -> Generator[ParsedFactBase, None, None]:
    """Each file's records, in file order, parsed by `jobs` worker processes.

    At most twice as many files as workers are parsed ahead of the writer, so memory stays
    flat however many files there are. Raises FactBaseUnreadable for the first file that
    cannot be read or parsed.
    """
    from concurrent.futures import Future, ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=_ignore_interrupts)
    ahead: deque[Future[ParsedFactBase | Problem]] = deque()
    pending = iter(files)
    try:
        for file in islice(pending, 2 * jobs):
            ahead.append(pool.submit(_parse_one, file, limit))
        while ahead:
            result = ahead.popleft().result()
            for file in islice(pending, 1):
                ahead.append(pool.submit(_parse_one, file, limit))
            if isinstance(result, Problem):
                raise FactBaseUnreadable(result)
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _integrity(conn: sqlite3.Connection) -> list[Problem]:
    """The problems that span the whole base, found with SQL over the noted ids."""
    conn.execute("CREATE INDEX temp.ids_kind_id ON ids(kind, id, seq)")
    problems: list[Problem] = []
    for kind in ("source", "topic", "fact"):
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
    for kind, code in (("topic", rules.UNKNOWN_TOPIC), ("source", rules.UNKNOWN_SOURCE)):
        known = {ident for (ident,) in conn.execute("SELECT id FROM ids WHERE kind = ?", (kind,))}
        rows = conn.execute(
            f"SELECT id, {kind}, {kind}_at FROM ids WHERE kind = 'fact' "
            f"AND {kind} NOT IN (SELECT id FROM ids WHERE kind = '{kind}') ORDER BY seq"
        )
        problems += [
            Problem(
                at,
                f"fact `{fact_id}`: unknown {kind} `{ref}`",
                _did_you_mean(ref, known) + f"Use the id of a {kind} under `{kind}s`, or add that {kind}",
                code,
                fact_id,
            )
            for fact_id, ref, at in rows
        ]
    return problems


def stream_build(
    conn: sqlite3.Connection,
    files: list[Path],
    progress: Progress | None = None,
    *,
    fact_path: Path | None = None,
    jobs: int = 1,
) -> list[FileStamp]:
    """Read, check and write the fact base made of `files` into an empty database.

    With `jobs` above 1 and several files, that many worker processes parse the files and one
    writer (this process) takes their records in file order. Raises FactBaseUnreadable when a
    file cannot be read or parsed, FactBaseInvalid listing every problem, in file order, when
    the fact base breaks a rule. Returns the stamps of the files as they were read (of the
    bytes parsed), for the check that none changed before the index is put in place.
    """
    limit = max_bytes_from_env()
    conn.executescript(schema() + _SCRATCH)
    with conn:
        loader = _Loader(conn)
        parallel = jobs > 1 and len(files) >= MIN_PARALLEL_FILES
        parsed_files = _parse_in_parallel(files, limit, jobs) if parallel else None
        try:
            for done, file in enumerate(files):
                if progress:
                    progress("reading", done, len(files))
                if parsed_files is None:
                    stream_file(file, loader.parsed, loader.take, limit=limit)
                else:
                    loader.adopt(next(parsed_files))
                loader.take()  # what came after the last record: the problems of a broken section
        finally:
            if parsed_files is not None:
                parsed_files.close()  # the workers stop here, whatever happened
        loader.finish_loading()
        if progress:
            progress("checking", 0, loader.facts)
        problems = loader.problems + loader.unreadable + _integrity(conn)
        if not loader.facts and files and not any(p.fact for p in problems):
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
            raise FactBaseInvalid(problems)
        _index(conn, loader.facts, progress)
        stamps = list(loader.stamps.values())
        finish(conn, stamps, {}, fact_path, loader.facts)
    conn.executescript("DROP TABLE temp.staged; DROP TABLE temp.ids;")
    return stamps


def _index(conn: sqlite3.Connection, total: int, progress: Progress | None) -> None:
    """Write the staged facts, in order, with their search columns."""
    titles = dict(conn.execute("SELECT id, title FROM topics"))
    staged = conn.execute(f'SELECT rowid, forder, start, "end", {FACT_COLUMNS} FROM staged ORDER BY rowid')
    done = 0
    while rows := staged.fetchmany(BATCH):
        words: dict[str, str] = {}
        batch: list[tuple[object, ...]] = []
        fts_batch: list[tuple[object, ...]] = []
        for rowid, forder, start, end, *record in rows:
            fact = fact_from_row(record)
            columns = fts_columns(fact, titles.get(fact.topic, ""), words)
            fts_batch.append((rowid, *(columns[name] for name in FTS_NAMES)))
            # The row's digest is computed here, from the record as it is finally written.
            batch.append((rowid, forder, start, end, *sealed_values(FACTS, fact, start, end)))
        flush(conn, batch, fts_batch)
        conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", words.items())
        done += len(rows)
        if progress:
            progress("indexing", done, total)
    if progress and not done:
        progress("indexing", 0, 0)
