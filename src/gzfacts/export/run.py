"""Run an export: check where it goes, build the sheet, write each file atomically."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from gzfacts.errors import UsageError
from gzfacts.export import FORMATS
from gzfacts.export.rights import fact_base_license
from gzfacts.export.writing import atomic_path, check_writable, write_text
from gzfacts.factbase import FactBase


def metadata_path_for(database: Path) -> Path:
    """Where Datasette's metadata goes by default: `metadata.json` beside the database."""
    return database.with_name("metadata.json")


def export(
    fb: FactBase,
    fmt: str,
    *,
    output: Path | None,
    out: IO[str],
    force: bool = False,
    topic: str | None = None,
    license_name: str | None = None,
    license_url: str | None = None,
    metadata: Path | None = None,
) -> list[Path]:
    """Export the fact base (or one topic) as `fmt`; return the files written (none for stdout).

    Every output path is checked before any work is done, so a refused export changes nothing.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt == "sqlite" and output is None:
        raise UsageError("a database cannot go to standard output: give --output PATH, such as facts.db")
    if metadata is not None and fmt != "sqlite":
        raise UsageError("--metadata is for `export sqlite` only")
    targets = [output] if output is not None else []
    if fmt == "sqlite" and output is not None:
        metadata = metadata or metadata_path_for(output)
        if metadata.resolve() == output.resolve():
            raise UsageError(f"--metadata and --output are the same file: {output}")
        targets.append(metadata)
    for target in targets:
        check_writable(target, force=force)
    license = fact_base_license(fb.path, license_name, license_url)
    from gzfacts.export.sheet import build_sheet

    sheet = build_sheet(fb, topic=topic, license=license, anchors=fmt != "markdown")
    if fmt == "html":
        from gzfacts.export import html

        write_text(output, lambda: html.render(fb, sheet), out, force=force)
    elif fmt == "markdown":
        from gzfacts.export import markdown

        write_text(output, lambda: markdown.render(sheet), out, force=force)
    else:
        from gzfacts.export import sqlite

        assert output is not None and metadata is not None
        with atomic_path(output, force=force) as temp:
            temp.unlink()  # sqlite-utils creates the database afresh
            sqlite.write_database(fb, sheet, temp)
        name = output.stem
        write_text(metadata, lambda: iter((sqlite.metadata_json(sheet, name),)), out, force=force)
    return targets
