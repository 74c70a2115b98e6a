"""`gzfacts lsp` driven end to end by a real LSP client (pytest-lsp) over stdio, as an editor
drives it: diagnostics under the checked words, updates as the draft changes, hovers, quick
fixes, the client's settings; and the paragraph-by-paragraph re-checking, in process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
import yaml
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from gzfacts.lsp.document import Draft, paragraphs, severity_map
from gzfacts.project import shipped_path

from .conftest import MINI, ROOT

GZFACTS = Path(sys.executable).parent / "gzfacts"

DRAFT = """\
# Notes on Guizhou

The digital economy accounted for 30 percent of provincial GDP in 2018, the academy said.

Guizhou's digital economy grew 24.6 percent year-on-year in 2018.

The Beipanjiang Bridge is 600 meters above the river.
"""
#: Where the checked parts stand in DRAFT (0-based line, start and end character).
HEADING_WORD = (0, 2, 7)  # "Notes": the article does not say it
WRONG_SHARE = (2, 34, 62)  # "30 percent of provincial GDP": the article says 26.9 percent
RIGHT_GROWTH = (4, 31, 43)  # "24.6 percent": supported
WRONG_HEIGHT = (6, 26, 36)  # "600 meters": the article says 565.4 meters


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[str(GZFACTS), "lsp"]))  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]
    config=ClientServerConfig(server_command=[str(GZFACTS), "--facts", str(MINI), "lsp", "--stdio"])
)
async def mini_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield
    await lsp_client.shutdown_session()


def span(diagnostic: types.Diagnostic) -> tuple[int, int, int]:
    start, end = diagnostic.range.start, diagnostic.range.end
    assert start.line == end.line, diagnostic
    return start.line, start.character, end.character


async def start(
    client: LanguageClient, folder: Path, options: dict[str, Any] | None = None, *, watch: bool = False
) -> None:
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch)
        )
    )
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="drafts")],
            initialization_options=options,
        )
    )


async def open_draft(client: LanguageClient, path: Path, text: str = DRAFT) -> list[types.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=path.as_uri(), language_id="markdown", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


async def edit(
    client: LanguageClient, path: Path, version: int, changes: Sequence[types.TextEdit]
) -> list[types.Diagnostic]:
    """Send `changes` as an incremental didChange (as an editor does) and wait for the diagnostics."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(range=change.range, text=change.new_text) for change in changes
            ],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


