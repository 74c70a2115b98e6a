"""Write the command-line reference (docs/reference/cli.md) and the man page (man/gzfacts.1)
from the Typer app itself, so that neither can say what `gzfacts --help` does not.

    python scripts/gen_cli_reference.py           # rewrite both files
    python scripts/gen_cli_reference.py --check   # exit 1 if either is out of date

Both are made from the Click command tree Typer builds (`typer.main.get_command(app)`): every
command and sub-command in the order `gzfacts --help` lists them (grouped by help panel when
the commands have panels), its usage line, its help text (indented example lines become code)
and each argument's and option's help record, exactly as `--help` prints it. Run it after
changing a command, an option or a docstring; `tests/test_cli_reference.py` fails until you do.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN = ROOT / "docs" / "reference" / "cli.md"
MAN_PAGE = ROOT / "man" / "gzfacts.1"
#: The fact base schema, for an installed copy that has no docs/: `man 5 gzfacts-facts`.
SCHEMA = ROOT / "docs" / "schema.md"
SCHEMA_MAN_PAGE = ROOT / "man" / "gzfacts-facts.5"

#: Environment variables gzfacts reads that are not the environment variable of an option.
#: (The option's own, such as GZFACTS_FACTS for --facts, come from the app.)
ENVIRONMENT = [
    ("GZFACTS_PAGER", "The pager for tables taller than the terminal; an empty value or cat for none."),
    ("PAGER", "The pager when GZFACTS_PAGER is not set; else less -FRX."),
    ("NO_COLOR", "Any value: no colour. TERM=dumb does the same."),
    ("FORCE_COLOR", "Any value: draw tables with Rich even into a pipe."),
    ("XDG_CACHE_HOME", "The compiled indexes live in $XDG_CACHE_HOME/gzfacts, else ~/.cache/gzfacts."),
    ("GZFACTS_MAX_BYTES", "The size cap for one fact file (default 64 MiB)."),
]


@dataclass
class Param:
    """One argument or option, as `--help` shows it."""

    names: str
    help: str
    is_option: bool


@dataclass
class Command:
    """One command of the tree, with what its `--help` says."""

    path: str
    usage: str
    help: str
    short_help: str
    panel: str | None
    params: list[Param]
    subcommands: list[Command] = field(default_factory=list)


def command_tree() -> Command:
    """The app's commands, read from the Click command Typer builds."""
    import typer.main

    from gzfacts.cli import app

    root = typer.main.get_command(app)
    ctx = root.make_context("gzfacts", [], resilient_parsing=True, terminal_width=80, max_content_width=80)
    return _describe(root, ctx)


