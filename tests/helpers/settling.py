"""An index as a build long ago leaves it: stamps settled (no longer racily clean) and packed.

Shared by the freshness and race tests; it imports nothing relative, so that
tests/helpers/race_driver.py, run as a script, can import it too.
"""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from pathlib import Path
from unittest.mock import patch

import gzfacts
from gzfacts.index import freshness
from gzfacts.index.freshness import PACKED_KEYS, pack_stamps

#: As if every file had been stamped ten seconds after it was last written.
SETTLE = "UPDATE files SET seen_ns = max(mtime_ns, ctime_ns) + 10000000000"


def restamped(index: Path, sql: str, *, packed: bool = True, folders: bool = False) -> None:
    """Change the recorded stamps with `sql`, then record them again packed as a build does (or
    leave them unpacked, as in an index written before stats were packed). With `folders`, the
    folders' stats are packed too, however recently they changed (they are not, else)."""
    conn = sqlite3.connect(index)
    try:
        with conn, patch.object(freshness, "RACY_NS", 0) if folders else nullcontext():
            conn.execute(sql)
            pack_stamps(conn)
            if not packed:
                conn.execute(f"DELETE FROM meta WHERE key IN {PACKED_KEYS + freshness.FOLDER_KEYS}")
    finally:
        conn.close()


def settled_index(facts: Path, *, packed: bool = True, folders: bool = False) -> Path:
    """The index of `facts`, built (or brought up to date), its stamps settled (and packed; with
    `folders`, its folders' stats packed too)."""
    with gzfacts.load(facts) as fb:
        assert fb.index_file is not None
        index = fb.index_file
    restamped(index, SETTLE, packed=packed, folders=folders)
    return index
