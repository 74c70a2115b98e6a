"""Test sessions, one per supported Python: `nox` runs them all, `nox -s tests-3.13` one.

Each session installs gzfacts with its test extra into a fresh virtual environment, the way
the README says, and runs the whole suite. nox finds each interpreter on PATH (python3.11 ...)
or, failing that, through pyenv's or uv's installations.
"""

from __future__ import annotations

import nox

#: The Pythons gzfacts supports and tests; keep in step with pyproject.toml's classifiers.
PYTHONS = ["3.11", "3.12", "3.13"]

nox.options.sessions = ["tests"]
nox.options.reuse_venv = "yes"


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite on one Python."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)
