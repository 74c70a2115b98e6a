"""Writers for the findings of `gzfacts check`: for people, editors, scripts and CI.

- `table`: for people; each finding as `file:line:col  verdict  reason` with the evidence quote
  beneath, coloured by verdict (Rich, imported only here and only then);
- `plain`: one line per finding, `path:line:col: verdict: reason [fact-id]`, the shape editors'
  error lists read (what `table` becomes into a pipe);
- `json` (an array of findings) and `jsonl` (one a line), described by `gzfacts schema`;
- `sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers;
- `github`: GitHub Actions workflow commands, which annotate the lines of a pull request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

from gzfacts import __version__
from gzfacts.output import MEASURE, Writer, printable, to_json, wants_rich, writer
from gzfacts.output.tables import make_console

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.checking import Finding


def finding_writer(name: str) -> Callable[[Callable[[Sequence[Finding], IO[str]], None]], Writer]:
    """Register a writer of check's findings for format `name` (a decorator)."""
    return writer(name, kind="findings")


#: Per verdict: the SARIF level, the workflow command, the colour. The rules themselves, one per
#: kind of finding with a stable code, are gzfacts.checking.RULES.
LEVELS: dict[str, tuple[str, str, str]] = {
    "contradicted": ("error", "error", "bold red"),
    "unverifiable": ("warning", "warning", "yellow"),
    "supported": ("note", "notice", "green"),
    "no-claim": ("none", "notice", "dim"),
}


def _first_fact(finding: Finding) -> str:
    """`[fact-id]`, the fact the verdict rests on; `[nearest: fact-id]` for an unverifiable
    sentence, whose reason says what no fact says ("2020: no dated fact about it"); or ""."""
    if not finding.facts:
        return ""
    nearest = "nearest: " if finding.verdict == "unverifiable" else ""
    return f"[{nearest}{finding.facts[0].id}]"


def plain_line(finding: Finding) -> str:
    """`path:line:col: verdict: reason [fact-id]`, on one line."""
    fact = _first_fact(finding)
    tail = f" {fact}" if fact else ""
    line = f"{finding.file}:{finding.line}:{finding.column}: {finding.verdict}: {finding.reason}{tail}"
    return printable(" ".join(line.split()))


@finding_writer("table")
def write_table(findings: Sequence[Finding], out: IO[str]) -> None:
    """For people: drawn by Rich on a terminal (or FORCE_COLOR), else the plain lines."""
    if wants_rich(out):
        write_rich(findings, make_console(out))
    else:
        write_plain(findings, out)


@finding_writer("plain")
def write_plain(findings: Sequence[Finding], out: IO[str]) -> None:
    """One line per finding, in the `path:line:col: message` shape of compilers and linters."""
    for finding in findings:
        out.write(plain_line(finding) + "\n")


#: The narrowest a reason is drawn beside its place and verdict: narrower, it goes under them.
REASON_MIN = 40


def write_rich(findings: Sequence[Finding], console: Any) -> None:
    """Each finding as `file:line:col  verdict  reason` (the verdict and reason under the place
    when the terminal is too narrow to give the reason REASON_MIN cells beside it), then the
    sentence and the evidence quote beneath, each with a hanging indent on every line it wraps
    to and no wider than a reading measure, coloured by verdict. The evidence of an unverifiable
    sentence is the nearest fact, and says so: the reason tells what the article does not say."""
    from rich.cells import cell_len
    from rich.text import Text

    places = [printable(f"{f.file}:{f.line}:{f.column}") for f in findings]
    place_width = max((cell_len(place) for place in places), default=0)
    verdict_width = max((len(str(f.verdict)) for f in findings), default=0)
    beside = console.width - place_width - verdict_width - 4 >= REASON_MIN
    for place, finding in zip(places, findings, strict=True):
        lead = Text()
        if beside:
            lead.append(place, style="bold")
            lead.append(" " * (place_width - cell_len(place) + 2))
        else:
            console.print(Text(place, style="bold"), crop=False, soft_wrap=True)
            lead.append("  ")
        lead.append(str(finding.verdict), style=LEVELS[finding.verdict][2])
        lead.append(" " * (verdict_width - len(str(finding.verdict)) + 2))
        _hanging(console, lead, Text(printable(finding.reason)))
        _hanging(console, Text("  "), Text(printable(finding.text), style="italic"))
        if finding.facts and finding.verdict in ("contradicted", "supported", "unverifiable"):
            fact = finding.facts[0]
            quote = Text("nearest fact: " if finding.verdict == "unverifiable" else "", style="dim")
            quote.append(_quoted(printable(fact.quote)) + " ", style="dim")
            quote.append(f"[{fact.id}]", style="cyan")
            _hanging(console, Text("    "), quote)
        console.print()


