"""Which files make up a fact base. Kept apart from the loader so that checking an index for
freshness at start-up does not import the loader."""

from __future__ import annotations

from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(path: Path) -> list[Path]:
    """The fact base's YAML files, in order: `path` itself, or the YAML files of a directory."""
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
