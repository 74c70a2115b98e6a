"""The language server over stdio (pygls): diagnostics, hovers and code actions for drafts.

Imported only by `gzfacts lsp`: pygls and lsprotocol are the `lsp` extra, and no other command
pays for them. What the server knows about a draft lives in `gzfacts.lsp.document`; this module
only turns it into the protocol's messages.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path
from pygls.workspace.position_codec import PositionCodec

from gzfacts import __version__
from gzfacts.errors import GzfactsError, UsageError
from gzfacts.lsp.document import (
    DEFAULT_SEVERITY,
    Draft,
    Placed,
    citation_text,
    corrected_figure,
    corrected_year,
    fact_markdown,
    severity_map,
)

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.checking import Finding
    from gzfacts.drafts import Sentence
    from gzfacts.factbase import FactBase

#: The command a code action runs to open a fact where it is written; and the one that reports
#: how much checking the server has done (for benchmarks and tests).
OPEN_FACT = "gzfacts.openFact"
STATS = "gzfacts.stats"
#: Where a rule code is explained when the client does not say (initializationOptions
#: `rulesUrl`, with {code} in it): the rule-code table of docs/checking.md on the docs site.
RULES_URL = "https://gzfacts.readthedocs.io/en/latest/checking/#rule-codes"
_SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}
_LANGUAGES = ("markdown", "plaintext", "text")
#: The files that say where a project's fact base is (gzfacts.project).
_PROJECT_FILES = ("gzfacts.toml", "pyproject.toml")
_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text")


def default_rules_url() -> str | None:
    """The page that explains the rule codes: the docs site's (docs/checking.md, "Rule codes")."""
    return RULES_URL


def uri_path(uri: str) -> Path | None:
    """The file a file: URI names, else None."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def facts_for(folder: Path | None) -> Path:
    """The fact base a workspace folder uses, found as the CLI finds it from the current
    directory: $GZFACTS_FACTS, else the nearest facts.yaml or gzfacts.toml (or pyproject.toml
    with [tool.gzfacts]) up from the folder, else the shipped base."""
    from gzfacts.factbase import resolve_path

    return resolve_path(None, start=folder)


class Ranges:
    """Offsets of a text (code points) as LSP ranges: lines end at LF, CRLF or CR, as the
    protocol says; columns in the client's units (UTF-16 unless it chose otherwise)."""

    def __init__(self, text: str, codec: PositionCodec) -> None:
        self.text = text
        self.codec = codec
        self.starts = [0, *(m.end() for m in re.finditer(r"\r\n|\n|\r", text))]

    def position(self, offset: int) -> types.Position:
        """The position of the character at `offset`."""
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        column = self.codec.position_to_client_units([self.text[start:end]], types.Position(0, offset - start))
        return types.Position(line=line, character=column.character)

    def range(self, start: int, end: int) -> types.Range:
        """The range of [start, end)."""
        return types.Range(start=self.position(start), end=self.position(end))


