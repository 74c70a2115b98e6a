"""One YAML file's records made into rows ready to insert: the per-file half of a build.

A build reads the fact base file by file; each file is *prepared* here, in a worker process
when the build runs several, else in the writer itself, and the writer (`stream`) only
inserts what it is handed. A file usually declares its source and the facts quoting it (one
article, one file), so preparing a file covers most of a fact's work: its source's text is
read, its quote located, its content checked (`validate.check_fact`), its row and digest made
and its search columns analysed. What a file cannot settle alone is left to the writer:

- a fact whose source the file does not declare (or declares after the fact) is handed over
  as a record; the writer checks it against the text of the source declared elsewhere;
- the search column of a fact's topic title (topics may be declared in any file): the writer
  adds it with SQL once every topic is known;
- the rules that span the base (unique ids, known topics and sources): the file's ids and
  references are handed over with where they were written, for the writer's SQL checks.

A source the writer has already seen declared in an earlier file is the first declaration's
(as in validation): a worker cannot know that, so the writer prepares such a file again
itself, told which sources are already declared (`known`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.files import FileStamp
from gzfacts.index.build import FileOrder, fact_search_columns, source_row
from gzfacts.index.rows import exact_slice, fact_values, sealed_values
from gzfacts.index.schema import TOPICS
from gzfacts.integrity import IdRow, id_row
from gzfacts.loader import ParsedFactBase, read_text, stream_file
from gzfacts.model import Fact, Source
from gzfacts.quotes import locate, quote_place
from gzfacts.validate import MAX_SOURCE_BYTES, check_fact, unusable_text


@dataclass
class Chunk:
    """What preparing a file (or a part of a long one) hands the writer, in the file's order.

    Facts are numbered from 0 in the chunk (`count` of them, every fact met, with problems or
    not): the writer gives each its rowid by that number.
    """

    #: The stamps of the files read: the YAML file and the source texts it declares.
    stamps: dict[str, FileStamp] = field(default_factory=dict)
    #: Sources first declared here with a text file: (id, text file, published, text or None).
    declared: list[tuple[str, Path, str, str | None]] = field(default_factory=list)
    source_rows: list[tuple[object, ...]] = field(default_factory=list)
    topic_rows: list[tuple[object, ...]] = field(default_factory=list)
    ids: list[IdRow] = field(default_factory=list)
    count: int = 0
    #: (number, facts row without rowid, search row without rowid): checked and ready.
    rows: list[tuple[int, tuple[object, ...], tuple[object, ...]]] = field(default_factory=list)
    #: (number, order in its file, fact): facts whose source is declared elsewhere.
    waiting: list[tuple[int, int, Fact]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Problems of source texts that cannot be read.
    unreadable: list[Problem] = field(default_factory=list)
    #: The first surface word of each search term met, in order.
    words: dict[str, str] = field(default_factory=dict)
    #: Source texts that could not be read because they changed, or went, while being read:
    #: their problems are not the fact base's if they are back (`writer.Writer.moved_meanwhile`).
    went: list[str] = field(default_factory=list)


class Went(NamedTuple):
    """A fact file that could not be read because it went (renamed or deleted) since it was
    listed (`gone`), or changed while it was read: a file replaced, or moved out and back."""

    path: str
    gone: bool


def stat_or_none(path: Path) -> os.stat_result | None:
    """The file's stat, or None if there is no file there now."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def went_meanwhile(path: Path, before: os.stat_result, problem: Problem) -> Went | None:
    """Whether the loader's `problem` with `path` (stat'd as `before` just before the read) is
    only that the file went or changed while it was read, and which; None if the problem is the
    file's own (it is there, unchanged, and still fails)."""
    after = stat_or_none(path)
    if after is None:
        return Went(str(path), True)
    identity = ("st_dev", "st_ino", "st_size", "st_mtime_ns", "st_ctime_ns", "st_mode")
    if any(getattr(before, name) != getattr(after, name) for name in identity):
        return Went(str(path), False)
    # Found missing, or not a regular file, though it is one, unchanged, before and after: it
    # was moved out and back within a tick of the file system's clock.
    absent = problem.message == "not a regular file" or problem.message.endswith("No such file or directory")
    if stat.S_ISREG(after.st_mode) and problem.where == str(path) and absent:
        return Went(str(path), False)
    return None


