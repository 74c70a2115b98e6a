"""Where indexes live on disk, whether they can be trusted, how they are written (atomically),
listed and cleared.

Indexes are written to a temporary file and renamed into place, so a reader never sees a
partial one; an unusable cache directory means working in memory (the callers' None). A cache
directory that another user owns or may write, and an index file that this user's gzfacts did
not write (another owner, writable by others, not a regular file), are never trusted: as pip
does with its cache, gzfacts then works elsewhere (in memory, or by replacing the index).
Only files named as gzfacts names them are listed, swept or cleared.

No index file is ever given an SQLite journal (`<index>-journal`): builds and updates write
a temporary file without one, and the one write made in place (`freshness.restamp`) keeps its
journal in memory. So a journal beside an index is always a stray (left by an older gzfacts
that was killed, or by a file replaced under a writer): never rolled back into an index it
may not belong to, it is removed when it is gzfacts's to remove (`remove_stray_journal`).

A temporary file is locked (`flock`) by the process writing it for as long as it lives, and
removed at exit whatever ends the command (an interrupt included); one that nobody holds is
a dead process's, swept by the next build, `cache clear` and `cache prune`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

#: A temporary file not written to for this long belongs to a build that was killed, even where
#: its lock cannot be tested: a running build writes its temporary file every few seconds.
STALE_AFTER_S = 3600
#: A temporary file that nobody holds the lock of belongs to a process that ended, once it is
#: this old (a process holds it from a moment after creating it).
ABANDONED_AFTER_S = 10
#: `index_path` names: 16 hex digits of checksums, the path's length.
_INDEX = r"[0-9a-f]{16}-[0-9]+\.sqlite3"
#: `write_atomically` names: an index's stem, 8 random characters (as mkstemp's), ".tmp".
_TEMPORARY = r"[0-9a-f]{16}-[0-9]+\.[a-z0-9_]{8}\.tmp"
#: SQLite's name for an index's rollback journal (never one of gzfacts's: see above).
_JOURNAL = _INDEX + "-journal"
_RANDOM_NAME = "abcdefghijklmnopqrstuvwxyz0123456789_"


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


def _my_uid() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def untrusted_dir(directory: Path) -> str | None:
    """Why the cache directory cannot be trusted (another owner, writable by others), or None.

    A directory that does not exist yet is trusted: gzfacts creates it, private to this user.
    """
    try:
        info = os.stat(directory)
    except OSError:
        return None
    uid = _my_uid()
    if uid is not None and info.st_uid != uid:
        return f"the cache folder {directory} belongs to another user"
    if info.st_mode & stat.S_IWOTH:  # even with the sticky bit, others could plant an index first
        return f"the cache folder {directory} is writable by every user"
    return None


def untrusted_file(info: os.stat_result) -> bool:
    """Whether an index file (its lstat) was not written by this user's gzfacts.

    gzfacts writes regular files, owned by this user and writable by no one else (mkstemp's
    0600, renamed into place): a link, another owner or group/other write permission is not its own.
    """
    uid = _my_uid()
    return (
        not stat.S_ISREG(info.st_mode)
        or (uid is not None and info.st_uid != uid)
        or bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
    )


def _own_files(directory: Path) -> Iterator[tuple[Path, str, os.stat_result]]:
    """The files in `directory` named as gzfacts names them: (path, "index", "temporary" or
    "journal", lstat). Raises OSError when the directory cannot be listed."""
    import re

    kinds = [(re.compile(_INDEX), "index"), (re.compile(_TEMPORARY), "temporary"), (re.compile(_JOURNAL), "journal")]
    for name in sorted(os.listdir(directory)):
        kind = next((kind for pattern, kind in kinds if pattern.fullmatch(name)), None)
        if kind is None:
            continue
        path = directory / name
        try:
            info = os.lstat(path)
        except OSError:  # went meanwhile
            continue
        yield path, kind, info


def _stale(info: os.stat_result) -> bool:
    import time

    return time.time() - info.st_mtime > STALE_AFTER_S


def _abandoned(path: Path, info: os.stat_result) -> bool:
    """Whether a temporary file belongs to no running process: nobody holds its lock (and it is
    older than ABANDONED_AFTER_S), or, where locks cannot be tested, it is STALE_AFTER_S old."""
    import time

    if _stale(info):
        return True
    if not stat.S_ISREG(info.st_mode) or time.time() - info.st_mtime < ABANDONED_AFTER_S:
        return False
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the age alone decides
        return False
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: its process is alive (or the file system cannot tell: the age decides)
        return False
    finally:
        os.close(handle)  # releases the lock, if taken
    return True


def _ours(info: os.stat_result) -> bool:
    """Whether a file named as gzfacts names its files may be removed by this user's gzfacts: a
    symbolic link (removed, never followed) or a regular file of this user's."""
    uid = _my_uid()
    return stat.S_ISLNK(info.st_mode) or (stat.S_ISREG(info.st_mode) and (uid is None or info.st_uid == uid))


