"""Which files make up a fact base, and what an index remembers of each. Kept apart from the
loader so that checking an index for freshness at start-up does not import the loader."""

# No `from __future__ import annotations`: typing.NamedTuple compiles each string annotation
# into a ForwardRef, which every run of the command would pay for (issue 23).
import os
from pathlib import Path
from typing import NamedTuple

YAML_SUFFIXES = (".yaml", ".yml")
#: A stamp whose mtime is this close to (or after) the moment it was taken is "racily clean":
#: the file may have been written again within the file system's timestamp resolution (2 s
#: on FAT, 1 s on ext3 and HFS+), so its content is hashed again rather than trusted (git's rule).
RACY_NS = 2_000_000_000


def yaml_files(path: Path) -> list[Path]:
    """The fact base's YAML files, in order: `path` itself, or every YAML file under a directory
    (subfolders included, hidden ones and symbolic links to folders not)."""
    if not path.is_dir():
        return [path]
    return sorted(p for p in all_files(path) if p.suffix in YAML_SUFFIXES and p.is_file())


def all_files(directory: Path) -> list[Path]:
    """Every file under `directory`, in its subfolders too, but not in hidden ones (`.git`)."""
    found: list[Path] = []
    for root, folders, files in os.walk(directory):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return found


class FileStamp(NamedTuple):
    """What an index remembers of one input file: its stat, taken before its bytes were read,
    the SHA-256 of exactly the bytes that were parsed, and when the stat was taken."""

    path: str
    role: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    sha256: str
    seen_ns: int

    def same_stat(self, info: os.stat_result) -> bool:
        """Whether `info` is the stat this stamp recorded (size, mtime, ctime and inode)."""
        return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) == (
            self.size,
            self.mtime_ns,
            self.ctime_ns,
            self.inode,
        )

    def racy(self) -> bool:
        """Whether the file may have changed again within the timestamp resolution of its stat."""
        return max(self.mtime_ns, self.ctime_ns) + RACY_NS > self.seen_ns


def make_stamp(path: Path, role: str, info: os.stat_result, digest: str, seen_ns: int) -> FileStamp:
    """The stamp of a file whose stat `info` was taken at `seen_ns`, before hashing `digest`."""
    return FileStamp(str(path), role, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, digest, seen_ns)


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, in hex."""
    import hashlib

    return hashlib.sha256(data).hexdigest()
