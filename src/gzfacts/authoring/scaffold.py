"""`gzfacts init`: a new fact base, with comments that say what each field is for. Never overwrites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from gzfacts.authoring.texts import parse_date, read_source_text, slug
from gzfacts.errors import UsageError


class SourceDetails(NamedTuple):
    """What `init` knows of the first source (empty strings are left for the author to fill in)."""

    file: Path | None = None
    title: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    author_family: str = ""


#: gzfacts' documentation site: the fact-base schema and the writing rules, for an installed copy too.
DOCS_URL = "https://gzfacts.readthedocs.io/"

TEMPLATE = """\
# A gzfacts fact base. Check it after every edit with:  gzfacts validate {validate_path}
# Each field is explained beside it below, and validate says what is wrong and how to fix it.
# The schema and the writing rules: {docs_url} (`gzfacts schema` prints the records' fields as JSON Schema).

# sources: the published texts the facts quote. Keep each text, verbatim, in sources/.
sources:
  - id: {source_id}  # how facts refer to this source (kebab-case)
    title: {title}  # the headline, as printed
    author: {author}  # the byline, as printed ("Li Xin")
    author_family: {author_family}  # the family name, a word of `author` ("Chen" of "Chen Hua"; else the last word)
    publisher: {publisher}  # the newspaper or publisher
    published: {date}  # "YYYY-MM-DD": the print or first publication date ("last year" is read against it)
    url: {url}  # where it can be read online (optional)
    path: {path}  # the verbatim text, relative to this file

# topics: groups of facts; `gzfacts show TOPIC` lists a topic's facts. Add your own.
topics:
  - id: general  # kebab-case; no fact may have the same id
    title: "General"  # a short title
    summary: "Facts not yet given a topic of their own."  # one line: what the topic covers

# facts: each a claim in your own words, resting on a verbatim quote of a source.
# - `gzfacts extract {text_path} --published {date_hint} --source-id {source_id} >> {yaml_path}`
#   appends candidate facts below: drafts, refused by validate until you have checked each one,
#   chosen its topic, written its claim and removed `draft: true`.
# - `gzfacts --facts {yaml_path} quote "a few words"` prints a sentence's exact text and a stub.
# Fields: id, topic, claim, quote, source, value (a number, as in the quote), unit (what the value
# counts), period ("2023"), period_inferred_from ("Last year", when the quote implies the period),
# qualifier ("more than"), attributed_to (who says it), aliases (words readers search for).
facts:
"""


def init(directory: Path, details: SourceDetails) -> list[Path]:
    """Create `directory`/facts.yaml (and copy the source text into `directory`/sources/); the files made.

    Refuses (UsageError) rather than overwrite any file, and checks every input before writing.
    """
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: exists and is not a directory")
    facts_file = directory / "facts.yaml"
    if facts_file.exists():
        raise UsageError(f"{facts_file}: already exists; init never overwrites a file (choose another directory)")
    date = parse_date(details.date, "--date") if details.date else ""
    text_name = "source.txt"
    data: bytes | None = None
    if details.file is not None:
        read_source_text(details.file)  # refuses empty, binary, huge, a directory, text without sentences
        data = details.file.read_bytes()
        text_name = slug(details.file.stem) + ".txt"
    text_file = directory / "sources" / text_name
    if data is not None and text_file.exists():
        raise UsageError(f"{text_file}: already exists; init never overwrites a file")
    source_id = slug(Path(text_name).stem)

    def field(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    shown = str(directory) if str(directory) not in ("", ".") else "."
    prefix = "" if shown == "." else shown.rstrip("/") + "/"
    content = TEMPLATE.format(
        validate_path=shown,
        docs_url=DOCS_URL,
        source_id=source_id,
        title=field(details.title),
        author=field(details.author),
        author_family=field(details.author_family) if details.author_family else "null",
        publisher=field(details.publisher),
        date=field(date),
        url=field(details.url) if details.url else "null",
        path=field(f"sources/{text_name}"),
        text_path=f"{prefix}sources/{text_name}",
        yaml_path=f"{prefix}facts.yaml",
        date_hint=date or "YYYY-MM-DD",
    )
    made: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if data is not None:
            text_file.parent.mkdir(exist_ok=True)
            with text_file.open("xb") as binary:  # "x": fail rather than overwrite, even in a race
                binary.write(data)
            made.append(text_file)
        with facts_file.open("x", encoding="utf-8") as out:
            out.write(content)
        made.append(facts_file)
    except FileExistsError as exc:
        raise UsageError(f"{exc.filename}: already exists; init never overwrites a file") from None
    except OSError as exc:
        raise UsageError(f"{exc.filename or directory}: cannot write: {exc.strerror or exc}") from None
    return made