def prepared_row(
    fact: Fact,
    forder: int,
    text: str | None,
    published: dict[str, str],
    words: dict[str, str],
    problems: list[Problem],
) -> tuple[tuple[object, ...], tuple[object, ...]] | None:
    """A fact checked against its source's `text` (None: unreadable): its facts row (without
    rowid) and search row (without rowid; its topic id first), or None with its problems added."""
    span = locate(text, fact.quote) if text is not None else None
    # A quote found needs no second look: only its value and period are checked then. The
    # references are checked with SQL once everything is loaded (`integrity.base_problems`).
    texts = {fact.source: text} if text is not None and span is None else {}
    stands = quote_place(text, *span) if text is not None and span is not None else None
    found = check_fact(fact, texts, published=published, stands=stands)
    if found or span is None:
        problems += found
        return None
    assert text is not None  # a quote was found in it
    # The quote is left out of the row when it is its text's exact slice (read from the text).
    row = (forder, *fact_values(fact, *span, exact=exact_slice(text, fact, *span)))
    return row, (fact.topic, *fact_search_columns(fact, words))


class Preparer:
    """Prepares one file's records as the loader reads them (see the module's docstring)."""

    def __init__(self, known: Container[str] = (), root: Path | None = None) -> None:
        self.known = known
        self.parsed = ParsedFactBase(root=root)
        self.chunk = Chunk()
        #: The texts of the sources this file declares first (None: cannot be read), and their dates.
        self.texts: dict[str, str | None] = {}
        self.published: dict[str, str] = {}
        self.shas: dict[str, str] = {}
        self.orders = (FileOrder(), FileOrder(), FileOrder())

    def take(self) -> None:
        """Move the records read so far out of the loader's lists, prepared."""
        parsed, chunk = self.parsed, self.chunk
        for source in parsed.sources:
            self.declare(source, parsed.source_files.get(source.id))
        for topic in parsed.topics:
            chunk.ids.append(id_row(topic))
            chunk.topic_rows.append((self.orders[1](topic.origin), *sealed_values(TOPICS, topic)))
        for fact in parsed.facts:
            number = chunk.count
            chunk.count += 1
            chunk.ids.append(id_row(fact))
            forder = self.orders[2](fact.origin)
            if fact.source in self.texts:
                text = self.texts[fact.source]
                ready = prepared_row(fact, forder, text, self.published, chunk.words, chunk.problems)
                if ready is not None:
                    chunk.rows.append((number, *ready))
            else:
                chunk.waiting.append((number, forder, fact))
        parsed.sources.clear()
        parsed.topics.clear()
        parsed.facts.clear()
        chunk.problems += parsed.problems
        parsed.problems.clear()
        for name, read in parsed.stamps.items():
            chunk.stamps.setdefault(name, read)
        parsed.stamps.clear()

    def declare(self, source: Source, path: Path | None) -> None:
        """Note a source, and read its text if this is its first declaration."""
        chunk = self.chunk
        chunk.ids.append(id_row(source))
        if path is not None and source.id not in self.texts and source.id not in self.known:
            read: dict[str, FileStamp] = {}
            text: str | None
            before = stat_or_none(path)
            try:
                text = read_text(path, MAX_SOURCE_BYTES, read, role="source")
            except FactBaseUnreadable as exc:
                chunk.unreadable.append(unusable_text(source, exc))
                if before is not None and went_meanwhile(path, before, exc.problems[0]):
                    chunk.went.append(str(path))
                text = None
            else:
                for name, stamp in read.items():  # the stamp of the bytes this text came from
                    chunk.stamps.setdefault(name, stamp)
                self.shas[source.id] = read[str(path)].sha256
            self.texts[source.id] = text
            self.published[source.id] = source.published
            chunk.declared.append((source.id, path, source.published, text))
        # Every declaration is offered; the writer keeps the first (INSERT OR IGNORE).
        text = self.texts.get(source.id) or ""
        row = source_row(self.orders[0](source.origin), source, text, self.shas.get(source.id, ""))
        chunk.source_rows.append(row)

    def pending(self) -> int:
        """How many rows the current chunk holds."""
        chunk = self.chunk
        return len(chunk.rows) + len(chunk.waiting) + len(chunk.ids)

    def hand_over(self) -> Chunk:
        """The current chunk, a new one started."""
        chunk, self.chunk = self.chunk, Chunk()
        return chunk


def prepare_file(file: Path, limit: int, root: Path | None = None) -> Chunk | Problem | Went:
    """One file prepared in a worker process (or the problem that stopped it being read, or that
    it went or changed while it was read)."""
    preparer = Preparer(root=root)
    before = stat_or_none(file)
    if before is None:
        return Went(str(file), True)
    try:
        stream_file(file, preparer.parsed, preparer.take, limit=limit)
    except FactBaseUnreadable as exc:  # raised again by the writer, where it is caught as usual
        return went_meanwhile(file, before, exc.problems[0]) or exc.problems[0]
    preparer.take()  # what came after the last record: the problems of a broken section
    return preparer.hand_over()