def applied(text: str, edits: Sequence[types.TextEdit]) -> str:
    """`text` with the edits made (ASCII text: characters are UTF-16 units)."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        return sum(len(line) for line in lines[: position.line]) + position.character

    for change in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(change.range.start)] + change.new_text + text[offset(change.range.end) :]
    return text


async def checked(client: LanguageClient) -> dict[str, Any]:
    """How many paragraphs and sentences the server has checked, by document."""
    found = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="gzfacts.stats"))
    assert isinstance(found, dict)
    return found


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.asyncio
async def test_diagnostics_on_open_mark_the_checked_words_with_their_rule_codes(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    found = await open_draft(client, tmp_path / "draft.md")
    assert sorted((span(d), d.severity, d.code, d.source) for d in found) == [
        (HEADING_WORD, types.DiagnosticSeverity.Warning, "GZF201", "gzfacts"),
        (WRONG_SHARE, types.DiagnosticSeverity.Error, "GZF101", "gzfacts"),
        (WRONG_HEIGHT, types.DiagnosticSeverity.Error, "GZF101", "gzfacts"),
    ]
    share = next(d for d in found if span(d) == WRONG_SHARE)
    assert share.message == "says 30 percent of provincial GDP; the article says 26.9 percent of provincial GDP, 2018"
    assert share.code_description is not None
    assert share.code_description.href == "https://gzfacts.readthedocs.io/en/latest/checking/#rule-codes"


@pytest.mark.asyncio
async def test_editing_the_figure_updates_the_diagnostics_and_rechecks_one_paragraph(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    draft = tmp_path / "draft.md"
    await open_draft(client, draft)
    line, start_char, _ = WRONG_SHARE
    typed = types.TextEdit(types.Range(at(line, start_char), at(line, start_char + 2)), "26.9")
    found = await edit(client, draft, 2, [typed])
    assert sorted((span(d), d.code) for d in found) == [(HEADING_WORD, "GZF201"), (WRONG_HEIGHT, "GZF101")]
    # Saved: the diagnostics are published again, nothing checked again.
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(draft.as_uri())))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert sorted((span(d), d.code) for d in client.diagnostics[draft.as_uri()]) == [
        (HEADING_WORD, "GZF201"),
        (WRONG_HEIGHT, "GZF101"),
    ]
    # Four paragraphs checked on open; after the edit, only the one that changed.
    assert (await checked(client))[draft.as_uri()] == {"paragraphs": 5, "sentences": 5}


@pytest.mark.asyncio
async def test_hover_on_a_figure_shows_the_fact_its_quote_and_the_citation(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    await open_draft(client, tmp_path / "draft.md")
    line, start_char, end_char = WRONG_SHARE
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier((tmp_path / "draft.md").as_uri()), at(line, start_char + 1))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert hover.range == types.Range(at(line, start_char), at(line, end_char))
    assert "**30 percent of provincial GDP**: contradicted" in text
    assert "`digital-economy-gdp-share-2018`" in text
    assert "- value: 26.9 percent of provincial GDP" in text and "- period: 2018" in text
    assert (
        "> Statistics from the China Academy of Information and Communications Technology show that the digital "
        "economy accounted for 26.9 percent of provincial GDP in 2018." in text
    )
    assert "Li Xin, “Tech focus helps Guizhou lead with high-quality growth”, *China Daily*, 1 October 2019" in text
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier((tmp_path / "draft.md").as_uri()), at(1, 0))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_code_actions_fix_the_figure_cite_the_article_and_open_the_fact(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    draft = tmp_path / "draft.md"
    found = await open_draft(client, draft)
    share = next(d for d in found if span(d) == WRONG_SHARE)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(draft.as_uri()),
            range=share.range,
            context=types.CodeActionContext(diagnostics=[share]),
        )
    )
    assert actions is not None
    by_title = {action.title: action for action in actions if isinstance(action, types.CodeAction)}
    commands = {action.title: action for action in actions if isinstance(action, types.Command)}
    fix = by_title["Replace with the article's figure: “26.9 percent of provincial GDP”"]
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    assert list(fix.diagnostics or []) == [share]
    assert fix.edit is not None and fix.edit.document_changes is not None
    [change] = fix.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
    text = applied(DRAFT, edits)
    assert text.splitlines()[2] == (
        "The digital economy accounted for 26.9 percent of provincial GDP in 2018, the academy said."
    )
    after = await edit(client, draft, 2, edits)
    assert WRONG_SHARE not in [span(d) for d in after]

    cite = by_title["Cite the article after the sentence (digital-economy-gdp-share-2018)"]
    assert cite.edit is not None and cite.edit.document_changes is not None
    [insertion] = cite.edit.document_changes
    assert isinstance(insertion, types.TextDocumentEdit)
    cited = applied(DRAFT, [e for e in insertion.edits if isinstance(e, types.TextEdit)])
    assert cited.splitlines()[2] == (
        "The digital economy accounted for 30 percent of provincial GDP in 2018, the academy said. (Li Xin, “Tech "
        "focus helps Guizhou lead with high-quality growth”, China Daily, 1 October 2019, page 12 (updated 2 October "
        "2019), China Daily Guizhou channel)"
    )

    opener = commands["Open the fact digital-economy-gdp-share-2018"]
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=opener.command, arguments=opener.arguments)
    )
    [shown] = client.shown_documents
    facts = shipped_path().read_text(encoding="utf-8").splitlines()
    assert shown.uri == shipped_path().as_uri()  # no project in tmp_path: the shipped base
    assert shown.selection is not None
    assert facts[shown.selection.start.line].strip() == "- id: digital-economy-gdp-share-2018"


@pytest.mark.asyncio
async def test_a_sentence_the_article_does_not_vouch_for_is_not_offered_a_citation(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path, {"citationStyle": "apa"})
    draft = tmp_path / "draft.md"
    await open_draft(client, draft)
    offered = {}
    for line in (0, 4):  # the heading (unverifiable), the growth sentence (supported)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(draft.as_uri()),
                range=types.Range(at(line, 3), at(line, 3)),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        offered[line] = list(actions or [])
    titles = {line: [action.title for action in actions] for line, actions in offered.items()}
    assert titles == {
        0: ["Open the fact big-data-initiative-launched-2013"],
        4: [
            "Cite the article after the sentence (digital-economy-growth-2018)",
            "Open the fact digital-economy-growth-2018",
        ],
    }
    cite = offered[4][0]
    assert isinstance(cite, types.CodeAction) and cite.edit is not None and cite.edit.document_changes is not None
    [change] = cite.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
    cited = applied(DRAFT, edits).splitlines()[4]
    apa = "(Li, X. (2019, October 1). Tech focus helps Guizhou lead with high-quality growth. China Daily, 12)"
    assert cited == f"Guizhou's digital economy grew 24.6 percent year-on-year in 2018. {apa}"


@pytest.mark.asyncio
async def test_initialization_options_set_the_level_of_each_verdict(client: LanguageClient, tmp_path: Path) -> None:
    severity = {"contradicted": "warning", "unverifiable": "off", "supported": "hint"}
    await start(client, tmp_path, {"severity": severity})
    found = await open_draft(client, tmp_path / "draft.md")
    assert sorted((span(d), d.severity, d.code) for d in found) == [
        (WRONG_SHARE, types.DiagnosticSeverity.Warning, "GZF101"),
        (RIGHT_GROWTH, types.DiagnosticSeverity.Hint, "GZF301"),
        (WRONG_HEIGHT, types.DiagnosticSeverity.Warning, "GZF101"),
    ]


@pytest.mark.asyncio
async def test_a_bad_setting_is_said_in_one_message_and_the_defaults_stay(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path, {"severity": {"contradicted": "loud"}})
    found = await open_draft(client, tmp_path / "draft.md")
    assert [m.message for m in client.messages] == [
        "gzfacts: severity: contradicted takes one of error, warning, information, hint, off, not 'loud'"
    ]
    assert {d.severity for d in found if d.code == "GZF101"} == {types.DiagnosticSeverity.Error}


@pytest.mark.asyncio
async def test_the_facts_option_of_the_command_wins_over_the_workspace(
    mini_client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "facts.yaml").write_text("not: a fact base\n", encoding="utf-8")  # what discovery would find
    await start(mini_client, tmp_path)
    found = await open_draft(mini_client, tmp_path / "harbour.md", "The harbour handled 1,400 ships in 2023.\n")
    assert [(span(d), d.code, d.message) for d in found] == [
        ((0, 20, 31), "GZF101", "says 1,400 ships; the article says 1,250 ships, 2023")
    ]


@pytest.mark.asyncio
async def test_a_fact_base_that_cannot_be_read_is_said_once_and_nothing_is_marked(
    client: LanguageClient, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "facts.yaml"
    await start(client, tmp_path, {"facts": str(missing)})
    assert await open_draft(client, tmp_path / "draft.md") == []
    assert await open_draft(client, tmp_path / "other.md") == []
    [message] = client.messages
    assert message.type == types.MessageType.Error
    assert message.message.startswith(f"gzfacts: cannot use the fact base {missing}: ")
    assert "\n" not in message.message


@pytest.mark.asyncio
async def test_the_fact_base_is_found_from_the_workspace_and_reopened_when_its_files_change(
    client: LanguageClient, tmp_path: Path
) -> None:
    base = tmp_path / "base"
    shutil.copytree(ROOT / "sources", base / "sources")
    facts = base / "facts.yaml"
    shutil.copy(ROOT / "facts.yaml", facts)
    registered: list[types.RegistrationParams] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)  # type: ignore[untyped-decorator]
    def register(params: types.RegistrationParams) -> None:
        registered.append(params)

    # Found as the CLI finds it: the project file up from the workspace folder names the base.
    (tmp_path / "gzfacts.toml").write_text('facts = "base/facts.yaml"\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    await start(client, tmp_path / "drafts", watch=True)
    draft = tmp_path / "drafts" / "draft.md"
    found = await open_draft(client, draft)
    assert WRONG_HEIGHT in [span(d) for d in found]
    assert [r.method for params in registered for r in params.registrations] == [
        types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    ]

    # A file beside the base that is not part of it: the base is found unchanged, nothing is checked again.
    (base / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=(base / "notes.yaml").as_uri(), type=types.FileChangeType.Created)]
        )
    )
    assert (await checked(client))[draft.as_uri()]["paragraphs"] == 4

    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    data["facts"] = [fact for fact in data["facts"] if not fact["id"].startswith("beipanjiang-bridge")]
    facts.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(uri=facts.as_uri(), type=types.FileChangeType.Changed)])
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    # No fact about the bridge any more: its height is unverifiable, no longer contradicted.
    after = [(span(d), d.code) for d in client.diagnostics[draft.as_uri()]]
    assert (WRONG_HEIGHT, "GZF204") in after and (WRONG_HEIGHT, "GZF101") not in after
    assert (await checked(client))[draft.as_uri()]["paragraphs"] == 8  # every paragraph checked again


@pytest.mark.asyncio
async def test_a_plain_text_draft_is_checked_and_other_documents_are_not(
    client: LanguageClient, tmp_path: Path
) -> None:
    await start(client, tmp_path)
    text = "Guizhou's digital economy grew 24.6 percent in 2018.\n\n  The Beipanjiang Bridge is 600 meters high.\n"
    found = await open_draft(client, tmp_path / "draft.txt", text)
    assert [(span(d), d.code) for d in found] == [((2, 28, 43), "GZF101")]  # "600 meters high"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=(tmp_path / "x.py").as_uri(), language_id="python", version=1, text=text)
        )
    )
    # Columns are counted in UTF-16 units, as the client expects unless it asked otherwise: an
    # emoji before the figure is two of them.
    found = await open_draft(client, tmp_path / "wide.txt", "🌉 The Beipanjiang Bridge is 600 meters high.\n")
    assert [span(d) for d in found] == [(0, 29, 44)]  # "600 meters high", at code points 28-43
    # The server reads messages in order: by the time it answers, it has taken (and left) the Python file.
    assert list(await checked(client)) == [(tmp_path / "draft.txt").as_uri(), (tmp_path / "wide.txt").as_uri()]


# --- the command, without the extra; start-up of the other commands ------------------------------


def test_without_the_extra_the_command_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['gzfacts', 'lsp']\n"
        "from gzfacts.__main__ import main; main()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "gzfacts: error: the language server needs pygls, which is not installed: pip install 'gzfacts[lsp]'"
    ]


def test_other_commands_do_not_import_the_language_server() -> None:
    code = (
        "import sys; sys.argv = ['gzfacts', 'show', 'digital-economy-gdp-share-2018', '--json']\n"
        "from gzfacts.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')"
        " or m.startswith('gzfacts.lsp')), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr


# --- in process: paragraphs, re-checking, settings ----------------------------------------------


def test_paragraphs_keep_a_fenced_block_and_the_front_matter_whole() -> None:
    text = "---\ntitle: x\n\nmore: y\n---\n\nOne.\n\n```\ncode\n\ncode\n```\n\nTwo.\n"
    assert [text[a:b] for a, b in paragraphs(text, markdown=True)] == [
        "---\ntitle: x\n\nmore: y\n---",
        "One.",
        "```\ncode\n\ncode\n```",
        "Two.",
    ]
    assert len(paragraphs(text, markdown=False)) == 6  # plain text: every blank line parts


MARKDOWN = """\
---
title: Guizhou
note: 30 percent