class GzfactsServer(LanguageServer):
    """The server: one fact base, opened once and reopened when its files change, and the open drafts."""

    def __init__(self) -> None:
        super().__init__("gzfacts", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.drafts: dict[str, Draft] = {}
        self.severity = dict(DEFAULT_SEVERITY)
        self.citation_style = "plain"
        self.rules_url = default_rules_url()
        self.facts_path: Path | None = None
        self.folder: Path | None = None
        self._fb: FactBase | None = None
        self._failed: str | None = None

    # -- the fact base -------------------------------------------------------------------------

    def factbase(self) -> FactBase | None:
        """The fact base, opened on first use; None (said once, in a message) when it cannot be."""
        if self._fb is None and self._failed is None:
            from gzfacts import load

            if self.facts_path is None:
                self.facts_path = facts_for(self.folder)
            try:
                self._fb = load(self.facts_path)
            except GzfactsError as exc:
                self._failed = f"gzfacts: cannot use the fact base {self.facts_path}: {exc}"
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, self._failed))
        return self._fb

    def reopen(self) -> None:
        """Open the fact base again (its index rebuilt if its files changed); when what it was built
        from did change, check every open draft again in full. A file that changed without
        changing the base (a draft saved beside it) costs a freshness check, not a re-check."""
        before = self._built()
        if self._fb is not None:
            self._fb.close()
        self._fb = None
        self._failed = None
        self.factbase()
        after = self._built()
        if before is not None and before == after:
            return
        for draft in self.drafts.values():
            draft.forget()
            self.publish(draft.uri)

    def _built(self) -> frozenset[tuple[str, str]] | None:
        """What the open index was built from: each input file's path and SHA-256, as the index
        recorded them. None when it cannot be told (an index in memory, or no fact base)."""
        import sqlite3

        from gzfacts.index.cache import connect_read_only
        from gzfacts.index.freshness import recorded_stamps

        fb = self._fb
        if fb is None or fb.index_file is None:
            return None
        try:
            conn = connect_read_only(fb.index_file)
            try:
                return frozenset((path, stamp.sha256) for path, stamp in recorded_stamps(conn).items())
            finally:
                conn.close()
        except (sqlite3.Error, OSError):
            return None

    def watches(self, path: Path) -> bool:
        """Whether a change to `path` changes the fact base (its YAML, its sources, a project file)."""
        if path.name in _PROJECT_FILES:
            return True
        if self.facts_path is None:
            return False
        base = self.facts_path if self.facts_path.is_dir() else self.facts_path.parent
        try:
            path.resolve().relative_to(base.resolve())
        except ValueError:
            return False
        return path.suffix in (".yaml", ".yml", ".txt", ".toml")

    # -- diagnostics -----------------------------------------------------------------------------

    def check(self, uri: str) -> Callable[[Sequence[Sentence]], list[Finding]]:
        """Checks a batch of sentences of the document at `uri` against the fact base."""
        from gzfacts.checking import check_sentences

        fb = self.factbase()

        def check(sentences: Sequence[Sentence]) -> list[Finding]:
            return check_sentences(fb, sentences, path=uri) if fb is not None else []

        return check

    def publish(self, uri: str) -> None:
        """Check what changed in the document and publish its diagnostics."""
        draft = self.drafts.get(uri)
        if draft is None:
            return
        document = self.workspace.get_text_document(uri)
        if self.factbase() is None:
            draft.findings = []
        else:
            draft.update(document.source, self.check(uri))
        ranges = Ranges(document.source, self.workspace.position_codec)
        diagnostics = [diagnostic for placed in draft.findings for diagnostic in self.diagnostics(placed, ranges)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=document.version, diagnostics=diagnostics)
        )

    def diagnostics(self, placed: Placed, ranges: Ranges) -> list[types.Diagnostic]:
        """A diagnostic for each stretch the finding rests on, at the level its verdict is given."""
        finding = placed.finding
        level = self.severity.get(finding.verdict, "off")
        if level == "off":
            return []
        description = None
        if self.rules_url:
            description = types.CodeDescription(href=self.rules_url.replace("{code}", finding.code.lower()))
        found = []
        for mark in placed.marks:
            fact = (mark.part.fact if mark.part is not None else None) or (
                finding.facts[0].id if finding.facts else None
            )
            found.append(
                types.Diagnostic(
                    range=ranges.range(mark.start, mark.end),
                    message=finding.reason,
                    severity=_SEVERITIES[level],
                    code=finding.code,
                    code_description=description,
                    source="gzfacts",
                    data={"verdict": str(finding.verdict), "fact": fact},
                )
            )
        return found

    def range(self, text: str, start: int, end: int) -> types.Range:
        """The range of [start, end) in the client's units (UTF-16 unless it chose otherwise)."""
        return Ranges(text, self.workspace.position_codec).range(start, end)

    def offset(self, uri: str, position: types.Position) -> int:
        """The code-point offset in the document of a position in the client's units."""
        return self.workspace.get_text_document(uri).offset_at_position(position)

    # -- hover and code actions ------------------------------------------------------------------------

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        """The fact a checked part was judged against: value, period, quote and citation."""
        draft = self.drafts.get(uri)
        fb = self.factbase()
        if draft is None or fb is None:
            return None
        found = draft.at(self.offset(uri, position))
        if found is None:
            return None
        placed, span = found
        fact_id = (span.part.fact if span.part is not None else None) or (
            placed.finding.facts[0].id if placed.finding.facts else None
        )
        if fact_id is None or not fb.has_fact(fact_id):
            if span.part is None:
                return None
            note = f"**{span.part.text}**: {span.part.status}" + (f" ({span.part.note})" if span.part.note else "")
            text = note + f"\n\n{placed.finding.reason} ({placed.finding.code})"
        else:
            from gzfacts.views import value_text

            fact = fb.fact(fact_id)
            text = fact_markdown(fact, fb.source(fact.source), value_text(fact), span.part)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=self.range(draft.text, span.start, span.end),
        )

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction | types.Command]:
        """Quick fixes for the findings the range touches: the article's figure or year in place
        of a contradicted one, the citation after the sentence, the fact opened."""
        uri = params.text_document.uri
        draft = self.drafts.get(uri)
        fb = self.factbase()
        if draft is None or fb is None:
            return []
        start = self.offset(uri, params.range.start)
        end = self.offset(uri, params.range.end)
        actions: list[types.CodeAction | types.Command] = []
        for placed in draft.findings:
            if placed.end < start or placed.start > end:
                continue
            diagnostics = [
                d for d in params.context.diagnostics if d.source == "gzfacts" and d.code == placed.finding.code
            ]
            actions.extend(self._fixes(uri, draft.text, placed, diagnostics, fb))
            finding = placed.finding
            if not finding.facts or finding.verdict == "no-claim":
                continue
            fact = finding.facts[0]
            # Cited where the article says it (or says the figure the fix writes); never under a
            # sentence the article does not vouch for.
            if finding.verdict in ("supported", "contradicted"):
                cited = citation_text(fb.source(fact.source), self.citation_style)
                actions.append(
                    types.CodeAction(
                        title=f"Cite the article after the sentence ({fact.id})",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=diagnostics or None,
                        edit=self._edit(uri, draft.text, placed.end, placed.end, cited),
                    )
                )
            # A bare Command, not a CodeAction that runs one: lsprotocol's own client reads any
            # action with a `command` as a Command, and every client lists both.
            actions.append(types.Command(title=f"Open the fact {fact.id}", command=OPEN_FACT, arguments=[fact.id]))
        return actions

    def _fixes(
        self, uri: str, text: str, placed: Placed, diagnostics: list[types.Diagnostic], fb: FactBase
    ) -> list[types.CodeAction]:
        fixes = []
        for span in placed.marks:
            part = span.part
            if part is None or part.status != "contradicted" or part.fact is None or not fb.has_fact(part.fact):
                continue
            fact = fb.fact(part.fact)
            fixed = corrected_figure(part.text, fact) if part.kind == "figure" else None
            if part.kind == "year":
                fixed = corrected_year(part.text, fact)
            if fixed is None or fixed == part.text:
                continue
            fixes.append(
                types.CodeAction(
                    title=f"Replace with the article's {part.kind}: \u201c{fixed}\u201d",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=diagnostics or None,
                    is_preferred=True,
                    edit=self._edit(uri, text, span.start, span.end, fixed),
                )
            )
        return fixes

    def _edit(self, uri: str, text: str, start: int, end: int, new_text: str) -> types.WorkspaceEdit:
        version = self.workspace.get_text_document(uri).version
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                    edits=[types.TextEdit(range=self.range(text, start, end), new_text=new_text)],
                )
            ]
        )

    def open_fact(self, fact_id: str) -> bool:
        """Show the fact where it is written in the fact base (its YAML file, at its line)."""
        fb = self.factbase()
        if fb is None or not fb.has_fact(fact_id):
            raise UsageError(f"no fact {fact_id!r} in the fact base")
        origin = fb.fact(fact_id).origin
        if origin is None:
            raise UsageError(f"the fact base does not say where {fact_id!r} is written")
        at = types.Position(line=origin.line - 1, character=max(0, origin.column - 1))
        self.window_show_document(
            types.ShowDocumentParams(
                uri=from_fs_path(os.path.abspath(origin.file)), take_focus=True, selection=types.Range(at, at)
            )
        )
        return True


