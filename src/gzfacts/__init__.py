"""gzfacts: look up verified facts, each with its citation and the verbatim sentence it rests on.

    >>> import gzfacts
    >>> with gzfacts.load() as fb:
    ...     print(fb.fact("digital-economy-gdp-share-2018").value)
    ...     print([hit.fact.id for hit in fb.search("internet hospital").hits][:1])
    26.9
    ['39-internet-hospital']

The names below are imported on first use, so that `import gzfacts` (and the command line,
which lives at the prompt) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Anchor": "gzfacts.model",
    "Fact": "gzfacts.model",
    "Source": "gzfacts.model",
    "Topic": "gzfacts.model",
    "FactBase": "gzfacts.factbase",
    "load": "gzfacts.factbase",
    "FactBaseInvalid": "gzfacts.errors",
    "FactBaseUnreadable": "gzfacts.errors",
    "GzfactsError": "gzfacts.errors",
    "NoResults": "gzfacts.errors",
    "NotFound": "gzfacts.errors",
    "Problem": "gzfacts.errors",
    "ProblemsFound": "gzfacts.errors",
    "UsageError": "gzfacts.errors",
    "Hit": "gzfacts.search",
    "SearchResult": "gzfacts.search",
}

__all__ = [
    "Anchor",
    "Fact",
    "FactBase",
    "FactBaseInvalid",
    "FactBaseUnreadable",
    "GzfactsError",
    "Hit",
    "NoResults",
    "NotFound",
    "Problem",
    "ProblemsFound",
    "SearchResult",
    "Source",
    "Topic",
    "UsageError",
    "__version__",
    "load",
]

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.errors import (
        FactBaseInvalid,
        FactBaseUnreadable,
        GzfactsError,
        NoResults,
        NotFound,
        Problem,
        ProblemsFound,
        UsageError,
    )
    from gzfacts.factbase import FactBase, load
    from gzfacts.model import Anchor, Fact, Source, Topic
    from gzfacts.search import Hit, SearchResult


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gzfacts' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
