"""Writing an export to a file atomically, or to a stream; never replacing a file by accident."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from gzfacts.errors import OutputExists, OutputUnwritable


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse, before any work is done, an output that exists (unless `force`) or cannot be
    written. Only a regular file is ever replaced: a symlink, a device (`/dev/stdout`, which as
    root `--force` would have replaced in /dev), a FIFO or a socket is refused, forced or not."""
    if path.is_symlink():
        raise OutputUnwritable(f"cannot write {path}: it is a symlink; exports write regular files only ({_STDOUT})")
    if path.is_dir():
        raise OutputUnwritable(f"cannot write {path}: it is a directory; name a file")
    if path.exists() and not path.is_file():
        raise OutputUnwritable(
            f"cannot write {path}: it is not a regular file (a device, FIFO or socket); "
            f"exports write regular files only ({_STDOUT})"
        )
    if path.exists() and not force:
        raise OutputExists(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputUnwritable(f"cannot write {path}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputUnwritable(f"cannot write {path}: directory {parent} is not writable")


_STDOUT = "leave out --output to write to standard output"


@contextmanager
def atomic_directory(near: Path) -> Iterator[Path]:
    """A private temporary directory beside `near`, removed with whatever is left in it when the
    block ends: the pages of a split export are written there first, then moved into place
    together, so that an export stopped half-way leaves no page of its own beside the old ones."""
    import shutil

    try:
        made = Path(tempfile.mkdtemp(dir=near.parent, prefix=f".{near.name}.", suffix=".pages"))
    except OSError as exc:
        raise OutputUnwritable(f"cannot write {near}: {exc.strerror or exc}") from None
    try:
        yield made
    finally:
        shutil.rmtree(made, ignore_errors=True)


def move_into_place(temp: Path, path: Path, *, force: bool) -> None:
    """Move a finished file onto `path`: replacing it only with `force` (a hard link otherwise,
    which fails if the name was taken meanwhile)."""
    check_writable(path, force=force)
    umask = os.umask(0)
    os.umask(umask)
    try:
        # mkstemp makes the file private (0600); an export is a document, made as `touch` would.
        os.chmod(temp, 0o666 & ~umask)
        if force:
            os.replace(temp, path)
            return
        try:
            os.link(temp, path)
        except FileExistsError:
            raise OutputExists(path) from None
        except OSError:
            # A file system without hard links: the check above is the guard.
            if path.exists():
                raise OutputExists(path) from None
            os.replace(temp, path)
        else:
            temp.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputUnwritable(f"cannot write {path}: {exc.strerror or exc}") from None


@contextmanager
def atomic_path(path: Path, *, force: bool) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto `path` when the block ends without error.

    Readers never see a partial file, and whatever was there is only replaced once the new
    file is complete. Without `force` an existing file is never replaced, even one created
    while the export ran: the temporary file is hard-linked into place, which fails if the
    name is taken.
    """
    check_writable(path, force=force)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputUnwritable(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        move_into_place(temp, path, force=force)
    except OSError as exc:
        raise OutputUnwritable(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        temp.unlink(missing_ok=True)


def write_text(path: Path | None, chunks: Callable[[], Iterator[str]], out: IO[str], *, force: bool) -> None:
    """Write the text `chunks()` yields to `path` atomically, or to `out` when `path` is None."""
    if path is None:
        for chunk in chunks():
            out.write(chunk)
        return
    with atomic_path(path, force=force) as temp, temp.open("w", encoding="utf-8", newline="\n") as handle:
        for chunk in chunks():
            handle.write(chunk)
