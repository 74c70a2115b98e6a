"""Exports: the HTML page and the Markdown sheet as files and as text, the rules they follow, and
how writing them fails safely. The SQLite export is in test_export_sqlite.py, the page in a real
browser in test_export_browser.py."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gzfacts.authoring.base import read_draft
from gzfacts.authoring.coverage import checkable
from gzfacts.authoring.coverage import coverage as authoring_coverage
from gzfacts.cli import app
from gzfacts.export.article import layout
from gzfacts.export.coverage import coverage
from gzfacts.export.html import csp_hash
from gzfacts.export.markdown import escape
from gzfacts.quotes import fold, locate

from .conftest import MINI, golden
from .helpers.exports import HOSTILE, require_tool

runner = CliRunner()


def export(*args: str, facts: Path | None = None) -> Any:
    base = ["--facts", str(facts)] if facts else []
    return runner.invoke(app, [*base, "export", *args])


class Page(HTMLParser):
    """The parts of a page the tests look at: elements by id, highlights, scripts, styles, links."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, dict[str, str | None]] = {}
        self.tags: dict[str, int] = {}
        self.highlights: list[dict[str, str | None]] = []
        self.hrefs: list[str] = []
        self.meta: list[dict[str, str | None]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if found.get("id"):
            assert found["id"] not in self.ids, f"duplicate id {found['id']}"
            self.ids[str(found["id"])] = {"tag": tag, **found}
        if "data-fact" in found:
            self.highlights.append({"tag": tag, **found})
        if found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag == "meta":
            self.meta.append(found)
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in][-1] += data


# --- coverage: which sentences are checkable ----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The digital economy accounted for 26.9 percent of provincial GDP in 2018.", True),
        ("It ranked first in China for four consecutive years.", True),
        ("Local officials said the province has made unprecedented progress.", True),
        ("Statistics from the academy show that the sector has grown fast.", True),
        ("Guizhou prioritizes the inclusion of big data into all aspects of life.", False),
        ("The bridge is a sight to see on a clear morning.", False),
        ("Updated: 2019-10-02", False),  # a dateline, not a sentence
        ("By Li Xin ( China Daily )", False),
        ("Copyright ©2013 China Daily. All rights reserved.", False),  # page furniture, digits or not
    ],
)
def test_an_unquoted_sentence_is_checkable_when_extract_finds_a_figure_period_rank_or_attribution(
    sentence: str, expected: bool
) -> None:
    assert [(a, b) for a, b, _ in checkable(sentence, [])] == ([(0, len(sentence))] if expected else [])


def test_a_quoted_sentence_is_checkable_and_covered_even_with_nothing_extract_reads() -> None:
    text = "The bridge is a sight to see on a clear morning. It opened in 2016 after six years of work.\n"
    found = checkable(text, [(4, 10)])
    assert [(text[a:b], covered) for a, b, covered in found] == [
        ("The bridge is a sight to see on a clear morning.", True),
        ("It opened in 2016 after six years of work.", False),
    ]


def test_the_title_byline_and_copyright_are_not_checkable_sentences() -> None:
    title = "Guizhou ranks first with 26.9 percent growth"
    text = (
        f"{title}\n\nBy Li Xin ( China Daily )\n\nUpdated: 2019-10-02\n\n"
        "The digital economy accounted for 26.9 percent of provincial GDP in 2018.\n\n"
        "Copyright ©2013 China Daily. All rights reserved.\n"
    )
    found = coverage(text, [], title)
    assert (found.checkable, found.covered) == (1, 0)
    assert [text[a:b] for a, b in found.gaps] == [
        "The digital economy accounted for 26.9 percent of provincial GDP in 2018."
    ]


def test_export_and_the_coverage_command_count_the_article_alike() -> None:
    draft = read_draft(Path(__file__).parents[1] / "facts.yaml")
    (measured,) = authoring_coverage(draft)
    source = draft.parsed.sources[0]
    text = draft.texts[source.id]
    quoted = [span for f in draft.parsed.facts if (span := locate(text, f.quote))]
    exported = coverage(text, quoted, source.title)
    assert (exported.checkable, exported.covered) == (len(measured.sentences), measured.covered)


