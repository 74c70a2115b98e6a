"""Which files make up a fact base, and reading one of them by the file policy: a regular UTF-8
text file within the size cap, stamped with what was read. Source texts must stand inside the
fact base's folder.

The hints here say what is wrong with a path in the library's words; a front end that takes
the path from an option names that option (the CLI's `explain_error` does).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import BinaryIO, NoReturn

from gzfacts.errors import FactBaseUnreadable, Problem
from gzfacts.files import FileStamp, all_files, make_stamp, sha256_hex, yaml_files

#: Default cap on the size of one fact file; GZFACTS_MAX_BYTES overrides it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

#: The hints of the problems with the fact base's path itself, in the library's words: what to
#: give instead. A front end rewords them to name where the path came from (an option, a variable).
GIVE_FACT_FILES = "Give a fact file or a directory of them"
CHECK_THE_PATH = "Check the fact base's path"
GIVE_A_YAML_FILE = "Give a .yaml file or a directory of them"
GIVE_THE_YAML_FILE = "Give the YAML fact file"


def base_root(path: Path) -> Path:
    """The directory a fact base's source texts must stand in, symlinks resolved: the directory
    of a fact file, or the directory that holds a fact directory (where `facts/` and `sources/`
    stand side by side). Nothing outside it is ever read: a fact base from an untrusted pull
    request cannot publish ~/.ssh/id_rsa or /etc/passwd in its exports."""
    path = path.resolve()
    return path.parent


def source_path_problem(declared: str, file: Path, root: Path) -> str | None:
    """Why a source's `path` may not be read, or None: it must be relative, pass through no
    hidden file or folder (".git/config" holds CI tokens), and stay inside `root` once symlinks
    are resolved."""
    if Path(declared).is_absolute() or declared.startswith("~") or re.match(r"^[A-Za-z]:", declared):
        return "is not a relative path"
    parts = Path(declared).parts
    if any(part.startswith(".") and part != ".." for part in parts):
        return "passes through a hidden file or folder"
    resolved = (file.parent / declared).resolve()
    if not resolved.is_relative_to(root):
        return f"leads outside the fact base's folder {str(root)!r}"
    return None


#: The most items a list inside a record may have (aliases), and twice the most keys of a mapping


def max_bytes_from_env() -> int:
    """The size cap for one fact file: GZFACTS_MAX_BYTES if set, else the default."""
    raw = os.environ.get("GZFACTS_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) <= 0:
        raise FactBaseUnreadable(
            Problem(
                "GZFACTS_MAX_BYTES",
                f"{raw!r} is not a positive whole number of bytes",
                "Set it to a size such as 67108864, or unset it for the default (64 MiB)",
            )
        )
    return int(raw)


def fact_files(path: Path) -> list[Path]:
    """The YAML files that make up the fact base at `path` (a file, or a directory of them)."""
    files = _fact_files(path)
    for file in files:
        try:
            str(file.resolve()).encode("utf-8")
        except UnicodeEncodeError:  # the index records paths as text, which must be UTF-8
            shown = str(file).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise FactBaseUnreadable(
                Problem(
                    shown,
                    "the file's path is not valid UTF-8 (bytes of another encoding in a name)",
                    "Rename the file or folder to a UTF-8 name",
                )
            ) from None
    return files


def _fact_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = yaml_files(path)
        if not files:
            others = sorted(str(p.relative_to(path)) for p in all_files(path))
            found = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            raise FactBaseUnreadable(
                Problem(
                    str(path),
                    f"directory holds no .yaml or .yml files ({f'found: {found}' if others else 'it is empty'})",
                    GIVE_FACT_FILES,
                )
            )
        return files
    if not path.exists():
        raise FactBaseUnreadable(Problem(str(path), "no such file or directory", CHECK_THE_PATH))
    return [path]


def read_text(file: Path, limit: int, stamps: dict[str, FileStamp] | None = None, role: str = "facts") -> str:
    """The file's text, refusing what is not a regular UTF-8 text file within the size cap.

    Given `stamps`, the file's stamp is added to it: its stat taken on the open file before
    reading, and the hash of exactly the bytes read, so that an index records what was parsed.
    """
    name = str(file)
    try:
        if not file.is_file():  # before opening: opening a FIFO would block
            raise FactBaseUnreadable(Problem(name, "not a regular file", GIVE_A_YAML_FILE))
        with file.open("rb") as handle:
            seen_ns = time.time_ns()
            info = os.fstat(handle.fileno())
            if info.st_size > limit:
                _too_big(name, info.st_size, limit)
            data = _read_at_most(handle, limit + 1)  # the file may have grown since its stat
        if len(data) > limit:
            _too_big(name, len(data), limit)
    except OSError as exc:
        raise FactBaseUnreadable(
            Problem(name, f"cannot read: {exc.strerror or exc}", "Check that the file exists and is readable")
        ) from None
    if stamps is not None:
        stamps[name] = make_stamp(file, role, info, sha256_hex(data), seen_ns)
    if b"\x00" in data:
        line, column = _position(data, data.index(b"\x00"))
        raise FactBaseUnreadable(
            Problem(
                f"{name}:{line}:{column}",
                "binary data (a NUL byte), not a YAML text file",
                GIVE_THE_YAML_FILE,
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise FactBaseUnreadable(
            Problem(
                f"{name}:{line}:{column}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", "Save the file as UTF-8"
            )
        ) from None
    return text.removeprefix("\ufeff")


def _read_at_most(handle: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, read a mebibyte at a time: memory follows the file, not the cap
    (GZFACTS_MAX_BYTES=1099511627776 must not allocate a terabyte for a 2 KB file)."""
    chunks = []
    left = size
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_big(name: str, size: int, limit: int) -> NoReturn:
    raise FactBaseUnreadable(
        Problem(
            name,
            f"file is {size:,} bytes, over the {limit:,}-byte cap",
            "Split it into a directory of smaller files, or raise GZFACTS_MAX_BYTES",
        )
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8", "replace")) + 1
