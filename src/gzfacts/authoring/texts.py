"""Reading a source text and a publication date given on the command line, refusing bad input clearly."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from gzfacts.errors import FactBaseUnreadable, UsageError
from gzfacts.quotes import sentence_spans

#: Cap on a source text given to the authoring commands (an article is a few tens of kilobytes).
MAX_TEXT_BYTES = 16 * 1024 * 1024
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def read_source_text(path: str | Path, *, what: str = "source text") -> str:
    """The text of a source file: a regular UTF-8 text file within the cap, with at least one sentence.

    Raises UsageError (exit 2) with a one-line message saying what is wrong and where.
    """
    from gzfacts.loader.files import GIVE_THE_YAML_FILE, read_text

    file = Path(path)
    if file.is_dir():
        raise UsageError(f"{file}: is a directory, not a {what} file")
    if not file.exists():
        raise UsageError(f"{file}: no such file")
    try:
        text = read_text(file, MAX_TEXT_BYTES)
    except FactBaseUnreadable as exc:
        problem = exc.problems[0]
        hint = problem.hint.replace(GIVE_THE_YAML_FILE, f"give the {what} as UTF-8 plain text")
        raise UsageError(f"{problem.where}: {problem.message}; {hint}") from None
    if not text.strip():
        raise UsageError(f"{file}: the {what} is empty")
    if not any(_LETTERS.search(text[a:b]) for a, b in sentence_spans(text)):
        raise UsageError(f"{file}: the {what} has no sentences (no words at all); give the article's plain text")
    return text


def parse_date(raw: str, option: str = "--published") -> str:
    """A YYYY-MM-DD date that exists, as given; UsageError otherwise."""
    value = raw.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"{option} {raw!r} is not a date: write it as YYYY-MM-DD, such as 2024-03-05")
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {raw!r} is not a date that exists (check the month and the day)") from None
    return value


def slug(text: str, fallback: str = "source") -> str:
    """A kebab-case id made from `text` ("Harbour report 2024.txt" -> "harbour-report-2024")."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words) or fallback