def test_coverage_counts_checkable_sentences_that_a_quote_touches() -> None:
    text = (
        "Exports rose 12 percent in 2023, officials said. The port is old and pretty. "
        "Imports fell 3 percent in the same year. The harbour was the largest in the region."
    )
    first = text.index("Exports")
    third = text.index("Imports")
    found = coverage(text, [(first, first + 20), (third + 8, third + 12)])
    assert (found.checkable, found.covered, found.percent) == (3, 2, 66)
    assert [text[a:b] for a, b in found.gaps] == ["The harbour was the largest in the region."]


def test_layout_marks_shared_and_nested_quotes_and_gaps() -> None:
    text = "Title\n\nShips: 1,250 in 2023, up 12.5 percent. Ferries: 40 by 2030, officials said.\n"
    sentence = text.index("Ships")
    comma = text.index(", up")
    end = text.index(" Ferries")
    gap = (end + 1, len(text) - 1)
    paragraphs = layout(text, [("ships", sentence, comma), ("growth", sentence, end)], [gap])
    assert [[(s.text, s.facts, s.starts, s.gap, s.ends) for s in p] for p in paragraphs] == [
        [("Title", (), (), False, ())],
        [
            ("Ships: 1,250 in 2023", ("ships", "growth"), ("ships", "growth"), False, ("ships",)),
            (", up 12.5 percent.", ("growth",), (), False, ("growth",)),
            (" ", (), (), False, ()),
            ("Ferries: 40 by 2030, officials said.", (), (), True, ()),
        ],
    ]


# --- HTML -----------------------------------------------------------------------------------------


def test_html_of_the_mini_fact_base_is_stable() -> None:
    result = export("html", facts=MINI)
    assert result.exit_code == 0, result.output
    # The shipped stylesheet and script are left out: their hashes are checked below, and a
    # change of style should not churn the page's golden file.
    page = re.sub(r"(?s)<(style|script)>.*?</\1>", r"<\1>(shipped \1)</\1>", result.stdout)
    page = re.sub(r"sha256-[A-Za-z0-9+/=]+", "sha256-(hash)", page)
    golden("export-mini.html", page)


def test_html_shows_every_fact_and_highlights_every_quote() -> None:
    result = export("html")
    assert result.exit_code == 0
    page = Page(result.stdout)
    listed = runner.invoke(app, ["list", "--format", "jsonl", "--fields", "id"]).stdout.splitlines()
    ids = [json.loads(line)["id"] for line in listed]
    assert len(ids) == 44
    for fact_id in ids:
        assert page.ids[fact_id]["tag"] == "article"
        marks = [h for h in page.highlights if fact_id in str(h["data-fact"]).split()]
        assert marks, f"no highlight for {fact_id}"
        assert f"#{fact_id}" in page.hrefs, f"nothing in the article leads to {fact_id}"
        assert f"q_{fact_id}" in page.ids, f"{fact_id} links back to nothing"
    assert "44 facts in 9 topics" in result.stdout
    assert re.search(r"<strong>\d+ of \d+</strong> checkable sentences of the article", result.stdout)


def test_the_sheets_say_which_quotes_are_photo_captions_and_cover_the_whole_body() -> None:
    html = export("html").stdout
    bridge = html[html.index('<article class="fact" id="beipanjiang-bridge-height">') :]
    bridge = bridge[: bridge.index("</article>")]
    assert "<dt>Said by</dt><dd>the article&#39;s photo caption</dd>" in bridge
    standfirst = html[html.index('<article class="fact" id="big-data-across-all-sectors">') :]
    assert "<dd>the article&#39;s standfirst</dd>" in standfirst[: standfirst.index("</article>")]
    body = html[html.index('<article class="fact" id="digital-economy-gdp-share-2018">') :]
    assert "<dd>China Academy of Information and Communications Technology</dd>" in body[: body.index("</article>")]
    # Every checkable sentence of the body has a fact; the new facts are on the sheet.
    assert "<strong>32 of 32</strong> checkable sentences of the article" in html
    for fact_id in ("big-data-across-all-sectors", "pi-shengming-sixth-hospital-of-guiyang",
                    "big-data-exhibition-center-guiyang", "beipanjiang-bridge-in-guizhou"):  # fmt: skip
        assert f'<article class="fact" id="{fact_id}">' in html
    markdown = export("markdown").stdout
    assert "[^beipanjiang-bridge-height]: " in markdown
    footnote = markdown[markdown.index("[^beipanjiang-bridge-height]: ") :].split("\n", 1)[0]
    assert "Said by the article's photo caption." in footnote


