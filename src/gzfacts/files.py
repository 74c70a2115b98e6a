"""Which files make up a fact base. Kept apart from the loader so that checking an index for
freshness at start-up does not import the loader."""

from __future__ import annotations

import os
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(path: Path) -> list[Path]:
    """The fact base's YAML files, in order: `path` itself, or every YAML file under a directory
    (subfolders included, hidden ones and symbolic links to folders not)."""
    if not path.is_dir():
        return [path]
    return sorted(p for p in all_files(path) if p.suffix in YAML_SUFFIXES and p.is_file())


def all_files(directory: Path) -> list[Path]:
    """Every file under `directory`, in its subfolders too, but not in hidden ones (`.git`)."""
    found: list[Path] = []
    for root, folders, files in os.walk(directory):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return found
