"""Run an export: check where it goes, build the sheet, write each file atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from gzfacts.errors import UsageError
from gzfacts.export import FORMATS
from gzfacts.export.rights import fact_base_license
from gzfacts.export.sheet import Sheet, build_sheet
from gzfacts.export.writing import atomic_directory, atomic_path, check_writable, move_into_place, write_text
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
    one_page: bool = False,
) -> list[Path]:
    """Export the fact base (or one topic) as `fmt`; return the files written (none for stdout).

    Every output path is checked before any work is done, so a refused export changes nothing.
    An HTML sheet of more than `html.PAGE_FACTS` facts written to a file is split into pages
    (OUTPUT is their index, OUTPUT-001.html... the pages) unless `one_page`.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt == "sqlite" and output is None:
        raise UsageError("a database cannot be written to standard output: name a file, such as facts.db")
    if metadata is not None and fmt != "sqlite":
        raise UsageError("Datasette metadata is written only with a SQLite database")
    targets = [output] if output is not None else []
    if fmt == "sqlite" and output is not None:
        metadata = metadata or metadata_path_for(output)
        if metadata.resolve() == output.resolve():
            raise UsageError(f"the metadata and the database would be the same file: {output}")
        targets.append(metadata)
    for target in targets:
        check_writable(target, force=force)
    license = fact_base_license(fb.path, license_name, license_url)
    sheet = build_sheet(fb, topic=topic, license=license, anchors=fmt != "markdown")
    if fmt == "html":
        from gzfacts.export import html

        if output is None or one_page or sheet.fact_count <= html.PAGE_FACTS:
            write_text(output, lambda: html.render(fb, sheet), out, force=force)
        else:
            return _html_pages(fb, sheet, output, force=force)
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


def page_path(index: Path, number: int) -> Path:
    """The file of page `number` of a sheet whose index is `index`: facts.html -> facts-001.html."""
    return index.with_name(f"{index.stem}-{number:03d}{index.suffix or '.html'}")


def _html_pages(fb: FactBase, sheet: Sheet, output: Path, *, force: bool) -> list[Path]:
    """The pages of a big sheet, written into a temporary directory beside the output and moved
    into place together, the index last: an export stopped half-way leaves none of its pages."""
    from gzfacts.export import html

    pages = html.split(sheet)
    paths = [page_path(output, number) for number in range(1, len(pages) + 1)]
    for path in [*paths, output]:
        check_writable(path, force=force)
    links = []
    with atomic_directory(output) as staging:
        for number, (page, path) in enumerate(zip(pages, paths, strict=True), start=1):
            prepared = html.articles(fb, page)
            nav = {"index": output.name}
            if number > 1:
                nav["previous"] = paths[number - 2].name
            if number < len(pages):
                nav["next"] = paths[number].name

            def chunks(page: Sheet = page, nav: dict[str, str] = nav, prepared: Any = prepared) -> Iterator[str]:
                return html.render(fb, page, nav=nav, prepared=prepared)

            _write_file(staging / path.name, chunks)
            links.append(html.PageLink(path.name, number, page, prepared[1]))
        _write_file(staging / output.name, lambda: html.render(fb, sheet, pages=links))
        for path in [*paths, output]:
            move_into_place(staging / path.name, path, force=force)
    return [output, *paths]


def _write_file(path: Path, chunks: Callable[[], Iterator[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for chunk in chunks():
            handle.write(chunk)
