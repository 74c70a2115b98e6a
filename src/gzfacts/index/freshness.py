"""Whether an index was built from the fact base's current content: file stamps and checks.

An index records, for every YAML file and source text it was built from, the stat taken on
the open file before its bytes were read (size, mtime, ctime, inode) and the SHA-256 of the
bytes that were parsed. A file whose stat is unchanged, and was not "racily clean" when it was
stamped, is taken as unchanged; any other file is hashed again, and a changed hash means a
rebuild. ctime cannot be set back by `touch -r`, `cp -p`, `rsync -t` or `tar x`, and a file
replaced by a rename has a new inode, so a same-size edit with its mtime restored is hashed.

Whether the fact files are still the recorded ones (none added, removed or renamed) is read
from the folders' listings; once the stats are packed, from the folders' own stats when none
changed (an entry added, removed or renamed changes its folder's mtime and ctime), so that an
unchanged base's folders are not read at every start.
"""

from __future__ import annotations

import operator
import os
import sqlite3
import struct
import time
from itertools import chain
from pathlib import Path

from gzfacts.files import RACY_NS, YAML_SUFFIXES, FileStamp, make_stamp, yaml_files
from gzfacts.index.cache import connect_read_only, remove_stray_journal, untrusted_file
from gzfacts.index.schema import FORMAT

__all__ = [
    "FileStamp",
    "InputChanged",
    "built_for",
    "connect_read_only",
    "damage",
    "open_fresh",
    "recheck",
    "recorded_stamps",
    "stamp",
]

#: The columns of the files table, in FileStamp's order.
STAMP_COLUMNS = "path, role, size, mtime_ns, ctime_ns, inode, sha256, seen_ns"


class InputChanged(Exception):
    """An input file changed (or went) while an index was being built from it."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's content, in hex."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def recheck(old: FileStamp) -> FileStamp | None:
    """The file's stamp now if its content is still what `old` recorded, else None.

    `old` itself when the stat is unchanged and `old` was not racily clean; otherwise the file
    is hashed, and an equal hash gives a new stamp (stat taken before hashing).
    """
    try:
        seen_ns = time.time_ns()
        info = os.stat(old.path)  # a str, not a Path: a warm start may check a thousand files
        if old.same_stat(info) and not old.racy():
            return old
        if info.st_size != old.size or sha256_file(Path(old.path)) != old.sha256:
            return None
    except OSError:  # gone, or unreadable: not what was recorded
        return None
    return make_stamp(Path(old.path), old.role, info, old.sha256, seen_ns)


def stamp(path: Path, role: str, old: FileStamp | None = None) -> FileStamp:
    """The stamp of one file now: `old` (or `old` restamped) if its content did not change."""
    if old is not None:
        same = recheck(old)
        if same is not None:
            return same
    seen_ns = time.time_ns()
    info = os.stat(path)
    return make_stamp(path, role, info, sha256_file(path), seen_ns)


def verify_unchanged(stamps: list[FileStamp]) -> None:
    """Raise InputChanged if any file changed since it was read (at the end of a build)."""
    changed = first_changed(stamps)
    if changed is not None:
        raise InputChanged(changed)


def first_changed(stamps: list[FileStamp]) -> str | None:
    """The path of the first file that changed (or went) since it was read, or None."""
    for old in stamps:
        if recheck(old) is None:
            return old.path
    return None


def recorded_stamps(conn: sqlite3.Connection) -> dict[str, FileStamp]:
    """The stamps an index recorded, by path."""
    rows = conn.execute(f"SELECT {STAMP_COLUMNS} FROM files")
    return {row[0]: FileStamp(*row) for row in rows}


def built_for(conn: sqlite3.Connection, fact_path: Path, *, complete: bool = True) -> bool:
    """Whether the index in `conn` has this version's layout and was built for `fact_path`."""
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('format', 'complete', 'path')").fetchall())
    whole = meta.get("complete") == "1" or not complete
    return meta.get("format") == FORMAT and whole and meta.get("path") == str(fact_path)


