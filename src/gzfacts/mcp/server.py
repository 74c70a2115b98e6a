"""The MCP server: `gzfacts.mcp.tools` behind the official SDK's MCPServer, over stdio.

Each request opens the fact base afresh (a fresh index is opened in milliseconds, and a changed
fact file is seen at the next request) in the SDK's worker thread, so that no SQLite connection
is shared between threads. A bad request (an unknown id or style, an empty or huge text) is a
tool error the model reads, never the end of the server.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError
from mcp.server.mcpserver.resources import FunctionResource
from mcp.types import ToolAnnotations
from pydantic import Field

from gzfacts import __version__
from gzfacts.errors import GzfactsError, NotFound
from gzfacts.factbase import FactBase, load
from gzfacts.mcp import tools

T = TypeVar("T")

INSTRUCTIONS = """\
gzfacts answers from a curated fact base: facts taken from a source article, each with the \
verbatim sentence of the article it rests on (its quote) and a citation. Use it to look facts \
up (search_facts, show_fact) and, before you write or approve a sentence that states a figure, \
a year, a rank, a name or who said what about the subject of the fact base, to check it \
(check_text). Quotes are verbatim: reproduce them exactly, in quotation marks, and cite them \
(cite_fact). Never present a figure the fact base contradicts; say what the article says instead."""

SEARCH = """\
Search the fact base for facts about a subject, best match first. Use it to find the fact ids \
the other tools take, and to answer "what does the article say about ...".

Returns a JSON array of fact objects (the shape of `gzfacts search --json`): id, topic, claim \
(the fact in a sentence), quote (the article's own sentence, verbatim), source, value and \
unit (a figure, if the fact has one), period (the year or span it holds for), qualifier, \
attributed_to (who said it), place, aliases, then score (higher is better) and missing (query \
words the fact does not mention: a fact with missing words answers only part of the query). \
Further text blocks are notes: a word corrected, or that no fact matches every word. An empty \
array means the fact base says nothing about it: say so rather than guess."""

SHOW = """\
Show one fact in full, by its id (from search_facts or check_text): a JSON object with the \
fields of search_facts and an anchor locating the quote in the source text (exact, prefix, \
suffix, start, end). With context > 0, also the sentences of the article before and after \
the quote. A topic id gives the topic with all its facts. An unknown id is an error that \
suggests the nearest ids."""

CHECK = """\
Check text against the fact base, sentence by sentence: a claim, a paragraph or a whole \
Markdown or plain-text draft (at most 100,000 characters). Call it before writing, approving \
or repeating any sentence that states a figure, year, rank, name or attribution about the \
fact base's subject, and after editing such a sentence.

Returns a JSON array of findings (the shape of `gzfacts check --format json`), one per \
sentence with something checkable, then a summary line. Each finding has the sentence's \
text and position (line, column, end_line, end_column), a verdict, a rule code (GZF...), \
a reason, the parts checked (each figure, year, name or word: its status, and what the \
article says, `expected`), the alignment of the sentence's words with the evidence, and \
the facts it rests on, each with its verbatim quote. Verdicts:
- contradicted: the article says otherwise (a wrong figure, year, rank or speaker, an \
opposite word, a negation). Correct the sentence to what `expected` and the quote say; \
never keep the contradicted wording.
- unverifiable: the fact base neither supports nor contradicts it (the reason names what \
the article does not say). It is not an error in the text, but it is not backed by the \
source: do not present it as the article's, and find another source or drop it.
- supported: every figure, name and word matched in the article; cite the fact's quote.
- no-claim: an opinion, question or transition, with nothing to check; listed only with \
show_all."""

CITE = """\
Cite a fact (or every fact of a topic) by its id: the source's reference followed by the \
fact's verbatim quote, as `gzfacts cite --style`. Styles: plain (the default), apa, mla, \
chicago, chicago-notes, bibtex, csl-json, markdown, or the name of any CSL style (ieee, \
nature ...). Use it whenever you reproduce a quote or a figure from the fact base: quotes \
are verbatim and must be cited."""

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)


