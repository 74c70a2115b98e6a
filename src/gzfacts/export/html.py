"""The HTML fact sheet: one self-contained page, the facts beside the annotated article.

Rendered from Jinja2 templates shipped in gzfacts/export/templates/ with autoescaping on, so
every text from the fact base is escaped. The page's only code is its inline stylesheet and
script; the Content-Security-Policy allows exactly those, by their SHA-256 hashes, computed
here when the page is rendered, and nothing else (no network, no other scripts or styles).

Large fact bases stay usable: each topic and each article is a section with
`content-visibility: auto`, so the browser lays out and paints only the sections on screen,
and the search box filters after a short pause when there are thousands of facts. Written to
a file, a sheet of more than PAGE_FACTS facts is split into pages of whole sources (so every
highlight stays on the page of its fact) with an index page: a browser takes seconds to parse
a 100 MB page of 100,000 facts, and as long again to filter it (docs/performance.md, Exports).
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
from gzfacts.export.sheet import Card, Sheet, SourceEntry, TopicGroup

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.factbase import FactBase

#: Above this many facts the search waits for a pause in typing before filtering.
DEBOUNCE_ABOVE = 2000
#: A page written to a file holds at most this many facts; a bigger sheet is split into pages.
PAGE_FACTS = 5000


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


class PageLink(NamedTuple):
    """One page of a fact sheet split into pages: where it is and what it holds."""

    href: str
    number: int
    sheet: Sheet
    coverage: Coverage


def articles(fb: FactBase, sheet: Sheet) -> tuple[list[Article], Coverage]:
    """The sheet's source sections, and the coverage of all of them together."""
    found = []
    total = NO_COVERAGE
    for entry in sheet.sources:
        text = fb.source_text(entry.source.id)
        covered = coverage(text, [(start, end) for _, start, end in entry.quoted], entry.source.title)
        total += covered
        found.append(Article(entry, covered, text))
    return found, total


def split(sheet: Sheet, page_facts: int | None = None) -> list[Sheet]:
    """The sheet cut into pages of whole sources, each of at most `page_facts` facts where it can.

    Cutting by source keeps every highlight on the same page as the fact it leads to.
    """
    page_facts = page_facts or PAGE_FACTS
    chunks: list[list[SourceEntry]] = [[]]
    size = 0
    for entry in sheet.sources:
        count = len(entry.quoted)
        if chunks[-1] and size + count > page_facts:
            chunks.append([])
            size = 0
        chunks[-1].append(entry)
        size += count
    page_of = {entry.source.id: number for number, chunk in enumerate(chunks) for entry in chunk}
    cards: list[dict[str, list[Card]]] = [{} for _ in chunks]
    for group in sheet.topics:
        for card in group.cards:
            cards[page_of[card.fact.source]].setdefault(group.topic.id, []).append(card)
    return [
        sheet._replace(
            title=f"{sheet.title} — page {number + 1} of {len(chunks)}",
            topics=[
                TopicGroup(g.topic, cards[number][g.topic.id]) for g in sheet.topics if g.topic.id in cards[number]
            ],
            sources=chunk,
        )
        for number, chunk in enumerate(chunks)
    ]


def render(
    fb: FactBase,
    sheet: Sheet,
    *,
    pages: list[PageLink] | None = None,
    nav: dict[str, str] | None = None,
    prepared: tuple[list[Article], Coverage] | None = None,
) -> Iterator[str]:
    """The page, in chunks (a big page is written as it renders, never held whole).

    With `pages`, the page is the index of a sheet split into pages; `nav` links a page to the
    index and to its neighbours. `prepared` gives the page's articles, if already made.
    """
    from markupsafe import Markup

    if prepared is not None:
        shown, total = prepared
    elif pages is None:
        shown, total = articles(fb, sheet)
    else:
        shown, total = [], NO_COVERAGE
        for page in pages:
            total += page.coverage
    style = _asset("sheet.css")
    script = _asset("sheet.js")
    policy = _policy(style, script)
    template = _environment().get_template("sheet.html.j2")
    chunks = template.generate(
        sheet=sheet,
        articles=shown,
        pages=pages,
        nav=nav or {},
        numbers={card.fact.id: card.number for group in sheet.topics for card in group.cards},
        coverage=total,
        style=Markup(style),
        script=Markup(script),
        policy=policy,
        debounce=sheet.fact_count > DEBOUNCE_ABOVE,
        page_facts=PAGE_FACTS,
        version=__version__,
    )
    yield from _batched(chunks)


def _policy(style: str, script: str) -> str:
    """The page's Content-Security-Policy: nothing but the shipped stylesheet and script, by hash."""
    # Markup: the shipped stylesheet and script go in verbatim (their hashes are of these exact
    # texts); they are ours, and neither may contain "</", which would end the element early.
    if "</" in style or "</" in script:
        raise ValueError("the shipped stylesheet or script contains '</'")
    return "; ".join(
        (
            "default-src 'none'",
            f"style-src {csp_hash(style)}",
            f"script-src {csp_hash(script)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def _batched(chunks: Iterator[str]) -> Iterator[str]:
    """The rendered chunks joined into batches of 8192."""
    # Jinja yields millions of small pieces for a big sheet; passing them on in batches
    # saves a generator hop and a write() for each.
    batch: list[str] = []
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) == 8192:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)
