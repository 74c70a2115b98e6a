"""What the export tests share: the hostile fact base (and conftest's require_tool)."""

from __future__ import annotations

from tests.conftest import DATA, require_tool

#: A fact base that tries to break the exports (markup, <script>, shared and nested quotes, two sources).
HOSTILE = DATA / "hostile" / "facts.yaml"

__all__ = ["HOSTILE", "require_tool"]
