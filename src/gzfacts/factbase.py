"""FactBase: the loaded, validated fact base that lookups, listings and searches run against."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from gzfacts.errors import FactBaseUnreadable, NotFound, Problem
from gzfacts.index import (
    FACT_COLUMNS,
    SOURCE_COLUMNS,
    TOPIC_COLUMNS,
    Opened,
    checked,
    fact_count,
    fact_from_row,
    open_index,
    source_from_row,
    stored_text,
    topic_from_row,
)
from gzfacts.model import Anchor, Fact, Source, Topic
from gzfacts.project import choose
from gzfacts.project import shipped_path as shipped_path

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.checking import Finding
    from gzfacts.loader import Progress
    from gzfacts.retrieval import Retriever
    from gzfacts.search import SearchResult


def resolve_path(path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] | None = None) -> Path:
    """The fact base to use: `path` if given, else $GZFACTS_FACTS, else the nearest facts.yaml or
    gzfacts.toml up from `start` (the current directory by default), else the shipped one."""
    return choose(path, start=start).path


P = ParamSpec("P")
T = TypeVar("T")


def _healing(method: Callable[Concatenate[FactBase, P], T]) -> Callable[Concatenate[FactBase, P], T]:
    """Run a read of the index; if the index turns out damaged (a row that does not match its
    digest, a malformed page), rebuild it, say so in `notes`, and read again. An error that
    does not say the index is damaged (a stray journal beside it, a busy file) means opening
    the index again, as a new run would, and reading again."""

    def read(self: FactBase, /, *args: P.args, **kwargs: P.kwargs) -> T:
        from gzfacts.index.freshness import damage

        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            self._rebuild(damaged=damage(exc))
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            where = str(self.index_file or "the index in memory")
            raise FactBaseUnreadable(
                Problem(where, f"damaged even after a rebuild ({exc})", "Run `gzfacts cache clear` and try again")
            ) from None

    return read


class FactBase:
    """A validated fact base, read from its compiled index.

    Get one with `gzfacts.load()`, as a context manager (`with gzfacts.load() as fb:`), which
    closes the index at the end of the block; or call `close()`. Every fact in it has passed
    validation: its quote is verbatim in its source, and its value and period are in its quote.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, index_file: Path | None, *, cache: bool = True) -> None:
        self._conn = conn
        self.path = path
        #: The cached index file, or None when the index lives in memory.
        self.index_file = index_file
        #: Things the user should be told once (on stderr): an index rebuilt because it was
        #: damaged or not trusted, a cache folder not used.
        self.notes: list[str] = []
        self._cache = cache

    def _rebuild(self, *, damaged: bool = True) -> None:
        """Replace a damaged index with a new build, or open the index again when it is not
        damaged (a stray journal beside it is removed first); its reads then run again."""
        from gzfacts.index.cache import remove_stray_journal

        self._conn.close()
        if not damaged and self.index_file is not None:
            remove_stray_journal(self.index_file)
        opened = open_index(self.path, use_cache=self._cache, rebuild=damaged)
        self._conn, self.index_file = opened.conn, opened.path
        self.notes.extend(note for note in opened.notes if note not in self.notes)

    def close(self) -> None:
        """Close the index (again is harmless); the fact base cannot be read after."""
        self._conn.close()

    def __enter__(self) -> FactBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- facts ----------------------------------------------------------------------------

    @_healing
    def __len__(self) -> int:
        return fact_count(self._conn)

    @_healing
    def fact(self, fact_id: str) -> Fact:
        """The fact with this id; NotFound (with suggestions) if there is none."""
        row = self._conn.execute(f"SELECT {FACT_COLUMNS} FROM facts WHERE id = ?", (fact_id,)).fetchone()
        if row is None:
            raise NotFound("fact", fact_id, self.suggest(fact_id))
        return fact_from_row(row)

    @_healing
    def has_fact(self, fact_id: str) -> bool:
        """Whether a fact has this id."""
        return self._conn.execute("SELECT 1 FROM facts WHERE id = ?", (fact_id,)).fetchone() is not None

    @_healing
    def facts(self, *, topic: str | None = None, unit: str | None = None, period: str | None = None) -> list[Fact]:
        """The facts in file order, optionally only those of a topic, a unit or a period.

        `unit` matches case-insensitively anywhere in the unit ("percent" finds
        "percent of provincial GDP"); `topic` and `period` match exactly.
        """
        sql = f"SELECT {FACT_COLUMNS} FROM facts"
        clauses: list[str] = []
        params: list[str] = []
        if topic is not None:
            clauses.append("topic = ?")
            params.append(topic)
        if unit is not None:
            clauses.append("instr(lower(unit), lower(?)) > 0")
            params.append(unit)
        if period is not None:
            clauses.append("period = ?")
            params.append(period)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY file, forder"
        return [fact_from_row(row) for row in self._conn.execute(sql, params)]

    def fact_ids(self, prefix: str = "") -> list[str]:
        """The fact ids starting with `prefix`, sorted (for shell completion)."""
        return self._ids("facts", prefix)

    def topic_ids(self, prefix: str = "") -> list[str]:
        """The topic ids starting with `prefix`, sorted (for shell completion)."""
        return self._ids("topics", prefix)

    @_healing
    def _ids(self, table: str, prefix: str) -> list[str]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._conn.execute(f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' ORDER BY id", (escaped + "%",))
        return [row[0] for row in rows]

    def suggest(self, wanted: str, limit: int = 3, *, facts: bool = True, topics: bool = True) -> list[str]:
        """Fact and topic ids close to `wanted`, closest first ("did you mean").

        Ids that start with what was typed, topics first; failing those, ids that are close
        by edit distance or share whole words (gzfacts.suggest).
        """

        def ids(prefix: str = "") -> list[str]:
            return (self.topic_ids(prefix) if topics else []) + (self.fact_ids(prefix) if facts else [])

        prefixed = ids(wanted)[:limit]
        if prefixed or not wanted:
            return prefixed
        from gzfacts.suggest import did_you_mean

        return did_you_mean(wanted, ids(), limit=limit)

    # -- topics and sources ---------------------------------------------------------------

    @_healing
    def topic(self, topic_id: str) -> Topic:
        """The topic with this id; NotFound (with suggestions) if there is none."""
        row = self._conn.execute(f"SELECT {TOPIC_COLUMNS} FROM topics WHERE id = ?", (topic_id,)).fetchone()
        if row is None:
            raise NotFound("topic", topic_id, self.suggest(topic_id))
        return topic_from_row(row)

    @_healing
    def has_topic(self, topic_id: str) -> bool:
        """Whether a topic has this id."""
        return self._conn.execute("SELECT 1 FROM topics WHERE id = ?", (topic_id,)).fetchone() is not None

    @_healing
    def topics(self) -> list[Topic]:
        """Every topic, in file order."""
        return [
            topic_from_row(row) for row in self._conn.execute(f"SELECT {TOPIC_COLUMNS} FROM topics ORDER BY file, ord")
        ]

    @_healing
    def topic_counts(self) -> dict[str, int]:
        """How many facts each topic has."""
        counts = dict.fromkeys((row[0] for row in self._conn.execute("SELECT id FROM topics ORDER BY file, ord")), 0)
        counts.update(self._conn.execute("SELECT topic, count(*) FROM facts GROUP BY topic").fetchall())
        return counts

    @_healing
    def sources(self) -> list[Source]:
        """Every source, in file order."""
        return [
            source_from_row(row)
            for row in self._conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources ORDER BY file, ord")
        ]

    @_healing
    def source(self, source_id: str) -> Source:
        """The source with this id."""
        row = self._conn.execute(f"SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ?", (source_id,)).fetchone()
        if row is None:
            raise NotFound("source", source_id)
        return source_from_row(row)

    @_healing
    def source_text(self, source_id: str) -> str:
        """The verbatim text of a source."""
        text = stored_text(self._conn, source_id)
        if text is None:
            raise NotFound("source", source_id)
        return text

    # -- quotes ---------------------------------------------------------------------------

    @_healing
    def anchor(self, fact: Fact) -> Anchor:
        """Where the fact's quote stands in its source text."""
        from gzfacts.quotes import anchor

        row = self._conn.execute(f"SELECT {FACT_COLUMNS} FROM facts WHERE id = ?", (fact.id,)).fetchone()
        if row is None:
            raise NotFound("fact", fact.id)
        start, end = checked(row)[-3:-1]
        return anchor(self.source_text(fact.source), int(start), int(end))

    def quote_spans(self, *, topic: str | None = None) -> dict[str, tuple[str, int, int]]:
        """Where every fact's quote stands: fact id -> (source id, start, end), in one query.

        The same offsets as `anchor()` gives one fact at a time (0-based, end exclusive).
        """
        sql = 'SELECT id, source, start, "end" FROM facts'
        rows = self._conn.execute(sql + " WHERE topic = ?", (topic,)) if topic is not None else self._conn.execute(sql)
        return {fact_id: (source, int(start), int(end)) for fact_id, source, start, end in rows}

    def context(self, fact: Fact, sentences: int) -> tuple[str, str, str]:
        """The `sentences` sentences of the source's body before the quote, the quote as written
        in the source, and the `sentences` after it (page furniture left out: see
        gzfacts.quotes.non_body_lines). A quote outside the body (`Fact.place`: a photo caption,
        the standfirst) is shown among the sentences of its own paragraph only, never the body's."""
        from gzfacts.quotes import body_sentence_spans, paragraph_sentence_spans

        where = self.anchor(fact)
        text = self.source_text(fact.source)
        if fact.place != "body":
            spans = paragraph_sentence_spans(text, where.start, where.end)
        else:
            # Sentences of the article's body only: no headline repeats, captions or credits.
            spans = body_sentence_spans(text, self.source(fact.source).title)
        before = [s for s in spans if s[1] <= where.start][-sentences:] if sentences else []
        after = [s for s in spans if s[0] >= where.end][:sentences] if sentences else []
        return (
            " ".join(text[a:b].strip() for a, b in before),
            where.exact,
            " ".join(text[a:b].strip() for a, b in after),
        )

    # -- search ---------------------------------------------------------------------------

    @_healing
    def search(
        self, query: str, *, limit: int | None = 10, topic: str | None = None, correct: bool = True
    ) -> SearchResult:
        """The facts matching `query`, best first, each with the query words it misses (see
        gzfacts.search for how they are ranked). `correct=False` turns typo correction off."""
        from gzfacts.search import search

        return search(self._conn, query, limit=limit, topic=topic, correct=correct)

    # -- check ----------------------------------------------------------------------------

    def retriever(self) -> Retriever:
        """A Retriever over this fact base's index: candidate facts for many short queries."""
        from gzfacts.retrieval import Retriever

        return Retriever(self._conn)

    @_healing
    def check(self, text: str, *, path: str = "-", markdown: bool | None = None) -> list[Finding]:
        """Check a claim or a draft, sentence by sentence: a Finding per sentence, in order.

        Each finding says whether the fact base supports, contradicts or cannot vouch for the
        sentence (`no-claim` when it states nothing checkable), with the parts it checked and
        the facts it rests on. `markdown` says how to read `text` (None: guess from `path` and
        the text). See gzfacts.checking.
        """
        from gzfacts.checking import check_text

        return check_text(self, text, path=path, markdown=markdown)


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> FactBase:
    """Load and validate a fact base (a YAML file or a directory of them).

    `path` defaults to $GZFACTS_FACTS, then to the nearest facts.yaml or gzfacts.toml up from
    the current directory, then to the fact base shipped with gzfacts. The
    compiled index is cached under $XDG_CACHE_HOME/gzfacts (or ~/.cache/gzfacts) unless
    `cache` is False; when it has to be built, `jobs` worker processes parse a directory
    base's files (one: this process parses them; None: one per core, up to four). Use the
    result in a `with` block (or close it). Raises FactBaseUnreadable or FactBaseInvalid.
    """
    from gzfacts.errors import FactBaseInvalid

    resolved = resolve_path(path)
    try:
        opened: Opened = open_index(resolved, use_cache=cache, progress=progress, jobs=jobs)
    except FactBaseInvalid as exc:
        exc.path = exc.path or str(resolved)  # so that its hint names the path to validate
        raise
    fb = FactBase(opened.conn, resolved, opened.path, cache=cache)
    fb.notes.extend(opened.notes)
    return fb
