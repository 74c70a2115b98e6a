"""How fast `gzfacts lsp` answers an editor: a 5,000-word draft opened, then edited paragraph by paragraph.

    python benchmarks/lsp_latency.py [--runs 30] [--words 5000]

Starts the installed `gzfacts lsp` and drives it over stdio with pygls's own client, as an editor
does, against the shipped fact base. Prints:

- the first open of a one-line draft (the fact base opened, its index built if the cache has
  none; the checker's tables read): start-up cost, paid once per editor session;
- opening the 5,000-word Markdown draft: from `didOpen` to its published diagnostics, every
  paragraph checked;
- editing one paragraph (a figure changed, a different paragraph each time, as an incremental
  `didChange`): from the notification to the diagnostics of that version; the median and the
  slowest, over --runs edits; and how many paragraphs the server checked for them (one each).

The draft is made of the labelled claims (tests/data/claims.yaml), each with an opinion or a
transition after it (no two paragraphs alike, so that none is answered from another's findings),
under headings.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
FILLERS = [
    "That is a striking change for a mountainous province.",
    "Officials are proud of the progress, and visitors notice it.",
    "The details matter, as the next section shows.",
    "Not everyone is convinced it will last.",
]
EDITED = "The digital economy accounted for 30 percent of provincial GDP in 2018."


def make_draft(words: int) -> list[str]:
    """The lines of a Markdown draft of about `words` words, no two paragraphs alike."""
    claims = [c["text"] for c in yaml.safe_load((ROOT / "tests" / "data" / "claims.yaml").read_text())["claims"]]
    lines = ["# A draft on Guizhou's big data push"]
    count = index = 0
    while count < words:
        if index % 10 == 0:
            lines += ["", f"## Section {index // 10 + 1}"]
        paragraph = f"{claims[index % len(claims)]} {FILLERS[(index // len(claims)) % len(FILLERS)]}"
        if index % 5 == 2:
            paragraph = f"{EDITED} {paragraph}"  # the paragraphs the edits will change
        lines += ["", paragraph]
        count += len(paragraph.split())
        index += 1
    return [*lines, ""]


class Timer:
    """Waits for the diagnostics of a document's version."""

    def __init__(self, client: LanguageClient) -> None:
        self.waiting: dict[tuple[str, int | None], asyncio.Future[int]] = {}

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
        def published(params: types.PublishDiagnosticsParams) -> None:
            found = self.waiting.pop((params.uri, params.version), None)
            if found is not None and not found.done():
                found.set_result(len(params.diagnostics))

    def expect(self, uri: str, version: int) -> asyncio.Future[int]:
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.waiting[(uri, version)] = future
        return future


async def measure(words: int, runs: int) -> None:
    script = Path(sys.executable).parent / "gzfacts"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "gzfacts"]
    client = LanguageClient("lsp-latency", "1")
    timer = Timer(client)
    await client.start_io(*command, "lsp")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        await client.initialize_async(
            types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
        )
        client.initialized(types.InitializedParams())

        async def opened(name: str, text: str) -> tuple[float, int]:
            uri = (root / name).as_uri()
            done = timer.expect(uri, 1)
            start = time.perf_counter()
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
            )
            count = await done
            return time.perf_counter() - start, count

        first, _ = await opened("warm.md", "Guizhou's digital economy grew 24.6 percent in 2018.\n")
        lines = make_draft(words)
        text = "\n".join(lines)
        whole, found = await opened("draft.md", text)
        uri = (root / "draft.md").as_uri()
        targets = [number for number, line in enumerate(lines) if line.startswith(EDITED)]
        times = []
        for run in range(runs):
            line = targets[run % len(targets)]
            figure = "31" if run // len(targets) % 2 == 0 else "30"
            column = len("The digital economy accounted for ")
            version = run + 2
            done = timer.expect(uri, version)
            start = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    [
                        types.TextDocumentContentChangePartial(
                            range=types.Range(types.Position(line, column), types.Position(line, column + 2)),
                            text=figure,
                        )
                    ],
                )
            )
            await done
            times.append(time.perf_counter() - start)
        stats: Any = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="gzfacts.stats"))
        checked = stats[uri]
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()  # type: ignore[no-untyped-call]
    print(f"first open (fact base opened, checker warmed): {first * 1000:.0f} ms")
    print(f"open a {len(text.split()):,}-word draft: {whole * 1000:.0f} ms ({found} diagnostics)")
    print(
        f"edit one paragraph, {runs} times: median {statistics.median(times) * 1000:.1f} ms, "
        f"slowest {max(times) * 1000:.1f} ms"
    )
    print(
        f"paragraphs checked: {checked['paragraphs']} ({checked['paragraphs'] - runs} on open, then one per edit); "
        f"sentences: {checked['sentences']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="edits to time (default 30)")
    parser.add_argument("--words", type=int, default=5000, help="the draft's length in words (default 5000)")
    args = parser.parse_args()
    asyncio.run(measure(args.words, args.runs))


if __name__ == "__main__":
    main()
