"""The facts of a fact base arranged for a fact sheet: topics with their facts, sources with their quotes."""

from __future__ import annotations

from typing import NamedTuple

from gzfacts.cite import reference
from gzfacts.errors import NotFound
from gzfacts.export.describe import period_text, value_text
from gzfacts.export.rights import License, source_rights
from gzfacts.factbase import FactBase
from gzfacts.model import Fact, Source, Topic


class Card(NamedTuple):
    """One fact as the sheet shows it."""

    fact: Fact
    number: int
    value: str
    period: str
    said_by: str
    citation: str


class TopicGroup(NamedTuple):
    """A topic and its facts, in file order."""

    topic: Topic
    cards: list[Card]


class SourceEntry(NamedTuple):
    """A source, how to cite it, its rights, and the (fact id, start, end) of every quote shown."""

    source: Source
    citation: str
    rights: str
    quoted: list[tuple[str, int, int]]


class Sheet(NamedTuple):
    """Everything an export shows: topics with facts, the sources they quote, and the rights."""

    title: str
    topics: list[TopicGroup]
    sources: list[SourceEntry]
    license: License | None
    #: The topic the sheet is limited to, if any.
    only_topic: str | None

    @property
    def fact_count(self) -> int:
        """How many facts the sheet shows."""
        return sum(len(group.cards) for group in self.topics)

    @property
    def counts(self) -> str:
        """How many facts in how many topics, as a reader says it ("7 facts in 1 topic")."""
        facts, topics = self.fact_count, len(self.topics)
        return f"{facts:,} fact{'' if facts == 1 else 's'} in {topics} topic{'' if topics == 1 else 's'}"


def build_sheet(
    fb: FactBase, *, topic: str | None = None, license: License | None = None, anchors: bool = True
) -> Sheet:
    """The sheet of a fact base, or of one topic of it (NotFound, with suggestions, if unknown).

    `anchors=False` skips locating each quote in its source (the Markdown sheet needs none).
    """
    if topic is not None and not fb.has_topic(topic):
        raise NotFound("topic", topic, fb.suggest(topic, facts=False))
    all_sources = fb.sources()
    citations = {source.id: reference(source, "plain") for source in all_sources}
    facts = fb.facts(topic=topic)
    spans = fb.quote_spans(topic=topic) if anchors else {}
    by_topic: dict[str, list[Card]] = {}
    quoted: dict[str, list[tuple[str, int, int]]] = {}
    for number, fact in enumerate(facts, start=1):
        card = Card(
            fact,
            number,
            value_text(fact),
            period_text(fact),
            fact.said_by("the source, in its own voice"),
            citations[fact.source],
        )
        by_topic.setdefault(fact.topic, []).append(card)
        in_source = quoted.setdefault(fact.source, [])
        if anchors:
            _, start, end = spans[fact.id]
            in_source.append((fact.id, start, end))
    topics = [TopicGroup(t, by_topic.get(t.id, [])) for t in fb.topics() if topic is None or t.id == topic]
    # A topic sheet shows only the sources its facts quote; the whole sheet shows every source.
    sources = [
        SourceEntry(s, citations[s.id], source_rights(s), quoted.get(s.id, []))
        for s in all_sources
        if topic is None or s.id in quoted
    ]
    if len(sources) == 1:
        title = f"Fact sheet: {sources[0].source.title}"
    else:
        title = f"Fact sheet: {len(facts):,} facts from {len(sources):,} sources"
    if topic is not None:
        title += f" \u2014 {topics[0].topic.title}"
    return Sheet(title, topics, sources, license, topic)