def _describe(command: Any, ctx: Any) -> Command:
    params = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None or getattr(param, "hidden", False):
            continue
        params.append(Param(record[0], record[1], param.param_type_name == "option"))
    panel = getattr(command, "rich_help_panel", None)
    described = Command(
        path=ctx.command_path,
        usage=command.get_usage(ctx).removeprefix("Usage: ").strip(),
        help=_help_text(command.help or ""),
        short_help=command.get_short_help_str(limit=200),
        panel=panel if isinstance(panel, str) else None,
        params=params,
    )
    for name in getattr(command, "list_commands", lambda _ctx: [])(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        sub_ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
        described.subcommands.append(_describe(sub, sub_ctx))
    return described


def _help_text(text: str) -> str:
    """A docstring as `--help` reads it: dedented, cut at Click's \\f, its \\b markers dropped."""
    text = inspect.cleandoc(text).split("\f", 1)[0]
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b").strip()


def paragraphs(text: str) -> list[tuple[str, str]]:
    """The help text as ("prose", joined lines) and ("code", lines) blocks: indented lines are
    examples, and consecutive example paragraphs make one block."""
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = chunk.splitlines()
        if not lines:
            continue
        if all(line.startswith((" ", "\t")) for line in lines):
            code = "\n".join(line.strip() for line in lines)
            if blocks and blocks[-1][0] == "code":
                blocks[-1] = ("code", blocks[-1][1] + "\n" + code)
            else:
                blocks.append(("code", code))
        else:
            blocks.append(("prose", " ".join(line.strip() for line in lines)))
    return blocks


def walk(command: Command) -> list[Command]:
    """Every command below `command`, depth first, in `--help` order."""
    found: list[Command] = []
    for sub in command.subcommands:
        found.append(sub)
        found.extend(walk(sub))
    return found


def grouped(commands: list[Command]) -> list[tuple[str | None, list[Command]]]:
    """Commands grouped by help panel, panels in the order their first command comes."""
    groups: dict[str | None, list[Command]] = {}
    for command in commands:
        groups.setdefault(command.panel, []).append(command)
    return list(groups.items())


# --- Markdown ---------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    """Prose from the app, shown as written: Markdown's emphasis and HTML characters escaped,
    `code` spans kept."""
    pieces = re.split(r"(`[^`]*`)", text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(piece)
            continue
        piece = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(re.sub(r"([\\*_\[\]])", r"\\\1", piece))
    return "".join(out)


def _anchor(path: str) -> str:
    return path.replace(" ", "-")


def _md_entry(command: Command) -> str:
    return f"- [`{command.path}`](#{_anchor(command.path)}): {_md_escape(command.short_help)}"


def _md_command(command: Command, level: int, list_subcommands: bool = True) -> list[str]:
    lines = [f"{'#' * level} `{command.path}` {{#{_anchor(command.path)}}}", ""]
    lines += ["```text", command.usage, "```", ""]
    for kind, text in paragraphs(command.help):
        if kind == "code":
            lines += ["```sh", text, "```", ""]
        else:
            lines += [_md_escape(text), ""]
    for title, is_option in (("Arguments", False), ("Options", True)):
        params = [p for p in command.params if p.is_option is is_option]
        if params:
            lines += [f"**{title}**", ""]
            lines += [f"- `{p.names}`: {_md_escape(p.help)}" if p.help else f"- `{p.names}`" for p in params]
            lines.append("")
    if command.subcommands and list_subcommands:
        lines += ["**Commands**", ""]
        lines += [
            f"- [`{sub.path}`](#{_anchor(sub.path)}): {_md_escape(sub.short_help)}" for sub in command.subcommands
        ]
        lines.append("")
    return lines


def render_markdown(root: Command) -> str:
    """docs/reference/cli.md."""
    lines = [
        "# Command-line reference",
        "",
        "<!-- Generated by scripts/gen_cli_reference.py from the Typer app (gzfacts.cli.app). Do not edit:",
        "     change the command's docstring or option help, then run `python scripts/gen_cli_reference.py`. -->",
        "",
        "Every command and option, as `gzfacts COMMAND --help` prints them (this page is generated from",
        "the same source, and a test fails when it falls behind). Every command also takes `-h`/`--help`.",
        "The global options may be given before or after the command. The same text is in the man page,",
        "`man/gzfacts.1` (`man -l man/gzfacts.1` in a clone; `man gzfacts` once installed), and the fact base",
        "schema is `man 5 gzfacts-facts`.",
        "",
        "Commands:",
        "",
    ]
    commands = walk(root)
    for panel, members in grouped(root.subcommands):
        if panel:
            lines += [f"*{_md_escape(panel)}*", ""]
        lines += [_md_entry(command) for command in members]
        lines.append("")
    lines += _md_command(root, 2, list_subcommands=False)
    for command in commands:
        lines += _md_command(command, 2 if command.path.count(" ") == 1 else 3)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- roff (man page) --------------------------------------------------------------------------


def _roff(text: str) -> str:
    """Text safe in a roff line: backslashes and hyphens escaped, characters beyond ASCII as
    groff's \\[uXXXX] (troff reads bytes), no line starting with a control character."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(char if ord(char) < 128 else f"\\[u{ord(char):04X}]" for char in text)
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.splitlines())


def _roff_names(names: str) -> str:
    """`-o, --format FORMAT` as bold option names and an italic metavar."""
    parts = []
    for piece in names.split(", "):
        flag, _, metavar = piece.partition(" ")
        if flag.startswith("-"):
            parts.append(f"\\fB{_roff(flag)}\\fR" + (f" \\fI{_roff(metavar)}\\fR" if metavar else ""))
        else:
            parts.append(f"\\fI{_roff(piece)}\\fR")
    return ", ".join(parts)


def _roff_help(text: str) -> list[str]:
    lines: list[str] = []
    for kind, block in paragraphs(text):
        if kind == "code":
            lines += [".RS 4", ".nf", _roff(block), ".fi", ".RE"]
        else:
            lines += [".PP", _roff(block)]
    return lines


def _roff_params(params: list[Param]) -> list[str]:
    lines: list[str] = []
    for param in params:
        lines += [".TP", _roff_names(param.names), _roff(param.help) if param.help else "\\&"]
    return lines


