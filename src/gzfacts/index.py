"""The compiled index: a fact base as an SQLite database with an FTS5 table, cached on disk.

Parsing YAML costs tens of milliseconds for one article and tens of seconds for 100,000 facts,
so a validated fact base is compiled once into SQLite in the user's cache directory and read
from there. An index is keyed by the fact base's resolved path and records the size, mtime and
SHA-256 of every YAML file and source text it was built from: a changed stat triggers a hash,
and a changed hash a rebuild. Indexes are written to a temporary file and renamed into place,
so a reader never sees a partial one; an unusable cache directory means working in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.files import yaml_files
from gzfacts.model import Fact, Origin, Source, Topic

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import ParsedFactBase

# Only what a warm start needs is imported at module level: parsing, validation and hashing
# are imported inside the functions that rebuild an index.

#: Bump when the database layout or the text analysis changes: old indexes are then rebuilt.
FORMAT = "gzfacts-index-4"
#: FTS5 columns and their BM25 weights.
FTS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("claim", 4.0),
    ("quote", 1.5),
    ("aliases", 3.0),
    ("topic", 2.0),
    ("attribution", 1.5),
    ("extra", 1.0),
)
#: Separates list items (aliases) and field sequences inside one column; banned from fact text.
SEP = "\x1f"

Progress = Callable[[str, int, int], None]

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(path TEXT PRIMARY KEY, role TEXT NOT NULL, size INTEGER NOT NULL,
                   mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE sources(id TEXT PRIMARY KEY, ord INTEGER NOT NULL, title TEXT, author TEXT, author_family TEXT,
                     publisher TEXT, published TEXT, updated TEXT, page TEXT, channel TEXT,
                     url TEXT, path TEXT, text TEXT NOT NULL, file TEXT, line INTEGER, col INTEGER);
CREATE TABLE topics(id TEXT PRIMARY KEY, ord INTEGER NOT NULL, title TEXT, summary TEXT,
                    file TEXT, line INTEGER, col INTEGER);
CREATE TABLE facts(rowid INTEGER PRIMARY KEY, forder INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, topic TEXT NOT NULL,
                   claim TEXT NOT NULL, quote TEXT NOT NULL, source TEXT NOT NULL, value,
                   unit TEXT, period TEXT, period_inferred_from TEXT, qualifier TEXT,
                   attributed_to TEXT, aliases TEXT NOT NULL, start INTEGER NOT NULL,
                   "end" INTEGER NOT NULL, seq TEXT NOT NULL, file TEXT, line INTEGER, col INTEGER);
CREATE INDEX facts_topic ON facts(topic, file, forder);
CREATE INDEX facts_order ON facts(file, forder);
CREATE INDEX facts_source ON facts(source);
CREATE TABLE words(term TEXT PRIMARY KEY, word TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5({", ".join(name for name, _ in FTS_COLUMNS)},
                                   tokenize="unicode61 remove_diacritics 0 tokenchars '.'");
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row');
"""


class FileStamp(NamedTuple):
    """What the index remembers of one input file, to tell whether it changed."""

    path: str
    role: str
    size: int
    mtime_ns: int
    sha256: str


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp(path: Path, role: str, old: FileStamp | None = None) -> FileStamp:
    """The size, mtime and content hash of one file.

    Given the stamp recorded before, the file is hashed only if its mtime changed, and if
    only its mtime changed the old stamp comes back with the new mtime.
    """
    info = path.stat()
    if old is not None and info.st_size == old.size:
        if info.st_mtime_ns == old.mtime_ns:
            return old
        digest = _sha256(path)
        if digest == old.sha256:
            return old._replace(mtime_ns=info.st_mtime_ns)
        return FileStamp(str(path), role, info.st_size, info.st_mtime_ns, digest)
    return FileStamp(str(path), role, info.st_size, info.st_mtime_ns, _sha256(path))