def test_html_escapes_every_text_and_allows_only_its_own_code() -> None:
    result = export("html", facts=HOSTILE)
    assert result.exit_code == 0, result.output
    page = Page(result.stdout)
    assert page.tags["script"] == 1 and page.tags["style"] == 1
    assert not {"img", "b", "i", "u"} & set(page.tags), "markup from the fact base became elements"
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in result.stdout
    assert "javascript:" not in " ".join(page.hrefs)
    assert not [h for h in page.hrefs if not h.startswith("#") and not h.startswith("https://creativecommons.org/")]
    [policy] = [m["content"] for m in page.meta if m.get("http-equiv") == "Content-Security-Policy"]
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["script-src"] == csp_hash(page.raw["script"][0])
    assert rules["style-src"] == csp_hash(page.raw["style"][0])
    # Shared and nested quotes: one highlight names every fact quoting it.
    shared = {str(h["data-fact"]) for h in page.highlights}
    assert {"ships-2023 ship-growth-2023", "ship-growth-2023", "ferry-routes-2023 routes-opened"} <= shared
    assert "4 of 5</strong> checkable sentences of the 2 sources" in result.stdout
    # Each source's rights, escaped like everything else; a source that states none says so.
    assert "<li>Day report: © Day Times &lt;i&gt;2024&lt;/i&gt;; quoted with permission.</li>" in result.stdout
    assert "Rights not stated in the fact base" in result.stdout


def test_html_of_one_topic_shows_only_its_facts_and_sources() -> None:
    result = export("html", "--topic", "ferries", facts=HOSTILE)
    assert result.exit_code == 0
    page = Page(result.stdout)
    assert "ferry-routes-2023" in page.ids and "routes-opened" in page.ids
    assert "ships-2023" not in page.ids and "script-sign" not in page.ids
    assert "source_day-paper" in page.ids and "source_night-paper" not in page.ids
    assert "have a fact of this topic" in result.stdout


def test_html_footer_carries_the_rights() -> None:
    shipped = export("html").stdout
    footer = shipped[shipped.index('<footer class="site">') :]
    assert "CC0 1.0" in footer
    assert "Tech focus helps Guizhou lead with high-quality growth: © China Daily. All rights reserved." in footer
    other = export("html", "--license", "ODbL-1.0", facts=MINI).stdout
    assert "offered under ODbL-1.0" in other
    assert "does not state a licence" in export("html", facts=MINI).stdout
    sheet = export("markdown").stdout
    assert "offered under [CC0 1.0](<https://creativecommons.org/publicdomain/zero/1.0/>)" in sheet
    assert "© China Daily. All rights reserved." in sheet


def test_a_big_sheet_written_to_a_file_is_split_into_pages_of_whole_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gzfacts.export.html.PAGE_FACTS", 3)
    target = tmp_path / "sheet.html"
    result = export("html", "--output", str(target), facts=HOSTILE)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet-001.html", "sheet-002.html", "sheet.html"]
    index = Page(target.read_text(encoding="utf-8"))
    assert [h for h in index.hrefs if h.startswith("sheet-")] == ["sheet-001.html", "sheet-002.html"]
    assert "4 of 5</strong> checkable sentences" in target.read_text(encoding="utf-8")
    first = Page((tmp_path / "sheet-001.html").read_text(encoding="utf-8"))
    second = Page((tmp_path / "sheet-002.html").read_text(encoding="utf-8"))
    assert {"script-sign", "img-onerror", "ships-2023", "ship-growth-2023"} <= set(first.ids)
    assert {"ferry-routes-2023", "routes-opened"} <= set(second.ids) and "script-sign" not in second.ids
    for page in (first, second):  # every highlight leads to a fact on its own page
        assert all(str(h["href"])[1:] in page.ids for h in page.highlights)
    assert "sheet-002.html" in first.hrefs and "sheet-001.html" in second.hrefs and "sheet.html" in second.hrefs
    refused = export("html", "--output", str(target), facts=HOSTILE)
    assert refused.exit_code == 2 and "exists" in refused.stderr
    one = export("html", "--output", str(tmp_path / "one.html"), "--one-page", facts=HOSTILE)
    assert one.exit_code == 0 and not (tmp_path / "one-001.html").exists()


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_of_the_mini_fact_base_is_stable() -> None:
    result = export("markdown", facts=MINI)
    assert result.exit_code == 0, result.output
    golden("export-mini.md", result.stdout)


