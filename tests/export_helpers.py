"""What the export tests share: the hostile fact base, and tools that must exist on CI."""

from __future__ import annotations

import os
import shutil

import pytest

from .conftest import DATA

#: A fact base that tries to break the exports (markup, <script>, shared and nested quotes, two sources).
HOSTILE = DATA / "hostile" / "facts.yaml"


def require_tool(name: str, *candidates: str) -> str:
    """The path of a system tool the test needs: skipped locally when missing, a failure on CI.

    `.ci/run` installs the tool, so on CI (CI=true) a missing one means the setup is broken,
    and a skipped test would hide it.
    """
    for candidate in (name, *candidates):
        found = shutil.which(candidate)
        if found:
            return found
    message = f"{name} is not installed (apt-get install -y {name}); .ci/run installs it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
