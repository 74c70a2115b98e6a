"""Propose candidate facts from a source text: one per figure, ranking, dated or attributed statement.

Every number, unit, hedge, period, rank and attribution is read by gzfacts.quantities, the parser
`gzfacts check` uses too; this module only decides what makes a candidate and words its unit and id.
Candidates are drafts (`draft: true`): `validate` refuses them until an author has written the
claim in their own words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gzfacts.clauses import own_periods
from gzfacts.model import Anchor, Number
from gzfacts.quantities import Period, Quantity, Scan, scan
from gzfacts.quotes import anchor, quote_place, sentence_spans
from gzfacts.validate import inferred_period, stretch_period

#: A sentence needs this many words to hold a checkable statement ("Updated: 2019-10-02" does not).
MIN_WORDS = 5
_BOILERPLATE = re.compile(r"copyright|all rights reserved|\u00a9", re.IGNORECASE)
#: A sentence that starts with one of these leans on the one before: both are quoted.
_LEANS_BACK = re.compile(r"(?:It|This|That|These|They|The company|The technologies|Its|Their)\b")
_DURATIONS = frozenset({"years", "months", "days"})
#: Words that end a unit phrase the parser's noun does not reach ("by 2018", "around the world").
_PHRASE_STOP = frozenset(
    "a an and are as at be been by can could for from has have in is it its may might must of on or "
    "over should since than that the their this to under was were which while will with within would "
    "around across said says show shows".split()
)
_FOLLOWERS = re.compile(r"\s+(in China|nationwide|nationally|in the country|in the world|globally)\b")


class Candidate(NamedTuple):
    """A proposed fact: the verbatim quote and where it stands, and the figure read from it."""

    id: str
    quote: str
    source: str
    value: Number | None
    unit: str | None
    period: str | None
    period_inferred_from: str | None
    qualifier: str | None
    attributed_to: str | None
    anchor: Anchor
    #: The 1-based line of the source text the quote starts on.
    line: int
    #: Where the quote stands: "body", or a photo caption, the standfirst or a byline (model.PLACES).
    place: str = "body"

    def to_dict(self) -> dict[str, object]:
        """The candidate as a fact object (claim and topic empty, for the author) with `draft` and `anchor`."""
        return {
            "id": self.id,
            "topic": "",
            "claim": "",
            "quote": self.quote,
            "source": self.source,
            "value": self.value,
            "unit": self.unit,
            "period": self.period,
            "period_inferred_from": self.period_inferred_from,
            "qualifier": self.qualifier,
            "attributed_to": self.attributed_to,
            "place": self.place,
            "aliases": [],
            "draft": True,
            "anchor": self.anchor.to_dict(),
        }


def extract(text: str, published: str, source_id: str) -> list[Candidate]:
    """The candidate facts of a source text published on `published` (YYYY-MM-DD), in text order."""
    candidates: list[Candidate] = []
    ids: set[str] = set()
    sentences = sentence_spans(text)
    for index, (start, end) in enumerate(sentences):
        flat = " ".join(text[start:end].split())
        found = statement(flat)
        if found is not None:
            quote_start = _quote_start(text, sentences, index, flat)
            candidates.extend(_proposed(text, (quote_start, end), flat, found, published, source_id, ids))
    return candidates


def _quote_start(text: str, sentences: list[tuple[int, int]], index: int, flat: str) -> int:
    """Where the quote of sentence `index` (`flat`, its words) starts: at the sentence before
    when it leans back on that one ("It also ...") in the same paragraph, else at itself."""
    start = sentences[index][0]
    if _LEANS_BACK.match(flat) and index > 0:
        before_start, before_end = sentences[index - 1]
        if "\n\n" not in text[before_end:start] or text[before_end:start].count("\n") < 2:
            return before_start
    return start


def _proposed(
    text: str, span: tuple[int, int], flat: str, found: Scan, published: str, source_id: str, ids: set[str]
) -> list[Candidate]:
    """The candidates of one sentence (`flat`, its quote at `span` of `text`): one a figure, or
    one for the sentence when it states none. `ids` holds the ids given so far."""
    quote_start, end = span
    quote = " ".join(text[quote_start:end].split())
    where = anchor(text, quote_start, end)
    line = text.count("\n", 0, quote_start) + 1
    place = quote_place(text, quote_start, end)
    who = _who(found)

    def candidate(
        words: str, value: Number | None, unit: str, period: str | None, inferred: str | None, qualifier: str | None
    ) -> Candidate:
        ident = _unique(_id_words(words, period), ids)
        return Candidate(
            ident, quote, source_id, value, unit or None, period, inferred, qualifier, who, where, line, place
        )

    # "two years" of "over the past two years" is proposed too, as the shipped base holds it,
    # with the span it reaches (2017-2019 in 2019), as do the sentence's other figures.
    figures = [q for q in found.quantities if not q.vague]
    proposed = []
    for quantity in figures:
        unit = _unit(flat, quantity)
        period, inferred = _period(found, quantity, published, quote, unit, flat)
        naming = _naming(flat, quantity, unit)
        proposed.append(
            candidate(naming, _number(quantity.value), unit, period, inferred, _qualifier(flat, found, quantity))
        )
    if not figures:
        period, inferred = _period(found, None, published, quote, "", flat)
        proposed.append(candidate(flat, None, "", period, inferred, _qualifier(flat, found, None)))
    return proposed


def statement(sentence: str) -> Scan | None:
    """What a sentence states that can be checked (figures, periods, ranks, attributions), or None
    when it states nothing checkable, is too short to ("Updated: 2019-10-02") or is boilerplate."""
    if len(re.findall(r"[^\W\d_][\w'\u2019-]*", sentence)) < MIN_WORDS or _BOILERPLATE.search(sentence):
        return None
    found = scan(sentence)
    return found if found else None


def _number(value: float) -> Number:
    return int(value) if value.is_integer() else value


def _who(found: Scan) -> str | None:
    if not found.attributions:
        return None
    who = found.attributions[0].who
    return re.sub(r"^the\s+", "", who, flags=re.IGNORECASE)


def _words_after(text: str, position: int, limit: int = 6) -> list[str]:
    """The words after `position` up to punctuation or a function word (at most `limit`)."""
    words: list[str] = []
    for match in re.finditer(r"\s*([^\W_][\w'\u2019-]*)|(\S)", text[position:]):
        word = match.group(1)
        if word is None or word.lower() in _PHRASE_STOP or len(words) >= limit:
            break
        words.append(word)
    return words


def _unit(sentence: str, q: Quantity) -> str:
    """The unit as the article words it: the parser's unit and noun, with what completes them."""
    after = sentence[q.end :]
    if q.unit in ("percent", "percentage points"):
        if q.noun:
            return f"{q.unit} {q.noun}"
        of = re.match(r"\s+of\s+(?:the\s+)?", after)
        if of:
            words = _words_after(after, of.end())
            if words:
                return f"{q.unit} of {' '.join(words)}"
        if re.match(r"\s+year-on-year\b", after, re.IGNORECASE):
            growth = re.search(r"\bgr(?:owth|ew|own|owing)\b", sentence[max(0, q.start - 40) : q.start])
            return f"{q.unit} year-on-year" + (" growth" if growth else "")
        return q.unit
    if q.unit in _DURATIONS and q.direction:
        lead = re.match(r"\s+((?:ahead of|behind)(?:\s+[\w'\u2019]+){1,2})", after)
        return f"{q.unit} {lead.group(1)}" if lead else q.unit
    if q.unit in ("meters", "kilometers", "feet", "miles"):
        if len(q.noun.split()) > 1:  # "68 meters tall"
            return q.noun
        measure = re.match(r"\s+(above|below|high|tall|long|deep|wide|in length|in height)\b([^,.;]*)", after)
        return f"{q.unit} {measure.group(1)}{measure.group(2).rstrip()}" if measure else q.unit
    if q.unit:
        return q.unit
    noun = q.noun
    possessive = re.match(r"['\u2019]\s+([a-z]+)", after)
    if noun and possessive and possessive.group(1) not in _PHRASE_STOP:  # "ten minutes' walk"
        return f"{noun}{after[0]} {possessive.group(1)}"
    words = noun.split()
    if len(words) > 1 and words[-1].endswith("ed"):  # "1,900 vessels called at": a verb, not the noun
        noun = " ".join(words[:-1])
    # A list the parser's noun stops short of: "24 provinces, municipalities and autonomous regions".
    listed = re.match(r"((?:,\s*[a-z][\w-]*(?:\s+[a-z][\w-]*)?)*,?\s+and\s+([a-z][\w-]*)(?:\s+[a-z][\w-]*)?)", after)
    if noun and listed and not re.search(r"(?:ed|ing)$", listed.group(2)) and listed.group(2) not in _PHRASE_STOP:
        words = listed.group(1).split()
        while words and words[-1].lower().strip(",") in _PHRASE_STOP:
            words.pop()
        noun = f"{noun}{' ' if not listed.group(1).startswith(',') else ''}{' '.join(words)}"
        noun = noun.replace(" ,", ",")
    return noun


