"""Citation styles: a source's reference, with the quoted sentence a fact rests on."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from gzfacts.errors import UsageError
from gzfacts.model import Fact, Source

_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def author_name(source: Source) -> tuple[str, str]:
    """(family, given) of the source's author: `author_family` names the family name (as in
    "Li Xin", family name first); without it the last word of `author` is taken."""
    family = source.author_family
    if family and family in source.author.split():
        given = " ".join(part for part in source.author.split() if part != family)
        return family, given
    parts = source.author.split()
    if len(parts) < 2:
        return source.author, ""
    return parts[-1], " ".join(parts[:-1])


def _date(value: str) -> _dt.date:
    return _dt.date.fromisoformat(value)


def _initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s-]+", given) if part)


#: A reference style: the source's reference as one line of text.
Reference = Callable[[Source], str]
#: A citation style: the whole citation of a fact (reference and quote), as printed by `gzfacts cite`.
Style = Callable[[Fact, Source], str]

#: The reference styles by name; `reference()` looks them up here.
REFERENCES: dict[str, Reference] = {}
#: The citation styles by name, in the order they are listed; `cite()` looks them up here.
STYLES: dict[str, Style] = {}


def style(name: str) -> Callable[[Style], Style]:
    """Register a citation style under `name` (a decorator): adding a style is one function."""

    def register(function: Style) -> Style:
        STYLES[name] = function
        return function

    return register


def reference_style(
    name: str, quotes: tuple[str, str] | None = ("\u201c", "\u201d")
) -> Callable[[Reference], Reference]:
    """Register a reference style under `name` (a decorator). With `quotes`, also register the
    citation style of that name: the reference, then the quote between those marks."""

    def register(function: Reference) -> Reference:
        REFERENCES[name] = function
        if quotes is not None:
            left, right = quotes
            STYLES[name] = lambda fact, source: f"{function(source)}\n{left}{fact.quote}{right}"
        return function

    return register


def reference(source: Source, name: str) -> str:
    """The source's reference in one of the reference styles (plain, apa, mla, chicago, markdown)."""
    return REFERENCES[name](source)


def cite(fact: Fact, source: Source, name: str) -> str:
    """The citation of `fact` in style `name`; an unknown style is a UsageError."""
    return citation_style(name)(fact, source)


def citation_style(name: str) -> Style:
    """The citation style called `name`; an unknown style is a UsageError that lists them."""
    try:
        return STYLES[name]
    except KeyError:
        raise UsageError(f"unknown citation style {name!r}; styles: {', '.join(STYLES)}") from None


@reference_style("plain", ('"', '"'))
def plain_reference(source: Source) -> str:
    """Author, "Title", Publisher, day month year, page, when updated, channel."""
    day = _date(source.published)
    text = f'{source.author}, "{source.title}", {source.publisher}, {day.day} {day:%B} {day.year}'
    if source.page:
        text += f", page {source.page}"
    if source.updated:
        updated = _date(source.updated)
        text += f" (updated {updated.day} {updated:%B} {updated.year})"
    if source.channel:
        text += f", {source.channel}"
    return text + "."


@reference_style("apa")
def apa_reference(source: Source) -> str:
    """APA: Family, I. (year, Month day). Title. Publisher, page."""
    family, given = author_name(source)
    day = _date(source.published)
    author = f"{family}, {_initials(given)}" if given else family
    text = f"{author} ({day.year}, {day:%B} {day.day}). {source.title}. {source.publisher}"
    return text + (f", {source.page}." if source.page else ".")


@reference_style("mla")
def mla_reference(source: Source) -> str:
    """MLA: Family, Given. "Title." Publisher, day Mon. year, p. page."""
    family, given = author_name(source)
    day = _date(source.published)
    author = f"{family}, {given}" if given else family
    text = f'{author}. "{source.title}." {source.publisher}, {day.day} {_MLA_MONTHS[day.month - 1]} {day.year}'
    return text + (f", p. {source.page}." if source.page else ".")


@reference_style("chicago")
def chicago_reference(source: Source) -> str:
    """Chicago: Family, Given. "Title." Publisher, Month day, year, page."""
    family, given = author_name(source)
    day = _date(source.published)
    author = f"{family}, {given}" if given else family
    text = f'{author}. "{source.title}." {source.publisher}, {day:%B} {day.day}, {day.year}'
    return text + (f", {source.page}." if source.page else ".")


@style("bibtex")
def bibtex_citation(fact: Fact, source: Source) -> str:
    """A biblatex @article entry (see bibtex_entry)."""
    return bibtex_entry(fact, source)


@style("csl-json")
def csl_json_citation(fact: Fact, source: Source) -> str:
    """A CSL-JSON array of one item (see csl_item)."""
    import json

    return json.dumps([csl_item(fact, source)], ensure_ascii=False, indent=2)


@reference_style("markdown", quotes=None)
def markdown_reference(source: Source) -> str:
    """Author, "Title", *Publisher*, day month year, page."""
    day = _date(source.published)
    text = f'{source.author}, "{source.title}", *{source.publisher}*, {day.day} {day:%B} {day.year}'
    return text + (f", page {source.page}." if source.page else ".")


@style("markdown")
def markdown_citation(fact: Fact, source: Source) -> str:
    """The quote as a Markdown blockquote, then the reference."""
    return f"> {fact.quote}\n\n— {markdown_reference(source)}"


def csl_item(fact: Fact, source: Source) -> dict[str, object]:
    """A CSL-JSON item (type article-newspaper) for the source, with the quote as a note."""
    family, given = author_name(source)
    day = _date(source.published)
    item: dict[str, object] = {
        "id": f"{source.id}/{fact.id}",
        "type": "article-newspaper",
        "title": source.title,
        "author": [{"family": family, "given": given}] if given else [{"literal": source.author}],
        "container-title": source.publisher,
        "publisher": source.publisher,
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
    }
    if source.page:
        item["page"] = source.page
    if source.url:
        item["URL"] = source.url
    item["note"] = f"Quote: {fact.quote}"
    return item


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_escape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        char = match.group()
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}", "{": r"\{", "}": r"\}"}.get(char, "\\" + char)

    return _BIBTEX_SPECIAL.sub(replace, text)


def bibtex_key(source: Source) -> str:
    """A citation key such as li2019tech: family name, year, first word of the title."""
    family, _ = author_name(source)
    first = re.sub(r"[^a-z0-9]", "", source.title.split()[0].lower()) if source.title.split() else ""
    return re.sub(r"[^a-z0-9]", "", family.lower()) + source.published[:4] + first


def bibtex_entry(fact: Fact, source: Source) -> str:
    """A biblatex @article entry for the source, with the quote in `annotation`."""
    family, given = author_name(source)
    author = f"{family}, {given}" if given else source.author
    fields = [
        ("author", author),
        ("title", source.title),
        ("journaltitle", source.publisher),
        ("date", source.published),
        ("pages", source.page),
        ("url", source.url),
        ("annotation", f"Quote: {fact.quote}"),
    ]
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields if value)
    return f"@article{{{bibtex_key(source)},\n{body}\n}}"
