"""Where indexes live on disk, whether they can be trusted, how they are written (atomically),
listed and cleared.

Indexes are written to a temporary file and renamed into place, so a reader never sees a
partial one; an unusable cache directory means working in memory (the callers' None). A cache
directory that another user owns or may write, and an index file that this user's gzfacts did
not write (another owner, writable by others, not a regular file), are never trusted: as pip
does with its cache, gzfacts then works elsewhere (in memory, or by replacing the index).
Only files named as gzfacts names them are listed, swept or cleared.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

#: A temporary file not written to for this long belongs to a build that was killed: a running
#: build writes its temporary file every few seconds (an hour is far beyond any build's pauses).
STALE_AFTER_S = 3600
#: `index_path` names: 16 hex digits of checksums, the path's length.
_INDEX = r"[0-9a-f]{16}-[0-9]+\.sqlite3"
#: `write_atomically` names: an index's stem, mkstemp's 8 random characters, ".tmp".
_TEMPORARY = r"[0-9a-f]{16}-[0-9]+\.[a-z0-9_]{8}\.tmp"


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
    """The files in `directory` named as gzfacts names them: (path, "index" or "temporary", lstat)."""
    import re

    index, temporary = re.compile(_INDEX), re.compile(_TEMPORARY)
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return
    for name in names:
        kind = "index" if index.fullmatch(name) else "temporary" if temporary.fullmatch(name) else None
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


def cached_indexes(directory: Path | None = None) -> list[dict[str, object]]:
    """Every index and temporary file in the cache directory: file, kind, size, fact base, facts.

    `kind` is "index", "temporary" (a build under way), "stale temporary" (left by a killed
    build; swept by the next build or `clear_cache`), or "link" (a symbolic link, never used).
    """
    directory = directory if directory is not None else cache_dir()
    if directory is None or not directory.is_dir():
        return []
    found: list[dict[str, object]] = []
    for path, kind, info in _own_files(directory):
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
            entry["kind"] = "stale temporary" if _stale(info) else "temporary"
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


def clear_cache(directory: Path | None = None) -> tuple[int, int]:
    """Delete every index and stale temporary file gzfacts wrote in the cache; (files, bytes) removed.

    Only gzfacts's own names are touched (another program's files in a shared folder are
    left alone), and temporary files of builds still running are left to them.
    """
    directory = directory if directory is not None else cache_dir()
    if directory is None or not directory.is_dir():
        return 0, 0
    files = removed = 0
    for path, kind, info in _own_files(directory):
        if kind == "temporary" and not _stale(info):
            continue
        try:
            path.unlink()
        except OSError:
            continue
        files += 1
        removed += info.st_size if stat.S_ISREG(info.st_mode) else 0
    return files, removed


def sweep_stale(directory: Path) -> None:
    """Delete the temporary files that killed builds left behind."""
    for path, kind, info in _own_files(directory):
        if kind == "temporary" and _stale(info):
            path.unlink(missing_ok=True)


def write_atomically(
    target: Path, fill: Callable[[sqlite3.Connection], None], *, copy_of: Path | None = None
) -> Path | None:
    """Write an index into a temporary file beside `target` (a copy of `copy_of`, if given) and
    rename it into place, so that readers see the old index or the new one, never a partial one.

    Returns `target`, or None when the cache directory cannot be written. The temporary file
    is removed whatever happens, Ctrl-C included; those of killed builds are swept first.
    """
    import shutil
    import tempfile

    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        sweep_stale(target.parent)
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


def prune_cache(directory: Path | None = None) -> tuple[int, int]:
    """Delete the indexes whose fact base no longer exists (a deleted file, a removed temporary
    folder); (files, bytes) removed. Indexes of existing fact bases, and damaged ones, stay."""
    removed = size = 0
    for entry in cached_indexes(directory):
        base = entry["fact_base"]
        if isinstance(base, str) and not Path(base).exists():
            try:
                Path(str(entry["index"])).unlink()
            except OSError:
                continue
            removed += 1
            size += int(str(entry["bytes"]))
    return removed, size
