"""Citations as people paste them and as reference managers read them back: the CSL styles agree
with pandoc's citeproc, BibTeX is read by bibtexparser 2 and pybtex, CSL-JSON by pandoc."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gzfacts.cite import CSL_STYLES, csl_style_path, nest_quotes
from gzfacts.cli import app

from .conftest import MINI, require_tool

runner = CliRunner()
QUOTED_FACT = "remote-consultations-benefit-patients"  # its quote has quotation marks of its own


def gz(*args: str, facts: Path | None = None) -> Any:
    return runner.invoke(app, [*(["--facts", str(facts)] if facts else []), *args])


def pandoc() -> str:
    """The pandoc command."""
    return require_tool("pandoc")


def pandoc_bibliographies(items: list[dict[str, Any]], styles: list[Path], tmp_path: Path) -> list[list[str]]:
    """The bibliography pandoc's citeproc makes of CSL-JSON items in each CSL style, one entry a
    line. The pandoc processes run side by side: parsing a large style takes pandoc seconds."""
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps(items), encoding="utf-8")
    document = '---\nnocite: "@*"\n---\n'
    args = [pandoc(), "--citeproc", "--wrap=none", "-t", "plain", "--bibliography", str(refs)]
    runs = [
        subprocess.Popen([*args, "--csl", str(csl)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for csl in styles
    ]
    outputs = [run.communicate(document)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    return [[line for line in output.splitlines() if line.strip()] for output in outputs]


@pytest.fixture
def url_base(tmp_path: Path) -> Path:
    """The mini base, its source with a URL."""
    base = tmp_path / "base" / "facts.yaml"
    base.parent.mkdir()
    url = '    author: "Ana Silva"\n    url: "https://harbour.example/report"'
    base.write_text(MINI.read_text(encoding="utf-8").replace('    author: "Ana Silva"', url), encoding="utf-8")
    shutil.copytree(MINI.parent / "sources", base.parent / "sources")
    return base


# --- the CSL styles ---------------------------------------------------------------------------


def pandoc_notes(items: list[dict[str, Any]], csl: Path, tmp_path: Path) -> list[str]:
    """The footnotes pandoc's citeproc makes in a note style when each item is cited once, in order."""
    refs = tmp_path / "notes.json"
    refs.write_text(json.dumps(items), encoding="utf-8")
    document = "".join(f"Claim {i}.[@{item['id']}]\n\n" for i, item in enumerate(items))
    args = [pandoc(), "--citeproc", "--wrap=none", "-t", "plain", "--bibliography", str(refs), "--csl", str(csl)]
    output = subprocess.run(args, input=document, capture_output=True, text=True, check=True).stdout
    return [line.split("] ", 1)[1] for line in output.splitlines() if line.startswith("[")]


def test_csl_styles_agree_with_pandoc_citeproc(url_base: Path, tmp_path: Path) -> None:
    """Each CSL style's text, for a source with a page and one with a URL, is pandoc's: the
    reference-list entry of an author-date style, the footnote of a note style."""
    cases = [(QUOTED_FACT, None), ("ship-growth-2023", url_base)]
    items = [json.loads(gz("cite", fact, "--format", "json", facts=facts).stdout)[0] for fact, facts in cases]
    assert items[0]["author"] == [{"family": "Li", "given": "Xin", "static-ordering": True}]
    styles = [*CSL_STYLES, "nature"]  # and a numbered style: the number set apart
    # pandoc's citeproc reads `static-ordering` but does not apply it: where a style writes given
    # names in full, it is given the name as the style guides write it ("Li Xin"), so that the
    # rest of the entry is still compared; APA and Nature abbreviate and invert ("Li, X.") as is.
    in_full = {"mla", "chicago", "chicago-notes"}
    literal = [{**item, "author": [{"literal": "Li Xin"}]} if i == 0 else item for i, item in enumerate(items)]
    files = [csl_style_path(CSL_STYLES.get(style, style)) for style in styles]
    theirs = [
        pandoc_bibliographies(literal if style in in_full else items, [file], tmp_path)[0]
        for style, file in zip(styles, files, strict=True)
    ]
    for style, entries in zip(styles, theirs, strict=True):
        ours = [gz("cite", fact, "--style", style, facts=facts).stdout.splitlines()[0] for fact, facts in cases]
        if style == "chicago-notes":
            entries = pandoc_notes(literal, csl_style_path(CSL_STYLES[style]), tmp_path)
            assert len(entries) == 2
        if style not in CSL_STYLES:  # numbered: pandoc numbers its list, gzfacts cites each alone as [1]
            entries, ours = ([re.sub(r"^([\[(]?)\d+", r"\1N", entry) for entry in side] for side in (entries, ours))
        assert sorted(entries) == sorted(ours), style


