"""The index's database layout, derived from the records' field declarations (gzfacts.model).

Each record table holds one column per declared field, named as the field, plus the columns
the index adds (order of writing, where it was written, a fact's anchor).

What is stored once, to keep the index small (see docs/performance.md, "Larger bases"): a record's file is a
number (`origins`, numbered in path order so that ordering by it is ordering by path); a source's
text is kept in `blocks` of TEXT_BLOCK characters, each compressed; a fact's quote is left out
(NULL) when it is exactly its source text's [start:end] slice, and selected as the compressed
block(s) holding it, which `rows.checked` cuts back into the quote before checking the row's
digest (computed over the quote itself, so a changed text or row never passes).
"""

from __future__ import annotations

from gzfacts.model import TEXT_LIST, Fact, Field, Record, Source, Topic, data_fields

#: Bump when the database layout or the text analysis changes: old indexes are then rebuilt.
FORMAT = "gzfacts-index-10"
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
#: A source text is stored in blocks of this many characters, each compressed on its own, so
#: that a quote is read by decompressing the one or two blocks that hold it, not the whole text.
TEXT_BLOCK = 1024
#: Files are numbered this far apart, so that an update can number a new file between two others.
FILE_GAP = 256
#: A file's number, from its path (an INSERT's value), and its path, from a row's number.
FILE_NUMBER = "(SELECT fno FROM origins WHERE path = ?)"
FILE_PATH = "(SELECT path FROM origins WHERE fno = {table}file)"


