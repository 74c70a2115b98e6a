"""What the index's tests share: a private copy of the mini fact base."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.bases import mini_copy


@pytest.fixture()
def base(tmp_path: Path) -> Path:
    """A private copy of the mini fact base, free to edit."""
    return mini_copy(tmp_path)