def is_fresh(conn: sqlite3.Connection, fact_path: Path, touched: list[FileStamp]) -> bool:
    """Whether the index in `conn` was built from the fact base's current content: every run
    stats every input file (the one-pass check, else file by file).

    Files whose content is unchanged but whose stamp is not (touched, or racily clean when
    stamped) have their new stamps added to `touched`. Raises sqlite3.DatabaseError.
    """
    if not built_for(conn, fact_path):
        return False
    try:
        if all_settled_and_same(conn, fact_path):
            return True
    except OSError:  # a file or folder went, or cannot be read: the file-by-file check says what
        pass
    return _fresh_file_by_file(conn, fact_path, touched)


#: Each recorded file's path, the stat it recorded, whether it is a fact file, and whether it
#: was racily clean when stamped; fact files first.
_QUICK_SQL = """
SELECT path, size, mtime_ns, ctime_ns, inode, role = 'facts',
       mtime_ns + :racy > seen_ns OR ctime_ns + :racy > seen_ns
FROM files ORDER BY role != 'facts', path
"""
_STAT_FIELDS = operator.attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino")
_RECORDED_STAT = operator.itemgetter(1, 2, 3, 4)
#: The meta keys of the packed stamps: every recorded path (UTF-8, joined by NUL, fact files
#: first), how many are fact files, and their stats as one array of 64-bit integers.
PACKED_KEYS = ("stat_paths", "stat_facts", "stat_values")
#: The meta keys of a directory base's folders, packed with its files' stats: every folder the
#: fact files are looked for in (UTF-8, joined by NUL), how many fact files they held, and each
#: folder's stat (mtime, ctime, inode) as one array of 64-bit integers.
FOLDER_KEYS = ("folder_paths", "folder_facts", "folder_values")
_FOLDER_FIELDS = operator.attrgetter("st_mtime_ns", "st_ctime_ns", "st_ino")
#: The size of one packed integer (a C long long: what `array("q")` packs them as).
_QWORD = struct.calcsize("q")


def _to_pack(conn: sqlite3.Connection) -> tuple[bytes, str, bytes] | None:
    """What `pack_stamps` records of the files table (the values of PACKED_KEYS), or None while
    a stamp is racily clean (or an inode number is past 2**63: the files table serves)."""
    rows = conn.execute(_QUICK_SQL, {"racy": RACY_NS}).fetchall()
    if not rows or any(map(operator.itemgetter(6), rows)):
        return None
    from array import array

    try:
        values = array("q", chain.from_iterable(map(_RECORDED_STAT, rows)))
    except OverflowError:
        return None
    # Bytes, not text: SQLite's text functions stop at a NUL (file names cannot hold one).
    paths = "\0".join([row[0] for row in rows]).encode("utf-8", "surrogateescape")
    return paths, str(sum(row[5] for row in rows)), values.tobytes()


def pack_stamps(conn: sqlite3.Connection) -> None:
    """Record the files table's stats again as one row of each kind (`PACKED_KEYS`), which a warm
    start reads in a millisecond where 20,000 rows take tens; none while any stamp is racily
    clean (those files are rechecked one by one, and packed once they have settled). With them,
    the stats of a directory base's folders (`FOLDER_KEYS`), when their listings are the
    recorded fact files (`_folder_stats`)."""
    conn.execute(f"DELETE FROM meta WHERE key IN {PACKED_KEYS + FOLDER_KEYS}")
    packed = _to_pack(conn)
    if packed is None:
        return
    conn.executemany("INSERT INTO meta VALUES (?, ?)", zip(PACKED_KEYS, packed, strict=True))
    row = conn.execute("SELECT value FROM meta WHERE key = 'path'").fetchone()
    paths = packed[0].decode("utf-8", "surrogateescape").split("\0")
    folders = _folder_stats(row[0], set(paths[: int(packed[1])])) if row is not None and row[0] else None
    if folders is not None:
        conn.executemany("INSERT INTO meta VALUES (?, ?)", zip(FOLDER_KEYS, folders, strict=True))


def _packed(conn: sqlite3.Connection) -> tuple[list[str], bytes, int] | None:
    """The packed stamps (paths, their stats, how many are fact files), or None when the index
    has none or they are not as `pack_stamps` writes them (damaged: the rows decide)."""
    packed = dict(conn.execute(f"SELECT key, value FROM meta WHERE key IN {PACKED_KEYS}").fetchall())
    unpacked = _unpacked(packed, PACKED_KEYS, 4)
    return None if unpacked is None or unpacked[2] > len(unpacked[0]) else unpacked