class Table:
    """A record table: the record it holds, the columns before and after the record's fields.

    Every row carries a `digest` of the record's columns and of the `checked` columns (among
    `tail`), checked whenever the row is read back (`rows.checked`), so that a damaged or
    hand-edited row is never served.
    """

    def __init__(
        self,
        name: str,
        record: type[Record],
        head: str,
        tail: str,
        key: str,
        checked: tuple[str, ...] = (),
        stored: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        self.record = record
        self.fields: tuple[Field, ...] = data_fields(record)
        self.head = head
        self.tail = tail
        self.key = key
        self.checked = checked
        #: Fields not always stored as they are, and the SQL that selects what `rows` reads them
        #: back from (`{table}` is where the table's name and a dot go, in a join).
        self.stored = stored or {}
        #: The columns that make a record, in the order `rows` maps them back: the fields, the
        #: origin (its file's path), the checked columns, the digest of all of them.
        self.columns = self.select()

    def select(self, table: str = "") -> str:
        """The columns that make a record, each named with `table` if given (for joins)."""
        prefix = f"{table}." if table else ""
        fields = [self.stored.get(f.name, f'{{table}}"{f.name}"') for f in self.fields]
        columns = [*fields, FILE_PATH, "{table}line", "{table}col", *(f"{{table}}{c}" for c in self.checked)]
        return ", ".join([*(c.format(table=prefix) for c in columns), f"{prefix}digest"])

    def create(self, name: str | None = None, *, keys: bool = True) -> str:
        """The CREATE TABLE statement (of a table `name` laid out alike, without its keys if not `keys`)."""
        columns = [
            self.head,
            *(_column(f, nullable=f.name in self.stored) for f in self.fields),
            self.tail,
            # A row with a position has a file: a path the index did not number is refused.
            "file INTEGER CHECK (file IS NOT NULL OR line IS NULL), line INTEGER, col INTEGER",
            "digest INTEGER NOT NULL",
        ]
        key = f", {self.key}" if keys and self.key else ""
        return f"CREATE TABLE {name or self.name}({', '.join(filter(None, columns))}{key});"

    def insert(self, name: str | None = None) -> str:
        """The INSERT statement of a row: the `head` and `tail` columns, then `rows.record_values()`
        (the file by its path), then the digest (`rows.row_digest()`)."""
        before = [*_names(self.head), *_names(self.tail), *(f'"{f.name}"' for f in self.fields)]
        names = [*before, *ORIGIN_COLUMNS, "digest"]
        values = [*(["?"] * len(before)), FILE_NUMBER, "?", "?", "?"]
        return f"INSERT INTO {name or self.name}({', '.join(names)}) VALUES ({', '.join(values)})"


def _column(field: Field, *, nullable: bool = False) -> str:
    # A list is stored as "" when empty; a field stored only when it cannot be derived is nullable.
    not_null = (field.required or field.kind is TEXT_LIST) and not nullable
    return f'"{field.name}" {field.kind.sql}{" NOT NULL" if not_null else ""}'.replace("  ", " ")


def _names(columns: str) -> list[str]:
    return [column.split()[0] for column in columns.split(",") if column.strip()]


#: A source's text (in `blocks`) is checked against its own digest when it is read whole
#: (`rows.stored_text`); sha256 is the hash of the file bytes it was decoded from, which keys its
#: reuse by updates.
SOURCES = Table(
    "sources",
    Source,
    "ord INTEGER NOT NULL",
    "sha256 TEXT NOT NULL, text_digest INTEGER NOT NULL",
    "PRIMARY KEY(id)",
    checked=("sha256", "text_digest"),
)
TOPICS = Table("topics", Topic, "ord INTEGER NOT NULL", "", "PRIMARY KEY(id)")
#: A quote left out is selected as the compressed block holding its start, and the next block
#: too when the quote runs into it (two raw DEFLATE streams, one after the other: `||` joins
#: them as bytes, CAST gives them back as a BLOB). A quote longer than a block is always stored.
_BLOCK = f"(SELECT data FROM blocks WHERE sid = {{table}}source AND n = {{table}}start / {TEXT_BLOCK}{{next}})"
_RUNS_ON = f'({{table}}"end" - 1) / {TEXT_BLOCK} > {{table}}start / {TEXT_BLOCK}'
_QUOTE = (
    f"coalesce({{table}}quote, CAST({_BLOCK.replace('{next}', '')} || "
    f"CASE WHEN {_RUNS_ON} THEN {_BLOCK.replace('{next}', ' + 1')} ELSE X'' END AS BLOB))"
)
FACTS = Table(
    "facts",
    Fact,
    "rowid INTEGER PRIMARY KEY, forder INTEGER NOT NULL",
    'start INTEGER NOT NULL, "end" INTEGER NOT NULL',
    "",  # its indexes (`INDEXES`) are made once the facts are in: smaller, and sooner made
    checked=("start", '"end"'),
    stored={"quote": _QUOTE},
)

#: FACTS.columns, each named with its table, for joins.
FACTS_QUALIFIED = FACTS.select("facts")


def in_files(count: int, column: str = "file") -> str:
    """The SQL condition that a row's file is one of `count` paths (given as parameters)."""
    return f"{column} IN (SELECT fno FROM origins WHERE path IN ({', '.join('?' * count)}))"


#: The facts table's indexes: by id (unique), by topic in file order, in file order. A build makes
#: them after writing the facts (sorted once, and packed full), an update keeps them up to date.
INDEXES = (
    "CREATE UNIQUE INDEX facts_id ON facts(id)",
    "CREATE INDEX facts_topic ON facts(topic, file, forder)",
    "CREATE INDEX facts_order ON facts(file, forder)",
)


def schema() -> str:
    """The SQL that creates an empty index (without `INDEXES`)."""
    return f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE origins(fno INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE blocks(sid TEXT NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(sid, n)) WITHOUT ROWID;
CREATE TABLE files(path TEXT PRIMARY KEY, role TEXT NOT NULL, size INTEGER NOT NULL,
                   mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,
                   sha256 TEXT NOT NULL, seen_ns INTEGER NOT NULL);
{SOURCES.create()}
{TOPICS.create()}
{FACTS.create()}
CREATE TABLE words(term TEXT PRIMARY KEY, word TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5({", ".join(name for name, _ in FTS_COLUMNS)},
                                   tokenize="unicode61 remove_diacritics 0 tokenchars '.'", content='');
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row');
"""
