"""Reading a draft into sentences that keep their place in the file (1-based line and column).

Markdown is parsed with markdown-it-py: headings, paragraphs, list items and block quotes are
prose; code blocks, HTML blocks, tables and front matter are not, and inside prose, inline code,
URLs, link targets and HTML tags are blanked out (replaced by spaces, so that every offset still
points into the original text). Sentences are split with pysbd, which knows that "U.S.",
"No. 2", "26.9 percent" and "Dec. 2018" do not end one.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from gzfacts.errors import UsageError

#: The largest draft read, in bytes (a long book is a few MiB).
MAX_DRAFT_BYTES = 8 * 1024 * 1024
#: Paragraphs longer than this are cut at likely sentence ends before pysbd reads them: its
#: time grows faster than linearly with the length of what it is given.
_CHUNK = 4000


class DraftUnreadable(UsageError):
    """A draft that cannot be read: missing, a directory, binary, not UTF-8, or too large."""


class Sentence(NamedTuple):
    """One sentence of a draft: its text (whitespace folded) and where it stands, 1-based,
    end column exclusive."""

    text: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    #: Why this stretch of the draft was not read as sentences (nested past MAX_NESTING), or None.
    unread: str | None = None


#: How deep Markdown may nest (lists, block quotes: each list level is two) before the reader
#: stops: the parser's guard against a stack overflow. What lies deeper is reported, never skipped.
MAX_NESTING = 50


def read_draft(path: str) -> str:
    """The text of a draft file (`-` for standard input), or DraftUnreadable saying why not."""
    import sys

    if path == "-":
        data = sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1)
        where = "standard input"
    else:
        file = Path(path)
        where = path
        if file.is_dir():
            raise DraftUnreadable(f"{path}: is a directory; give a file (Markdown or plain text), or - for stdin")
        try:
            with file.open("rb") as handle:
                data = handle.read(MAX_DRAFT_BYTES + 1)
        except FileNotFoundError:
            raise DraftUnreadable(f"{path}: no such file") from None
        except OSError as exc:
            raise DraftUnreadable(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_DRAFT_BYTES:
        raise DraftUnreadable(
            f"{where}: larger than {MAX_DRAFT_BYTES // (1024 * 1024)} MiB; check it in parts (a draft, not a library)"
        )
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere in the file, not only its start: a NUL is never text
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise DraftUnreadable(f"{where}:{line}:{column}: looks binary (a NUL byte); give a Markdown or plain-text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DraftUnreadable(
            f"{where}:{line}:{column}: not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


class Lines:
    """Turns offsets in a text into 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of the character at `offset`."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


_LIKELY_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z])")


_INNER_END = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*\s+\S")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of the sentences of `text` (one paragraph of prose)."""
    spans: list[tuple[int, int]] = []
    if not _INNER_END.search(text.strip()):
        # One sentence at most (a claim, a heading, a list item): pysbd has nothing to decide.
        stripped = text.strip()
        return [(text.index(stripped), text.index(stripped) + len(stripped))] if stripped else []
    for chunk_start, chunk_end in _chunks(text):
        chunk = text[chunk_start:chunk_end].replace("\n", " ").replace("\r", " ")
        position = 0
        for piece in _segmenter().segment(chunk):
            found = chunk.find(piece, position)
            if found < 0:  # pysbd changed the text: fall back to where we are
                found = position
            start, end = found, found + len(piece)
            position = end
            stripped = chunk[start:end]
            left = len(stripped) - len(stripped.lstrip())
            right = len(stripped.rstrip())
            if stripped.strip():
                spans.append((chunk_start + start + left, chunk_start + start + right))
    return spans


def _chunks(text: str) -> list[tuple[int, int]]:
    if len(text) <= _CHUNK:
        return [(0, len(text))]
    chunks = []
    start = 0
    for match in _LIKELY_END.finditer(text):
        if match.end() - start >= _CHUNK:
            chunks.append((start, match.end()))
            start = match.end()
    chunks.append((start, len(text)))
    # A paragraph with no likely sentence end at all is cut hard, so no piece is huge.
    result = []
    for a, b in chunks:
        while b - a > 4 * _CHUNK:
            result.append((a, a + 4 * _CHUNK))
            a += 4 * _CHUNK
        result.append((a, b))
    return result


#: The longest run of text checked as one sentence. A longer one has no sentence end in it (a
#: column of figures, a pasted table, "7 7 7 ..."): it is checked in pieces of at most this
#: many characters, cut between words, so that checking stays linear in the draft's length.
MAX_SENTENCE_CHARS = 600


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut between words into pieces of at most MAX_SENTENCE_CHARS."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    found = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        found.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        found.append((start, end))
    return found