def cache_dir() -> Path | None:
    """Where indexes live: $XDG_CACHE_HOME/gzfacts, else ~/.cache/gzfacts; None if neither is known."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / "gzfacts"
    home = os.environ.get("HOME", "").strip()
    if not home:
        try:
            home = str(Path.home())
        except (RuntimeError, KeyError):
            return None
    return Path(home) / ".cache" / "gzfacts"


def index_path(fact_path: Path, directory: Path) -> Path:
    """The index file of the fact base at `fact_path`."""
    # zlib's checksums are cheap to import (hashlib costs milliseconds at every start); the index
    # also records the path it was built for, so a collision is caught, never served.
    import zlib

    raw = str(fact_path.resolve()).encode("utf-8", "surrogatepass")
    return directory / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}-{len(raw)}.sqlite3"


def cached_indexes(directory: Path | None = None) -> list[dict[str, object]]:
    """Every index in the cache directory: its file, size, fact base and fact count."""
    directory = directory if directory is not None else cache_dir()
    if directory is None or not directory.is_dir():
        return []
    found: list[dict[str, object]] = []
    for path in sorted(directory.glob("*.sqlite3")):
        entry: dict[str, object] = {"index": str(path), "bytes": path.stat().st_size, "fact_base": None, "facts": None}
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
            try:
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            finally:
                conn.close()
            entry["fact_base"] = meta.get("path") or None
            entry["facts"] = int(meta["facts"]) if str(meta.get("facts", "")).isdigit() else None
        except sqlite3.Error:
            entry["fact_base"] = None  # damaged: it will be rebuilt when next used
        found.append(entry)
    return found


def clear_cache(directory: Path | None = None) -> tuple[int, int]:
    """Delete every index (and leftover temporary file) in the cache; (files, bytes) removed."""
    directory = directory if directory is not None else cache_dir()
    if directory is None or not directory.is_dir():
        return 0, 0
    files = removed = 0
    for path in [*directory.glob("*.sqlite3"), *directory.glob("*.sqlite3.*.tmp"), *directory.glob("*.tmp")]:
        try:
            size = path.stat().st_size
            path.unlink()
        except OSError:
            continue
        files += 1
        removed += size
    return files, removed


# --- building -------------------------------------------------------------------------------


def parse_and_check(fact_path: Path, progress: Progress | None = None) -> tuple[ParsedFactBase, dict[str, str]]:
    """Read and validate a fact base; raise FactBaseInvalid listing every problem."""
    from gzfacts.errors import FactBaseInvalid
    from gzfacts.loader import max_bytes_from_env, read_fact_base
    from gzfacts.validate import check, read_sources

    if progress:
        progress("reading", 0, 0)
    parsed = read_fact_base(fact_path, max_bytes=max_bytes_from_env())
    texts, unreadable = read_sources(parsed)
    if progress:
        progress("checking", 0, len(parsed.facts))
    problems = check(parsed, texts) + unreadable
    if problems:
        raise FactBaseInvalid(problems)
    return parsed, texts


def build(
    conn: sqlite3.Connection,
    parsed: ParsedFactBase,
    texts: dict[str, str],
    stamps: Iterable[FileStamp],
    progress: Progress | None = None,
    *,
    fact_path: Path | None = None,
) -> None:
    """Write a validated fact base into an empty database."""
    conn.executescript(_SCHEMA)
    with conn:
        words: dict[str, str] = {}
        _insert(conn, parsed, texts, {t.id: t.title for t in parsed.topics}, words, progress, first_rowid=1)
        _finish(conn, stamps, words, fact_path, len(parsed.facts))


def _insert(
    conn: sqlite3.Connection,
    parsed: ParsedFactBase,
    texts: dict[str, str],
    titles: dict[str, str],
    words: dict[str, str],
    progress: Progress | None,
    *,
    first_rowid: int,
) -> None:
    """Insert the sources, topics and facts of `parsed`, each ordered within its own file."""
    from itertools import count

    from gzfacts.quotes import locate

    counters: dict[str | None, Iterator[int]] = {}

    def order(origin: Origin | None) -> int:
        key = origin.file if origin else None
        return next(counters.setdefault(key, count()))

    conn.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (s.id, order(s.origin), s.title, s.author, s.author_family, s.publisher, s.published, s.updated,
             s.page, s.channel, s.url, s.path, texts[s.id], *_origin(s.origin))
            for s in parsed.sources
        ],
    )  # fmt: skip
    counters.clear()
    conn.executemany(
        "INSERT INTO topics VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(t.id, order(t.origin), t.title, t.summary, *_origin(t.origin)) for t in parsed.topics],
    )
    counters.clear()
    total = len(parsed.facts)
    batch: list[tuple[object, ...]] = []
    fts_batch: list[tuple[object, ...]] = []
    for rowid, fact in enumerate(parsed.facts, start=first_rowid):
        span = locate(texts[fact.source], fact.quote)
        assert span is not None  # checked by validation
        columns = _fts_columns(fact, titles.get(fact.topic, ""), words)
        batch.append(
            (
                rowid, order(fact.origin), fact.id, fact.topic, fact.claim, fact.quote, fact.source, fact.value,
                fact.unit, fact.period, fact.period_inferred_from, fact.qualifier, fact.attributed_to,
                SEP.join(fact.aliases), span[0], span[1], columns["seq"], *_origin(fact.origin),
            )
        )  # fmt: skip
        fts_batch.append((rowid, *(columns[name] for name, _ in FTS_COLUMNS)))
        if len(batch) >= 2000:
            _flush(conn, batch, fts_batch)
            if progress:
                progress("indexing", rowid - first_rowid + 1, total)
    _flush(conn, batch, fts_batch)
    if progress:
        progress("indexing", total, total)


def _finish(
    conn: sqlite3.Connection, stamps: Iterable[FileStamp], words: dict[str, str], fact_path: Path | None, total: int
) -> None:
    """Record the input files' stamps, the vocabulary and the metadata that mark the index whole."""
    conn.execute("DELETE FROM files")
    conn.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)", [tuple(s) for s in stamps])
    conn.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", sorted(words.items()))
    conn.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        [
            ("format", FORMAT),
            ("path", str(fact_path.resolve()) if fact_path else ""),
            ("facts", str(total)),
            ("complete", "1"),
        ],
    )


