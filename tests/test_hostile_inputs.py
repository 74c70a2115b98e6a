"""Arguments, settings and drafts that are not what a command expects: one line, never a traceback."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI

GZFACTS = Path(sys.executable).parent / "gzfacts"


def run(
    *args: str | bytes, env: dict[str, str] | None = None, limit_memory: bool = False
) -> subprocess.CompletedProcess[bytes]:
    def cap() -> None:  # 1 GiB of address space: enough for gzfacts, not for a terabyte buffer
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [os.fsencode(GZFACTS), *(a if isinstance(a, bytes) else a.encode() for a in args)],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
        preexec_fn=cap if limit_memory else None,
    )


@pytest.mark.parametrize(
    "args",
    [
        [b"show", b"caf\xe9"],
        [b"list", b"--topic", b"\xff"],
        [b"cite", b"\xff"],
        [b"search", b"\xff\xfe"],
        [b"check", b"Guizhou \xff grew."],
    ],
)
def test_arguments_that_are_not_utf8(args: list[bytes]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(b"gzfacts: error: argument ") and b"is not valid UTF-8 text" in result.stderr
    assert b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1


def test_too_many_jobs_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--jobs", "9999999999", "show", "x", env={"XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == 2
    assert b"--jobs" in result.stderr and b"Traceback" not in result.stderr


def test_a_huge_size_cap_costs_no_memory(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(MINI.parent, base)
    env = {"GZFACTS_MAX_BYTES": str(1 << 40), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = run(
        "--facts", str(base / "facts.yaml"), "show", "ships-handled-2023", "--json", env=env, limit_memory=True
    )
    assert result.returncode == 0, result.stderr
    assert b"MemoryError" not in result.stderr


def test_a_nul_byte_anywhere_in_a_draft_is_refused_with_its_place(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_bytes(b"Guizhou grew.\n" * 10_000 + b"more \x00 text\n")
    result = run("check", "-f", str(draft))
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == f"gzfacts: error: {draft}:10001:6: looks binary (a NUL byte); give a Markdown or plain-text file\n"
    )


def _with(tmp_path: Path, old: str, new: str) -> Path:
    base = tmp_path / "base"
    shutil.copytree(MINI.parent, base, dirs_exist_ok=True)
    text = (base / "facts.yaml").read_text(encoding="utf-8")
    assert old in text
    (base / "facts.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return base / "facts.yaml"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("9" * 5000, "has 5,000 digits; a value may have at most 15"),
        ("12345678901234567890123", "has 23 digits"),
        ("1" + "0" * 400 + ".5", "has 402 digits"),
    ],
)
def test_a_value_of_too_many_digits_is_one_problem(tmp_path: Path, value: str, said: str) -> None:
    facts = _with(tmp_path, "value: 1250", f"value: {value}")
    result = run("--facts", str(facts), "validate", env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.returncode == 1
    assert said in result.stdout.decode() and "S103" in result.stdout.decode()
    shown = run("--facts", str(facts), "list", "--json", env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert shown.returncode == 2 and b"Traceback" not in shown.stderr
    assert b"Infinity" not in shown.stdout


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            'aliases: ["vessels", "traffic"]',
            "aliases: [" + ", ".join(f'"a{i}"' for i in range(5000)) + "]",
            "a list of more than 1,000 items",
        ),
        (
            "    value: 1250\n",
            "    value: 1250\n" + "".join(f"    k{i}: 1\n" for i in range(20_000)),
            "a mapping of more than 500 keys",
        ),
    ],
)
def test_a_record_far_larger_than_any_fact_is_refused_where_it_starts(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    facts = _with(tmp_path, old, new)
    result = run("--facts", str(facts), "validate", env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, limit_memory=True)
    assert result.returncode == 2
    assert said in result.stderr.decode() and "F003" in result.stderr.decode()
    assert result.stderr.count(b"\n") <= 2
