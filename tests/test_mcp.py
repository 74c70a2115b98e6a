"""`gzfacts mcp`, the Model Context Protocol server, driven over stdio by the MCP SDK's own client
(the one writing assistants are built on), running the installed `gzfacts` script as an
assistant's configuration does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import anyio
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError
from mcp.types import INVALID_PARAMS, CallToolResult, TextContent, TextResourceContents

from .conftest import MINI

GZFACTS = Path(sys.executable).parent / "gzfacts"
FACT = "digital-economy-gdp-share-2018"
WRONG = "Guizhou's digital economy was 30 percent of GDP in 2018."
T = TypeVar("T")


@asynccontextmanager
async def connected(*args: str, errlog: Path, cwd: Path | None = None) -> AsyncIterator[ClientSession]:
    """A client session with `gzfacts [ARGS] mcp` (started in `cwd`), initialised; the server's
    stderr goes to `errlog`."""
    server = StdioServerParameters(command=str(GZFACTS), args=[*args, "mcp"], env=dict(os.environ), cwd=cwd)
    with errlog.open("w", encoding="utf-8") as err:
        async with stdio_client(server, errlog=err) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            yield session


def talk(
    tmp_path: Path, conversation: Callable[[ClientSession], Awaitable[T]], *args: str, cwd: Path | None = None
) -> T:
    """Run `conversation` against a server started for it, and what it returns."""

    async def run() -> T:
        async with connected(*args, errlog=tmp_path / "server-stderr.txt", cwd=cwd) as session:
            return await conversation(session)

    return anyio.run(run)


def texts(result: CallToolResult) -> list[str]:
    assert all(isinstance(block, TextContent) for block in result.content)
    return [block.text for block in result.content if isinstance(block, TextContent)]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(GZFACTS), *args], capture_output=True, text=True, timeout=120)


def test_lists_four_tools_whose_descriptions_say_when_to_use_them(tmp_path: Path) -> None:
    async def conversation(session: ClientSession) -> Any:
        return (await session.list_tools()).tools

    tools = {tool.name: tool for tool in talk(tmp_path, conversation)}
    assert set(tools) == {"search_facts", "show_fact", "check_text", "cite_fact"}
    check = tools["check_text"].description or ""
    for said in ("contradicted", "unverifiable", "no-claim", "supported", "Call it before"):
        assert said in check
    assert "verbatim" in (tools["cite_fact"].description or "")
    assert tools["check_text"].input_schema["required"] == ["text"]
    assert all(tool.annotations is not None and tool.annotations.read_only_hint for tool in tools.values())


def test_each_tool_answers_as_the_command_line_does(tmp_path: Path) -> None:
    async def conversation(session: ClientSession) -> dict[str, CallToolResult]:
        return {
            "search": await session.call_tool("search_facts", {"query": "telemedicine", "limit": 3}),
            "show": await session.call_tool("show_fact", {"fact_id": FACT}),
            "check": await session.call_tool("check_text", {"text": WRONG}),
            "cite": await session.call_tool("cite_fact", {"fact_id": FACT, "style": "apa"}),
        }

    results = talk(tmp_path, conversation)
    assert not any(result.is_error for result in results.values())

    found = json.loads(texts(results["search"])[0])
    assert found == json.loads(cli("search", "telemedicine", "--limit", "3", "--json").stdout)
    assert 1 <= len(found) <= 3 and all("telemedicine" in fact["topic"] for fact in found)

    shown = json.loads(texts(results["show"])[0])
    assert shown == json.loads(cli("show", FACT, "--json").stdout)
    assert shown["anchor"]["exact"] == shown["quote"]

    findings_text, summary = texts(results["check"])
    findings = json.loads(findings_text)
    on_command_line = json.loads(cli("check", WRONG, "--format", "json").stdout)
    assert [{**f, "file": None} for f in findings] == [{**f, "file": None} for f in on_command_line]
    [finding] = findings
    assert finding["verdict"] == "contradicted" and finding["code"] == "GZF101"
    assert finding["parts"][0]["expected"].startswith("26.9 percent")
    assert finding["facts"][0]["quote"].endswith("accounted for 26.9 percent of provincial GDP in 2018.")
    assert summary == "1 sentence checked: 1 contradicted"

    assert texts(results["cite"]) == [cli("cite", FACT, "--style", "apa").stdout.strip()]


def test_a_supported_sentence_and_no_claims(tmp_path: Path) -> None:
    draft = "What a year it was!\n\nThe digital economy accounted for 26.9 percent of provincial GDP in 2018.\n"

    async def conversation(session: ClientSession) -> tuple[CallToolResult, CallToolResult]:
        return (
            await session.call_tool("check_text", {"text": draft}),
            await session.call_tool("check_text", {"text": draft, "show_all": True}),
        )

    checked, everything = talk(tmp_path, conversation)
    [supported] = json.loads(texts(checked)[0])
    assert (supported["verdict"], supported["line"], supported["column"]) == ("supported", 3, 1)
    verdicts = [finding["verdict"] for finding in json.loads(texts(everything)[0])]
    assert "supported" in verdicts and "no-claim" in verdicts


def test_facts_are_resources(tmp_path: Path) -> None:
    async def conversation(session: ClientSession) -> tuple[Any, Any, Any, str]:
        listed = (await session.list_resources()).resources
        templates = (await session.list_resource_templates()).resource_templates
        read = await session.read_resource(f"gzfacts://fact/{FACT}")
        try:
            await session.read_resource("gzfacts://fact/digital-economy-gdp")
        except MCPError as exc:
            missing = f"{exc.error.code} {exc.error.message}"
        else:
            missing = "no error"
        return listed, templates, read, missing

    listed, templates, read, missing = talk(tmp_path, conversation)
    uris = {str(resource.uri) for resource in listed}
    assert len(uris) == 44 and f"gzfacts://fact/{FACT}" in uris
    assert [template.uri_template for template in templates] == ["gzfacts://fact/{fact_id}"]
    [contents] = read.contents
    assert isinstance(contents, TextResourceContents) and contents.mime_type == "application/json"
    assert json.loads(contents.text) == json.loads(cli("show", FACT, "--json").stdout)
    assert missing == f"{INVALID_PARAMS} no fact with id 'digital-economy-gdp'; did you mean: {FACT}?"


BAD_CALLS: list[tuple[str, dict[str, Any], str]] = [
    ("show_fact", {"fact_id": "digital-economy-gdp"}, f"did you mean: {FACT}?"),
    ("show_fact", {"fact_id": "zeppelin-mooring"}, "call search_facts"),
    ("show_fact", {"fact_id": FACT, "context": 500}, "context must be between 0 and 50"),
    ("cite_fact", {"fact_id": FACT, "style": "harvard-ish"}, "unknown citation style 'harvard-ish'"),
    ("cite_fact", {"fact_id": "nope"}, "no fact, topic or source with id 'nope'"),
    ("check_text", {"text": "   \n"}, "there is no text to check"),
    ("check_text", {"text": "Guizhou grew. " * 10_000}, "check it in parts"),
    ("check_text", {}, "text"),
    ("search_facts", {"query": "telemedicine", "limit": "many"}, "limit"),
    ("search_facts", {"query": "telemedicine", "limit": 0}, "limit must be between 1 and 50"),
    ("search_facts", {"query": ""}, "the query is empty"),
    ("no_such_tool", {}, "no_such_tool"),
]


def test_bad_arguments_are_tool_errors_and_the_server_keeps_serving(tmp_path: Path) -> None:
    async def conversation(session: ClientSession) -> tuple[list[CallToolResult], CallToolResult]:
        bad = [await session.call_tool(name, arguments) for name, arguments, _ in BAD_CALLS]
        return bad, await session.call_tool("show_fact", {"fact_id": FACT})

    bad, after = talk(tmp_path, conversation)
    for (name, arguments, said), result in zip(BAD_CALLS, bad, strict=True):
        message = " ".join(texts(result))
        assert result.is_error, (name, arguments, message)
        assert said in message, (name, arguments, message)
        assert "Traceback" not in message
    assert not after.is_error and json.loads(texts(after)[0])["id"] == FACT
    assert "Traceback" not in (tmp_path / "server-stderr.txt").read_text(encoding="utf-8")


def test_search_with_no_match_says_so(tmp_path: Path) -> None:
    async def conversation(session: ClientSession) -> CallToolResult:
        return await session.call_tool("search_facts", {"query": "zeppelin"})

    result = talk(tmp_path, conversation)
    assert not result.is_error
    document, *notes = texts(result)
    assert json.loads(document) == []
    assert any("no facts match 'zeppelin'" in note for note in notes)


def test_facts_option_chooses_the_fact_base(tmp_path: Path) -> None:
    async def conversation(session: ClientSession) -> CallToolResult:
        return await session.call_tool("search_facts", {"query": "ships"})

    found = json.loads(texts(talk(tmp_path, conversation, "--facts", str(MINI)))[0])
    assert found and all(fact["source"] != "china-daily-2019-10-01" for fact in found)
    assert "ships-handled-2023" in {fact["id"] for fact in found}


def test_the_fact_base_is_the_project_s_found_from_where_the_server_starts(tmp_path: Path) -> None:
    project = tmp_path / "desk"
    shutil.copytree(MINI.parent, project)
    (project / "drafts").mkdir()

    facts = project / "facts.yaml"

    async def conversation(session: ClientSession) -> tuple[CallToolResult, CallToolResult]:
        before = await session.call_tool("show_fact", {"fact_id": "ships-handled-2023"})
        edited = facts.read_text(encoding="utf-8").replace(
            'claim: "The harbour handled 1,250 ships', 'claim: "The harbour handled 1,250 vessels'
        )
        facts.write_text(edited, encoding="utf-8")
        return before, await session.call_tool("show_fact", {"fact_id": "ships-handled-2023"})

    before, after = talk(tmp_path, conversation, "--verbose", cwd=project / "drafts")
    said = (tmp_path / "server-stderr.txt").read_text(encoding="utf-8")
    assert said.startswith("gzfacts: fact base: ../facts.yaml (the project's")  # said from where it started
    assert not before.is_error and json.loads(texts(before)[0])["claim"] == "The harbour handled 1,250 ships in 2023."
    # An edit of the fact file is seen at the next request, without restarting the server.
    assert not after.is_error, texts(after)
    assert json.loads(texts(after)[0])["claim"] == "The harbour handled 1,250 vessels in 2023."


def test_a_fact_base_that_cannot_be_served_is_a_one_line_error(tmp_path: Path) -> None:
    ran = subprocess.run(
        [str(GZFACTS), "mcp", "--facts", str(tmp_path / "missing.yaml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr.startswith("gzfacts: error: cannot load the fact base:")
    assert "missing.yaml: F001 no such file or directory" in ran.stderr and "Traceback" not in ran.stderr


def test_without_the_sdk_the_command_says_what_to_install(tmp_path: Path) -> None:
    # An `mcp` that cannot be imported, first on the path: as if the extra were not installed.
    fake = tmp_path / "no-sdk" / "mcp"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'mcp'\", name='mcp')\n")
    env = {**os.environ, "PYTHONPATH": str(fake.parent)}
    ran = subprocess.run(
        [str(GZFACTS), "mcp"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, env=env
    )
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr.splitlines() == [
        "gzfacts: error: the MCP server needs the MCP SDK, which is not installed: pip install 'gzfacts[mcp]'"
    ]
    # The other commands do not need it.
    assert subprocess.run([str(GZFACTS), "show", FACT], capture_output=True, env=env, timeout=120).returncode == 0


def test_other_commands_do_not_import_the_sdk() -> None:
    probe = (
        "import sys\n"
        "from gzfacts.cli import app\n"
        "try:\n"
        "    app(['show', 'digital-economy-gdp-share-2018', '--json'], prog_name='gzfacts')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('mcp', 'mcp_types', 'pydantic', 'anyio')\n"
        "          or m.startswith('gzfacts.mcp')]\n"
        "sys.stderr.write(repr(sorted(loaded)))\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert '"id": "digital-economy-gdp-share-2018"' in ran.stdout
    assert ran.stderr == "[]"


def test_help_says_what_it_serves_and_what_to_install() -> None:
    shown = cli("mcp", "--help")
    assert shown.returncode == 0
    assert "Model Context Protocol" in shown.stdout and "install 'gzfacts[mcp]'" in " ".join(shown.stdout.split())
    assert shown.stdout.index("Examples:") < shown.stdout.index("Options:")