def _flush(conn: sqlite3.Connection, batch: list[tuple[object, ...]], fts_batch: list[tuple[object, ...]]) -> None:
    conn.executemany(f"INSERT INTO facts VALUES ({', '.join('?' * 20)})", batch)
    names = ", ".join(name for name, _ in FTS_COLUMNS)
    marks = ", ".join("?" * (len(FTS_COLUMNS) + 1))
    conn.executemany(f"INSERT INTO fts(rowid, {names}) VALUES ({marks})", fts_batch)
    batch.clear()
    fts_batch.clear()


def _origin(origin: Origin | None) -> tuple[str | None, int | None, int | None]:
    return (origin.file, origin.line, origin.column) if origin else (None, None, None)


def _fts_columns(fact: Fact, topic_title: str, words: dict[str, str]) -> dict[str, str]:
    """The analysed text of each FTS column, and the term sequences used for phrase matching."""
    from gzfacts.text import index_terms

    def column(*texts: str) -> tuple[list[str], str]:
        seq: list[str] = []
        parts: list[str] = []
        for text in texts:
            more, more_parts = index_terms(text, words)
            seq += more
            parts += more_parts
        return seq, " ".join(seq + parts)

    claim, claim_text = column(fact.claim)
    quote, quote_text = column(fact.quote)
    aliases = [index_terms(alias, words)[0] for alias in fact.aliases]
    _, aliases_text = column(*fact.aliases)
    topic, topic_text = column(topic_title)
    _, attribution_text = column(fact.attributed_to or "")
    extra = " ".join(filter(None, (fact.id.replace("-", " "), fact.unit, fact.qualifier, fact.period)))
    _, extra_text = column(extra)
    return {
        "claim": claim_text,
        "quote": quote_text,
        "aliases": aliases_text,
        "topic": topic_text,
        "attribution": attribution_text,
        "extra": extra_text,
        # Phrase matching looks for the query's terms in a row inside one of these sequences.
        "seq": SEP.join(" ".join(s) for s in [claim, quote, topic, *aliases]),
    }


# --- opening --------------------------------------------------------------------------------


def input_stamps(fact_path: Path, parsed: ParsedFactBase) -> list[FileStamp]:
    """Stamps of every file an index depends on: the YAML files and the source texts."""
    stamps = [stamp(file, "facts") for file in parsed.files]
    stamps.extend(stamp(path, "source") for path in dict.fromkeys(parsed.source_files.values()))
    return stamps