def render_man(root: Command) -> str:
    """man/gzfacts.1."""
    from gzfacts import __version__

    summary = paragraphs(root.help)[0][1]
    lines = [
        '.\\" Generated by scripts/gen_cli_reference.py from the Typer app (gzfacts.cli.app). Do not edit.',
        f'.TH GZFACTS 1 "" "gzfacts {__version__}" "User Commands"',
        ".SH NAME",
        "gzfacts \\- " + _roff(summary[0].lower() + summary[1:].rstrip(".")),
        ".SH SYNOPSIS",
        ".B gzfacts",
        "[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        *_roff_help(root.help),
        ".SH OPTIONS",
        "These may also be given after the command.",
        *_roff_params(root.params),
        ".SH COMMANDS",
    ]
    for command in walk(root):
        if command.subcommands:
            lines += [".SS " + _roff(command.path), *_roff_help(command.help)]
            continue
        lines += [".SS " + _roff(command.usage), *_roff_help(command.help)]
        lines += _roff_params(command.params)
    lines += [".SH ENVIRONMENT"]
    for param in root.params:
        match = re.search(r"\[env var: ([A-Z_]+)\]", param.help)
        if match:
            lines += [".TP", f"\\fB{match.group(1)}\\fR", f"The same as \\fB{_roff(param.names.split()[0])}\\fR."]
    for name, meaning in ENVIRONMENT:
        lines += [".TP", f"\\fB{name}\\fR", _roff(meaning)]
    lines += [
        ".SH SEE ALSO",
        ".BR gzfacts\\-facts (5):",
        "the fact base schema. The documentation site built from \\fIdocs/\\fR in gzfacts' sources",
        "(\\fBmkdocs build\\fR): guides by task, and the same reference.",
    ]
    return "\n".join(lines) + "\n"


# --- the schema's man page, from docs/schema.md ----------------------------------------------


def _roff_inline(text: str) -> str:
    """Markdown's inline marks as roff fonts: `code` and **bold** bold, *emphasis* italic,
    [a link](target) its text."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    pieces = re.split(r"(`[^`]*`)", text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append("\\fB" + _roff(piece[1:-1]) + "\\fR")
            continue
        piece = _roff(piece)
        piece = re.sub(r"\*\*(.+?)\*\*", r"\\fB\1\\fR", piece)
        piece = re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"\\fI\1\\fR", piece)
        out.append(piece)
    return "".join(out)


def render_schema_man(markdown: str) -> str:
    """man/gzfacts-facts.5: docs/schema.md as a man page. Headings become sections, a table a
    list of its rows (the first cell as the tag), list items indented paragraphs."""
    from gzfacts import __version__

    lines = [
        '.\\" Generated by scripts/gen_cli_reference.py from docs/schema.md. Do not edit.',
        f'.TH GZFACTS\\-FACTS 5 "" "gzfacts {__version__}" "File Formats"',
        ".SH NAME",
        "gzfacts\\-facts \\- the fact base schema of gzfacts (facts.yaml)",
        ".SH DESCRIPTION",
    ]
    blocks = re.split(r"\n\s*\n", markdown.strip())
    for block in blocks:
        rows = block.splitlines()
        if rows[0].startswith("# "):
            rows = rows[1:]  # the page's title is the NAME line
            if not rows:
                continue
        if rows[0].startswith("## "):
            lines.append(".SH " + _roff_inline(rows[0][3:]).upper())
            rows = rows[1:]
        if not rows:
            continue
        if rows[0].startswith("|"):
            cells = [[cell.strip() for cell in row.strip().strip("|").split(" | ")] for row in rows]
            header, body = cells[0], cells[2:]
            for entry in body:
                details = "; ".join(f"{name}: {value}" for name, value in zip(header[1:-1], entry[1:-1], strict=False))
                lines += [".TP", _roff_inline(entry[0]) + (f" ({_roff_inline(details)})" if details else "")]
                lines.append(_roff_inline(entry[-1]))
            continue
        if re.match(r"(- |\d+\. )", rows[0]):
            items: list[list[str]] = []
            for row in rows:
                marker = re.match(r"(- |\d+\. )", row)
                if marker:
                    items.append([marker.group(1).strip(), row[marker.end() :].strip()])
                else:
                    items[-1][1] += " " + row.strip()
            for mark, text in items:
                tag = "\\(bu" if mark == "-" else mark
                lines += [f".IP {tag} 4", _roff_inline(text)]
            continue
        lines += [".PP", _roff_inline(" ".join(row.strip() for row in rows))]
    lines += [
        ".SH SEE ALSO",
        ".BR gzfacts (1):",
        "\\fBgzfacts validate\\fR checks a fact base against these rules; \\fBgzfacts init\\fR starts one.",
    ]
    return "\n".join(lines) + "\n"


def outputs() -> dict[Path, str]:
    """Each generated file and what it should hold."""
    root = command_tree()
    return {
        MARKDOWN: render_markdown(root),
        MAN_PAGE: render_man(root),
        SCHEMA_MAN_PAGE: render_schema_man(SCHEMA.read_text(encoding="utf-8")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"{path.relative_to(ROOT)} is out of date: run python scripts/gen_cli_reference.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
