"""The language server (`gzfacts lsp`): the checker's findings under the words of a draft in an editor.

Two modules, so that what the server knows can be tested without a client: `drafts` (no pygls)
keeps each open document's paragraphs and their findings, re-checks only the paragraphs that
changed, and places every checked part at its offsets; `server` (pygls, imported only by the
`gzfacts lsp` command) turns those into diagnostics, hovers and code actions. Nothing here
imports Typer or Rich.
"""