def test_csl_styles_follow_the_style_guides() -> None:
    lines = {style: gz("cite", QUOTED_FACT, "--style", style).stdout.splitlines()[0] for style in CSL_STYLES}
    title = "\u201cTech Focus Helps Guizhou Lead with High-Quality Growth.\u201d"
    assert lines == {
        "apa": "Li, X. (2019, October 1). Tech focus helps Guizhou lead with high-quality growth. China Daily, 12.",
        "mla": f"Li Xin. {title} China Daily, 1 Oct. 2019, p. 12.",
        "chicago": f"Li Xin. 2019. {title} China Daily, October 1.",
        "chicago-notes": "Li Xin, \u201cTech Focus Helps Guizhou Lead with High-Quality Growth,\u201d China Daily, "
        "October 1, 2019.",
    }


@pytest.fixture
def chen_hua_base(tmp_path: Path) -> Path:
    """The mini base, its source by Chen Hua (family name first), a second by Hua Chen (given name first)."""
    base = tmp_path / "chen" / "facts.yaml"
    base.parent.mkdir()
    text = MINI.read_text(encoding="utf-8").replace(
        '    author: "Ana Silva"', '    author: "Chen Hua"\n    author_family: "Chen"'
    )
    base.write_text(text, encoding="utf-8")
    shutil.copytree(MINI.parent / "sources", base.parent / "sources")
    return base


def test_a_family_name_first_keeps_its_order_in_every_style(chen_hua_base: Path) -> None:
    """Chen Hua is "Chen, H." in APA, "Chen Hua" in MLA and Chicago: never "Hua, C." or "Hua Chen"."""
    lines = {
        style: gz("cite", "--source", "harbour-report-2024", "--style", style, facts=chen_hua_base).stdout
        for style in CSL_STYLES
    }
    assert lines["apa"].startswith("Chen, H. (2024, March 5). Harbour town report.")
    assert lines["mla"].startswith("Chen Hua. \u201cHarbour Town Report.\u201d")
    assert lines["chicago"].startswith("Chen Hua. 2024.")
    assert lines["chicago-notes"].startswith("Chen Hua, \u201cHarbour Town Report,\u201d")
    bib = gz("cite", "--source", "harbour-report-2024", "--style", "bibtex", facts=chen_hua_base).stdout
    assert "author = {Chen, Hua}" in bib and "@article{chen2024harbour," in bib


def test_a_family_name_last_is_inverted_as_usual(chen_hua_base: Path) -> None:
    western = chen_hua_base.parent / "facts.yaml"
    western.write_text(western.read_text(encoding="utf-8").replace('"Chen Hua"', '"Hua Chen"'), encoding="utf-8")
    item = json.loads(gz("cite", "--source", "harbour-report-2024", "-o", "json", facts=western).stdout)[0]
    assert item["author"] == [{"family": "Chen", "given": "Hua"}]
    notes = gz("cite", "--source", "harbour-report-2024", "--style", "chicago-notes", facts=western).stdout
    assert notes.startswith("Hua Chen, ")


def test_a_source_url_is_in_every_reference(url_base: Path) -> None:
    for style in ["plain", "markdown", *CSL_STYLES]:
        result = gz("cite", "ship-growth-2023", "--style", style, facts=url_base)
        assert "https://harbour.example/report" in result.stdout, style


def test_any_shipped_csl_style_by_name_and_a_csl_file(tmp_path: Path) -> None:
    by_name = gz("cite", QUOTED_FACT, "--style", "IEEE")
    assert by_name.exit_code == 0
    assert "Tech focus helps Guizhou lead with high-quality growth" in by_name.stdout
    csl = tmp_path / "house.csl"
    csl.write_bytes(csl_style_path("apa").read_bytes())
    by_file = gz("cite", QUOTED_FACT, "--csl", str(csl))
    assert by_file.stdout == gz("cite", QUOTED_FACT, "--style", "apa").stdout
    missing = gz("cite", QUOTED_FACT, "--csl", str(tmp_path / "none.csl"))
    assert missing.exit_code == 2 and "no such CSL style file" in missing.stderr
    broken = tmp_path / "broken.csl"
    broken.write_text("<style>", encoding="utf-8")
    result = gz("cite", QUOTED_FACT, "--csl", str(broken))
    assert result.exit_code == 2 and "cannot use this CSL style" in result.stderr


