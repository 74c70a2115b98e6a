"""How a view says a table or a card should look: columns, widths, highlights. Plain data:
the drawing is gzfacts.output.tables'."""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation
# into a ForwardRef, which every run of the command would pay for (issue 23).
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

Record = Mapping[str, Any]
#: The widest a prose column (a claim, a quote, check's sentences) is drawn: a longer line is
#: hard to read. Columns of figures and ids are never held to it: they take the room there is.
MEASURE = 100


class Card(NamedTuple):
    """One record for people: a title and label/value rows (`show FACT` in a table format).

    With `context`, (before, exact, after): the quote as it stands in the source, with the
    sentences around it, shown in place of the "quote" row.
    """

    title: str
    rows: list[tuple[str, str]]
    context: tuple[str, str, str] | None = None


class Column:
    """A table column: its header, the record key it shows, and how it may be drawn.

    `below` names further keys whose values are shown under this one's, in the same cell (each
    with its style from `below_styles`);
    `note` names a key shown dimmed under those, as "key: value", where it has a value (in
    plain tables it becomes a column of its own when any record has one); `notes` holds it, and
    the keys of columns folded under this one when a table is narrow ("topic: e-government");
    `whole` keeps values (ids) unbroken: the column is as wide as its widest value.
    """

    __slots__ = (
        "below",
        "below_styles",
        "fold",
        "header",
        "justify",
        "key",
        "most",
        "no_wrap",
        "notes",
        "ratio",
        "style",
        "whole",
    )

    def __init__(
        self,
        header: str,
        key: str,
        ratio: int | None = None,
        justify: Literal["left", "right"] = "left",
        style: str | None = None,
        no_wrap: bool = False,
        below: str | tuple[str, ...] = (),
        whole: bool = False,
        note: str | None = None,
        below_styles: tuple[str | None, ...] = (),
        most: int | None = None,
        fold: bool = False,
    ) -> None:
        self.header, self.key, self.ratio, self.justify = header, key, ratio, justify
        self.style, self.no_wrap, self.whole = style, no_wrap, whole
        self.below: tuple[str, ...] = (below,) if isinstance(below, str) else below
        self.notes: tuple[str, ...] = (note,) if note else ()
        self.below_styles = below_styles
        #: The widest the column is drawn (MEASURE for prose columns with a ratio).
        self.most = most if most is not None else MEASURE if ratio else None
        #: When the table does not fit, the column moves under the first column's value.
        self.fold = fold


class TableSpec:
    """What a table shows: its columns, an optional title and caption, and spans to highlight
    per record and key."""

    __slots__ = ("caption", "columns", "highlights", "title")

    def __init__(
        self,
        columns: list[Column],
        title: str | None = None,
        caption: str | None = None,
        highlights: Sequence[Mapping[str, Sequence[tuple[int, int]]]] = (),
    ) -> None:
        self.columns, self.title, self.caption, self.highlights = columns, title, caption, highlights
