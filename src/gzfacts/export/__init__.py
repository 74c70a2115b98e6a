"""Exports of a fact base for people and tools that will not install gzfacts.

- `html`: one self-contained page, the fact sheet over the annotated article (Jinja2 templates).
- `markdown`: a fact sheet with topics as headings and each citation as a footnote.
- `sqlite`: a database for Datasette and sqlite-utils, with a Datasette `metadata.json`.

Each exporter takes a FactBase and uses only its public API. Writing files (atomically, never
replacing one without `force`) is in `gzfacts.export.writing`.
"""

from __future__ import annotations

#: The export formats, by the name the command line takes.
FORMATS: tuple[str, ...] = ("html", "markdown", "sqlite")