def test_styles_and_formats_ignore_case() -> None:
    assert gz("cite", QUOTED_FACT, "--style", "APA").stdout == gz("cite", QUOTED_FACT, "--style", "apa").stdout
    assert gz("cite", QUOTED_FACT, "-o", "JSON").exit_code == 0


def test_unknown_style_suggests_near_names() -> None:
    result = gz("cite", QUOTED_FACT, "--style", "chicgo")
    assert result.exit_code == 2
    assert "did you mean: chicago" in result.stderr


# --- quotation marks --------------------------------------------------------------------------


def test_inner_quotation_marks_become_single() -> None:
    assert nest_quotes('"Over the years," said Pi.') == "\u2018Over the years,\u2019 said Pi."
    assert nest_quotes("\u201cYes,\u201d she said") == "\u2018Yes,\u2019 she said"
    for style in ["plain", "apa", "markdown"]:
        out = gz("cite", QUOTED_FACT, "--style", style).stdout
        assert "\u201c\u2018Over the past two years" in out, style
        assert '"' not in out and "\u201c\u201c" not in out


# --- several facts and topics -----------------------------------------------------------------


def test_a_topic_cites_each_of_its_facts_with_unique_keys() -> None:
    import bibtexparser

    text = gz("cite", "digital-economy", "--style", "bibtex").stdout
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    assert not library.failed_blocks
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys)) == 4
    assert "li2019tech-digital-economy-gdp-share-2018" in keys


def test_several_ids_make_one_csl_json_array() -> None:
    result = gz(
        "cite", "beipanjiang-bridge-height", "village-ecommerce-sites", "beipanjiang-bridge-height", "-o", "json"
    )
    data = json.loads(result.stdout)
    assert [item["id"] for item in data] == [
        "li2019tech-beipanjiang-bridge-height",
        "li2019tech-village-ecommerce-sites",
    ]


def test_an_unknown_id_among_several_is_not_found() -> None:
    result = gz("cite", "beipanjiang-bridge-height", "digital-econmy")
    assert result.exit_code == 1
    assert "digital-economy" in result.stderr


def test_pandoc_reads_every_csl_json_item(tmp_path: Path) -> None:
    data = json.loads(gz("cite", "digital-economy", "--format", "json").stdout)
    (entries,) = pandoc_bibliographies(data, [csl_style_path("apa")], tmp_path)
    assert len(entries) == len(data) == 4  # pandoc keeps one entry per item


# --- BibTeX read back -------------------------------------------------------------------------

HOSTILE = 'Costs {rose} 5% & fell_back at ~$3 #1 ^x \\ "quoted" } {'


@pytest.fixture
def hostile_base(tmp_path: Path) -> Path:
    """The mini base with a title and a quote full of BibTeX's special characters."""
    base = tmp_path / "facts.yaml"
    text = MINI.read_text(encoding="utf-8").replace('"Harbour town report"', json.dumps(HOSTILE))
    base.write_text(text, encoding="utf-8")
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    return base


def test_bibtex_with_special_characters_is_read_by_bibtexparser_2(hostile_base: Path) -> None:
    import bibtexparser

    text = gz("cite", "shipping", "--style", "bibtex", facts=hostile_base).stdout
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    assert not library.failed_blocks
    assert len(library.entries) == 2
    assert all(entry.fields_dict["year"].value == "2024" for entry in library.entries)


def test_bibtex_with_special_characters_is_read_by_pybtex(hostile_base: Path) -> None:
    from pybtex.database import parse_string

    text = gz("cite", "shipping", "--style", "bibtex", facts=hostile_base).stdout
    data = parse_string(text, "bibtex")
    assert len(data.entries) == 2
    entry = next(iter(data.entries.values()))
    assert entry.fields["journal"] == "Harbour Gazette"
    assert entry.fields["month"] == "March"  # the month macro, expanded
    assert r"\textbraceleft{}rose\textbraceright{}" in entry.fields["title"]


