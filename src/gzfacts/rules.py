"""The rules `gzfacts validate` checks, each with a stable code (as linters such as ruff have).

A code never changes meaning once released: scripts filter on it (`--json | jq 'select(.code=="Q301")'`).
F: the file itself; S: the schema of a record; R: ids and references; Q: a fact against its quote;
A: aliases. The A rules and R208 are warnings (WARNINGS): `validate` lists them, and fails on them only with
`--fail-on warning`; a base with warnings is still served.
"""

from __future__ import annotations

UNREADABLE = "F001"
YAML_SYNTAX = "F002"
STRUCTURE = "F003"
UNKNOWN_FIELD = "S101"
MISSING_FIELD = "S102"
WRONG_TYPE = "S103"
BAD_DATE = "S104"
TAG_OR_ANCHOR = "S105"
DUPLICATE_KEY = "S106"
DRAFT = "S107"
DUPLICATE_ID = "R201"
FACT_ID_IS_TOPIC = "R202"
UNKNOWN_TOPIC = "R203"
UNKNOWN_SOURCE = "R204"
SOURCE_TEXT = "R205"
NO_FACTS = "R206"
SOURCE_OUTSIDE = "R207"
SOURCE_UNQUOTED = "R208"
NOT_VERBATIM = "Q301"
VALUE_NOT_IN_QUOTE = "Q302"
PERIOD_NOT_IN_QUOTE = "Q303"
INFERRED_NOT_IN_QUOTE = "Q304"
INFERRED_WITHOUT_PERIOD = "Q305"
INFERRED_PERIOD_WRONG = "Q306"
PERIOD_NOT_SPAN = "Q307"
PLACE_UNMARKED = "Q308"
PERIOD_OF_OTHER_FIGURE = "Q309"
ALIAS_SHARED = "A401"
ALIAS_STOP_WORDS = "A402"

#: The codes whose problems are warnings (Problem.level "warning").
WARNINGS = frozenset({ALIAS_SHARED, ALIAS_STOP_WORDS, SOURCE_UNQUOTED})

#: Every rule: code -> what it checks (docs/schema.md lists the same table).
RULES: dict[str, str] = {
    UNREADABLE: "the file cannot be read: missing, not a regular file, over the size cap, binary or not UTF-8",
    YAML_SYNTAX: "the YAML cannot be parsed: a syntax error, a control character, a tab used for indentation",
    STRUCTURE: "the file is empty, not a mapping, holds more than one document or nests too deep",
    UNKNOWN_FIELD: "a field the schema does not have (with the closest field name)",
    MISSING_FIELD: "a required field is missing or empty",
    WRONG_TYPE: "a field has the wrong type or form: a list for a text, a quoted number, a slug with capitals",
    BAD_DATE: "a date that is not a real YYYY-MM-DD date",
    TAG_OR_ANCHOR: "a YAML tag, anchor or alias",
    DUPLICATE_KEY: "a key written twice in one mapping",
    DRAFT: "a draft fact (`draft: true`), as `gzfacts extract` writes them",
    DUPLICATE_ID: "two sources, topics or facts with the same id",
    FACT_ID_IS_TOPIC: "a fact id that is also a topic id",
    UNKNOWN_TOPIC: "a fact's topic is not declared (with the closest topic id)",
    UNKNOWN_SOURCE: "a fact's source is not declared (with the closest source id)",
    SOURCE_TEXT: "a source's text file cannot be read",
    NO_FACTS: "the fact base has no facts yet",
    SOURCE_UNQUOTED: "warning: a source no fact quotes: its text is read and exported for nothing",
    SOURCE_OUTSIDE: "a source's `path` is absolute, passes through a hidden file or folder, or leads outside the fact "
    "base's folder (after symlinks): it is never read, so no export can publish another file of the machine",
    NOT_VERBATIM: "a quote is not verbatim in its source (with the nearest sentence and the first difference)",
    VALUE_NOT_IN_QUOTE: "a value is not written in its quote",
    PERIOD_NOT_IN_QUOTE: "a period is not written in its quote, and no `period_inferred_from` says why",
    INFERRED_NOT_IN_QUOTE: "the words of `period_inferred_from` are not in the quote",
    INFERRED_WITHOUT_PERIOD: "`period_inferred_from` without a `period`",
    INFERRED_PERIOD_WRONG: "an inferred period disagrees with the publication date and the words it is inferred from",
    PERIOD_NOT_SPAN: 'a period inferred from a stretch of years ("four consecutive years", '
    '"over the past two years"), or of a fact counting such a stretch, is not that span of years ("2015-2018")',
    PLACE_UNMARKED: "a quote stands in a photo caption, the standfirst or a byline (or in navigation or boilerplate) "
    "and the fact's `place` does not say so",
    PERIOD_OF_OTHER_FIGURE: "a period stands in its quote only in the clause of another figure, not in the clause "
    'of the value ("1,200,000 servers, up from 600,000 in 2019": 2019 is the period of 600,000)',
    ALIAS_SHARED: "warning: an alias naming what a fact counts (a word of its unit) is also an alias of a fact of "
    "another value",
    ALIAS_STOP_WORDS: 'warning: an alias made only of stop words ("when", "IT"), which no search matches',
}
