"""What each MCP tool and resource answers, from the library, in the JSON shapes the command
line prints: `search --json`, `show --json`, `check --format json`, `cite --style`. No SDK here:
the answers are text, and a bad request is a GzfactsError (the server makes it a tool error)."""

from __future__ import annotations

from typing import NamedTuple

from gzfacts import views
from gzfacts.errors import GzfactsError, NotFound, UsageError
from gzfacts.factbase import FactBase
from gzfacts.output import to_json

#: The longest text `check_text` takes, in characters (some 15,000 words: a long feature): a
#: request is answered in seconds, and a longer text is checked in parts.
MAX_TEXT_CHARS = 100_000
#: The most results `search_facts` returns.
MAX_RESULTS = 50
#: The most sentences of context `show_fact` gives around a quote (as `show --context`).
MAX_CONTEXT = 50


class Answer(NamedTuple):
    """A tool's answer: a JSON document, then notes for the reader (a corrected word, a summary)."""

    document: str
    notes: tuple[str, ...] = ()

    def blocks(self) -> list[str]:
        """The answer as text blocks: the JSON first, then each note."""
        return [self.document, *self.notes]


def search_facts(fb: FactBase, query: str, limit: int = 10, topic: str | None = None) -> Answer:
    """The facts matching `query`, best first: the array `gzfacts search --json` prints."""
    if not 1 <= limit <= MAX_RESULTS:
        raise UsageError(f"limit must be between 1 and {MAX_RESULTS}, not {limit}")
    if not query.strip():
        raise UsageError("the query is empty: give words to search for, such as 'telemedicine'")
    listing = views.search(fb, query, limit=limit, topic=topic or None).body
    notes = [*listing.notes]
    if not listing.records and listing.nothing:
        notes.append(f"{listing.nothing}: try other or fewer words")
    if listing.partial:
        notes.append(listing.partial)
    return Answer(to_json(listing.document()), tuple(notes))


def show_fact(fb: FactBase, ident: str, context: int = 0) -> Answer:
    """A fact in full (its object with `anchor`, as `gzfacts show ID --json`), or a topic with its facts."""
    if not 0 <= context <= MAX_CONTEXT:
        raise UsageError(f"context must be between 0 and {MAX_CONTEXT} sentences, not {context}")
    return Answer(to_json(views.show(fb, _id(ident), context).body.document()))


def check_text(fb: FactBase, text: str, show_all: bool = False) -> Answer:
    """The findings of checking `text` (a claim or a Markdown or plain-text draft), sentence by
    sentence: the array `gzfacts check --format json` prints, then its summary line."""
    from gzfacts.output.findings import summary

    if not text.strip():
        raise UsageError("there is no text to check: give the sentence or the draft itself")
    if len(text) > MAX_TEXT_CHARS:
        raise UsageError(
            f"the text is {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} checked at once: "
            "check it in parts (a section or a few paragraphs at a time)"
        )
    findings = fb.check(text, path="<text>")
    shown = [finding.to_dict() for finding in findings if show_all or finding.verdict != "no-claim"]
    return Answer(to_json(shown), (summary(findings),))


def cite_fact(fb: FactBase, ident: str, style: str = "plain") -> str:
    """The citation of a fact (or of each fact of a topic) in a style, as `gzfacts cite --style`."""
    if not style.strip():
        raise UsageError("the style is empty: give plain, apa, mla, chicago, bibtex, csl-json, markdown ...")
    cited: str = views.citation(fb, [_id(ident)], style).body
    return cited


def fact_resource(fb: FactBase, ident: str) -> str:
    """A fact as the resource gzfacts://fact/ID: its object as `gzfacts show ID --json` prints it."""
    ident = views.known_id(fb, ident)
    if not fb.has_fact(ident):
        raise NotFound("fact", ident, fb.suggest(ident, topics=False))
    return to_json(views.fact_view(fb, fb.fact(ident)).document())


def _id(ident: str) -> str:
    ident = ident.strip()
    if not ident:
        raise UsageError("the id is empty: give a fact id (search_facts finds them), such as 'digital-economy'")
    return ident


def error_message(exc: GzfactsError) -> str:
    """The error as a model reads it: what went wrong, and what to call instead."""
    if isinstance(exc, NotFound):
        if exc.suggestions:
            return f"{exc}; did you mean: {', '.join(exc.suggestions)}?"
        return f"{exc}; call search_facts to find the ids there are"
    return str(exc)
