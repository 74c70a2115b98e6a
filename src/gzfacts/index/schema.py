"""The index's database layout, derived from the records' field declarations (gzfacts.model).

Each record table holds one column per declared field, named as the field, plus the columns
the index adds (order of writing, where it was written, a fact's anchor and phrase terms).
"""

from __future__ import annotations

from gzfacts.model import TEXT_LIST, Fact, Field, Record, Source, Topic, data_fields

#: Bump when the database layout or the text analysis changes: old indexes are then rebuilt.
FORMAT = "gzfacts-index-8"
#: FTS5 columns and their BM25 weights.
FTS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("claim", 4.0),
    ("quote", 1.5),
    ("aliases", 3.0),
    ("topic", 2.0),
    ("attribution", 1.5),
    ("extra", 1.0),
)
#: Separates list items (aliases) and field sequences inside one column; banned from fact text.
SEP = "\x1f"
#: Where a record was written: the columns after its fields in every record table.
ORIGIN_COLUMNS = ("file", "line", "col")


class Table:
    """A record table: the record it holds, the columns before and after the record's fields.

    Every row carries a `digest` of the record's columns and of the `checked` columns (among
    `tail`), checked whenever the row is read back (`rows.checked`), so that a damaged or
    hand-edited row is never served.
    """

    def __init__(
        self, name: str, record: type[Record], head: str, tail: str, key: str, checked: tuple[str, ...] = ()
    ) -> None:
        self.name = name
        self.record = record
        self.fields: tuple[Field, ...] = data_fields(record)
        self.head = head
        self.tail = tail
        self.key = key
        self.checked = checked
        #: The columns that make a record, in the order `rows` maps them back: the fields, the
        #: origin, the checked columns, the digest of all of them.
        self.columns = ", ".join([*(f'"{f.name}"' for f in self.fields), *ORIGIN_COLUMNS, *checked, "digest"])

    def create(self, name: str | None = None, *, keys: bool = True) -> str:
        """The CREATE TABLE statement (of a table `name` laid out alike, without its keys if not `keys`)."""
        columns = [
            self.head,
            *(_column(f) for f in self.fields),
            self.tail,
            "file TEXT, line INTEGER, col INTEGER, digest INTEGER NOT NULL",
        ]
        key = f", {self.key}" if keys else ""
        return f"CREATE TABLE {name or self.name}({', '.join(filter(None, columns))}{key});"

    def insert(self, name: str | None = None) -> str:
        """The INSERT statement of a row: the `head` and `tail` columns, then `rows.record_values()`,
        then the digest (`rows.row_digest()`)."""
        names = [
            *_names(self.head),
            *_names(self.tail),
            *(f'"{f.name}"' for f in self.fields),
            *ORIGIN_COLUMNS,
            "digest",
        ]
        return f"INSERT INTO {name or self.name}({', '.join(names)}) VALUES ({', '.join(['?'] * len(names))})"


def _column(field: Field) -> str:
    not_null = field.required or field.kind is TEXT_LIST  # a list is stored as "" when empty
    return f'"{field.name}" {field.kind.sql}{" NOT NULL" if not_null else ""}'.replace("  ", " ")


def _names(columns: str) -> list[str]:
    return [column.split()[0] for column in columns.split(",") if column.strip()]


#: A source's text is checked against its own digest when it is read (`rows.checked_text`);
#: sha256 is the hash of the file bytes it was decoded from, which keys its reuse by updates.
SOURCES = Table(
    "sources",
    Source,
    "ord INTEGER NOT NULL",
    "text TEXT NOT NULL, sha256 TEXT NOT NULL, text_digest INTEGER NOT NULL",
    "PRIMARY KEY(id)",
    checked=("sha256", "text_digest"),
)
TOPICS = Table("topics", Topic, "ord INTEGER NOT NULL", "", "PRIMARY KEY(id)")
FACTS = Table(
    "facts",
    Fact,
    "rowid INTEGER PRIMARY KEY, forder INTEGER NOT NULL",
    'start INTEGER NOT NULL, "end" INTEGER NOT NULL',
    "UNIQUE(id)",
    checked=("start", '"end"'),
)

#: FACTS.columns, each named with its table, for joins.
FACTS_QUALIFIED = ", ".join(f"facts.{column.strip()}" for column in FACTS.columns.split(","))


def schema() -> str:
    """The SQL that creates an empty index."""
    return f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(path TEXT PRIMARY KEY, role TEXT NOT NULL, size INTEGER NOT NULL,
                   mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,
                   sha256 TEXT NOT NULL, seen_ns INTEGER NOT NULL);
{SOURCES.create()}
{TOPICS.create()}
{FACTS.create()}
CREATE INDEX facts_topic ON facts(topic, file, forder);
CREATE INDEX facts_order ON facts(file, forder);
CREATE INDEX facts_source ON facts(source);
CREATE TABLE words(term TEXT PRIMARY KEY, word TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5({", ".join(name for name, _ in FTS_COLUMNS)},
                                   tokenize="unicode61 remove_diacritics 0 tokenchars '.'", content='');
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row');
"""