@pytest.mark.parametrize(
    ("text", "line_start", "escaped"),
    [
        ("*stars* and _underscores_", False, r"\*stars\* and \_underscores\_"),
        ("[red] <b> & $5 @me", False, r"\[red\] \<b\> \& \$5 \@me"),
        ("12.5 percent", False, "12.5 percent"),
        ("1. first", True, r"1\. first"),
        ("- dash", True, r"\- dash"),
        ("two\nlines", False, "two lines"),
    ],
)
def test_markdown_escapes_what_could_be_read_as_markup(text: str, line_start: bool, escaped: str) -> None:
    assert escape(text, line_start=line_start) == escaped


def _footnotes_resolve(rendered: str, fact_ids: list[str], quotes: list[str]) -> None:
    """Every footnote reference in the HTML links to a footnote that exists, one per fact, with its quote."""
    refs = re.findall(
        r'<a href="#(fn[^"]+)"[^>]*class="footnote-ref"|class="footnote-ref"><a href="#(fn[^"]+)"', rendered
    )
    targets = [a or b for a, b in refs]
    assert len(targets) == len(fact_ids), "one footnote reference per fact"
    for target in targets:
        assert re.search(rf'<li id="{re.escape(target)}"', rendered), f"footnote {target} does not resolve"
    # pandoc's smart punctuation curls apostrophes, which the validator treats as the same character.
    flat = fold(html.unescape(re.sub(r"<[^>]+>", "", rendered)))
    for quote in quotes:
        assert fold(quote) in flat, f"quote not shown as written: {quote}"
    assert "<script>" not in re.sub(r"&lt;script&gt;", "", rendered)


def _ids_and_quotes(facts: Path) -> tuple[list[str], list[str]]:
    import yaml

    data = yaml.safe_load(facts.read_text(encoding="utf-8"))
    return [f["id"] for f in data["facts"]], [" ".join(f["quote"].split()) for f in data["facts"]]


@pytest.mark.parametrize("facts", [HOSTILE, None], ids=["hostile", "shipped"])
def test_markdown_footnotes_resolve_through_pandoc(facts: Path | None) -> None:
    pandoc = require_tool("pandoc")
    sheet = export("markdown", facts=facts).stdout
    rendered = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "html", "--wrap=none"], input=sheet, capture_output=True, text=True, check=True
    ).stdout
    from .conftest import ROOT

    _footnotes_resolve(rendered, *_ids_and_quotes(facts or ROOT / "facts.yaml"))


@pytest.mark.parametrize("facts", [HOSTILE, None], ids=["hostile", "shipped"])
def test_markdown_footnotes_resolve_through_commonmark(facts: Path | None) -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from .conftest import ROOT

    sheet = export("markdown", facts=facts).stdout
    rendered = MarkdownIt("commonmark").use(footnote_plugin).render(sheet)
    _footnotes_resolve(rendered, *_ids_and_quotes(facts or ROOT / "facts.yaml"))


# --- writing files --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_output_file_is_written_and_never_replaced_without_force(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"sheet.{fmt}"
    first = export(fmt, "--output", str(target), facts=MINI)
    assert first.exit_code == 0, first.output
    assert target.read_text(encoding="utf-8") == export(fmt, facts=MINI).stdout
    assert f"wrote {target}" in first.stderr
    target.write_text("my notes", encoding="utf-8")
    refused = export(fmt, "--output", str(target), facts=MINI)
    assert refused.exit_code == 2
    assert (
        refused.stderr == f"gzfacts: error: {target} exists\ngzfacts: give --force to replace it, or another --output\n"
    )
    assert target.read_text(encoding="utf-8") == "my notes"
    forced = export(fmt, "--output", str(target), "--force", facts=MINI)
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>" if fmt == "html" else "# Fact sheet")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], "a temporary file was left behind"


