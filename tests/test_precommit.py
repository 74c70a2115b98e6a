"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself as a repository that uses them
does: pre-commit installs gzfacts from a git repository of this project into an environment of
its own (language: python) and runs the hooks on a desk's drafts and fact files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI, ROOT, require_tool

WRONG = "Guizhou's digital economy was 30 percent of GDP in 2018."
RIGHT = "The digital economy accounted for 26.9 percent of provincial GDP in 2018."
#: Left out of the copy when the project is not a git checkout (an unpacked sdist, say).
JUNK = shutil.ignore_patterns(
    ".git", ".ci-venv", ".nox", ".venv", "*.egg-info", "__pycache__", "*_cache", "build", "dist"
)


def git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=gzfacts tests", "-c", "user.email=tests@gzfacts.invalid", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this project as it is now (uncommitted changes included), and
    its commit: what a `repos:` entry names with `repo:` and `rev:`."""
    require_tool("git")
    repo = tmp_path_factory.mktemp("gzfacts-repo") / "gzfacts"
    if (ROOT / ".git").exists():
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
        for name in filter(None, listed):
            if (ROOT / name).is_file():
                (repo / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, repo / name)
    else:
        shutil.copytree(ROOT, repo, ignore=JUNK)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "snapshot", cwd=repo)
    return repo, git("rev-parse", "HEAD", cwd=repo).strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's store, shared by the tests that run a configuration: gzfacts is installed
    into its environment once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def desk(tmp_path: Path, files: dict[str, str]) -> Path:
    """A writers' repository holding `files`, staged."""
    repo = tmp_path / "desk"
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    return repo


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    for name in ("GZFACTS_FACTS", "GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


def test_try_repo_fails_a_wrong_figure_and_a_broken_fact_file(tmp_path: Path, hooks_repo: tuple[Path, str]) -> None:
    repo = desk(
        tmp_path,
        {"drafts/guizhou.md": f"# Guizhou\n\n{RIGHT}\n\n{WRONG}\n", "base/facts.yaml": "facts: [\n"},
    )
    ran = pre_commit(
        "try-repo", str(hooks_repo[0]), "--files", "drafts/guizhou.md", "base/facts.yaml",
        cwd=repo, home=tmp_path / "home",
    )  # fmt: skip
    said = ran.stdout + ran.stderr
    assert ran.returncode == 1, said
    assert "gzfacts check (drafts against the fact base)" in said
    assert (
        "drafts/guizhou.md:5:1: contradicted: says 30 percent of GDP; the article says 26.9 percent of provincial GDP"
    ) in said
    assert "drafts/guizhou.md:3:1: supported" in said
    assert "base/facts.yaml:2:1: F002 YAML syntax error" in said
    assert said.count("Failed") == 2 and "Traceback" not in said


def test_a_configured_repository_passes_correct_drafts_and_fact_files(
    tmp_path: Path, hooks_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    repo_path, rev = hooks_repo
    config = f"repos:\n- repo: {repo_path}\n  rev: {rev}\n  hooks:\n  - id: gzfacts-check\n  - id: gzfacts-validate\n"
    base = MINI.parent
    repo = desk(
        tmp_path,
        {
            ".pre-commit-config.yaml": config,
            "drafts/guizhou.md": f"# Notes\n\n{RIGHT}\n",
            "notes.txt": WRONG,  # not Markdown: not checked
            "desk-base/facts.yaml": MINI.read_text(encoding="utf-8"),
            **{f"desk-base/sources/{p.name}": p.read_text(encoding="utf-8") for p in (base / "sources").iterdir()},
        },
    )
    ran = pre_commit("run", "--all-files", cwd=repo, home=pre_commit_home)
    said = ran.stdout + ran.stderr
    assert ran.returncode == 0, said
    assert said.count("Passed") == 2 and "Failed" not in said


def test_args_make_unverifiable_sentences_fail_too(
    tmp_path: Path, hooks_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    repo_path, rev = hooks_repo
    config = (
        f"repos:\n- repo: {repo_path}\n  rev: {rev}\n  hooks:\n"
        "  - id: gzfacts-check\n    args: [--fail-on, unverifiable]\n"
    )
    unverifiable = "Guizhou built 300 new bridges over the Moon in 2018."
    repo = desk(tmp_path, {".pre-commit-config.yaml": config, "draft.md": f"{RIGHT}\n\n{unverifiable}\n"})
    ran = pre_commit("run", "--all-files", cwd=repo, home=pre_commit_home)
    said = ran.stdout + ran.stderr
    assert ran.returncode == 1, said
    assert "draft.md:3:1: unverifiable:" in said and "exit code: 1" in said


def test_a_hook_misconfigured_in_args_is_a_one_line_error(tmp_path: Path) -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "gzfacts.cli.hooks", "check", "--fail-on"], capture_output=True, text=True, timeout=120
    )
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr.splitlines() == [
        "gzfacts: error: python -m gzfacts.cli.hooks: argument --fail-on: expected one argument",
        "gzfacts: see `python -m gzfacts.cli.hooks --help`",
    ]
