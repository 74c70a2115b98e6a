"""Views of the index cache: what it holds, clearing and pruning it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts.errors import (
    CacheNotCleared,
)
from gzfacts.output import Column, Listing, Result, TableSpec
from gzfacts.output.text import human_size

if TYPE_CHECKING:  # pragma: no cover
    pass


#: What `cache info` says of each index; JSON has the booleans, the table these words.
CACHE_FIELDS = ("index", "kind", "bytes", "fact_base", "facts", "in_use", "fact_base_exists")


def cache_list(facts: Path) -> Result:
    """The cached indexes, which of them serves the fact base `facts` now, which belong to fact
    bases that no longer exist (`gzfacts cache prune` removes those), and where the cache is."""
    from gzfacts.index import cache_dir, cached_indexes, index_path

    directory = cache_dir()
    in_use = str(index_path(facts, directory)) if directory else None
    entries = []
    for entry in cached_indexes(directory):
        base = entry["fact_base"]
        exists = None if base is None else Path(str(base)).exists()
        record = {**entry, "in_use": entry["index"] == in_use, "fact_base_exists": exists}
        record["size"] = human_size(int(str(entry["bytes"])))
        state = "in use" if record["in_use"] else "fact base gone" if exists is False else ""
        record["state"] = state if entry["kind"] == "index" else str(entry["kind"])
        entries.append(record)
    total = sum(int(str(e["bytes"])) for e in entries)
    notes = (
        f"cache directory: {directory or 'none (HOME and XDG_CACHE_HOME unset): indexes live in memory'}"
        + (f" ({len(entries)} indexes, {human_size(total)})" if entries else ""),
        f"index of {facts}: {in_use or 'in memory'}",
    )
    columns = [
        Column("index", "index", ratio=3, whole=True),
        Column("size", "size", justify="right"),
        Column("fact base", "fact_base", ratio=3),
        Column("facts", "facts", justify="right"),
        Column("state", "state"),
    ]
    return Result(Listing(entries, CACHE_FIELDS, TableSpec(columns), extra=("size", "state"), notes=notes))


def cache_cleared() -> Result:
    """Delete every cached index, and say how much was removed from where. Raises
    CacheNotCleared, saying which files could not be removed and why."""
    from gzfacts.index import cache_dir, clear_cache

    directory = cache_dir()
    removed = clear_cache(directory)
    said = f"removed {removed.files} file{'s' if removed.files != 1 else ''} ({human_size(removed.bytes)})"
    if removed.failed:
        raise CacheNotCleared(directory, said, removed.failed)
    return Result(None, summary=f"{said} from {directory}")


def cache_pruned() -> Result:
    """Delete the indexes of fact bases that no longer exist (and what dead processes left), and
    say how much was removed. Raises CacheNotCleared, saying which files could not be removed."""
    from gzfacts.index import cache_dir
    from gzfacts.index.cache import prune_cache

    directory = cache_dir()
    removed = prune_cache(directory)
    indexes = removed.files - removed.leftovers
    said = f"removed {indexes} index{'es' if indexes != 1 else ''} of fact bases that no longer exist"
    if removed.leftovers:
        said += f" and {removed.leftovers} leftover file{'s' if removed.leftovers != 1 else ''}"
    said += f" ({human_size(removed.bytes)})"
    if removed.failed:
        raise CacheNotCleared(directory, said, removed.failed)
    return Result(None, summary=f"{said} from {directory}")
