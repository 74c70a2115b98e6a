"""gzfacts: look up verified facts, each with its citation and the verbatim sentence it rests on.

>>> import gzfacts
>>> fb = gzfacts.load()
>>> fb.fact("digital-economy-gdp-share-2018").value
26.9
>>> [hit.fact.id for hit in fb.search("telemedicine").hits][:1]
['longmaster-telemedicine-technology']
"""

from gzfacts.errors import (
    FactBaseInvalid,
    FactBaseUnreadable,
    GzfactsError,
    NotFound,
    Problem,
    UsageError,
)
from gzfacts.factbase import FactBase, load
from gzfacts.model import Anchor, Fact, Source, Topic
from gzfacts.search import Hit, SearchResult

__version__ = "0.1.0"

__all__ = [
    "Anchor",
    "Fact",
    "FactBase",
    "FactBaseInvalid",
    "FactBaseUnreadable",
    "GzfactsError",
    "Hit",
    "NotFound",
    "Problem",
    "SearchResult",
    "Source",
    "Topic",
    "UsageError",
    "__version__",
    "load",
]
