"""Where indexes live on disk, how they are written (atomically), listed and cleared.

Indexes are written to a temporary file and renamed into place, so a reader never sees a
partial one; an unusable cache directory means working in memory (the callers' None).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path


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


def write_atomically(
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
