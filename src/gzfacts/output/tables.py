"""Tables and cards for people: drawn by Rich on a terminal (imported only then), plain
aligned text into a pipe or a file; and the progress bar of an index build."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import IO, Any

from gzfacts.output.spec import Card, Column, Record, TableSpec
from gzfacts.output.text import plain_cell, printable, wants_rich


def write_table(listing: Any, out: IO[str]) -> None:
    """A card or a table: drawn by Rich for a terminal (or FORCE_COLOR), else plain aligned text."""
    if wants_rich(out):
        _write_rich(listing, make_console(out))
        return
    out.write("".join(printable(line) + "\n" for line in listing.lines))
    if listing.card is not None:
        write_plain_card(listing.card, out)
    elif listing.table.columns:
        write_plain_table(listing.records, listing.table, out)


def _write_rich(listing: Any, console: Any) -> None:
    for line in listing.lines:
        console.print(printable(line))
    if listing.card is not None:
        write_card(listing.card, console)
    elif listing.table.columns:
        write_rich_table(listing.records, listing.table, console)


def make_console(out: IO[str], *, color: bool | None = None, width: int | None = None) -> Any:
    """A Rich console on `out`: colour only on a terminal (NO_COLOR, FORCE_COLOR and TERM=dumb
    honoured by Rich), never markup from data, and no cropping when `out` is not a terminal."""
    from rich.console import Console

    return Console(
        file=out,
        force_terminal=color,
        no_color=None if color is None else not color,
        markup=False,
        emoji=False,
        highlight=False,
        width=width,
        soft_wrap=False,
    )


def text(value: Any, style: str | None = None, spans: Sequence[tuple[int, int]] = ()) -> Any:
    """A Rich Text of a value, printable, with the given spans highlighted."""
    from rich.text import Text

    raw = plain_cell(value)
    safe = printable(raw)
    result = Text(safe, style=style or "")
    if spans and safe == raw:
        for start, end in spans:
            result.stylize("bold reverse", start, end)
    return result


def _cell_text(record: Record, column: Column, marks: Mapping[str, Sequence[tuple[int, int]]]) -> Any:
    cell = text(record.get(column.key), column.style, marks.get(column.key, ()))
    if column.below or column.notes:
        # The column's style is the first line's only: the claim under a cyan id is plain text.
        first, cell = cell, text("")
        cell.append_text(first)
    for index, key in enumerate(column.below):
        if record.get(key) in (None, ""):
            continue
        style = column.below_styles[index] if index < len(column.below_styles) else None
        cell.append("\n")
        cell.append_text(text(record.get(key), style, marks.get(key, ())))
    for key in column.notes:
        if plain_cell(record.get(key)):
            cell.append("\n")
            cell.append_text(text(f"{key}: {plain_cell(record.get(key))}", "dim"))
    return cell


#: Below this many columns a table would squeeze or drop cells: records are listed instead.
NARROW = 60


def _cell_lines(record: Record, column: Column) -> list[str]:
    lines = [printable(plain_cell(record.get(key))) for key in (column.key, *column.below)]
    lines += [printable(f"{key}: {plain_cell(record.get(key))}") for key in column.notes if plain_cell(record.get(key))]
    return [part for line in lines for part in line.split("\n")]


def column_widths(records: Sequence[Record], spec: TableSpec, available: int) -> list[int] | None:
    """The width of each column so that no word is broken and the table is no wider than its
    content: every column as wide as its widest line, prose columns (with a ratio: the claim,
    the quote) no wider than a reading measure (their `most`, MEASURE); if that does not fit,
    the other columns give up what they have beyond their own `most` (a value may wrap at 24
    cells when the room is needed, never while columns stand unused), then the prose columns
    give up their slack, then the others, never below their longest word (or their widest
    value, for `whole` and `no_wrap` columns). None when even that does not fit `available`
    cells: the records are then listed instead."""
    from rich.cells import cell_len

    natural: list[int] = []
    least: list[int] = []
    for column in spec.columns:
        lines = [line for record in records for line in _cell_lines(record, column)]
        words = [word for line in lines for word in line.split()]
        widest = max([cell_len(column.header), *(cell_len(line) for line in lines)])
        natural.append(widest)
        # An id is kept whole; the text under it (the claim) may wrap at its words.
        whole = [printable(plain_cell(r.get(column.key))) for r in records] if column.whole or column.no_wrap else []
        least.append(max([cell_len(column.header), *(cell_len(w) for w in [*words, *whole])]))
    if sum(least) > available:
        return None
    columns = spec.columns
    # Prose reads best at a measure: wider, the eye loses the line. Figures are not prose.
    widths = [min(n, max(m, c.most or n)) if c.ratio else n for n, m, c in zip(natural, least, columns, strict=True)]
    # First what the other columns have beyond their `most`, widest first.
    while sum(widths) > available:
        soft = [i for i, c in enumerate(columns) if not c.ratio and c.most and widths[i] > max(least[i], c.most)]
        if not soft:
            break
        i = max(soft, key=lambda j: widths[j] - max(least[j], columns[j].most or 0))
        widths[i] -= min(sum(widths) - available, widths[i] - max(least[i], columns[i].most or 0))
    # Then slack from the flexible columns (largest ratio first), then from the rest.
    order = sorted(range(len(widths)), key=lambda i: (columns[i].ratio is None, -(columns[i].ratio or 0)))
    while sum(widths) > available:
        excess = sum(widths) - available
        flexible = [i for i in order if widths[i] > least[i] and columns[i].ratio]
        pool = flexible or [i for i in order if widths[i] > least[i]]
        # Shrink the widest for its ratio first, so that flexible columns end up in proportion.
        i = max(pool, key=lambda j: widths[j] / (columns[j].ratio or 1))
        step = max(1, min(excess, widths[i] - least[i], max(1, excess // len(pool))))
        widths[i] -= step
    return widths


def _table_overhead(columns: int) -> int:
    # SIMPLE_HEAD: an edge cell each side, one separator between columns, padding of 1 each side.
    return 2 + (columns - 1) + 2 * columns


def write_rich_table(records: Sequence[Record], spec: TableSpec, console: Any) -> None:
    """A Rich table of the records, its columns sized by column_widths (on a narrow terminal,
    or when the words would not fit, a list: nothing is dropped or cut)."""
    widths = None
    if console.width >= NARROW:
        widths = column_widths(records, spec, console.width - _table_overhead(len(spec.columns)))
        folding = [c for c in spec.columns[1:] if c.fold]
        if widths is None and folding:
            # Fold columns such as the topic under the id and claim rather than give up the table.
            first, kept = spec.columns[0], [c for c in spec.columns[1:] if not c.fold]
            merged = copy.copy(first)
            # Under the claim, labelled: a bare "e-government" under it reads as part of it.
            merged.notes = (*(c.key for c in folding), *first.notes)
            spec = TableSpec([merged, *kept], spec.title, spec.caption, spec.highlights)
            widths = column_widths(records, spec, console.width - _table_overhead(len(spec.columns)))
    if widths is None:
        _write_list(records, spec, console)
        return
    from rich import box
    from rich.table import Table

    table = Table(
        title=printable(spec.title) if spec.title else None,
        caption=printable(spec.caption) if spec.caption else None,
        box=box.SIMPLE_HEAD,
        expand=False,
        show_lines=any(c.below for c in spec.columns),
        title_justify="left",
        caption_justify="left",
    )
    for column, width in zip(spec.columns, widths, strict=True):
        table.add_column(column.header, justify=column.justify, overflow="fold", width=width, no_wrap=column.no_wrap)
    for index, record in enumerate(records):
        marks = spec.highlights[index] if index < len(spec.highlights) else {}
        table.add_row(*(_cell_text(record, c, marks) for c in spec.columns))
    console.print(table)


def _write_list(records: Sequence[Record], spec: TableSpec, console: Any) -> None:
    """Each record as "header: value" lines, wrapped to the terminal's width."""
    from rich.rule import Rule

    if spec.title:
        console.print(text(spec.title, "bold"))
    for index, record in enumerate(records):
        marks = spec.highlights[index] if index < len(spec.highlights) else {}
        console.print(Rule(style="dim"))
        for column in spec.columns:
            line = text(f"{column.header}: ", "bold")
            line.append_text(_cell_text(record, column, marks))
            console.print(line)
    if spec.caption:
        console.print(text(spec.caption, "dim"))


