"""Views of `check`: the findings of a claim or a draft, and the rules they carry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gzfacts.errors import (
    ProblemsFound,
    UsageError,
)
from gzfacts.factbase import FactBase
from gzfacts.output import Result

if TYPE_CHECKING:  # pragma: no cover
    pass


def check(
    fb: FactBase,
    claim: str,
    *,
    file: str | None = None,
    show_all: bool = False,
    fail_on: str = "contradicted",
) -> Result:
    """Check a claim, or the draft at `file` (`-` for standard input), sentence by sentence.

    Sentences with nothing checkable are left out unless `show_all`. The report fails (exit 1)
    on a contradicted sentence, and with `fail_on="unverifiable"` on an unverifiable one too.
    """
    from gzfacts.drafts import read_draft
    from gzfacts.output.findings import summary

    if fail_on not in ("contradicted", "unverifiable"):
        raise UsageError(f"the verdict to fail on is contradicted or unverifiable, not {fail_on!r}")
    if file is not None:
        findings = fb.check(read_draft(file), path=file)
    else:
        findings = fb.check(claim, path="<claim>", markdown=False)
    shown = [f for f in findings if show_all or f.verdict != "no-claim"]
    failing = {"contradicted"} | ({"unverifiable"} if fail_on == "unverifiable" else set())
    said = summary(findings)
    failure = ProblemsFound(said, ()) if any(f.verdict in failing for f in findings) else None
    return Result(shown, kind="findings", summary=said, failure=failure)


def check_rules() -> Result:
    """The rule codes a finding of `check` can carry, one a line: code, verdict, name, what it finds."""
    from gzfacts.checking import RULES

    lines = [f"{r.code}  {r.verdict.value:<12}  {r.name:<17}  {r.description}" for r in RULES.values()]
    return Result("\n".join(lines), kind="text")
