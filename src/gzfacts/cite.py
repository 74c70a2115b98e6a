"""Citation styles: a source's reference, with the quoted sentence a fact rests on."""

from __future__ import annotations

import datetime as _dt
import json
import re

from gzfacts.model import Fact, Source

STYLES: tuple[str, ...] = ("plain", "apa", "mla", "chicago", "bibtex", "csl-json", "markdown")
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


def reference(source: Source, style: str) -> str:
    """The source's reference in one of the prose styles (plain, apa, mla, chicago, markdown)."""
    family, given = author_name(source)
    day = _date(source.published)
    page = source.page
    if style == "apa":
        author = f"{family}, {_initials(given)}" if given else family
        text = f"{author} ({day.year}, {day:%B} {day.day}). {source.title}. {source.publisher}"
        return text + (f", {page}." if page else ".")
    if style == "mla":
        author = f"{family}, {given}" if given else family
        text = f'{author}. "{source.title}." {source.publisher}, {day.day} {_MLA_MONTHS[day.month - 1]} {day.year}'
        return text + (f", p. {page}." if page else ".")
    if style == "chicago":
        author = f"{family}, {given}" if given else family
        text = f'{author}. "{source.title}." {source.publisher}, {day:%B} {day.day}, {day.year}'
        return text + (f", {page}." if page else ".")
    if style == "markdown":
        text = f'{source.author}, "{source.title}", *{source.publisher}*, {day.day} {day:%B} {day.year}'
        return text + (f", page {page}." if page else ".")
    text = f'{source.author}, "{source.title}", {source.publisher}, {day.day} {day:%B} {day.year}'
    if page:
        text += f", page {page}"
    if source.updated:
        updated = _date(source.updated)
        text += f" (updated {updated.day} {updated:%B} {updated.year})"
    if source.channel:
        text += f", {source.channel}"
    return text + "."


def cite(fact: Fact, source: Source, style: str) -> str:
    """The citation of `fact` in `style`: the source's reference and the quote."""
    if style == "csl-json":
        return json.dumps([csl_item(fact, source)], ensure_ascii=False, indent=2)
    if style == "bibtex":
        return bibtex_entry(fact, source)
    if style == "markdown":
        return f"> {fact.quote}\n\n— {reference(source, style)}"
    return (
        f'{reference(source, style)}\n"{fact.quote}"'
        if style == "plain"
        else f"{reference(source, style)}\n\u201c{fact.quote}\u201d"
    )


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