draft: yes
---

# Guizhou's digital economy

- The digital economy accounted for 30 percent of provincial GDP in 2018.

  Guizhou's digital economy grew 24.6 percent year-on-year in 2018.

    The Beipanjiang Bridge is 600 meters high.

1.  A numbered item.

    The Beipanjiang Bridge is 565.4 meters above the valley.

```text
The bridge is 700 meters high.

Still code: 90 percent.
```

> Guizhou has 70 county-level e-commerce centers.
>
> The digital economy grew 30 percent in 2018.

    indented code: 99 percent of provincial GDP

| a table | 30 percent |
|---|---|

Guizhou's digital economy ranked first in China for four consecutive years.
"""


def test_a_markdown_draft_read_paragraph_by_paragraph_gets_the_findings_of_the_whole() -> None:
    import gzfacts
    from gzfacts.checking import check_sentences

    with gzfacts.load(ROOT / "facts.yaml") as fb:
        whole = fb.check(MARKDOWN, path="draft.md", markdown=True)
        draft = Draft("file:///draft.md", markdown=True)
        draft.update(MARKDOWN, lambda sentences: check_sentences(fb, sentences))

    def seen(findings: Sequence[Any]) -> list[tuple[int, int, str, str, str]]:
        return [(f.line, f.column, f.text, f.verdict, f.code) for f in findings]

    assert seen([p.finding for p in draft.findings]) == seen(whole)
    assert len(whole) >= 8


def test_paragraphs_of_a_crlf_text() -> None:
    text = "One.\r\nStill one.\r\n\r\nTwo.\r\n"
    assert [text[a:b] for a, b in paragraphs(text, markdown=False)] == ["One.\r\nStill one.", "Two."]


def test_only_the_changed_paragraph_is_checked_again() -> None:
    import gzfacts
    from gzfacts.checking import check_sentences

    checked: list[str] = []
    with gzfacts.load(ROOT / "facts.yaml") as fb:

        def check(sentences: Sequence[Any]) -> list[Any]:
            checked.extend(sentence.text for sentence in sentences)
            return check_sentences(fb, sentences)

        draft = Draft("file:///draft.md", markdown=True)
        assert draft.update(DRAFT, check) == 4
        assert len(checked) == 4
        checked.clear()
        moved = "New first paragraph, with nothing to check in it?\n\n" + DRAFT.replace("600 meters", "565.4 meters")
        assert draft.update(moved, check) == 2
        assert checked == [
            "New first paragraph, with nothing to check in it?",
            "The Beipanjiang Bridge is 565.4 meters above the river.",
        ]
        # The findings kept from before stand where their paragraphs now are.
        share = next(p for p in draft.findings if p.finding.code == "GZF101")
        assert (share.finding.line, moved[share.marks[0].start : share.marks[0].end]) == (
            5,
            "30 percent of provincial GDP",
        )


@pytest.mark.parametrize(
    ("sentence", "fixed"),
    [
        ("The digital economy accounted for 30 percent of provincial GDP in 2018.", "26.9 percent of provincial GDP"),
        ("Its growth rate ranked first in China for five consecutive years.", "four consecutive years"),
        ("Guizhou has 10,000 village-level e-commerce service sites.", "10,250 village-level e-commerce service sites"),
        ("Guizhou launched its big data initiative in 2014.", "2013"),
    ],
)
def test_the_fix_writes_the_article_s_figure_as_the_draft_wrote_its_own(sentence: str, fixed: str) -> None:
    import gzfacts
    from gzfacts.lsp.document import corrected_figure, corrected_year

    with gzfacts.load(ROOT / "facts.yaml") as fb:
        [finding] = fb.check(sentence, markdown=False)
        [part] = [part for part in finding.parts if part.status == "contradicted"]
        assert part.fact is not None
        fact = fb.fact(part.fact)
    fix = corrected_year if part.kind == "year" else corrected_figure
    assert fix(part.text, fact) == fixed


def test_severity_map_takes_levels_by_verdict() -> None:
    assert severity_map({"supported": "hint", "unverifiable": "INFO"}) == {
        "contradicted": "error",
        "unverifiable": "information",
        "supported": "hint",
        "no-claim": "off",
    }
    with pytest.raises(Exception, match="unknown verdict 'wrong'"):
        severity_map({"wrong": "error"})
