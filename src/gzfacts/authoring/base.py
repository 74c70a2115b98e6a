"""A fact base read leniently, for authoring: a base that does not validate yet still has sources."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from gzfacts import rules
from gzfacts.errors import NotFound
from gzfacts.loader import ParsedFactBase, read_fact_base
from gzfacts.model import Fact, Source


class Draft(NamedTuple):
    """What a fact base declares, problems or not, and the texts of the sources that can be read."""

    parsed: ParsedFactBase
    texts: dict[str, str]

    def unreadable(self) -> list[str]:
        """The ids of the sources whose text cannot be read (validate says why)."""
        return [s.id for s in self.parsed.sources if s.id not in self.texts]

    def drafts(self) -> set[str]:
        """The ids of the draft facts: marked `draft: true`, proposed and not yet reviewed."""
        return {p.fact for p in self.parsed.problems if p.code == rules.DRAFT and p.fact}

    def reviewed(self) -> list[Fact]:
        """The facts that are not drafts, in file order."""
        drafts = self.drafts()
        return [fact for fact in self.parsed.facts if fact.id not in drafts]

    def sources(self, wanted: str | None = None) -> list[Source]:
        """The readable sources, or just `wanted` (NotFound with suggestions when it is not there)."""
        readable = [s for s in self.parsed.sources if s.id in self.texts]
        if wanted is None:
            return readable
        chosen = [s for s in readable if s.id == wanted]
        if not chosen:
            from gzfacts.suggest import did_you_mean

            raise NotFound("source", wanted, did_you_mean(wanted, [s.id for s in readable]))
        return chosen


def read_draft(path: Path) -> Draft:
    """The fact base at `path`, read without requiring it to validate (FactBaseUnreadable if it cannot be read)."""
    from gzfacts.validate import read_sources

    parsed = read_fact_base(path)
    texts, _ = read_sources(parsed)
    return Draft(parsed, texts)
