"""The HTML fact sheet: one self-contained page, the facts beside the annotated article.

Rendered from Jinja2 templates shipped in gzfacts/export/templates/ with autoescaping on, so
every text from the fact base is escaped. The page's only code is its inline stylesheet and
script; the Content-Security-Policy allows exactly those, by their SHA-256 hashes, computed
here when the page is rendered, and nothing else (no network, no other scripts or styles).

Large fact bases stay usable: each topic and each article is a section with
`content-visibility: auto`, so the browser lays out and paints only the sections on screen,
and the search box filters after a short pause when there are thousands of facts.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any, NamedTuple

from gzfacts import __version__
from gzfacts.export.article import Segment, layout
from gzfacts.export.coverage import NO_COVERAGE, Coverage, coverage
from gzfacts.export.sheet import Sheet, SourceEntry

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.factbase import FactBase

#: Above this many facts the search waits for a pause in typing before filtering.
DEBOUNCE_ABOVE = 2000


class Article(NamedTuple):
    """A source section of the page: the source, its coverage, and its text with highlights."""

    entry: SourceEntry
    coverage: Coverage
    text: str

    def paragraphs(self) -> list[list[Segment]]:
        """The text's paragraphs, each a list of segments marked with the facts quoting them."""
        return layout(self.text, self.entry.quoted, self.coverage.gaps)


def _asset(name: str) -> str:
    return files("gzfacts.export").joinpath("templates", name).read_text(encoding="utf-8")


def csp_hash(code: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("gzfacts.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(fb: FactBase, sheet: Sheet) -> Iterator[str]:
    """The page, in chunks (a 100,000-fact page is written as it renders, never held whole)."""
    from markupsafe import Markup

    articles = []
    total = NO_COVERAGE
    for entry in sheet.sources:
        text = fb.source_text(entry.source.id)
        spans = [(start, end) for _, start, end in entry.quoted]
        covered = coverage(text, spans)
        total += covered
        articles.append(Article(entry, covered, text))
    style = _asset("sheet.css")
    script = _asset("sheet.js")
    # Markup: the shipped stylesheet and script go in verbatim (their hashes are of these exact
    # texts); they are ours, and neither contains "</".
    assert "</" not in style and "</" not in script
    policy = "; ".join(
        (
            "default-src 'none'",
            f"style-src {csp_hash(style)}",
            f"script-src {csp_hash(script)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    template = _environment().get_template("sheet.html.j2")
    yield from template.generate(
        sheet=sheet,
        articles=articles,
        numbers={card.fact.id: card.number for group in sheet.topics for card in group.cards},
        coverage=total,
        style=Markup(style),
        script=Markup(script),
        policy=policy,
        debounce=sheet.fact_count > DEBOUNCE_ABOVE,
        version=__version__,
    )