def _unpacked(
    packed: dict[str, object], keys: tuple[str, str, str], fields: int
) -> tuple[list[str], bytes, int] | None:
    """Paths joined by NUL, a count and the packed 64-bit integers, `fields` a path, from the meta
    rows `packed` under `keys`; None when they are missing or not as `pack_stamps` writes them.
    (Compared as bytes with `struct.pack`'s: `array` is imported only when stamps are packed.)"""
    joined, count, values = (packed.get(key) for key in keys)
    if not (isinstance(joined, bytes) and isinstance(values, bytes) and isinstance(count, str) and count.isdigit()):
        return None
    paths = joined.decode("utf-8", "surrogateescape").split("\0")
    if len(values) != _QWORD * fields * len(paths):
        return None
    return paths, values, int(count)


def all_settled_and_same(conn: sqlite3.Connection, fact_path: Path) -> bool:
    """Whether every recorded file has exactly its recorded stat, no stamp was racily clean, and
    the fact base's YAML files are the recorded ones: the common case of a warm start, checked
    in loops that run in C (one stat per file, and an array comparison).

    False means "not sure": the file-by-file check then decides (and hashes what it must).
    Raises OSError when a file or folder cannot be read.
    """
    packed = _packed(conn)
    if packed is not None:
        paths, recorded, facts = packed
        try:
            # struct packs the stats two milliseconds sooner than array() at 20,000 files.
            now = struct.pack(
                f"{len(recorded) // _QWORD}q", *chain.from_iterable(map(_STAT_FIELDS, map(os.stat, paths)))
            )
        except struct.error:  # an inode number past 2**63
            return False
        return now == recorded and (_same_folders(conn, facts) or _same_yaml_files(fact_path, set(paths[:facts])))
    # An index with a racily clean stamp (or written before stats were packed, or whose packed
    # rows are not what pack_stamps writes): from the rows.
    rows = conn.execute(_QUICK_SQL, {"racy": RACY_NS}).fetchall()
    if not rows or any(map(operator.itemgetter(6), rows)):
        return False
    if list(map(_STAT_FIELDS, map(os.stat, [row[0] for row in rows]))) != list(map(_RECORDED_STAT, rows)):
        return False
    return _same_yaml_files(fact_path, {row[0] for row in rows if row[5]})


def _same_folders(conn: sqlite3.Connection, facts: int) -> bool:
    """Whether every folder packed with the stats (`FOLDER_KEYS`) has its recorded stat, and they
    were packed with the same number of fact files: then each folder lists what it listed then,
    the recorded fact files (adding, removing or renaming a folder's entry changes its mtime and
    ctime), and the folders need not be read. False when unsure (no folders packed, one changed,
    or packed rows not as `pack_stamps` writes them): the folders are read."""
    packed = dict(conn.execute(f"SELECT key, value FROM meta WHERE key IN {FOLDER_KEYS}").fetchall())
    folders = _unpacked(packed, FOLDER_KEYS, 3)
    if folders is None:
        return False
    paths, recorded, count = folders
    try:
        now = struct.pack(f"{len(recorded) // _QWORD}q", *chain.from_iterable(map(_FOLDER_FIELDS, map(os.stat, paths))))
    except (OSError, struct.error):  # a folder gone (the listing says what changed), or past 2**63
        return False
    return count == facts and now == recorded


def _folder_stats(root: str, recorded: set[str]) -> tuple[bytes, str, bytes] | None:
    """The values of `FOLDER_KEYS` for the directory fact base at `root` whose fact files are
    `recorded`: each folder stat'd before it is read, and all of them read as `_same_yaml_files`
    reads them. None when `root` is not a folder, when the folders do not list exactly the
    `recorded` files, or when a folder changed too recently for its stat to tell a later change
    (racily clean, as a file's stamp can be)."""
    from array import array

    seen_ns = time.time_ns()
    walked: list[tuple[str, os.stat_result]] = []
    try:
        if not os.path.isdir(root) or not _same_yaml_files(Path(root), recorded, walked):
            return None
        values = array("q", chain.from_iterable(_FOLDER_FIELDS(info) for _, info in walked))
    except (OSError, OverflowError):
        return None
    if any(max(info.st_mtime_ns, info.st_ctime_ns) + RACY_NS > seen_ns for _, info in walked):
        return None
    paths = "\0".join(folder for folder, _ in walked).encode("utf-8", "surrogateescape")
    return paths, str(len(recorded)), values.tobytes()


