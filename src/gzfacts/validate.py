"""Integrity rules of a fact base: unique ids, references, verbatim quotes, values and periods."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gzfacts import rules
from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.integrity import (
    base_problems_of,
    no_facts,
    where_of,
)
from gzfacts.loader import ParsedFactBase, read_text
from gzfacts.model import PLACES, Fact, Source
from gzfacts.quantities import period_years, span_text, stretches, values_in
from gzfacts.quotes import fold, locate, quote_place, sentence_spans, states_number

if TYPE_CHECKING:  # pragma: no cover
    pass

#: Cap on the size of one source text (it is read whole).
MAX_SOURCE_BYTES = 256 * 1024 * 1024


def read_sources(parsed: ParsedFactBase, known: dict[str, str] | None = None) -> tuple[dict[str, str], list[Problem]]:
    """The text of every source that can be read, and a problem for each that cannot.

    `known` holds texts already read (from an index), which are not read again.
    """
    texts: dict[str, str] = dict(known or {})
    problems: list[Problem] = []
    for source in parsed.sources:
        path = parsed.source_files.get(source.id)
        if path is None or source.id in texts:
            continue
        try:
            texts[source.id] = read_text(Path(path), MAX_SOURCE_BYTES, parsed.stamps, role="source")
        except FactBaseUnreadable as exc:
            problems.append(unusable_text(source, exc))
    return texts, problems


def unusable_text(source: Source, exc: FactBaseUnreadable) -> Problem:
    """The problem of a source whose text file cannot be read (`exc` says why)."""
    return Problem(
        where_of(source.origin, source.id),
        f"source `{source.id}`: its text {source.path!r} cannot be used ({exc.problems[0].message})",
        "Fix `path`: it is relative to the YAML file that declares the source",
        rules.SOURCE_TEXT,
    )


def check(parsed: ParsedFactBase, texts: dict[str, str] | None = None) -> list[Problem]:
    """Every integrity problem of a parsed fact base (schema problems included), in file order:
    each fact's own (`check_fact`), then the rules that span the base, found as a build finds
    them (`base_problems`, over the records' ids in an in-memory table)."""
    problems = list(parsed.problems)
    if texts is None:
        texts, unreadable = read_sources(parsed)
        problems.extend(unreadable)
    published = {s.id: s.published for s in parsed.sources}
    for fact in parsed.facts:
        problems.extend(check_fact(fact, texts, published=published))
    problems.extend(base_problems_of(parsed))
    problems.extend(no_facts(parsed.files, len(parsed.facts), problems))
    return sorted(problems, key=problem_order)


def advise(parsed: ParsedFactBase) -> list[Problem]:
    """The warnings of a parsed fact base, in file order: aliases that send a reader who searches
    them to the wrong figure (A401) or that no search can match (A402), and sources no fact
    quotes (R208).

    Warnings are `gzfacts validate`'s advice: a base with warnings is still built and served.
    """
    from gzfacts.text import tokens

    warnings: list[Problem] = []
    # Each alias, as search reads it (any case, any spacing), with the facts of a value that have it.
    valued: dict[str, list[Fact]] = {}
    for fact in parsed.facts:
        written: dict[str, str] = {}
        for alias in fact.aliases:
            written.setdefault(" ".join(alias.casefold().split()), alias)
        for alias, as_written in written.items():
            if not any(tokens(alias)):
                warnings.append(
                    _alias_warning(
                        fact,
                        rules.ALIAS_STOP_WORDS,
                        f"the alias {as_written!r} is made of stop words only: no search matches it",
                        "Remove it, or write the words a reader would search for",
                    )
                )
            elif fact.value is not None:
                valued.setdefault(alias, []).append(fact)
    warnings += _shared_aliases(valued)
    warnings += _unquoted_sources(parsed)
    return sorted(warnings, key=problem_order)


def _alias_warning(fact: Fact, code: str, message: str, hint: str) -> Problem:
    where = where_of(fact.where("aliases"), fact.id)
    return Problem(where, f"fact `{fact.id}`: {message}", hint, code, fact.id, level="warning")


def _shared_aliases(valued: dict[str, list[Fact]]) -> list[Problem]:
    """A401: an alias naming what a figure counts, shared by facts of another value."""
    from gzfacts.text import tokens

    warnings: list[Problem] = []
    for alias, facts in valued.items():
        if len({float(f.value) for f in facts if f.value is not None}) < 2:
            continue
        terms = {t.term for t in tokens(alias)}
        # An alias that names what a figure counts (a word of its unit: "pilot projects" for
        # "demonstration projects") is a name for that figure; one that names the place or the
        # subject the facts share ("Guizhou", "e-commerce") may sit on all of them.
        if not any(terms & {t.term for t in tokens(f.unit or "")} for f in facts):
            continue
        first = facts[0]
        for fact in facts[1:]:
            if fact.value == first.value:
                continue
            at = where_of(first.where("aliases"), first.id)
            message = (
                f"the alias {alias!r} is also an alias of `{first.id}` (at {at}), "
                f"whose value is another: {_figure(first)} against {_figure(fact)} here; a reader who searches it "
                "is sent to both figures"
            )
            hint = "Keep the alias on the fact whose figure it names, and remove it from the other"
            warnings.append(_alias_warning(fact, rules.ALIAS_SHARED, message, hint))
    return warnings


def _unquoted_sources(parsed: ParsedFactBase) -> list[Problem]:
    """R208: sources no fact quotes (none said for a base without facts: R206 says "add a fact")."""
    quoted = {fact.source for fact in parsed.facts}
    return [
        Problem(
            where_of(source.origin, source.id),
            f"source `{source.id}`: no fact quotes it, yet its text is read and exported",
            "Quote it in a fact, or remove the source",
            rules.SOURCE_UNQUOTED,
            level="warning",
        )
        for source in (parsed.sources if parsed.facts else ())
        if source.id not in quoted
    ]


def _figure(fact: Fact) -> str:
    number = f"{fact.value:,}" if isinstance(fact.value, int) else str(fact.value)
    return f"{number} {fact.unit}" if fact.unit else number


def problem_order(problem: Problem) -> tuple[str, int, int]:
    """The sort key that lists problems in file order: file, line, column."""
    file, _, rest = problem.where.partition(":")
    line, _, column = rest.partition(":")
    return (file, int(line) if line.isdigit() else 0, int(column) if column.isdigit() else 0)


def check_fact(
    fact: Fact,
    texts: dict[str, str],
    *,
    published: dict[str, str] | None = None,
    stands: str | None = None,
) -> list[Problem]:
    """The problems of one fact's content: its quote, value, period and the place its quote
    stands in the source (its references are the base-wide rules': `base_problems`).

    `stands` is that place when the caller has located the quote already (`quotes.quote_place`);
    else it is found in the fact's source text, when `texts` holds it. A field left empty was
    reported where it was read; it is not reported again here.
    """
    problems: list[Problem] = []

    def add(name: str, code: str, message: str, hint: str, detail: tuple[str, ...] = ()) -> None:
        where = where_of(fact.where(name), fact.id)
        problems.append(Problem(where, f"fact `{fact.id}`: {message}", hint, code, fact.id, detail))

    if not fact.quote:
        return problems
    span = _check_quote(fact, texts, add)
    if stands is None and span is not None:
        stands = quote_place(texts[fact.source], *span)
    if stands is not None:
        _check_place(fact, stands, add)
    _check_period(fact, published or {}, add)
    return problems


#: `add(field, code, message, hint, detail=())`: report a problem of the fact being checked.
_Add = Callable[..., None]


def _check_quote(fact: Fact, texts: dict[str, str], add: _Add) -> tuple[int, int] | None:
    """Report a quote that is not verbatim in its source, and a value the quote does not state;
    the quote's span in its source text, when the text is given and holds it."""
    text = texts.get(fact.source)
    span = locate(text, fact.quote) if text is not None else None
    if text is not None and span is None:
        message, detail = misquote(text, fact.quote)
        add(
            "quote",
            rules.NOT_VERBATIM,
            f"the quote is not verbatim in the source text: {message}",
            f"Copy the words exactly from the source `{fact.source}` (`gzfacts quote` finds the sentence); "
            "only whitespace and curly quotes may differ",
            detail,
        )
    quote = fold(fact.quote)
    # The plain reader first: the shared parser (scales such as "3.2 million") costs 20 times as much.
    if (
        fact.value is not None
        and not states_number(quote, float(fact.value))
        and float(fact.value) not in values_in(quote)
    ):
        add(
            "value",
            rules.VALUE_NOT_IN_QUOTE,
            f"the value {fact.value} does not appear in the quote",
            "Correct the value, or quote the sentence that states it",
        )
    return span


def _check_place(fact: Fact, stands: str, add: _Add) -> None:
    """Report a quote that stands outside the article's body (`stands`, as the source text's lines
    show it) when the fact's `place` does not say so. A `place` other than "body" for a quote the
    lines show as body is the author's knowledge (a caption without a photo credit) and stands."""
    if stands == "body" or stands == fact.place or fact.place not in PLACES:
        return  # (a `place` that is none of them was reported where it was read)
    field = "place" if fact.place != "body" else "quote"
    if stands not in PLACES:
        add(
            field,
            rules.PLACE_UNMARKED,
            "the quote stands in the page's furniture (navigation or a copyright line), not in the article",
            "Quote the article's own words: its body, a photo caption or the standfirst",
        )
    elif fact.place == "body":
        add(
            field,
            rules.PLACE_UNMARKED,
            f"the quote stands in {PLACES[stands]}, and nothing says so: it would be read as the article's body",
            f'Add `place: {stands}` to the fact, and say so in the claim ("{_place_lead(stands)} ...")',
        )
    else:
        add(
            field,
            rules.PLACE_UNMARKED,
            f"`place` is {fact.place!r}, but the quote stands in {PLACES[stands]}",
            f"Write `place: {stands}`",
        )


def _place_lead(place: str) -> str:
    return {"caption": "According to a photo caption,", "standfirst": "According to the standfirst,"}.get(
        place, "According to the byline,"
    )


def _dashes(text: str) -> str:
    return text.replace("\u2013", "-")


def _check_period(fact: Fact, published: dict[str, str], add: _Add) -> None:
    """Report a period the quote does not state, one wrongly inferred from its words, and a
    single year where the quote states a stretch of years."""
    quote = fold(fact.quote)
    date = published.get(fact.source)
    if fact.period_inferred_from is not None:
        if fold(fact.period_inferred_from).lower() not in quote.lower():
            add(
                "period_inferred_from",
                rules.INFERRED_NOT_IN_QUOTE,
                f"{fact.period_inferred_from!r} does not appear in the quote",
                'Name the words of the quote the period is inferred from, such as "Last year"',
            )
        if not fact.period:
            add(
                "period_inferred_from",
                rules.INFERRED_WITHOUT_PERIOD,
                "`period_inferred_from` is set but `period` is not",
                "Give the inferred `period`, or remove `period_inferred_from`",
            )
            return
        expected = inferred_period(fact.period_inferred_from, date, quote)
        years = period_years(fact.period)
        if stretches(fold(fact.period_inferred_from)) and (years is None or years[0] == years[1]):
            span = f'"{expected}"' if expected else 'a span such as "2015-2018"'
            add(
                "period",
                rules.PERIOD_NOT_SPAN,
                f"the period {fact.period!r} is inferred from {fact.period_inferred_from!r}, a stretch of years, "
                f"but is not a span of years",
                f"Write `period: {span}`: the first and the last year, joined by a hyphen",
            )
        elif expected is not None and years is not None and years != period_years(expected):
            add(
                "period",
                rules.INFERRED_PERIOD_WRONG,
                f"the period {fact.period!r} disagrees with {fact.period_inferred_from!r} in a source published "
                f"{date}: that is {expected}",
                f'Write `period: "{expected}"`, or check the source\'s `published` date',
            )
        return
    if fact.period is not None and _dashes(fact.period).lower() not in _dashes(quote).lower():
        add(
            "period",
            rules.PERIOD_NOT_IN_QUOTE,
            f"the period {fact.period!r} does not appear in the quote",
            'If the quote implies it ("Last year"), add `period_inferred_from:` with those words',
        )
        return
    _check_stretch(fact, quote, date, add)
    _check_own_clause(fact, quote, add)


_DIGITS = re.compile(r"\d[\d,.]*")


def _check_own_clause(fact: Fact, quote: str, add: _Add) -> None:
    """Report a year that the quote states only in another figure's clause ("1,200,000 servers,
    up from 600,000 in 2019": 2019 is 600,000's), by the rule `extract` pairs them with
    (gzfacts.clauses.own_periods)."""
    if fact.value is None or fact.period is None:
        return
    years = period_years(fact.period)
    if years is None or years[0] != years[1]:
        return
    # Only a quote with another number besides the value and the year can give the year to
    # another figure; the parser, which costs far more than this, reads no other quote.
    if len([n for n in _DIGITS.findall(quote) if n.rstrip(",.") != fact.period]) < 2:
        return
    import math

    from gzfacts.clauses import own_periods
    from gzfacts.quantities import scan

    found = scan(quote)
    mentions = [q for q in found.quantities if not q.vague and math.isclose(q.value, float(fact.value))]
    if not mentions or not any(p.year == years[0] for p in found.periods):
        return
    owned = [p for q in mentions for p in own_periods(found, q, quote)]
    if any(p.year == years[0] for p in owned):
        return
    stated = [p.year for p in owned if p.year is not None]
    others = [
        q.text.strip()
        for q in found.quantities
        if not q.vague and q not in mentions and any(p.year == years[0] for p in own_periods(found, q, quote))
    ]
    whose = f"of another figure ({others[0]!r})" if others else "of another figure"
    add(
        "period",
        rules.PERIOD_OF_OTHER_FIGURE,
        f"the period {fact.period!r} is not the value's: the quote states it in the clause {whose}",
        (
            f'Write `period: "{stated[0]}"`, the year of the value\'s own clause'
            if stated
            else "Write `period: null`: the value's own clause states no year (or quote the sentence that dates it)"
        ),
    )


def _check_stretch(fact: Fact, quote: str, date: str | None, add: _Add) -> None:
    """Report a fact that counts the years of a stretch its quote dates ("ranking first ... for
    four consecutive years" in a sentence about 2018) without that span as its period."""
    found = stretch_period(fact.value, fact.unit, quote, date)
    if found is None or period_years(fact.period) == period_years(found[0]):
        return
    expected, words = found
    has = f"its period is {fact.period!r}" if fact.period else "it has no period"
    add(
        "period" if fact.period else "value",
        rules.PERIOD_NOT_SPAN,
        f"the fact counts the years of {words!r}, which are {expected}, but {has}",
        f'Write `period: "{expected}"` and `period_inferred_from: "{words}"`',
    )


#: A unit that counts years: "years", "consecutive years" (not "percent year-on-year").
_YEARS_UNIT = re.compile(r"(?:(?:consecutive|straight|successive)\s+)?years\b", re.IGNORECASE)


def stretch_period(value: float | None, unit: str | None, quote: str, published: str | None) -> tuple[str, str] | None:
    """The span of years, and the words of `quote` it is inferred from, of a figure that counts
    the years of a stretch its quote dates: `value` 4 in `unit` "consecutive years" of "ranking
    first ... for four consecutive years" in a sentence about 2018 is ("2015-2018", "four
    consecutive years"). None when the figure counts no such stretch."""
    if value is None or not unit or not _YEARS_UNIT.match(unit):
        return None
    for stretch in stretches(quote):
        if stretch.years == value:
            years = stretch.resolve(published, quote)
            if years is not None:
                return span_text(*years), stretch.text
    return None


def inferred_period(words: str, published: str | None, quote: str = "") -> str | None:
    """The period that words such as "Last year", "Currently", "over the past two years" or "four
    consecutive years" mean in `quote` (the words alone when not given), in a text published on
    `published`: a year ("2018"), or a span of years ("2017-2019", "2015-2018").

    A stretch up to the time of writing ("over the past two years", in 2019) is the calendar
    years it reaches into (2017-2019); a run of years ("four consecutive years") ends at the one
    year the quote states ("in 2018": 2015-2018). None when the words are no such period, or
    when what they are counted from (the date, the quote's one year) is unknown.
    """
    from gzfacts.quantities import periods

    valid = published if published and DATE_RE.match(published) else None
    found = stretches(words)
    if found:
        years = found[0].resolve(valid, quote or words)
        return span_text(*years) if years else None
    if valid is None:
        return None
    for period in periods(words):
        if period.year is None and period.offset is not None and period.span is None:
            return period.resolve(valid)
    return None


DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
#: Words of context shown on each side of a quote's first difference from its source.
DIFF_CONTEXT = 4


def nearest_passage(text: str, quote: str) -> tuple[int, int]:
    """The [start, end) span of the run of source sentences most like `quote` (as many sentences as it has)."""
    from rapidfuzz import fuzz

    spans = sentence_spans(text) or [(0, len(text))]
    size = max(1, len(sentence_spans(quote)))
    wanted = fold(quote).lower()
    best, best_score = (spans[0][0], spans[min(size, len(spans)) - 1][1]), -1.0
    for i in range(len(spans)):
        start, end = spans[i][0], spans[min(i + size, len(spans)) - 1][1]
        score = fuzz.ratio(wanted, fold(text[start:end]).lower())
        if score > best_score:
            best, best_score = (start, end), score
    return best


def misquote(text: str, quote: str) -> tuple[str, tuple[str, ...]]:
    """Where a quote departs from the source: a one-line summary, and the nearest passage with a
    word diff around the first difference (`-` the quote, `+` the source)."""
    import difflib

    start, end = nearest_passage(text, quote)
    line = text.count("\n", 0, start) + 1
    said = fold(quote).split(" ")
    source = fold(text[start:end]).split(" ")
    matcher = difflib.SequenceMatcher(None, said, source, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changes:  # cannot happen for a misquote; be safe
        return "it differs from the source", ()
    tag, i1, i2, j1, j2 = changes[0]
    ours, theirs = " ".join(said[i1:i2]), " ".join(source[j1:j2])
    if tag == "replace":
        summary = f'it has "{ours}" where the source text (line {line}) has "{theirs}"'
    elif tag == "delete":
        summary = f'it adds "{ours}", which the source text (line {line}) does not have'
    else:
        summary = f'it leaves out "{theirs}" of the source (line {line})'
    if len(changes) > 1:
        summary += f" (and {len(changes) - 1} more difference{'s' if len(changes) > 2 else ''})"

    def excerpt(words: list[str], a: int, b: int) -> str:
        lo, hi = max(0, a - DIFF_CONTEXT), min(len(words), b + DIFF_CONTEXT)
        marked = [*words[lo:a], "[" + " ".join(words[a:b]) + "]", *words[b:hi]]
        return ("... " if lo else "") + " ".join(marked) + (" ..." if hi < len(words) else "")

    detail = (
        f"nearest sentence of the source (line {line}): {' '.join(source)}",
        f"- quote:  {excerpt(said, i1, i2)}",
        f"+ source: {excerpt(source, j1, j2)}",
    )
    return summary, detail