def _hanging(console: Any, lead: Any, body: Any) -> None:
    """`lead`, then `body` wrapped between words to the terminal's width or a reading measure
    (MEASURE), whichever is narrower, each line after the first indented as far as `lead`."""
    from rich.text import Text

    indent = lead.cell_len
    lines = body.wrap(console, max(1, min(console.width, indent + MEASURE) - indent))
    for index, line in enumerate(lines):
        head = lead if index == 0 else Text(" " * indent)
        line.rstrip()
        console.print(Text.assemble(head, line), crop=False, soft_wrap=True)


def _quoted(text: str) -> str:
    """The quote in curly quotes, unless it opens with a quotation of its own (“"Over the past
    two years…” would read as two quotations)."""
    if text[:1] in "\"\u201c\u2018'":
        return text
    return f"\u201c{text}\u201d"


@finding_writer("json")
def write_json(findings: Sequence[Finding], out: IO[str]) -> None:
    """The findings as one JSON array."""
    out.write(to_json([finding.to_dict() for finding in findings]) + "\n")


@finding_writer("jsonl")
def write_jsonl(findings: Sequence[Finding], out: IO[str]) -> None:
    """One JSON object per finding, a line each."""
    for finding in findings:
        out.write(to_json(finding.to_dict(), indent=None) + "\n")


def fingerprint(finding: Finding) -> str:
    """A hash of the file, verdict and sentence (not its line), stable while the sentence is."""
    key = "\x1f".join([finding.file, finding.verdict, " ".join(finding.text.split()).lower()])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/._-~")


def sarif(findings: Sequence[Finding]) -> dict[str, Any]:
    """The findings as a SARIF 2.1.0 log with one run, a rule per reason code."""
    from gzfacts.checking import RULES

    rules = list(RULES)
    results = []
    for finding in findings:
        rule_id, level = finding.code, LEVELS[finding.verdict][0]
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": finding.end_column,
            "snippet": {"text": finding.text},
        }
        results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": rules.index(rule_id),
                "level": level,
                "message": {"text": finding.reason},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": _uri(finding.file)}, "region": region}}
                ],
                "partialFingerprints": {"gzfactsSentence/v1": fingerprint(finding)},
                "properties": {
                    "verdict": str(finding.verdict),
                    "facts": [fact.id for fact in finding.facts],
                    "parts": [part.to_dict() for part in finding.parts],
                },
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gzfacts",
                        "version": __version__,
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": f"{rule.verdict.value}: {rule.name.replace('-', ' ')}"},
                                "fullDescription": {"text": rule.description},
                                "defaultConfiguration": {"level": LEVELS[rule.verdict][0]},
                                "properties": {"verdict": rule.verdict.value},
                            }
                            for rule in RULES.values()
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


@finding_writer("sarif")
def write_sarif(findings: Sequence[Finding], out: IO[str]) -> None:
    """The findings as a SARIF 2.1.0 log."""
    out.write(to_json(sarif(findings)) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    """A GitHub Actions workflow command that annotates the sentence's lines."""
    command = LEVELS[finding.verdict][1]
    fact = _first_fact(finding)
    title = f"gzfacts: {finding.verdict}" + (f" {fact}" if fact else "")
    properties = ",".join(
        [
            f"file={_escape_property(finding.file)}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"endLine={finding.end_line}",
            f"endColumn={finding.end_column}",
            f"title={_escape_property(title)}",
        ]
    )
    return f"::{command} {properties}::{_escape_data(printable(finding.reason))}"


@finding_writer("github")
def write_github(findings: Sequence[Finding], out: IO[str]) -> None:
    """One workflow command per finding (`::error file=...,line=...::reason`)."""
    for finding in findings:
        out.write(github_line(finding) + "\n")


def summary(findings: Sequence[Finding]) -> str:
    """One line: how many sentences were checked and how many of each verdict."""
    counts = dict.fromkeys(LEVELS, 0)
    for finding in findings:
        counts[finding.verdict] += 1
    total = len(findings)
    noun = "sentence" if total == 1 else "sentences"
    skipped = counts.pop("no-claim")
    shown = ", ".join(f"{count} {verdict}" for verdict, count in counts.items() if count)
    if not skipped:
        return f"{total} {noun} checked" + (f": {shown}" if shown else "")
    # Always said, so that a draft with nothing the checker could read is never taken for a clean one.
    said = f"{skipped} not checked (no claim to check)"
    return f"{total} {noun} read: " + (f"{shown}; {said}" if shown else said)