def _sentences(source: str, masked: str, blocks: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of the prose blocks of `masked` (same length as `source`), with positions."""
    lines = Lines(source)
    found = []
    for block_start, block_end in blocks:
        block = masked[block_start:block_end]
        spans = [piece for start, end in split_sentences(block) for piece in _pieces(block, start, end)]
        for start, end in spans:
            a, b = block_start + start, block_start + end
            text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(masked[a:b].split()))
            if not text:
                continue
            line, column = lines.position(a)
            end_line, end_column = lines.position(b - 1)
            found.append(Sentence(text, a, b, line, column, end_line, end_column + 1))
    return found


def plain_sentences(text: str) -> list[Sentence]:
    """The sentences of a plain text: paragraphs (blank-line separated), then pysbd."""
    blocks = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text)]
    return _sentences(text, text, blocks)


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S)
# Inline things that are not prose, blanked out of a Markdown block: code spans, autolinks and
# HTML tags, link and image targets, bare URLs, emphasis and heading markers.
#: Every stretch the noise pattern may scan for its end is bounded: an opener without a closer
#: ("[a](" a thousand times over) would otherwise make it scan to the end of the text from each
#: opener, in time that grows with the square of the draft.
_INLINE_NOISE = re.compile(
    r"(?P<code>(`+)[^`].{0,2000}?\2)"
    r"|(?P<auto><(?:https?://|mailto:)[^>\s]{0,2000}>)"
    r"|(?P<html></?[A-Za-z][^>\n]{0,2000}>|<!--.{0,5000}?-->)"
    r"|(?P<target>\]\([^)\n]{0,2000}\)|\]\[[^\]\n]{0,2000}\])"
    r"|(?P<url>\bhttps?://[^\s<>()]+|\bwww\.[^\s<>()]+)"
    r"|(?P<marks>!?\[|(?<!\w)[*_~]{1,3}|[*_~]{1,3}(?!\w)|^\s{0,3}#{1,6}(?=\s)|\s#+\s*$|^\s*(?:>\s?)+|^[=-]+[ \t]*$)",
    re.S | re.M,
)


def markdown_sentences(text: str) -> list[Sentence]:
    """The sentences of the prose of a Markdown document (headings, paragraphs, list items)."""
    from markdown_it import MarkdownIt

    masked = list(text)
    front = _FRONT_MATTER.match(text)
    body_from = front.end() if front else 0
    # The parser sees the front matter as empty lines, so its line numbers are the file's.
    body = "\n" * text.count("\n", 0, body_from) + text[body_from:]
    starts = [*Lines(text).starts, len(text)]
    blocks: list[tuple[int, int]] = []
    in_table = 0
    read = bytearray(len(starts) + 1)
    for token in MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").parse(body):
        in_table += {"table_open": 1, "table_close": -1}.get(token.type, 0)
        if token.map is not None and (token.type in _READ or token.type.startswith("table")):
            read[token.map[0] : token.map[1]] = b"\x01" * (token.map[1] - token.map[0])
        if token.type == "inline" and not in_table and token.map is not None:
            first, last = token.map
            blocks.append((starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]))
    for block_start, block_end in blocks:
        segment = text[block_start:block_end]
        for match in _INLINE_NOISE.finditer(segment):
            for i in range(block_start + match.start(), block_start + match.end()):
                if masked[i] not in "\r\n":
                    masked[i] = " "
        # List markers and block-quote markers at the start of each line are not prose.
        for match in re.finditer(r"^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?", segment, re.M):
            for i in range(block_start + match.start(), block_start + match.end()):
                masked[i] = " "
    return sorted(_sentences(text, "".join(masked), blocks) + _unread(text, read, body_from), key=lambda s: s.start)


#: Block tokens whose lines the reader has read (prose) or means to leave (code, HTML).
_READ = frozenset({"inline", "fence", "code_block", "html_block"})


def _unread(text: str, read: bytearray, body_from: int) -> list[Sentence]:
    """The stretches of the body the Markdown parser gave up on (nested past MAX_NESTING), each
    one Sentence that says so: a draft's text is never skipped without a word."""
    starts = Lines(text).starts
    ends = [*starts[1:], len(text)]
    found = []
    run: list[int] = []
    first = Lines(text).position(body_from)[0] - 1 if body_from else 0
    for index in range(first, len(starts) + 1):
        if index < len(starts) and not read[index] and re.search(r"\w", text[starts[index] : ends[index]]):
            run.append(index)
            continue
        if run:
            start, end = starts[run[0]], ends[run[-1]]
            end = len(text[:end].rstrip("\r\n"))
            note = (
                f"not read: Markdown nested more than {MAX_NESTING} levels deep (lines {run[0] + 1}-{run[-1] + 1}); "
                "nothing in it was checked"
            )
            words = " ".join(text[start:end].split())[:200]
            end_column = end - starts[run[-1]] + 1
            found.append(Sentence(words, start, end, run[0] + 1, 1, run[-1] + 1, end_column, note))
            run = []
    return found


def read_sentences(text: str, *, markdown: bool) -> list[Sentence]:
    """The sentences of a document, read as Markdown or as plain text."""
    return markdown_sentences(text) if markdown else plain_sentences(text)


def is_markdown(path: str, text: str, markdown: bool | None) -> bool:
    """Whether to read a draft as Markdown: as `markdown` says, else by its name's extension,
    else by how it looks (a heading, front matter, a fence or a list)."""
    if markdown is not None:
        return markdown
    if path.lower().endswith((".md", ".markdown", ".mdown", ".mkd")):
        return True
    if path.lower().endswith((".txt", ".text")):
        return False
    return bool(re.search(r"^(?:#{1,6}\s|---\s*$|```|[-*]\s)", text[:4096], re.M))