class _Base:
    """The fact base the server answers from, opened afresh for each request (an edited fact file
    is served at the next one); its notes go to stderr."""

    def __init__(self, facts: Path, jobs: int | None) -> None:
        self.facts, self.jobs = facts, jobs

    @contextmanager
    def opened(self) -> Iterator[FactBase]:
        with load(self.facts, jobs=self.jobs) as fb:
            try:
                yield fb
            finally:
                for note in fb.notes:
                    sys.stderr.write(f"gzfacts: note: {note}\n")

    def answer(self, ask: Callable[[FactBase], T]) -> T:
        """What `ask` makes of the fact base; an error of gzfacts becomes the tool's error."""
        try:
            with self.opened() as fb:
                return ask(fb)
        except GzfactsError as exc:
            raise ToolError(tools.error_message(exc)) from None

    def read_fact(self, fact_id: str) -> str:
        """A fact's resource: its JSON object."""
        try:
            with self.opened() as fb:
                return tools.fact_resource(fb, fact_id)
        except NotFound as exc:  # -32602, as the SDK says of a URI no resource matches
            raise ResourceNotFoundError(tools.error_message(exc)) from None
        except GzfactsError as exc:
            raise ResourceError(tools.error_message(exc)) from None


def build_server(facts: Path, *, jobs: int | None = None) -> MCPServer:
    """The server for the fact base at `facts`: its four tools, and each fact as a resource.

    The fact base is opened once here, so that one that cannot be served fails at start-up
    (FactBaseUnreadable, FactBaseInvalid) rather than at the first request."""
    server = MCPServer(
        "gzfacts",
        version=__version__,
        instructions=INSTRUCTIONS,
        log_level="WARNING",
        warn_on_duplicate_resources=False,
    )
    base = _Base(facts, jobs)
    _add_tools(server, base)
    server.resource(
        "gzfacts://fact/{fact_id}",
        name="fact",
        description="A fact by its id: the JSON object of `gzfacts show ID --json`, with its verbatim quote.",
        mime_type="application/json",
    )(base.read_fact)
    with base.opened() as fb:
        listed = fb.facts()
    for fact in listed:
        server.add_resource(_fact_resource(fact.id, fact.claim, base.read_fact))
    return server


def _add_tools(server: MCPServer, base: _Base) -> None:
    """The four tools, each answering from `base`."""
    answer = base.answer

    @server.tool(description=SEARCH, annotations=READ_ONLY, structured_output=False)
    def search_facts(
        query: Annotated[str, Field(description="Words to search for, as a reader would type them.")],
        limit: Annotated[int, Field(description=f"At most this many results (1-{tools.MAX_RESULTS}).")] = 10,
        topic: Annotated[str | None, Field(description="Only facts of this topic id.")] = None,
    ) -> list[str]:
        return answer(lambda fb: tools.search_facts(fb, query, limit, topic).blocks())

    @server.tool(description=SHOW, annotations=READ_ONLY, structured_output=False)
    def show_fact(
        fact_id: Annotated[str, Field(description="A fact id (or a topic id), such as 'digital-economy'.")],
        context: Annotated[
            int, Field(description=f"Sentences of the article before and after the quote (0-{tools.MAX_CONTEXT}).")
        ] = 0,
    ) -> list[str]:
        return answer(lambda fb: tools.show_fact(fb, fact_id, context).blocks())

    @server.tool(description=CHECK, annotations=READ_ONLY, structured_output=False)
    def check_text(
        text: Annotated[str, Field(description="The sentence, paragraph or draft to check, exactly as written.")],
        show_all: Annotated[
            bool, Field(description="Also list the sentences with nothing to check (verdict no-claim).")
        ] = False,
    ) -> list[str]:
        return answer(lambda fb: tools.check_text(fb, text, show_all).blocks())

    @server.tool(description=CITE, annotations=READ_ONLY, structured_output=False)
    def cite_fact(
        fact_id: Annotated[str, Field(description="A fact id, or a topic id for all its facts.")],
        style: Annotated[str, Field(description="The citation style: plain, apa, mla, chicago, bibtex ...")] = "plain",
    ) -> str:
        return answer(lambda fb: tools.cite_fact(fb, fact_id, style))


def _fact_resource(fact_id: str, claim: str, read: Callable[[str], str]) -> FunctionResource:
    def read_this() -> str:
        return read(fact_id)

    return FunctionResource.from_function(
        read_this,
        uri=f"gzfacts://fact/{fact_id}",
        name=fact_id,
        description=claim,
        mime_type="application/json",
    )
