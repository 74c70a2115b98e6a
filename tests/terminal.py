"""The installed command run on a pseudo-terminal of a given size, as a person at one runs it."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

GZFACTS = Path(sys.executable).parent / "gzfacts"


def pager_writing_to(log: Path) -> str:
    """A $GZFACTS_PAGER that writes what it is given to `log`."""
    return f"{sys.executable} -c \"import sys; open({str(log)!r}, 'w').write(sys.stdin.read())\""


def on_a_terminal(
    args: list[str], env: dict[str, str], columns: int = 100, lines: int = 10, stdin: bytes = b"", stderr: bool = True
) -> str:
    """Run the installed command with stdout (and stderr, unless `stderr` is False) on a
    terminal of `columns` x `lines`; what the terminal showed."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    screen: list[bytes] = []

    def drain() -> None:  # read the terminal, or a long table would fill it and block
        try:
            while chunk := os.read(main, 65536):
                screen.append(chunk)
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = {**os.environ, **env, "LINES": str(lines), "COLUMNS": str(columns)}
    try:
        subprocess.run(
            [str(GZFACTS), *args],
            input=stdin,
            stdout=secondary,
            stderr=secondary if stderr else subprocess.PIPE,
            env=env,
            timeout=120,
            check=not stderr,
        )
    finally:
        os.close(secondary)
        reader.join(timeout=5)
        os.close(main)
    return b"".join(screen).decode().replace("\r\n", "\n")
