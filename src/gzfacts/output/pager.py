"""Long output in a terminal goes through a pager, as git and gh do; never into a pipe.

The pager is $GZFACTS_PAGER, else $PAGER, else `less -FRX` (-F: quit at once when the text fits
on one screen, -R: keep colours, -X: leave the text on the screen). An empty value, or `cat`,
means no pager. Imported only when a table is written to a terminal.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
from collections.abc import Callable
from typing import IO


class _Screen(io.StringIO):
    """A buffer that says it is a terminal, so that a table is drawn for one (colours, width)."""

    def isatty(self) -> bool:
        return True


def pager_command() -> list[str] | None:
    """The pager to run, or None for none."""
    raw = os.environ.get("GZFACTS_PAGER", os.environ.get("PAGER", "less -FRX"))
    try:
        command = shlex.split(raw)
    except ValueError:
        return None
    if not command or command[0] == "cat" or shutil.which(command[0]) is None:
        return None
    return command


def paged(write: Callable[[IO[str]], None], out: IO[str]) -> None:
    """Run `write` into a buffer and show the result through the pager when it is taller than
    the terminal; else, or without a pager, write it to `out` as it is."""
    screen = _Screen()
    write(screen)
    text = screen.getvalue()
    command = pager_command()
    height = shutil.get_terminal_size().lines
    if command is None or text.count("\n") < height:
        out.write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")  # lv, like git: colours on
    out.flush()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env, text=True, encoding="utf-8")
    except OSError:
        out.write(text)
        return
    assert process.stdin is not None
    try:
        process.stdin.write(text)
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early: fine
        pass
    process.wait()
