"""Authoring a fact base: `init`, `extract`, `quote` and `coverage`, as library calls.

Nothing here imports Typer or Rich; gzfacts.cli declares the commands over these functions.
"""
