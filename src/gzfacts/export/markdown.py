"""The Markdown fact sheet: topics as headings, each fact a bullet, each citation a footnote.

Written for CommonMark with footnotes (pandoc, markdown-it with its footnote plugin, GitHub):
every text from the fact base is escaped, so a `*`, `[red]` or `<script>` in a claim is shown
as written, never read as Markdown or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gzfacts import __version__
from gzfacts.export.sheet import Card, Sheet

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the
# ones that can start markup here (pandoc's extensions included: $ math, @ citations, ^ ~), and
# the double quote, which pandoc's smart punctuation would otherwise curl or pair wrongly.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&\"])")
# What would start a list, a quote or a heading underline at the start of a line or bullet.
_LINE_START = re.compile(r"^(?:([-+=:>])|(\d+)([.)]))")


def escape(text: str, *, line_start: bool = False) -> str:
    """Text that Markdown renders exactly as written, on one line (`line_start`: at the start of one)."""
    flat = " ".join(text.split())
    escaped = _SPECIAL.sub(r"\\\1", flat)
    if not line_start:
        return escaped
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def _bullet(card: Card) -> str:
    fact = card.fact
    head = ", ".join(part for part in (card.value, card.period) if part)
    lead = f"**{escape(head)}**: " if head else ""
    return f"- {lead}{escape(fact.claim, line_start=not lead)} `{fact.id}`[^{fact.id}]\n"


def _footnote(card: Card) -> str:
    fact = card.fact
    said = f" Said by {escape(card.said_by)}." if fact.attributed_to or fact.place != "body" else ""
    return f"[^{fact.id}]: {escape(card.citation, line_start=True)}{said} \u201c{escape(fact.quote)}\u201d\n"


def render(sheet: Sheet) -> Iterator[str]:
    """The sheet as Markdown, in chunks."""
    yield f"# {escape(sheet.title)}\n\n"
    yield f"{sheet.counts}, each with the verbatim quote it rests on.\n\n"
    yield "## Rights\n\n"
    if sheet.license is not None:
        name = escape(sheet.license.name)
        licence = f"[{name}](<{sheet.license.url}>)" if sheet.license.url else name
        yield f"The fact base (claims, values, periods and topics) is offered under {licence}. "
        yield "The quotes remain the words of their sources.\n\n"
    else:
        yield "The fact base does not state a licence.\n\n"
    for entry in sheet.sources:
        yield f"- {escape(entry.citation, line_start=True)} {escape(entry.rights)}\n"
    yield "\n"
    for group in sheet.topics:
        yield f"## {escape(group.topic.title)}\n\n{escape(group.topic.summary, line_start=True)}\n\n"
        if not group.cards:
            yield "No facts in this topic.\n\n"
            continue
        for card in group.cards:
            yield _bullet(card)
        yield "\n"
    yield f"Made with gzfacts {__version__}.\n"
    # The footnotes are made on a second pass rather than kept: at 100,000 facts they are 30 MB.
    for group in sheet.topics:
        for card in group.cards:
            yield "\n" + _footnote(card)