def is_fresh(conn: sqlite3.Connection, fact_path: Path, touched: list[FileStamp] | None = None) -> bool:
    """Whether the index in `conn` was built from the fact base's current content.

    A file whose size and mtime are unchanged is taken as unchanged; one whose mtime changed
    is hashed, and if its content is the same its new stamp is added to `touched`.
    """
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT or meta.get("complete") != "1" or meta.get("path") != str(fact_path.resolve()):
            return False
        rows = conn.execute("SELECT path, role, size, mtime_ns, sha256 FROM files").fetchall()
    except sqlite3.DatabaseError:
        return False
    try:
        current_yaml = sorted(str(p) for p in yaml_files(fact_path))
    except OSError:  # the fact base vanished: let the rebuild report it
        return False
    if current_yaml != sorted(row[0] for row in rows if row[1] == "facts"):
        return False
    stat = os.stat
    for path, role, size, mtime_ns, sha256 in rows:
        try:
            info = stat(path)
        except OSError:
            return False
        if info.st_size != size:
            return False
        if info.st_mtime_ns != mtime_ns:
            if _sha256(Path(path)) != sha256:
                return False
            if touched is not None:
                touched.append(FileStamp(path, role, size, info.st_mtime_ns, sha256))
    return True


def _restamp(db_path: Path, touched: list[FileStamp]) -> None:
    """Record new mtimes of files whose content did not change, so they are not hashed again."""
    try:
        with sqlite3.connect(db_path, timeout=0.1) as conn:
            conn.executemany("UPDATE files SET mtime_ns = ? WHERE path = ?", [(s.mtime_ns, s.path) for s in touched])
        conn.close()
    except sqlite3.Error:
        pass  # a read-only cache, or a busy one: hash again next time


def _intact(path: Path, conn: sqlite3.Connection) -> bool:
    """A cheap check that the database file is whole (not truncated or overwritten)."""
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    except sqlite3.DatabaseError:
        return False
    return bool(page_count) and path.stat().st_size == page_size * page_count


def open_index(
    fact_path: Path,
    *,
    use_cache: bool = True,
    directory: Path | None = None,
    progress: Progress | None = None,
) -> tuple[sqlite3.Connection, Path | None]:
    """A read-only connection to an up-to-date index of the fact base, and the index file's path.

    Builds (and caches) the index when it is missing, stale or damaged; where the cache
    cannot be written the index is built in memory and the path is None.
    """
    directory = directory if directory is not None else (cache_dir() if use_cache else None)
    if directory is not None:
        db_path = index_path(fact_path, directory)
        conn = _open_existing(db_path, fact_path)
        if conn is not None:
            return conn, db_path
        if fact_path.is_dir() and db_path.is_file():
            updated = _update_directory(db_path, fact_path, progress)
            if updated is not None:
                conn = _open_existing(updated, fact_path, check_fresh=False)
                if conn is not None:
                    return conn, updated
    parsed, texts = parse_and_check(fact_path, progress)
    stamps = input_stamps(fact_path, parsed)
    if directory is not None:
        written = _write_atomically(directory, fact_path, parsed, texts, stamps, progress)
        if written is not None:
            conn = _open_existing(written, fact_path, check_fresh=False)
            if conn is not None:
                return conn, written
    conn = sqlite3.connect(":memory:")
    build(conn, parsed, texts, stamps, progress, fact_path=fact_path)
    return conn, None


def _open_existing(db_path: Path, fact_path: Path, *, check_fresh: bool = True) -> sqlite3.Connection | None:
    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    touched: list[FileStamp] = []
    if _intact(db_path, conn) and (not check_fresh or is_fresh(conn, fact_path, touched)):
        if touched:
            _restamp(db_path, touched)
        return conn
    conn.close()
    return None