def configure(server: GzfactsServer, options: Any) -> list[str]:
    """Take the client's initializationOptions: `severity` (verdict -> error, warning,
    information, hint or off), `citationStyle`, `facts` (a fact base path), `rulesUrl`.
    Returns the problems found (each said to the user; the defaults stay)."""
    problems = []
    if not isinstance(options, dict):
        return [] if options is None else ["initializationOptions: expected an object"]
    try:
        severity = options.get("severity")
        if severity is not None and not isinstance(severity, dict):
            raise UsageError('severity: expected an object such as {"unverifiable": "information"}')
        server.severity = severity_map(severity)
    except UsageError as exc:
        problems.append(str(exc))
    style = options.get("citationStyle")
    if isinstance(style, str):
        from gzfacts.cite import REFERENCES

        if style in REFERENCES:
            server.citation_style = style
        else:
            problems.append(f"citationStyle: unknown reference style {style!r}; styles: {', '.join(REFERENCES)}")
    facts = options.get("facts")
    if isinstance(facts, str) and facts:
        server.facts_path = Path(facts).expanduser()
    url = options.get("rulesUrl")
    if isinstance(url, str) and url:
        server.rules_url = url
    return problems


def make_server() -> GzfactsServer:
    """The server with its features registered."""
    server = GzfactsServer()
    _register_lifecycle(server)
    _register_documents(server)
    _register_features(server)
    return server


