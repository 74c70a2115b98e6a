"""An open draft as the language server keeps it: paragraphs, their findings, and where each
checked part stands. No pygls here: offsets are 0-based code points into the document's text.

A document is cut into paragraphs (blank-line separated; in Markdown a fenced code block or
the front matter stays one paragraph however many blank lines it holds). Each paragraph is read
into sentences and checked once; after an edit only the paragraphs whose text changed are
checked again, and the others keep their findings, moved to where the paragraph now stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gzfacts.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.checking import Finding, Part
    from gzfacts.drafts import Sentence
    from gzfacts.model import Fact, Source

#: The verdicts a diagnostic can be published for, and the levels each may be given.
LEVELS = ("error", "warning", "information", "hint", "off")
#: The level of each verdict unless the client's initializationOptions say otherwise:
#: supported and no-claim sentences are published only when asked for.
DEFAULT_SEVERITY: dict[str, str] = {
    "contradicted": "error",
    "unverifiable": "warning",
    "supported": "off",
    "no-claim": "off",
}


def severity_map(options: Mapping[str, object] | None) -> dict[str, str]:
    """The level of each verdict: DEFAULT_SEVERITY with the client's `severity` option over it
    ({"unverifiable": "information", "supported": "hint"}); UsageError naming a bad entry."""
    chosen = dict(DEFAULT_SEVERITY)
    if not options:
        return chosen
    for verdict, level in options.items():
        if verdict not in chosen:
            raise UsageError(f"severity: unknown verdict {verdict!r}; verdicts: {', '.join(chosen)}")
        if not isinstance(level, str) or level.lower() not in (*LEVELS, "info"):
            raise UsageError(f"severity: {verdict} takes one of {', '.join(LEVELS)}, not {level!r}")
        chosen[verdict] = "information" if level.lower() == "info" else level.lower()
    return chosen


# --- paragraphs -------------------------------------------------------------------------------

#: A paragraph: from a non-blank character up to a blank line (CRLF or LF).
_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t\r]*\n))*")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})(.*)")
_FRONT_OPEN = re.compile(r"(---|\+\+\+)[ \t]*\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.|\+\+\+)[ \t]*$", re.M)


def paragraphs(text: str, *, markdown: bool) -> list[tuple[int, int]]:
    """The [start, end) spans of the paragraphs of `text`, each from the start of its first line.

    In Markdown, a fenced code block and the front matter stay whole across blank lines, and an
    indented paragraph stays with the one before it, so that a paragraph read alone is read as it
    is in the whole document.
    """
    spans = [
        (text.rfind("\n", 0, m.start()) + 1, m.start() + len(m.group().rstrip())) for m in _PARAGRAPH.finditer(text)
    ]
    if not markdown:
        return spans
    glued_to = 0
    front = _FRONT_OPEN.match(text)
    if front:
        closing = _FRONT_CLOSE.search(text, front.end())
        glued_to = closing.end() if closing else 0
    merged: list[tuple[int, int]] = []
    fence: str | None = None
    for start, end in spans:
        # An indented paragraph belongs to what comes before it: a list item's second paragraph,
        # a nested list, an indented code block; read alone it would be read otherwise.
        indented = text[start] in " \t"
        if merged and (fence is not None or start < glued_to or indented):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
        for line in text[start:end].splitlines():
            found = _FENCE.match(line)
            if not found:
                continue
            marks = found.group(1)
            if fence is None:
                fence = marks
            elif marks[0] == fence[0] and len(marks) >= len(fence) and not found.group(2).strip():
                fence = None
    return merged


# --- findings placed in the document ------------------------------------------------------------


class Span(NamedTuple):
    """A stretch of the document that a diagnostic or a hover covers, and the part checked there
    (None for a whole sentence)."""

    start: int
    end: int
    part: Part | None


class Placed(NamedTuple):
    """A finding with its sentence's offsets in the document and each checked part's."""

    finding: Finding
    start: int
    end: int
    #: Every part of the finding where it stands (a part whose words are not found is left out).
    parts: tuple[Span, ...]
    #: The stretches the verdict rests on: the parts with the finding's verdict, else the
    #: aligned spans that disagree, else the sentence.
    marks: tuple[Span, ...]

    def moved(self, by: int, lines: int) -> Placed:
        """The same finding, `by` characters and `lines` lines further down the document."""
        if not by and not lines:
            return self
        finding = self.finding._replace(line=self.finding.line + lines, end_line=self.finding.end_line + lines)

        def shift(spans: tuple[Span, ...]) -> tuple[Span, ...]:
            return tuple(span._replace(start=span.start + by, end=span.end + by) for span in spans)

        return Placed(finding, self.start + by, self.end + by, shift(self.parts), shift(self.marks))


#: The alignment relations that make a sentence contradicted or unverifiable (for a finding
#: whose parts do not say where).
_DISAGREEING = {
    "contradicted": ("negation", "alternation"),
    "unverifiable": ("independent", "more-specific"),
}


def locate(words: str, text: str, near: int) -> tuple[int, int] | None:
    """Where `words` stand in `text` (markup and line breaks between them allowed: "**30
    percent**"), the occurrence nearest offset `near`; None when they are not there."""
    split = words.split()
    if not split:
        return None
    pattern = re.compile(r"[\s*_`~\[\]>]*".join(re.escape(word) for word in split))
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not found:
        return None
    return min(found, key=lambda span: abs(span[0] - near))


def place(finding: Finding, sentence: Sentence, text: str) -> Placed:
    """The finding on `sentence` with its parts located in `text`, the document (or paragraph)
    the sentence was read from."""
    window = text[sentence.start : sentence.end]
    whole = Span(sentence.start, sentence.end, None)
    parts = []
    for part in finding.parts:
        if part.kind == "claim" or part.text == finding.text:
            parts.append(whole._replace(part=part))
            continue
        found = locate(part.text, window, part.start)
        if found is not None:
            parts.append(Span(sentence.start + found[0], sentence.start + found[1], part))
    # The narrowest stretches with the finding's verdict: its parts, else the words of the
    # alignment that disagree, else the whole sentence.
    marks = [
        span
        for span in parts
        if span.part is not None and span.part.status == finding.verdict and span.part.kind != "claim"
    ]
    if not marks:
        for pair in finding.alignment:
            if pair.relation.value in _DISAGREEING.get(finding.verdict, ()) and pair.claim != finding.text:
                found = locate(pair.claim, window, pair.start)
                if found is not None:
                    marks.append(Span(sentence.start + found[0], sentence.start + found[1], None))
    return Placed(finding, sentence.start, sentence.end, tuple(parts), tuple(marks) or (whole,))


#: Checks sentences read from a paragraph's text: gzfacts.checking.check_sentences over a fact base.
Check = Callable[[Sequence["Sentence"]], list["Finding"]]


class Paragraph(NamedTuple):
    """A paragraph's findings, placed relative to the paragraph's own start and first line."""

    findings: tuple[Placed, ...]
    lines: int


class Draft:
    """One open document: its text, its paragraphs' findings, re-checked paragraph by paragraph."""

    def __init__(self, uri: str, *, markdown: bool) -> None:
        self.uri = uri
        self.markdown = markdown
        self.text = ""
        self.findings: list[Placed] = []
        #: Findings by paragraph text: a paragraph whose text is unchanged is not checked again.
        self._checked: dict[str, Paragraph] = {}
        #: How many paragraphs and sentences have been checked since the draft was opened.
        self.paragraphs_checked = 0
        self.sentences_checked = 0

    def update(self, text: str, check: Check) -> int:
        """Take the document's new text: check the paragraphs not checked before, reuse the
        others' findings. Returns how many paragraphs were checked."""
        from gzfacts.drafts import read_sentences

        spans = paragraphs(text, markdown=self.markdown)
        todo = {text[a:b] for a, b in spans if text[a:b] not in self._checked}
        sentences = {paragraph: read_sentences(paragraph, markdown=self.markdown) for paragraph in sorted(todo)}
        batch = [sentence for found in sentences.values() for sentence in found]
        findings = iter(check(batch) if batch else [])
        for paragraph, found in sentences.items():
            placed = tuple(place(next(findings), sentence, paragraph) for sentence in found)
            self._checked[paragraph] = Paragraph(placed, paragraph.count("\n"))
        self.paragraphs_checked += len(todo)
        self.sentences_checked += len(batch)
        # Only the paragraphs the text still has are kept.
        self._checked = {text[a:b]: self._checked[text[a:b]] for a, b in spans}
        self.text = text
        self.findings = []
        line = 0
        previous = 0
        for start, end in spans:
            line += text.count("\n", previous, start)
            previous = start
            self.findings.extend(placed.moved(start, line) for placed in self._checked[text[start:end]].findings)
        return len(todo)

    def forget(self) -> None:
        """Drop every finding (the fact base changed): the next update checks every paragraph."""
        self._checked.clear()

    def at(self, offset: int) -> tuple[Placed, Span] | None:
        """The finding and the checked part (or its sentence) at `offset`, the narrowest first."""
        best: tuple[Placed, Span] | None = None
        for placed in self.findings:
            if not placed.start <= offset <= placed.end:
                continue
            for span in placed.parts:
                if span.start <= offset <= span.end and (
                    best is None or span.end - span.start < best[1].end - best[1].start
                ):
                    best = (placed, span)
        return best


# --- what the hover and the code actions say ------------------------------------------------------


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_text(value: float, *, words: bool = False) -> str:
    """A fact's value as a draft writes it: 10,250; 26.9; with `words`, zero to ten in words."""
    if words and float(value).is_integer() and 0 <= value <= 10:
        return _NUMBER_WORDS[int(value)]
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def corrected_figure(part_text: str, fact: Fact) -> str | None:
    """The part's words with its figure replaced by the fact's ("30 percent of GDP" -> "26.9
    percent of GDP"); None when the part has no figure or the fact no value."""
    from gzfacts.quantities import quantities

    if fact.value is None or isinstance(fact.value, bool):
        return None
    found = quantities(part_text)
    if not found:
        return None
    said = found[0]
    at = part_text.find(said.number, said.start)
    if at < 0:
        return None
    # Written as the draft wrote its own: "five consecutive years" -> "four consecutive years".
    number = number_text(fact.value, words=said.number.isalpha())
    return part_text[:at] + number + part_text[at + len(said.number) :]


def corrected_year(part_text: str, fact: Fact) -> str | None:
    """The part's words with its year replaced by the fact's period, when that is one year."""
    if not fact.period or not re.fullmatch(r"\d{4}", fact.period):
        return None
    found = re.search(r"\b\d{4}\b", part_text)
    if found is None:
        return None
    return part_text[: found.start()] + fact.period + part_text[found.end() :]


def citation_text(source: Source, style: str) -> str:
    """What is inserted after a sentence to cite its source: " (reference)" in `style`."""
    from gzfacts.cite import REFERENCES, reference

    if style not in REFERENCES:
        raise UsageError(f"citationStyle: unknown reference style {style!r}; styles: {', '.join(REFERENCES)}")
    return f" ({reference(source, style).strip().rstrip('.')})"


def fact_markdown(fact: Fact, source: Source, value: str, part: Part | None) -> str:
    """A hover's text: what was checked, the fact, its value and period, the verbatim quote
    and the citation, in Markdown."""
    from gzfacts.cite import markdown_text, reference

    lines = []
    if part is not None:
        verdict = part.status + (f" ({part.note})" if part.note else "")
        lines.append(f"**{markdown_text(part.text)}**: {verdict}")
        lines.append("")
    lines.append(f"**Fact** `{fact.id}`: {markdown_text(fact.claim)}")
    lines.append("")
    lines.append(f"- value: {markdown_text(value)}")
    lines.append(f"- period: {markdown_text(fact.period or 'none')}")
    lines.append(f"- said by: {markdown_text(fact.said_by())}")
    lines.append("")
    lines.append("> " + markdown_text(fact.quote))
    lines.append("")
    lines.append("\u2014 " + reference(source, "markdown"))
    return "\n".join(lines)