def _update_directory(db_path: Path, fact_path: Path, progress: Progress | None) -> Path | None:
    """Bring a directory fact base's index up to date by re-reading only the files that changed.

    Returns the index's path, or None when a full rebuild is needed instead (a topic changed,
    the index is unusable, the cache cannot be written). Raises FactBaseInvalid like a build.
    """
    from gzfacts.errors import FactBaseInvalid
    from gzfacts.loader import fact_files, max_bytes_from_env, read_files
    from gzfacts.validate import check, read_sources

    try:
        old = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        meta = dict(old.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT or meta.get("path") != str(fact_path.resolve()) or not _intact(db_path, old):
            old.close()
            return None
        recorded = {
            row[0]: FileStamp(*row) for row in old.execute("SELECT path, role, size, mtime_ns, sha256 FROM files")
        }
    except sqlite3.Error:
        return None
    try:
        files = fact_files(fact_path)
        stamps = {str(f): stamp(f, "facts", recorded.get(str(f))) for f in files}
        changed = [f for f in files if stamps[str(f)] != recorded.get(str(f))]
        gone = [path for path, s in recorded.items() if s.role == "facts" and path not in stamps]
        kept = [str(f) for f in files if f not in changed]
        touched = changed + [Path(p) for p in gone]
        if progress:
            progress("reading changed files of", 0, len(changed))
        fresh = read_files(changed, max_bytes=max_bytes_from_env())
        marks = ", ".join("?" * len(touched))
        names = [str(p) for p in touched]
        before = set(old.execute(f"SELECT id, title, summary FROM topics WHERE file IN ({marks})", names))
        if before != {(t.id, t.title, t.summary) for t in fresh.topics}:
            old.close()
            return None  # other files' facts carry topic titles in their search columns
        merged = _merge_kept(old, kept, fresh)
        source_stamps = {str(p): stamp(p, "source", recorded.get(str(p))) for p in merged.source_files.values()}
        unchanged = {
            source_id
            for source_id, path in merged.source_files.items()
            if str(path) in recorded and source_stamps[str(path)].sha256 == recorded[str(path)].sha256
        }
        retexted = set(merged.source_files) - unchanged
        kept_texts = {sid: text for sid, text in old.execute("SELECT id, text FROM sources") if sid in unchanged}
        texts, unreadable = read_sources(merged, known=kept_texts)
        kept_set = set(kept)
        kept_facts = [f for f in merged.facts if f.origin is not None and f.origin.file in kept_set]
        trusted = frozenset(f.id for f in kept_facts if f.source not in retexted)
        problems = check(merged, texts, trusted=trusted) + unreadable
        if problems:
            raise FactBaseInvalid(problems)
    except OSError:
        return None
    finally:
        old.close()
    all_stamps = [*stamps.values(), *source_stamps.values()]
    return _write_update(db_path, fact_path, fresh, texts, names, kept_facts, retexted, merged, all_stamps, progress)


def _merge_kept(old: sqlite3.Connection, kept: list[str], fresh: ParsedFactBase) -> ParsedFactBase:
    """The whole fact base: records of unchanged files from the index, the rest freshly read."""
    from gzfacts.loader import ParsedFactBase

    merged = ParsedFactBase(files=[Path(f) for f in kept] + fresh.files)
    marks = ", ".join("?" * len(kept))
    for row in old.execute(f"SELECT {SOURCE_COLUMNS}, file, line, col FROM sources WHERE file IN ({marks})", kept):
        source = source_from_row(row[:-3])._replace(origin=Origin(row[-3], row[-2], row[-1]))
        merged.sources.append(source)
        merged.source_files.setdefault(source.id, Path(row[-3]).parent / source.path)
    merged.topics += [
        topic_from_row(row) for row in old.execute(f"SELECT {TOPIC_COLUMNS} FROM topics WHERE file IN ({marks})", kept)
    ]
    merged.facts += [
        fact_from_row(row) for row in old.execute(f"SELECT {FACT_COLUMNS} FROM facts WHERE file IN ({marks})", kept)
    ]
    merged.sources += fresh.sources
    merged.topics += fresh.topics
    merged.facts += fresh.facts
    merged.problems += fresh.problems
    for source_id, path in fresh.source_files.items():
        merged.source_files.setdefault(source_id, path)
    return merged


def _write_update(
    db_path: Path,
    fact_path: Path,
    fresh: ParsedFactBase,
    texts: dict[str, str],
    touched: list[str],
    kept_facts: list[Fact],
    retexted: set[str],
    merged: ParsedFactBase,
    stamps: list[FileStamp],
    progress: Progress | None,
) -> Path | None:
    """Apply an update to a copy of the index and rename the copy into place."""
    from gzfacts.quotes import locate

    def apply(conn: sqlite3.Connection) -> None:
        with conn:
            marks = ", ".join("?" * len(touched))
            conn.execute(f"DELETE FROM fts WHERE rowid IN (SELECT rowid FROM facts WHERE file IN ({marks}))", touched)
            for table in ("facts", "topics", "sources"):
                conn.execute(f"DELETE FROM {table} WHERE file IN ({marks})", touched)
            for source_id in retexted:  # a source text changed under unchanged facts: re-anchor them
                conn.execute("UPDATE sources SET text = ? WHERE id = ?", (texts[source_id], source_id))
                for fact in kept_facts:
                    if fact.source == source_id:
                        span = locate(texts[source_id], fact.quote)
                        assert span is not None  # checked by validation
                        conn.execute('UPDATE facts SET start = ?, "end" = ? WHERE id = ?', (*span, fact.id))
            first = conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM facts").fetchone()[0]
            words: dict[str, str] = {}
            titles = {t.id: t.title for t in merged.topics}
            _insert(conn, fresh, texts, titles, words, progress, first_rowid=first)
            _finish(conn, stamps, words, fact_path, len(merged.facts))
            # Words only the removed facts had must not be offered as typo corrections.
            conn.execute("DELETE FROM words WHERE term NOT IN (SELECT term FROM fts_terms)")

    return _write_index(db_path, apply, copy_of=db_path)


def _write_atomically(
    directory: Path,
    fact_path: Path,
    parsed: ParsedFactBase,
    texts: dict[str, str],
    stamps: Sequence[FileStamp],
    progress: Progress | None,
) -> Path | None:
    """Build the index of a fact base in the cache directory."""
    return _write_index(
        index_path(fact_path, directory),
        lambda conn: build(conn, parsed, texts, stamps, progress, fact_path=fact_path),
    )


def _write_index(
    target: Path, fill: Callable[[sqlite3.Connection], None], *, copy_of: Path | None = None
) -> Path | None:
    """Write an index into a temporary file beside `target` (a copy of `copy_of`, if given) and
    rename it into place, so that readers see the old index or the new one, never a partial one.

    Returns `target`, or None when the cache directory cannot be written. The temporary file
    is removed whatever happens, Ctrl-C included.
    """
    import shutil
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=target.stem + ".", suffix=".tmp", dir=target.parent)
        os.close(handle)
    except OSError:
        return None
    tmp = Path(name)
    try:
        if copy_of is not None:
            shutil.copyfile(copy_of, tmp)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            fill(conn)
        finally:
            conn.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error):
        return None
    finally:
        tmp.unlink(missing_ok=True)  # gone already once renamed
    return target


