"""Views of the lookups: show, list, search, topics, sources, cite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gzfacts.errors import (
    NotFound,
    UsageError,
)
from gzfacts.factbase import FactBase
from gzfacts.model import FACT_FIELDS, SOURCE_FIELDS, TOPIC_FIELDS, Fact, Source
from gzfacts.output import Card, Column, Listing, Result, TableSpec

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.search import Hit, QueryTerm, SearchResult

#: Ids are cyan everywhere; the claim under an id is plain text, the value bold, the period magenta.


ID_STYLE = "bold cyan"
#: The columns of a table of facts: the id with the claim under it, the value, the period.
FACT_TABLE = [
    Column("fact", "id", ratio=5, style=ID_STYLE, whole=True, below="claim"),
    Column("value", "value_text", style="bold", most=24),  # the figure is what the eye looks for
    Column("period", "period", style="magenta", most=12),
]
#: Qualifiers that change what a value means, so they are shown with it.
_VALUE_QUALIFIERS = ("more than", "less than", "about", "over", "nearly")


def value_text(fact: Fact) -> str:
    """The value as a reader says it: "more than 70 county-level centers", "none" if it has none."""
    if fact.value is None:
        return "none"
    value = f"{fact.value:,}" if isinstance(fact.value, int) else str(fact.value)
    qualifier = fact.qualifier if fact.qualifier and fact.qualifier.lower() in _VALUE_QUALIFIERS else None
    return " ".join(part for part in (qualifier, value, fact.unit) if part)


def _fact_records(facts: list[Fact]) -> list[dict[str, Any]]:
    """Fact objects, with the value as text for tables (machine formats leave it out)."""
    return [{**fact.to_dict(), "value_text": value_text(fact) if fact.value is not None else ""} for fact in facts]


def known_id(fb: FactBase, ident: str) -> str:
    """The id as the fact base spells it: ids are lower-case, so `Digital-Economy` finds
    `digital-economy` (an id that is not there is returned as typed)."""
    lower = ident.lower()
    if (
        lower != ident
        and not (fb.has_fact(ident) or fb.has_topic(ident))
        and (fb.has_fact(lower) or fb.has_topic(lower))
    ):
        return lower
    return ident


def show(fb: FactBase, ident: str, context: int = 0) -> Result:
    """A fact in full (with `context` sentences around its quote), or a topic with its facts."""
    ident = known_id(fb, ident)
    if fb.has_fact(ident):
        return Result(fact_view(fb, fb.fact(ident), context))
    if fb.has_topic(ident):
        if context:
            # Say so rather than ignore it: context belongs to one quote, and a topic has many.
            raise UsageError(f"{ident!r} is a topic: context is shown for one fact at a time; name one of its facts")
        return Result(topic_view(fb, ident))
    raise NotFound("fact or topic", ident, fb.suggest(ident))


def fact_view(fb: FactBase, fact: Fact, context: int = 0) -> Listing:
    """One fact: its object with `anchor` (and `context`) for machines, a card for people."""
    from gzfacts.cite import quoted, reference

    anchor = fb.anchor(fact)
    record: dict[str, Any] = {**fact.to_dict(), "anchor": anchor.to_dict()}
    surroundings = None
    if context:
        before, _, after = fb.context(fact, context)
        record["context"] = {"before": before, "after": after}
        surroundings = (before, anchor.exact, after)
    source = fb.source(fact.source)
    topic = fb.topic(fact.topic)
    period = fact.period or "none"
    if fact.period_inferred_from:
        period += f' (inferred from "{fact.period_inferred_from}" in an article of {source.published})'
    rows = [("claim", fact.claim), ("value", value_text(fact))]
    if fact.qualifier:
        rows.append(("qualifier", fact.qualifier))
    rows += [
        ("period", period),
        ("topic", f"{topic.id} ({topic.title})"),
        ("said by", fact.said_by()),
        ("quote", quoted(fact.quote)),
        ("source", reference(source, "plain")),
    ]
    if fact.aliases:
        rows.append(("aliases", ", ".join(fact.aliases)))
    fields = (*FACT_FIELDS, "anchor", *(("context",) if context else ()))
    card = Card(fact.id, rows, surroundings)
    return Listing([record], fields, TableSpec([Column(name, name) for name in fields]), single=True, card=card)


def topic_view(fb: FactBase, topic_id: str) -> Listing:
    """A topic's facts as a table; for machines, the topic with its facts."""
    topic = fb.topic(topic_id)
    facts = fb.facts(topic=topic_id)
    # The summary under the title, where it is read first (not a caption below the table).
    spec = TableSpec(FACT_TABLE, title=f"{topic.title} ({topic.id}): {len(facts)} facts\n{topic.summary}")
    return Listing(_fact_records(facts), FACT_FIELDS, spec, envelope=topic.to_dict())


