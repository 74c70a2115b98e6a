"""Views: what each command shows, as Listings that any output writer can print.

A view takes the library's results (facts, topics, search hits, problems) and says which
records to print, which fields machine formats write, and how a table or card shows them.
Views know nothing of Typer or of the terminal, so they are tested by calling them directly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: The modules of views and the names each defines: imported on first use, so that a
#: command imports only its own views.
_MODULES = {
    "authoring": ("FAIL_LEVELS", "PROBLEM_FIELDS", "coverage", "extract", "init", "quote", "validation"),
    "cache": ("CACHE_FIELDS", "cache_cleared", "cache_list", "cache_pruned"),
    "checking": ("check", "check_rules"),
    "lookup": ("FACT_TABLE", "ID_STYLE", "citation", "fact_list", "fact_view", "known_id", "search", "search_notes",
               "show", "source_list", "topic_list", "topic_view", "value_text"),
}  # fmt: skip
_EXPORTS = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "CACHE_FIELDS",
    "FACT_TABLE",
    "FAIL_LEVELS",
    "ID_STYLE",
    "PROBLEM_FIELDS",
    "cache_cleared",
    "cache_list",
    "cache_pruned",
    "check",
    "check_rules",
    "citation",
    "coverage",
    "extract",
    "fact_list",
    "fact_view",
    "init",
    "known_id",
    "quote",
    "search",
    "search_notes",
    "show",
    "source_list",
    "topic_list",
    "topic_view",
    "validation",
    "value_text",
]

if TYPE_CHECKING:  # pragma: no cover
    from gzfacts.views.authoring import FAIL_LEVELS, PROBLEM_FIELDS, coverage, extract, init, quote, validation
    from gzfacts.views.cache import CACHE_FIELDS, cache_cleared, cache_list, cache_pruned
    from gzfacts.views.checking import check, check_rules
    from gzfacts.views.lookup import (
        FACT_TABLE,
        ID_STYLE,
        citation,
        fact_list,
        fact_view,
        known_id,
        search,
        search_notes,
        show,
        source_list,
        topic_list,
        topic_view,
        value_text,
    )


def __getattr__(name: str) -> Any:
    """A view or a name of one, from its module, imported on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'gzfacts.views' has no attribute {name!r}")
    return getattr(import_module(f"gzfacts.views.{_EXPORTS[name]}"), name)