def _same_yaml_files(
    fact_path: Path, recorded: set[str], walked: list[tuple[str, os.stat_result]] | None = None
) -> bool:
    """Whether `yaml_files(fact_path)` are exactly the `recorded` paths, read folder by folder
    without a stat per file. False when unsure. With `walked`, each folder is stat'd before it
    is read, and added to it with its stat."""
    root = str(fact_path)
    if not os.path.isdir(root):
        return recorded == {root}
    found: set[str] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        if walked is not None:
            walked.append((folder, os.stat(folder)))
        names = os.listdir(folder)
        prefix = os.path.join(folder, "")
        yaml = [name for name in names if name.endswith(YAML_SUFFIXES) and name[0] != "."]
        found.update([prefix + name for name in yaml])
        if len(yaml) < len(names):
            # Other entries: walk into the folders among them as yaml_files does (not hidden
            # ones, not links to folders).
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name[0] != "." and entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
    # Every *.yaml name must be a recorded file, whose stat was just found unchanged: a folder
    # or a link to one named *.yaml, or an unreadable file, is not, and the file-by-file
    # check decides.
    return found == recorded


def _fresh_file_by_file(conn: sqlite3.Connection, fact_path: Path, touched: list[FileStamp]) -> bool:
    """is_fresh, file by file: each changed or racily clean stamp rechecked (hashed if need be)."""
    recorded = recorded_stamps(conn)
    try:
        current_yaml = sorted(str(p) for p in yaml_files(fact_path))
    except OSError:  # the fact base vanished: let the rebuild report it
        return False
    if current_yaml != sorted(s.path for s in recorded.values() if s.role == "facts"):
        return False
    for old in recorded.values():
        # The common case inline: the same stat as recorded, and a stamp that had settled
        # when it was taken.
        try:
            info = os.stat(old.path)
        except OSError:
            return False
        settled = old.mtime_ns + RACY_NS <= old.seen_ns and old.ctime_ns + RACY_NS <= old.seen_ns  # not racy()
        if settled and (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) == old[2:6]:
            continue
        now = recheck(old)
        if now is None:
            return False
        if now is not old:
            touched.append(now)
    if not touched and _packed_out_of_date(conn):
        # Packed stats that are not the files table's (an older gzfacts updated the index): the
        # stamps recorded again, which packs them, so that the next run takes the one pass.
        touched.extend(recorded.values())
    return True


def _packed_out_of_date(conn: sqlite3.Connection) -> bool:
    """Whether the packed stats are not what `pack_stamps` would record of the files table now."""
    packed = dict(conn.execute(f"SELECT key, value FROM meta WHERE key IN {PACKED_KEYS}").fetchall())
    wanted = _to_pack(conn)
    return wanted is not None and tuple(packed.get(key) for key in PACKED_KEYS) != wanted


def restamp(db_path: Path, touched: list[FileStamp]) -> None:
    """Record new stamps of files whose content did not change, so they are not hashed again.

    Only where the index at `db_path` records that same content (SHA-256): the path may name
    another index by now (renamed into place by another gzfacts), whose record of a file must
    not be made to look current unless its content is the file's.
    """
    if os.path.lexists(f"{db_path}-journal"):
        return  # opening it to write would roll a stray journal back into it: hash again next time
    try:
        # mode=rw: never create a file where the index was (`cache clear` may just have removed
        # it); the journal in memory: no file beside the index for readers to trip over.
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=rw", uri=True, timeout=0.1)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA journal_mode=MEMORY")
    except sqlite3.Error:
        conn.close()  # busy, or gone: hash again next time; never leave it to the collector
        return
    try:
        with conn:
            conn.executemany(
                "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, seen_ns = ? "
                "WHERE path = ? AND role = ? AND sha256 = ?",
                [(s.size, s.mtime_ns, s.ctime_ns, s.inode, s.seen_ns, s.path, s.role, s.sha256) for s in touched],
            )
            pack_stamps(conn)
    except sqlite3.Error:
        pass  # a read-only cache, or a busy one: hash again next time
    finally:
        conn.close()


