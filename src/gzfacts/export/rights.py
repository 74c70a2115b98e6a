"""Whose rights an export carries: the fact base's licence and each source's rights."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from gzfacts.model import Source


class License(NamedTuple):
    """The licence of a curated fact base (its claims, values, periods and selection)."""

    name: str
    url: str | None = None


#: The licence of the fact base that ships with gzfacts (LICENSE-facts; docs/rights.md).
SHIPPED_LICENSE = License("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")

#: Said of a source that does not declare its rights.
RIGHTS_UNSTATED = "Rights not stated in the fact base; ask the publisher before reusing the text."


def fact_base_license(path: Path, name: str | None = None, url: str | None = None) -> License | None:
    """The licence to state for the fact base at `path`: the one given, else the shipped one's."""
    if name:
        return License(name, url)
    from gzfacts.factbase import shipped_path

    try:
        # The shipped base, or a byte-for-byte copy of it (a clone's facts.yaml beside an installed gzfacts).
        shipped = path.resolve() == shipped_path().resolve() or (
            path.is_file() and path.read_bytes() == shipped_path().read_bytes()
        )
    except OSError:
        shipped = False
    return SHIPPED_LICENSE if shipped else None


def source_rights(source: Source) -> str:
    """What the source declares about its rights, or a plain warning that it declares nothing."""
    return source.rights or RIGHTS_UNSTATED