def _known_topic(fb: FactBase, topic: str | None) -> str | None:
    """The topic id as the fact base spells it (any case); an unknown one is NotFound."""
    if topic is None:
        return None
    topic = known_id(fb, topic)
    if not fb.has_topic(topic):
        raise NotFound("topic", topic, fb.suggest(topic, facts=False))
    return topic


def fact_list(fb: FactBase, topic: str | None = None, unit: str | None = None, period: str | None = None) -> Result:
    """The facts that pass the filters; when a unit or period filter leaves none, why."""
    topic = _known_topic(fb, topic)
    facts = fb.facts(topic=topic, unit=unit, period=period)
    filters = (("topic", topic), ("unit", unit), ("period", period))
    wanted = ", ".join(f"{name} {value!r}" for name, value in filters if value)
    columns = [*FACT_TABLE[:1], Column("topic", "topic", style="dim", whole=True, fold=True), *FACT_TABLE[1:]]
    spec = TableSpec(columns, title=f"{len(facts)} facts")
    nothing = f"no facts with {wanted}" if unit or period else None
    return Result(Listing(_fact_records(facts), FACT_FIELDS, spec, nothing=nothing))


def search(
    fb: FactBase,
    query: str,
    *,
    limit: int = 10,
    topic: str | None = None,
    explain: bool = False,
    correct: bool = True,
    flags: Mapping[str, str] | None = None,
) -> Result:
    """The hits of a search, best first, each with the query words it misses; notes say which
    words were corrected, left out or mentioned by no fact, and whether the list was cut.

    Machine formats get the fact objects with `score` and `missing` (and with `explain`, `rank`,
    `matched`, `how` and `phrase`); tables show the rank, the id and claim (and, dimmed, what a
    hit misses), and the quote with the matched words highlighted (and, with `explain`, how each
    word was read and what each hit matched). When no hit matches every word, the listing is
    partial: the command exits 1 after printing it. `flags` names the caller's options, for the
    notes to mention: "correct" (the one that turns correction off) and "limit".
    """
    from gzfacts.search import highlight_spans

    topic = _known_topic(fb, topic)
    result = fb.search(query, limit=limit, topic=topic, correct=correct)
    terms = result.highlight_terms()
    words = {t.term: t.corrected or t.typed for t in result.terms}
    records = [_search_record(hit, words, explain) for hit in result.hits]
    marks = [{key: highlight_spans(getattr(h.fact, key), terms) for key in ("quote", "claim")} for h in result.hits]
    lines: tuple[str, ...] = ()
    if explain:
        read = [f"  {_reading(term)}" for term in result.terms]
        explained = [f"  {r['rank']}. {r['id']}: {r['explain']}" for r in records]
        lines = ("How the query was read:", *read, "What each result matched:", *explained, "")
    partial = "" if result.answered else " (partial matches only)"
    listing = Listing(
        records,
        (*FACT_FIELDS, "score", "missing", *(("rank", "matched", "how", "phrase") if explain else ())),
        TableSpec(_search_columns(), title=f"search: {result.reading}{partial}", highlights=marks),
        extra=("explain",) if explain else ("rank",),
        lines=lines,
        notes=tuple(search_notes(result, flags or {})),
        nothing=f"no facts match {query!r}",
        partial=_shortfall(result),
    )
    return Result(listing)