def _period(
    found: Scan, q: Quantity | None, published: str, quote: str, unit: str, sentence: str
) -> tuple[str | None, str | None]:
    """The period of a figure: the span of a stretch of years it counts ("four consecutive years"
    in a sentence about 2018: 2015-2018), relative words ("last year", "in the past two years")
    resolved against the publication date, else the year nearest to it; other durations ("70
    years since ...") have none. Only the periods of the figure's own clause count (see
    gzfacts.clauses): in "1,200,000 servers, up from 600,000 in 2019", 2019 is 600,000's."""
    if q is not None:
        # Read as validate reads a figure counting years, so that every candidate passes it.
        stretch = stretch_period(q.value, unit, quote, published)
        if stretch is not None:
            return stretch
    if q is not None and q.unit in _DURATIONS | {"consecutive years"}:
        return None, None
    if q is not None:
        found = found._replace(periods=tuple(own_periods(found, q, sentence)))
    relative = [p for p in found.periods if p.year is None and p.offset is not None and p.span != 0]
    if relative:
        # Read as validate reads `period_inferred_from`, so that every candidate passes it.
        return inferred_period(relative[0].text, published), relative[0].text
    years: list[Period] = [p for p in found.periods if p.year is not None and p.relation != "since"]
    if not years:
        return None, None
    if q is None:
        return str(years[0].year), None
    nearest = min(years, key=lambda p: min(abs(p.start - q.end), abs(q.start - p.end)))
    return str(nearest.year), None