def remove_stray_journal(db_path: Path) -> bool:
    """Remove `<db_path>-journal`, which gzfacts never writes (see the module's docstring), if it
    is gzfacts's to remove (`_ours`); True when none is left. Never rolled back into the index:
    it may be another file's (an index replaced under a writer), and the index's own checks tell
    whether the index is whole."""
    journal = Path(f"{db_path}-journal")
    try:
        info = os.lstat(journal)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not _ours(info):
        return False
    try:
        os.unlink(journal)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def cached_indexes(directory: Path | None = None) -> list[dict[str, object]]:
    """Every index and temporary file in the cache directory: file, kind, size, fact base, facts.

    `kind` is "index", "temporary" (a build under way), "stale temporary" (left by a build that
    was killed; swept by the next build, `clear_cache` and `prune_cache`), "stray journal" (an
    SQLite journal, which gzfacts never writes; removed when met), "empty" (an empty file, not an
    index) or "link" (a symbolic link, never used).
    """
    directory = directory if directory is not None else cache_dir()
    if directory is None or not directory.is_dir():
        return []
    found: list[dict[str, object]] = []
    try:
        files = list(_own_files(directory))
    except OSError:
        return []
    for path, kind, info in files:
        entry: dict[str, object] = {
            "index": str(path),
            "kind": kind,
            "bytes": info.st_size,
            "fact_base": None,
            "facts": None,
        }
        found.append(entry)
        if stat.S_ISLNK(info.st_mode):
            entry["kind"] = "link"
            continue
        if kind == "temporary":
            entry["kind"] = "stale temporary" if _abandoned(path, info) else "temporary"
            continue
        if kind == "journal":
            entry["kind"] = "stray journal"
            continue
        if not info.st_size:
            entry["kind"] = "empty"  # no index: replaced by the next build
            continue
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
    return found


class Removed(NamedTuple):
    """What `clear_cache` or `prune_cache` removed, and what it could not: (path, why) each."""

    files: int
    bytes: int
    failed: list[tuple[Path, str]]
    #: Of `files`, those that were no index: what dead processes left, empty files.
    leftovers: int = 0


def _remove(path: Path, info: os.stat_result, failed: list[tuple[Path, str]]) -> bool:
    """Remove one file (a link itself, never what it names); note why not in `failed`."""
    try:
        os.unlink(path)
    except FileNotFoundError:  # another gzfacts removed it meanwhile
        return False
    except OSError as exc:
        failed.append((path, exc.strerror or str(exc)))
        return False
    return True


def clear_cache(directory: Path | None = None) -> Removed:
    """Delete every index gzfacts wrote in the cache, and what dead processes left (temporary
    files nobody holds, stray journals): what was removed, and what could not be, and why.

    Only gzfacts's own names are touched (another program's files in a shared folder are
    left alone), and temporary files of builds still running are left to them. A command
    reading an index meanwhile goes on reading it (its file stays open); one about to open it
    finds none, and builds it.
    """
    directory = directory if directory is not None else cache_dir()
    failed: list[tuple[Path, str]] = []
    if directory is None or not os.path.isdir(directory):
        return Removed(0, 0, failed)
    files = removed = 0
    try:
        found = list(_own_files(directory))
    except OSError as exc:
        return Removed(0, 0, [(directory, exc.strerror or str(exc))])
    for path, kind, info in found:
        if kind == "temporary" and not _abandoned(path, info):
            continue
        if kind == "journal" and not _ours(info):
            continue
        if _remove(path, info, failed):
            files += 1
            removed += info.st_size if stat.S_ISREG(info.st_mode) else 0
    return Removed(files, removed, failed)


def sweep_stale(directory: Path) -> None:
    """Delete the temporary files that dead processes left behind."""
    try:
        found = list(_own_files(directory))
    except OSError:
        return
    for path, kind, info in found:
        if kind == "temporary" and _abandoned(path, info):
            path.unlink(missing_ok=True)