def test_unwritable_outputs_get_a_clear_error_and_change_nothing(tmp_path: Path) -> None:
    missing = export("html", "--output", str(tmp_path / "no" / "such" / "dir" / "x.html"), facts=MINI)
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr and "Traceback" not in missing.output
    directory = export("html", "--output", str(tmp_path), facts=MINI)
    assert directory.exit_code == 2 and "is a directory" in directory.stderr
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        result = export("html", "--output", str(locked / "x.html"), facts=MINI)
        assert result.exit_code == 2 and "not writable" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == (["locked"] if os.geteuid() != 0 else [])


def test_an_export_that_fails_half_way_leaves_the_old_file_whole(tmp_path: Path) -> None:
    import io

    from gzfacts.export.writing import write_text

    target = tmp_path / "sheet.html"
    target.write_text("the old sheet", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield "<!DOCTYPE html>"
        raise KeyboardInterrupt  # Ctrl-C half way through

    with pytest.raises(KeyboardInterrupt):
        write_text(target, chunks, io.StringIO(), force=True)
    assert target.read_text(encoding="utf-8") == "the old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.html"]


def test_unknown_topic_is_an_error_with_suggestions_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "x.html"
    result = export("html", "--topic", "ferry", "--output", str(target), facts=MINI)
    assert result.exit_code == 1
    assert result.stderr == "gzfacts: error: no topic with id 'ferry'\ngzfacts: did you mean: ferries?\n"
    assert not target.exists()


def test_sqlite_needs_an_output_file() -> None:
    result = export("sqlite", facts=MINI)
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_a_missing_system_tool_skips_locally_and_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_tool("pandoc")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y pandoc"):
        require_tool("pandoc")


@pytest.mark.parametrize("command", ["html", "markdown", "sqlite"])
def test_every_export_command_has_help_led_by_examples(command: str) -> None:
    result = runner.invoke(app, ["export", command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.index("Examples:") < result.stdout.index("Options:")


def test_a_split_export_stopped_half_way_leaves_none_of_its_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are written into a temporary folder and moved into place together: a failure
    while the second page is rendered leaves nothing (no page, no temporary file or folder)."""
    from gzfacts.export import html

    monkeypatch.setattr("gzfacts.export.html.PAGE_FACTS", 3)
    render = html.render
    calls = []

    def failing(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return render(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(html, "render", failing)
    result = export("html", "--output", str(tmp_path / "sheet.html"), facts=HOSTILE)
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_only_regular_files_are_ever_written_forced_or_not(tmp_path: Path, force: list[str]) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = tmp_path / "target.html"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    for path, kind in ((fifo, "not a regular file"), (link, "a symlink"), (Path("/dev/null"), "not a regular file")):
        result = export("html", "--output", str(path), *force, facts=MINI)
        assert result.exit_code == 2, result.output
        assert kind in result.stderr and "--force" not in result.stderr
    assert fifo.is_fifo() and link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_short_o_names_the_output_file(fmt: str, tmp_path: Path) -> None:
    """`export html -o x.html` writes the file, as `--output` does (for export, -o is the file)."""
    target = tmp_path / f"x.{fmt}"
    result = export(fmt, "-o", str(target), facts=MINI)
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.stderr
    assert target.read_text(encoding="utf-8") == export(fmt, facts=MINI).stdout


def test_a_copy_of_the_shipped_base_states_its_licence(tmp_path: Path) -> None:
    """A clone's facts.yaml beside an installed gzfacts is the shipped base, byte for byte: its
    export states CC0 1.0 as the shipped one's does; an edited copy states nothing it cannot know."""
    from gzfacts.export.rights import SHIPPED_LICENSE, fact_base_license
    from gzfacts.project import shipped_path

    copy = tmp_path / "facts.yaml"
    copy.write_bytes(shipped_path().read_bytes())
    assert fact_base_license(copy) == SHIPPED_LICENSE
    copy.write_bytes(shipped_path().read_bytes().replace(b"26.9", b"27.9"))
    assert fact_base_license(copy) is None
