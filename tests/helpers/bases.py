"""Fact bases the index tests build: the mini base copied, or split into a directory of files."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import MINI


def mini_copy(tmp_path: Path) -> Path:
    """A private copy of the mini fact base (tmp_path/mini/facts.yaml), free to edit."""
    shutil.copytree(MINI.parent, tmp_path / "mini")
    return tmp_path / "mini" / "facts.yaml"


def _facts_folder(tmp_path: Path) -> tuple[Path, str, list[str]]:
    """tmp_path/facts, made, beside the mini base's texts (tmp_path/sources); the mini base's
    head (sources, topics) and its fact blocks, with paths to the texts from the folder."""
    shutil.copytree(MINI.parent / "sources", tmp_path / "sources")
    facts = tmp_path / "facts"
    facts.mkdir()
    text = MINI.read_text(encoding="utf-8").replace('path: "sources/', 'path: "../sources/')
    head, _, items = text.partition("facts:\n")
    return facts, head, items.split("\n\n")


def directory_base(tmp_path: Path) -> Path:
    """The mini fact base as a directory base: tmp_path/facts/a.yaml, its texts in tmp_path/sources."""
    facts, head, blocks = _facts_folder(tmp_path)
    (facts / "a.yaml").write_text(head + "facts:\n" + "\n\n".join(blocks), encoding="utf-8")
    return facts


def split_base(tmp_path: Path, empty_files: int = 0, *, second: str = "b.yaml") -> Path:
    """The mini fact base as a directory: a.yaml (sources, topics, three facts) and `second`
    (two facts), and `empty_files` more files of no facts (enough files, and a build shares them
    out among its worker processes)."""
    facts, head, blocks = _facts_folder(tmp_path)
    (facts / "a.yaml").write_text(head + "facts:\n" + "\n\n".join(blocks[:3]), encoding="utf-8")
    (facts / second).write_text("facts:\n" + "\n\n".join(blocks[3:]), encoding="utf-8")
    _empty_files(facts, empty_files)
    return facts


def fact_a_file_base(tmp_path: Path, empty_files: int = 8) -> Path:
    """The mini base as a directory of files: sources and topics, one file per fact, and files
    with no facts, so that a parallel build has files enough to share out."""
    facts, head, blocks = _facts_folder(tmp_path)
    (facts / "a.yaml").write_text(head, encoding="utf-8")
    for n, block in enumerate(blocks):
        (facts / f"fact-{n}.yaml").write_text("facts:\n" + block, encoding="utf-8")
    _empty_files(facts, empty_files)
    return facts


def _empty_files(facts: Path, count: int) -> None:
    for n in range(count):
        (facts / f"z-{n}.yaml").write_text("facts:\n", encoding="utf-8")