def test_bibtex_with_special_characters_is_read_by_bibtex_itself(hostile_base: Path, tmp_path: Path) -> None:
    """BibTeX itself (the program) reads every entry, with no error and no warning."""
    bibtex = require_tool("bibtex", package="texlive-binaries texlive-base")
    text = gz("cite", "shipping", "ferries", "--style", "bibtex", facts=hostile_base).stdout
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    done = subprocess.run([bibtex, "doc"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert "Warning" not in done.stdout and "error" not in done.stdout.lower(), done.stdout
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert bbl.count("\\bibitem") == 5
    assert "Harbour Gazette" in bbl and "March 2024" in bbl  # journal, month and year, as BibTeX styles want


# --- one reference per source; the source itself; the reference alone ---------------------------

APA_REFERENCE = "Li, X. (2019, October 1). Tech focus helps Guizhou lead with high-quality growth. China Daily, 12."
E_GOVERNMENT_QUOTES = [
    "\u201cGuizhou provincial government has taken a people-centered development approach, making use of big data "
    "to promote safety and improve people\u2019s livelihoods. It focuses on promoting equality and improving the "
    "efficiency of public services.\u201d",
    "\u201cCurrently, 83.1 percent of the provincial government affairs can be handled online.\u201d",
    "\u201cIt has ranked among the top three nationally in terms of e-governance for three consecutive years.\u201d",
]


def test_a_topic_gives_its_source_reference_once_with_each_quote_under_it() -> None:
    result = gz("cite", "e-government", "--style", "apa")
    assert result.exit_code == 0, result.output
    expected = [APA_REFERENCE, *E_GOVERNMENT_QUOTES]
    assert result.stdout.replace("'", "\u2019").splitlines() == expected


@pytest.mark.parametrize("flag", ["--no-quote", "--reference-only"])
def test_reference_only_prints_the_reference_once(flag: str) -> None:
    result = gz("cite", "e-government", "digital-economy", "--style", "apa", flag)
    assert result.exit_code == 0, result.output
    assert result.stdout == APA_REFERENCE + "\n"


def test_the_source_itself_can_be_cited() -> None:
    for args in (["--source", "china-daily-2019-10-01"], ["china-daily-2019-10-01"]):
        result = gz("cite", *args, "--style", "apa")
        assert (result.exit_code, result.stdout) == (0, APA_REFERENCE + "\n"), args
    plain = gz("cite", "--source", "china-daily-2019-10-01")
    assert plain.stdout.startswith("Li Xin, \u201cTech focus helps Guizhou lead with high-quality growth\u201d, China")
    assert "\u201c" not in plain.stdout.split("\u201d", 1)[1], "no quote after the reference"


def test_a_source_as_bibtex_is_one_entry_bibtexparser_reads() -> None:
    import bibtexparser

    text = gz("cite", "--source", "china-daily-2019-10-01", "--style", "bibtex").stdout
    library = bibtexparser.parse_string(text)  # type: ignore[attr-defined]
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == "li2019tech"
    assert entry.fields_dict["title"].value == "Tech focus helps Guizhou lead with high-quality growth"
    assert "note" not in entry.fields_dict
    topic = bibtexparser.parse_string(gz("cite", "digital-economy", "--style", "bibtex", "--no-quote").stdout)  # type: ignore[attr-defined]
    assert [e.key for e in topic.entries] == ["li2019tech"]


def test_a_source_as_csl_json_is_read_by_pandoc(tmp_path: Path) -> None:
    data = json.loads(gz("cite", "--source", "china-daily-2019-10-01", "-o", "json").stdout)
    assert [item["id"] for item in data] == ["li2019tech"] and "note" not in data[0]
    (entries,) = pandoc_bibliographies(data, [csl_style_path("apa")], tmp_path)
    assert entries == [APA_REFERENCE]


def test_an_unknown_source_is_not_found_with_near_ids() -> None:
    result = gz("cite", "--source", "china-daily")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        "gzfacts: error: no source with id 'china-daily'\ngzfacts: did you mean: china-daily-2019-10-01?\n"
    )
    far = gz("cite", "--source", "zzz")
    assert far.stderr.endswith("gzfacts: see `gzfacts sources` for the ids there are\n")


def test_nothing_to_cite_is_a_usage_error() -> None:
    result = gz("cite")
    assert result.exit_code == 2
    assert "nothing to cite" in result.stderr


def test_markdown_gives_each_quote_its_blockquote_and_the_reference_once() -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(gz("cite", "e-government", "--style", "markdown").stdout)
    assert html.count("<blockquote>") == 3
    assert html.count("Tech focus helps Guizhou lead") == 1
    assert html.rstrip().endswith("<em>China Daily</em>, 1 October 2019, page 12.</p>")