def intact(path: Path, conn: sqlite3.Connection, info: os.stat_result | None = None) -> bool:
    """A cheap check that the database file is whole (not truncated or overwritten).

    The size is taken while a read transaction holds the file (no writer can change it then).
    `info`, the lstat of `path` taken before `conn` was opened: raises Replaced if the path
    names another file now (renamed into place by another gzfacts around the open), which says
    nothing about either file being whole.
    """
    began = not conn.in_transaction
    try:
        if began:
            conn.execute("BEGIN")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        now = os.lstat(path)
        if info is not None and (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
            raise Replaced(str(path))
        size = now.st_size
    except sqlite3.DatabaseError as exc:
        if damage(exc):
            return False
        raise
    finally:
        if began and conn.in_transaction:
            conn.commit()
    return bool(page_count) and size == page_size * page_count


class Replaced(OSError):
    """The index's path names another file than the one a connection reads."""


def damage(exc: sqlite3.Error) -> bool:
    """Whether an error SQLite raised reading an index says that the index is damaged, not that
    it went (`cache clear`), is busy, or has a stray journal beside it (readonly rollback)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.DatabaseError) or code is None:
        return isinstance(exc, sqlite3.DatabaseError)  # our own IndexDamaged, a malformed row
    # SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY (SQLITE_READONLY_ROLLBACK among
    # them), SQLITE_INTERRUPT, SQLITE_FULL, SQLITE_CANTOPEN: about this moment, not the file
    return code & 0xFF not in (5, 6, 7, 8, 9, 13, 14)


def hot_journal(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused to read an index for the journal beside it (SQLITE_READONLY_ROLLBACK)."""
    return getattr(exc, "sqlite_errorcode", None) == 776


#: Times an index is opened again when another gzfacts renamed its own into place meanwhile, or
#: a stray journal beside it was removed.
REOPEN = 3


def open_fresh(db_path: Path, fact_path: Path) -> tuple[sqlite3.Connection | None, str]:
    """A read-only connection to the index at `db_path` if it is trusted, intact and fresh.

    The second item says why not: "missing" (no file, an empty one, or one that went while it
    was opened), "stale", "damaged", "untrusted" (not a regular file this user's gzfacts wrote:
    see cache.untrusted_file) or "blocked" (a journal beside it that is not gzfacts's to
    remove: SQLite will not read the index without rolling it back); "fresh" with a connection.
    Only what says that the file itself is damaged makes it "damaged": another gzfacts renaming
    an index into place meanwhile means opening it again, and a stray journal is removed first.
    """
    status = "missing"
    for _ in range(REOPEN):
        conn, status = _open_fresh(db_path, fact_path)
        if status not in ("replaced", "journal"):
            break
        if status == "journal" and not remove_stray_journal(db_path):
            status = "blocked"
            break
    else:
        status = "missing" if status == "replaced" else "blocked"
    if status != "fresh":
        return None, status
    assert conn is not None
    return conn, status


def _open_fresh(db_path: Path, fact_path: Path) -> tuple[sqlite3.Connection | None, str]:
    """One try of open_fresh; also "replaced" (open again) and "journal" (a stray journal)."""
    try:
        info = os.lstat(db_path)
    except OSError:
        return None, "missing"
    if untrusted_file(info):
        return None, "untrusted"
    if not info.st_size:
        return None, "missing"  # never an index: gzfacts renames whole files into place
    touched: list[FileStamp] = []
    conn = None
    try:
        conn = connect_read_only(db_path)
        # One read transaction for every check: they see one state of the file.
        conn.execute("BEGIN")
        if not intact(db_path, conn, info):
            status = "damaged"
        elif not is_fresh(conn, fact_path, touched):
            status = "stale"
        else:
            status = "fresh"
    except Replaced:
        status = "replaced"
    except sqlite3.Error as exc:
        status = "journal" if hot_journal(exc) else "damaged" if damage(exc) else "missing"
    except OSError:  # the file went while it was checked
        status = "missing"
    if conn is not None:
        if conn.in_transaction:
            conn.commit()
        if status != "fresh":
            conn.close()
            return None, status
    if touched:
        restamp(db_path, touched)
    return conn, status
