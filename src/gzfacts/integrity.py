"""The rules that span a fact base: every id once, every topic and source a fact names known,
and at least one fact. One home, in SQL over a table of ids: the build and the update fill the
table as they read the files, `validate` fills it in memory from the parsed base, and all three
report the same problems in the same order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from gzfacts import rules
from gzfacts.errors import Problem
from gzfacts.model import Fact, Origin, Source, Topic

if TYPE_CHECKING:  # pragma: no cover
    import sqlite3

    from gzfacts.loader import ParsedFactBase


def did_you_mean_hint(wanted: str, known: set[str]) -> str:
    """ "Did you mean `x`? ", the start of a hint, when a known id is near `wanted`; else ""."""
    from gzfacts.suggest import did_you_mean

    close = did_you_mean(wanted, sorted(known), limit=1)
    return f"Did you mean `{close[0]}`? " if close else ""


def where_of(origin: Origin | None, fallback: str) -> str:
    """Where a record or field is, as problems say it: file:line:column, else `fallback`."""
    return str(origin) if origin else fallback


# One home for the build, the update and `check`: SQL over a table of every record's id and
# references with where each was written, which a build fills as it reads (memory flat however
# large the base) and `check` fills from a parsed base.

#: The table the base-wide rules run on: a row per source, topic and fact, in file order.
IDS_TABLE = """
CREATE TEMP TABLE ids(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL,
                      topic TEXT, topic_at TEXT, source TEXT, source_at TEXT);
"""
INSERT_IDS = "INSERT INTO ids(kind, id, at, topic, topic_at, source, source_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
#: A row of the ids table (without seq): (kind, id, at, topic, topic_at, source, source_at).
IdRow = tuple[str, str, str, str | None, str | None, str | None, str | None]


def id_row(record: Source | Topic | Fact) -> IdRow:
    """A record's row of the ids table: its id and references, and where each was written."""
    if isinstance(record, Fact):
        where = record.where
        at = [where_of(where(name), record.id) for name in ("id", "topic", "source")]
        # A blank reference is the schema's problem (S102, `topic` is blank), said once, not also unknown.
        return ("fact", record.id, at[0], record.topic or None, at[1], record.source or None, at[2])
    kind = "source" if isinstance(record, Source) else "topic"
    return (kind, record.id, where_of(record.origin, record.id), None, None, None, None)


def base_problems_of(parsed: ParsedFactBase) -> list[Problem]:
    """`base_problems` of a parsed fact base."""
    import sqlite3

    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(IDS_TABLE)
        records: list[Source | Topic | Fact] = [*parsed.sources, *parsed.topics, *parsed.facts]
        conn.executemany(INSERT_IDS, [id_row(record) for record in records])
        return base_problems(conn)
    finally:
        conn.close()


def base_problems(conn: sqlite3.Connection) -> list[Problem]:
    """The problems that span the whole base, found with SQL over the ids table (`IDS_TABLE`):
    duplicate ids (R201), fact ids that are topic ids (R202), unknown topics and sources (R203,
    R204), in this order, each kind in file order."""
    conn.execute("CREATE INDEX temp.ids_kind_id ON ids(kind, id, seq)")
    problems: list[Problem] = []
    for kind in ("source", "topic", "fact"):
        problems += _duplicate_ids(conn, kind)
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
    return problems + _unknown_references(conn)


_ANY_DUPLICATE = "SELECT 1 FROM ids WHERE kind = ? GROUP BY id HAVING count(*) > 1 LIMIT 1"


def _duplicate_ids(conn: sqlite3.Connection, kind: str) -> list[Problem]:
    """Each record of `kind` whose id an earlier one has, with where the first was written."""
    # Most bases have no duplicate: seen in one pass over the index, before the query that
    # pairs each duplicate with the first (a lookup per row).
    if conn.execute(_ANY_DUPLICATE, (kind,)).fetchone() is None:
        return []
    rows = conn.execute(
        "SELECT d.id, d.at, f.at FROM ids d JOIN ids f ON f.kind = d.kind AND f.id = d.id "
        "AND f.seq = (SELECT min(seq) FROM ids WHERE kind = d.kind AND id = d.id) "
        "WHERE d.kind = ? AND d.seq != f.seq ORDER BY d.seq",
        (kind,),
    )
    return [
        Problem(
            at,
            f"duplicate {kind} id `{ident}` (first at {first})",
            "Give each a unique id",
            rules.DUPLICATE_ID,
            ident if kind == "fact" else None,
        )
        for ident, at, first in rows
    ]


def _unknown_references(conn: sqlite3.Connection) -> list[Problem]:
    """Facts that name a topic or a source the base does not declare (topics first)."""
    # A fact naming none (NULL: its own problem, said by its checks) names no unknown one, even
    # where none is declared (`NULL NOT IN` an empty list is true).
    unknown = {
        kind: f"({kind} IS NOT NULL AND {kind} NOT IN (SELECT id FROM ids WHERE kind = '{kind}'))"
        for kind in ("topic", "source")
    }
    # in one pass over the facts
    naming_unknown = conn.execute(
        f"SELECT id, topic, topic_at, {unknown['topic']}, source, source_at, {unknown['source']} FROM ids "
        f"WHERE kind = 'fact' AND ({unknown['topic']} OR {unknown['source']}) ORDER BY seq"
    ).fetchall()
    problems: list[Problem] = []
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
                did_you_mean_hint(ref, known) + f"Use the id of a {kind} under `{kind}s`, or add that {kind}",
                code,
                fact_id,
            )
            for fact_id, ref, at in refs
        ]
    return problems


def no_facts(files: Sequence[object], facts: int, problems: Iterable[Problem]) -> list[Problem]:
    """R206 for a base of `files` with no facts, unless a fact's own problem (one left out for
    it, among `problems`) says why."""
    if facts or not files or any(p.fact for p in problems):
        return []
    return [
        Problem(
            f"{files[0]}:1:1",
            "the fact base has no facts yet",
            "Add the first fact under `facts:`; `gzfacts extract SOURCE_TEXT --published DATE` proposes some",
            rules.NO_FACTS,
        )
    ]