def _register_lifecycle(server: GzfactsServer) -> None:
    """initialize (the workspace folder, the settings) and initialized (the files to watch)."""

    @server.feature(types.INITIALIZE)
    def initialize(ls: GzfactsServer, params: types.InitializeParams) -> None:
        folders = params.workspace_folders or []
        root = folders[0].uri if folders else params.root_uri
        ls.folder = uri_path(root) if root else None
        for problem in configure(ls, params.initialization_options):
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"gzfacts: {problem}"))

    @server.feature(types.INITIALIZED)
    def initialized(ls: GzfactsServer, params: types.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is None or not watched.dynamic_registration:
            return
        watchers = [
            types.FileSystemWatcher(glob_pattern=pattern)
            for pattern in ("**/*.yaml", "**/*.yml", "**/*.txt", *(f"**/{name}" for name in _PROJECT_FILES))
        ]
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="gzfacts-fact-base",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                    )
                ]
            )
        )


def _register_documents(server: GzfactsServer) -> None:
    """A draft opened, changed, saved or closed; a file of the fact base changed."""

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GzfactsServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        if document.language_id not in _LANGUAGES and not document.uri.lower().endswith(_SUFFIXES):
            return
        markdown = document.language_id == "markdown" or document.uri.lower().endswith(_SUFFIXES[:4])
        ls.drafts[document.uri] = Draft(document.uri, markdown=markdown)
        ls.publish(document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GzfactsServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: GzfactsServer, params: types.DidSaveTextDocumentParams) -> None:
        path = uri_path(params.text_document.uri)
        if path is not None and path.suffix in (".yaml", ".yml") and ls.watches(path):
            ls.reopen()
        else:
            ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GzfactsServer, params: types.DidCloseTextDocumentParams) -> None:
        if ls.drafts.pop(params.text_document.uri, None) is not None:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
            )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: GzfactsServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [uri_path(change.uri) for change in params.changes]
        if any(path is not None and ls.watches(path) for path in paths):
            if any(path is not None and path.name in _PROJECT_FILES for path in paths):
                ls.facts_path = None  # found again, as the project now says
            ls.reopen()


def _register_features(server: GzfactsServer) -> None:
    """Hovers, code actions and the server's commands."""

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: GzfactsServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: GzfactsServer, params: types.CodeActionParams) -> list[types.CodeAction | types.Command]:
        return ls.code_actions(params)

    @server.command(OPEN_FACT)
    def open_fact(ls: GzfactsServer, fact_id: str) -> bool:
        return ls.open_fact(fact_id)

    @server.command(STATS)
    def stats(ls: GzfactsServer, *args: object) -> dict[str, dict[str, int]]:
        return {
            uri: {"paragraphs": d.paragraphs_checked, "sentences": d.sentences_checked} for uri, d in ls.drafts.items()
        }


def serve() -> None:
    """Run the server on stdin and stdout until the client says exit."""
    make_server().start_io()