# --- reading --------------------------------------------------------------------------------

FACT_COLUMNS = (
    "id, topic, claim, quote, source, value, unit, period, period_inferred_from, qualifier, attributed_to, aliases, "
    "file, line, col"
)


def fact_from_row(row: Sequence[object]) -> Fact:
    """A Fact from a row selected with FACT_COLUMNS."""
    (ident, topic, claim, quote, source, value, unit, period, inferred, qualifier, who, aliases, file, line, col) = row
    return Fact(
        id=str(ident), topic=str(topic), claim=str(claim), quote=str(quote), source=str(source),
        value=value,  # type: ignore[arg-type]
        unit=unit, period=period, period_inferred_from=inferred, qualifier=qualifier,  # type: ignore[arg-type]
        attributed_to=who,  # type: ignore[arg-type]
        aliases=tuple(str(aliases).split(SEP)) if aliases else (),
        origin=Origin(str(file), int(line), int(col)) if file is not None else None,  # type: ignore[call-overload]
    )  # fmt: skip


TOPIC_COLUMNS = "id, title, summary, file, line, col"


def topic_from_row(row: Sequence[object]) -> Topic:
    """A Topic from a row selected with TOPIC_COLUMNS."""
    ident, title, summary, file, line, col = row
    origin = Origin(str(file), int(line), int(col)) if file is not None else None  # type: ignore[call-overload]
    return Topic(str(ident), str(title), str(summary), origin=origin)


SOURCE_COLUMNS = "id, title, author, publisher, published, path, updated, author_family, page, channel, url"


def source_from_row(row: Sequence[object]) -> Source:
    """A Source from a row selected with SOURCE_COLUMNS."""
    return Source(*row)  # type: ignore[arg-type]