#: Temporary files this process made and has not renamed or removed yet: removed at exit, so
#: that an interrupt at any moment (between creating one and the `finally` that removes it
#: included) leaves none behind.
_temporaries: set[str] = set()


def _remove_temporaries() -> None:
    for name in list(_temporaries):
        with contextlib.suppress(OSError):
            os.unlink(name)
        _temporaries.discard(name)


def _create_temporary(target: Path) -> tuple[Path, int]:
    """A new, empty temporary file beside `target` (0600), named for it, locked by this process
    (`_abandoned` tells a dead process's from a running one's), and removed at exit if it is
    still there. Returns its path and the descriptor that holds the lock."""
    if not _temporaries:
        import atexit

        atexit.unregister(_remove_temporaries)
        atexit.register(_remove_temporaries)
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        suffix = "".join(_RANDOM_NAME[byte % len(_RANDOM_NAME)] for byte in os.urandom(8))
        path = target.with_name(f"{target.stem}.{suffix}.tmp")
        _temporaries.add(str(path))  # before it exists: removed at exit, however soon that comes
        try:
            handle = os.open(path, flags, 0o600)
        except FileExistsError:  # another's: not ours to remove
            _temporaries.discard(str(path))
            continue
        except OSError:
            _temporaries.discard(str(path))
            raise
        # (An interrupt raised once the file exists leaves it registered, and removed at exit.)
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (ImportError, OSError):  # pragma: no cover - no locks here: the age decides
            pass
        return path, handle
    raise FileExistsError(f"no free temporary name beside {target}")  # pragma: no cover


def connect_read_only(db_path: Path) -> sqlite3.Connection:
    """A read-only connection that checks each page's cells as it reads them (cheap)."""
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA cell_size_check = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def write_atomically(
    target: Path, fill: Callable[[sqlite3.Connection], None], *, copy_of: Path | None = None
) -> Path | None:
    """Write an index into a temporary file beside `target` (a copy of `copy_of`, if given) and
    rename it into place, so that readers see the old index or the new one, never a partial one.

    Returns `target`, or None when the cache directory cannot be written (`write_and_open`).
    """
    conn = write_and_open(target, fill, copy_of=copy_of)
    if conn is None:
        return None
    conn.close()
    return target


def write_and_open(
    target: Path, fill: Callable[[sqlite3.Connection], None], *, copy_of: Path | None = None
) -> sqlite3.Connection | None:
    """`write_atomically`, returning a read-only connection to the very file written: opened
    before the rename, it reads that file whatever the path names later (another gzfacts's
    index renamed over it, or nothing after `cache clear`). None when the cache directory
    cannot be written.

    The temporary file is removed whatever happens, Ctrl-C included (at exit, at the latest);
    those of dead processes are swept first. A journal left beside `target` is removed before
    the new index takes its place: it belongs to the file being replaced.
    """
    import shutil

    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        sweep_stale(target.parent)
        tmp, handle = _create_temporary(target)
    except OSError:
        return None
    opened = None
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
        opened = connect_read_only(tmp)
        remove_stray_journal(target)
        os.replace(tmp, target)
        _temporaries.discard(str(tmp))
    except (OSError, sqlite3.Error):
        if opened is not None:
            opened.close()
        return None
    except BaseException:
        if opened is not None:
            opened.close()
        raise
    finally:
        if str(tmp) in _temporaries:  # not renamed into place
            tmp.unlink(missing_ok=True)
            _temporaries.discard(str(tmp))
        os.close(handle)  # the lock goes with it
    return opened


def prune_cache(directory: Path | None = None) -> Removed:
    """Delete the indexes whose fact base no longer exists (a deleted file, a removed temporary
    folder), and what dead processes left (as `clear_cache` does); what was removed, and what
    could not be. Indexes of existing fact bases, and damaged ones, stay."""
    directory = directory if directory is not None else cache_dir()
    failed: list[tuple[Path, str]] = []
    removed = size = leftovers = 0
    if directory is None or not os.path.isdir(directory):
        return Removed(0, 0, failed)
    for entry in cached_indexes(directory):
        base = entry["fact_base"]
        path = Path(str(entry["index"]))
        leftover = entry["kind"] in ("stale temporary", "stray journal", "empty")
        if leftover or (entry["kind"] == "index" and isinstance(base, str) and not Path(base).exists()):
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if entry["kind"] == "stray journal" and not _ours(info):
                continue
            if _remove(path, info, failed):
                removed += 1
                leftovers += leftover
                size += int(str(entry["bytes"]))
    return Removed(removed, size, failed, leftovers)