def _plain(value: Any) -> str:
    return printable(plain_cell(value)).replace("\n", " ")


def write_plain_table(records: Sequence[Record], spec: TableSpec, out: IO[str]) -> None:
    """The table as aligned plain text, one record a line: for pipes and files, where a
    drawn table would wrap each record over several lines. Nothing is cut."""
    columns: list[tuple[str, str, str]] = []
    for column in spec.columns:
        columns.append((column.key if column.below else column.header, column.key, column.justify))
        columns.extend((key, key, "left") for key in column.below)
        columns.extend((key, key, "left") for key in column.notes if any(record.get(key) for record in records))
    rows = [[h for h, _, _ in columns]] + [[_plain(record.get(key)) for _, key, _ in columns] for record in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    last = len(columns) - 1
    for row in rows:
        cells = [
            cell if i == last else cell.rjust(widths[i]) if columns[i][2] == "right" else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def write_plain_card(card: Card, out: IO[str]) -> None:
    """One record as "label  value" lines of plain text (the pipe form of write_card); with
    context, the quote as it stands in the source, marked, with its neighbours."""
    rows = card.rows
    if card.context is not None:
        before, exact, after = card.context
        marked = " ".join(part for part in (before, f"\u201c{exact}\u201d", after) if part)
        rows = [(label, marked if label == "quote" else value) for label, value in rows]
    out.write(_plain(card.title) + "\n")
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        out.write(f"{label.ljust(width)}  {_plain(value)}\n")


def write_card(card: Card, console: Any) -> None:
    """A two-column label/value layout for one record, the quote in italics (or, with
    context, in bold between its dimmed neighbours)."""
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE, show_header=False, title=printable(card.title), title_justify="left")
    grid.add_column("field", style="bold", no_wrap=True)
    grid.add_column("value", overflow="fold")
    for label, value in card.rows:
        grid.add_row(label, _quote_text(value, card.context) if label == "quote" else text(value))
    console.print(grid)


def _quote_text(quote: str, context: tuple[str, str, str] | None) -> Any:
    if context is None:
        return text(quote, "italic")
    before, exact, after = context
    result = text("")
    if before:
        result.append(printable(before) + " ", style="dim")
    result.append("\u201c")
    result.append(printable(exact), style="bold")
    result.append("\u201d")
    if after:
        result.append(" " + printable(after), style="dim")
    return result


class ProgressBar:
    """A progress bar on stderr while an index is built (shown on a terminal only)."""

    def __init__(self, err: IO[str]) -> None:
        self._err = err
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bar is None:
            from rich.progress import Progress

            self._bar = Progress(console=make_console(self._err), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("building the index", total=None)
        self._bar.update(self._task, description=f"{stage} the fact base", completed=done, total=total or None)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self._bar is not None:
            self._bar.stop()
