"""Whether an index was built from the fact base's current content: file stamps and checks.

An index records the size, mtime and SHA-256 of every YAML file and source text it was built
from: a changed stat triggers a hash, and a changed hash a rebuild.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.files import yaml_files
from gzfacts.index.schema import FORMAT

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.loader import ParsedFactBase


class FileStamp(NamedTuple):
    """What the index remembers of one input file, to tell whether it changed."""

    path: str
    role: str
    size: int
    mtime_ns: int
    sha256: str


def sha256(path: Path) -> str:
    """The SHA-256 of a file's content, in hex."""
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
        digest = sha256(path)
        if digest == old.sha256:
            return old._replace(mtime_ns=info.st_mtime_ns)
        return FileStamp(str(path), role, info.st_size, info.st_mtime_ns, digest)
    return FileStamp(str(path), role, info.st_size, info.st_mtime_ns, sha256(path))


def input_stamps(parsed: ParsedFactBase) -> list[FileStamp]:
    """Stamps of every file an index depends on: the YAML files and the source texts."""
    stamps = [stamp(file, "facts") for file in parsed.files]
    stamps.extend(stamp(path, "source") for path in dict.fromkeys(parsed.source_files.values()))
    return stamps


def recorded_stamps(conn: sqlite3.Connection) -> dict[str, FileStamp]:
    """The stamps an index recorded, by path."""
    rows = conn.execute("SELECT path, role, size, mtime_ns, sha256 FROM files")
    return {row[0]: FileStamp(*row) for row in rows}


def built_for(conn: sqlite3.Connection, fact_path: Path, *, complete: bool = True) -> bool:
    """Whether the index in `conn` has this version's layout and was built for `fact_path`."""
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    whole = meta.get("complete") == "1" or not complete
    return meta.get("format") == FORMAT and whole and meta.get("path") == str(fact_path.resolve())


def is_fresh(conn: sqlite3.Connection, fact_path: Path, touched: list[FileStamp] | None = None) -> bool:
    """Whether the index in `conn` was built from the fact base's current content.

    A file whose size and mtime are unchanged is taken as unchanged; one whose mtime changed
    is hashed, and if its content is the same its new stamp is added to `touched`.
    """
    try:
        if not built_for(conn, fact_path):
            return False
        recorded = recorded_stamps(conn)
    except sqlite3.DatabaseError:
        return False
    try:
        current_yaml = sorted(str(p) for p in yaml_files(fact_path))
    except OSError:  # the fact base vanished: let the rebuild report it
        return False
    if current_yaml != sorted(s.path for s in recorded.values() if s.role == "facts"):
        return False
    for old in recorded.values():
        try:
            info = os.stat(old.path)
        except OSError:
            return False
        if info.st_size != old.size:
            return False
        if info.st_mtime_ns != old.mtime_ns:
            if sha256(Path(old.path)) != old.sha256:
                return False
            if touched is not None:
                touched.append(old._replace(mtime_ns=info.st_mtime_ns))
    return True


def restamp(db_path: Path, touched: list[FileStamp]) -> None:
    """Record new mtimes of files whose content did not change, so they are not hashed again."""
    try:
        conn = sqlite3.connect(db_path, timeout=0.1)
    except sqlite3.Error:
        return
    try:
        with conn:
            conn.executemany("UPDATE files SET mtime_ns = ? WHERE path = ?", [(s.mtime_ns, s.path) for s in touched])
    except sqlite3.Error:
        pass  # a read-only cache, or a busy one: hash again next time
    finally:
        conn.close()


def intact(path: Path, conn: sqlite3.Connection) -> bool:
    """A cheap check that the database file is whole (not truncated or overwritten)."""
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    except sqlite3.DatabaseError:
        return False
    return bool(page_count) and path.stat().st_size == page_size * page_count


def open_fresh(db_path: Path, fact_path: Path, *, check_fresh: bool = True) -> sqlite3.Connection | None:
    """A read-only connection to the index at `db_path` if it is intact and fresh, else None."""
    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    touched: list[FileStamp] = []
    try:
        usable = intact(db_path, conn) and (not check_fresh or is_fresh(conn, fact_path, touched))
    except OSError:  # the file went while it was checked
        usable = False
    if not usable:
        conn.close()
        return None
    if touched:
        restamp(db_path, touched)
    return conn