def _qualifier(sentence: str, found: Scan, q: Quantity | None) -> str | None:
    if q is not None and q.qualifier:
        return sentence[q.start : q.start + len(q.text) - len(q.text.lstrip())] or _hedge_words(q)
    if found.ranks and (q is None or q.unit in ("consecutive years", "years")):
        rank = found.ranks[0]
        follower = _FOLLOWERS.match(sentence[rank.end :])
        return rank.text + (follower.group() if follower else "")
    vague = [v for v in found.quantities if v.vague]
    if q is not None and vague:
        return vague[0].text
    return None


def _hedge_words(q: Quantity) -> str:
    """The hedge as written in the mention ("More than" -> "more than")."""
    index = q.text.lower().find(q.number.lower())
    written = q.text[:index].strip() if index > 0 else (q.qualifier or "")
    return written.lower()


_GENERIC_UNITS = frozenset(
    "percent percentage points year years consecutive months days meters kilometers feet miles "
    "year-on-year growth ahead behind time".split()
)


def _naming(sentence: str, q: Quantity, unit: str) -> str:
    """The words an id is made of: the unit when it names things, else what the sentence says before the figure."""
    specific = [w for w in unit.lower().split() if w not in _GENERIC_UNITS and w not in _PHRASE_STOP]
    if specific and not q.unit:
        return unit
    words = re.findall(r"[^\W_][\w-]*", re.sub(r"['\u2019]s\b", "", sentence[: q.start]))
    before = [w for w in words if w.lower() not in _ID_STOP]
    if before:
        return " ".join([*before[-3:], *unit.split()])
    # Nothing before the figure ("During the 70 years since the founding"): the words after it.
    after = re.findall(r"[^\W_][\w-]*", re.sub(r"['\u2019]s\b", "", sentence[q.end :]))
    return " ".join([*unit.split(), *[w for w in after if w.lower() not in _ID_STOP][:3]])


_ID_STOP = _PHRASE_STOP | frozenset("during had rate last year constructed achieved currently".split())


def _id_words(phrase: str, period: str | None) -> str:
    cleaned = re.sub(r"['\u2019]s\b", "", phrase.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", cleaned) if w not in _ID_STOP and w != period][:5]
    return "-".join([*words, *([period] if period else [])]) or "fact"


def _unique(ident: str, taken: set[str]) -> str:
    chosen, n = ident, 2
    while chosen in taken:
        chosen, n = f"{ident}-{n}", n + 1
    taken.add(chosen)
    return chosen


def to_yaml(candidates: list[Candidate], source_path: str, published: str) -> str:
    """The candidates as YAML items, ready to paste under `facts:` (each a draft, with its anchor as a comment)."""
    import json

    def text(value: object) -> str:
        if value is None:
            return "null"
        if isinstance(value, str):
            return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
        return str(value)

    lines = [
        f"  # {len(candidates)} candidate fact{'s' if len(candidates) != 1 else ''} from {source_path} "
        f"(published {published}), proposed by `gzfacts extract`.",
        "  # Each is a draft: check it against the source, choose a topic, write the claim in your own",
        "  # words, then remove `draft: true`. Delete the candidates that are not worth a fact.",
    ]
    for c in candidates:
        lines += [
            "",
            f"  - id: {c.id}",
            "    draft: true",
            '    topic: ""',
            '    claim: ""',
            f"    quote: {text(c.quote)}",
            f"    source: {c.source}",
            f"    value: {text(c.value)}",
            f"    unit: {text(c.unit)}",
            f"    period: {text(c.period)}",
        ]
        if c.period_inferred_from:
            lines.append(f"    period_inferred_from: {text(c.period_inferred_from)}")
        lines += [
            f"    qualifier: {text(c.qualifier)}",
            f"    attributed_to: {text(c.attributed_to)}",
        ]
        if c.place != "body":
            lines.append(f"    place: {c.place}")
        lines += [
            f"    # anchor: line {c.line} of {source_path}, characters {c.anchor.start}-{c.anchor.end}",
        ]
    return "\n".join(lines) + "\n"