def _search_record(hit: Hit, words: dict[str, str], explain: bool) -> dict[str, Any]:
    """One hit as a record: the fact with its score, missing words and rank (and with `explain`, what it matched)."""
    record = {**hit.fact.to_dict(), "score": hit.score, "missing": list(hit.missing), "rank": hit.rank}
    record["value_text"] = value_text(hit.fact) if hit.fact.value is not None else ""
    if explain:
        how = "; ".join(f"{word}: {kind}" for word, kind in hit.how)
        record["matched"] = {term: list(where) for term, where in hit.matched.items()}
        record["how"] = dict(hit.how)
        record["phrase"] = hit.phrase
        record["explain"] = _matched_words(hit.matched, words, hit.phrase) + (f" ({how})" if how else "")
    return record


def _search_columns() -> list[Column]:
    """The search table's columns: rank, the fact (id, with claim and quote below it), and the fact table's others."""
    # The quote under the claim, in italics: a fourth column would leave each too narrow at 80.
    fact = Column(
        "fact",
        "id",
        ratio=5,
        style=ID_STYLE,
        whole=True,
        below=("claim", "quote"),
        below_styles=(None, "italic"),
        note="missing",
    )
    return [Column("#", "rank", justify="right"), fact, *FACT_TABLE[1:]]


def search_notes(result: SearchResult, flags: Mapping[str, str]) -> list[str]:
    """What a person is told before the hits: words left out or corrected, scripts the fact base
    lacks, words no fact mentions (or never together), and a list cut by the limit."""
    from gzfacts.search import HOW_MANY

    said: list[str] = []
    if result.unread:
        said.append(f"the query is too long: its last {result.unread:,} characters are left out")
    if result.dropped:
        said.append(f"the query is too long: its last {result.dropped} distinct words are left out")
    related = {t.typed: t.related for t in result.terms if t.related}
    for typed, corrected in result.corrections:
        if related.get(typed) == "completion":
            said.append(f"{typed!r} is not a word of the fact base: showing results for {corrected!r}, which starts so")
            continue
        if typed in related:
            said.append(f"{typed!r} is not in the fact base: showing results for its {related[typed]} {corrected!r}")
            continue
        exactly = f"; search for {typed!r} exactly with {flags['correct']}" if "correct" in flags else ""
        said.append(f"{typed!r} is not in the fact base: showing results for {corrected!r}{exactly}")
    for script in dict.fromkeys(script for _, script in result.foreign):
        listed = _listing([word for word, name in result.foreign if name == script], "and")
        said.append(f"the fact base has no text in {script} script: {listed} cannot match anything")
    if result.answered:
        if result.total > len(result.hits):
            more = f" ({flags['limit']} to see more)" if "limit" in flags else ""
            said.append(f"showing {len(result.hits)} of {result.total} matches{more}")
        return said
    scripted = {word for word, _ in result.foreign}
    unmatched = [w for w in result.unmatched if w not in scripted and not w.startswith(HOW_MANY)]
    counts = [w.removeprefix(HOW_MANY) for w in result.unmatched if w.startswith(HOW_MANY)]
    if unmatched:
        said.append(f"no fact mentions {_listing(unmatched, 'or')}")
    if counts:
        said.append(f"no fact says how many {_listing(counts, 'or')}")
    if not (unmatched or counts) and len(result.words) > 1 and result.hits:
        said.append(f"no fact mentions {_listing(list(result.words), 'and')} together")
    return said


def _shortfall(result: SearchResult) -> str | None:
    """When hits were found but none matches every word: what to say after them."""
    if not result.hits or result.answered:
        return None
    shown = len(result.hits)
    more = f" of {result.total}" if result.total > shown else ""
    partial = "partial match" if max(shown, result.total) == 1 else "partial matches"
    return f"showing {shown}{more} {partial}, each with the words it misses"


def _listing(words: list[str], conjunction: str) -> str:
    """'a', 'b' and 'c'."""
    quoted = [repr(word) for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"


def _reading(term: QueryTerm) -> str:
    """How a typed word was read, in the reader's words (never the index's stems)."""
    if not term.known:
        return f"{term.typed!r}: not in the fact base, so nothing can match it"
    if term.corrected and term.related == "completion":
        return f"{term.typed!r}: not a word of the fact base; read as {term.corrected!r}, the word it starts"
    if term.corrected and term.related:
        return f"{term.typed!r}: not in the fact base; read as its {term.related} {term.corrected!r} (WordNet)"
    if term.corrected:
        return f"{term.typed!r}: not in the fact base; read as {term.corrected!r}"
    if term.joined:
        return f"{term.typed!r}: read as one word"
    if term.term != term.typed.lower():
        return f"{term.typed!r}: matches any form of the word ({term.typed}, and its plural or other endings)"
    return f"{term.typed!r}: matched as typed"


def _matched_words(matched: dict[str, tuple[str, ...]], words: dict[str, str], phrase: bool) -> str:
    """Which of the reader's words matched in which fields: "'hospitals' in claim, quote"."""
    parts = [f"{words.get(term, term)!r} in {', '.join(where)}" for term, where in matched.items()]
    return "; ".join(parts) + ("; all words together, as a phrase" if phrase else "")


def topic_list(fb: FactBase) -> Result:
    """The topics, each with its number of facts."""
    counts = fb.topic_counts()
    records = [{**t.to_dict(), "fact_count": counts.get(t.id, 0)} for t in fb.topics()]
    columns = [
        Column("id", "id", style=ID_STYLE, whole=True),
        Column("title", "title", ratio=2),
        Column("facts", "fact_count", justify="right"),
        Column("summary", "summary", ratio=4),
    ]
    return Result(Listing(records, (*TOPIC_FIELDS, "fact_count"), TableSpec(columns, title=f"{len(records)} topics")))


def source_list(fb: FactBase) -> Result:
    """The sources the facts quote."""
    columns = [
        Column("id", "id", style=ID_STYLE, whole=True),
        Column("title", "title", ratio=3),
        *(Column(name, name) for name in ("author", "publisher", "published", "page")),
    ]
    notes = (f"fact base: {fb.path}",)
    return Result(Listing([s.to_dict() for s in fb.sources()], SOURCE_FIELDS, TableSpec(columns), notes=notes))


def citation(
    fb: FactBase,
    idents: Sequence[str],
    style: str = "plain",
    csl: Path | None = None,
    *,
    sources: Sequence[str] = (),
    quotes: bool = True,
) -> Result:
    """The citations of facts, of every fact of the topics named, and of the sources named, in a
    citation style (see gzfacts.cite.STYLES) or a CSL style file: each source's reference once,
    with the quotes of its facts under it (without `quotes`, the reference alone); as CSL-JSON
    (style "csl-json"), one array of all of them."""
    from gzfacts.cite import citations

    if not idents and not sources:
        raise UsageError("nothing to cite: give fact or topic ids, or a source with --source ID")
    from gzfacts.suggest import did_you_mean

    known = {s.id: s for s in fb.sources()}
    pairs: list[tuple[Fact | None, Source]] = []
    seen: set[str] = set()
    for typed in idents:
        ident = known_id(fb, typed)
        if fb.has_fact(ident):
            facts = [fb.fact(ident)]
        elif fb.has_topic(ident):
            facts = fb.facts(topic=ident)
        elif ident in known:  # the source itself: its reference
            pairs.append((None, known[ident]))
            continue
        else:
            near = [*fb.suggest(ident), *did_you_mean(ident, known, limit=1)]
            raise NotFound("fact, topic or source", ident, near)
        for fact in facts:
            if fact.id not in seen:  # a fact named twice is cited once
                seen.add(fact.id)
                pairs.append((fact, known[fact.source]))
    for wanted in sources:
        if wanted not in known:
            raise NotFound("source", wanted, did_you_mean(wanted, known))
        pairs.append((None, known[wanted]))
    return Result(citations(pairs, style, csl, quotes=quotes), kind="text")
