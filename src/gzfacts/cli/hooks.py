"""pre-commit's hooks (.pre-commit-hooks.yaml): one gzfacts command run on each file pre-commit passes.

    python -m gzfacts.cli.hooks check [--facts PATH] [--fail-on VERDICT] FILE...
    python -m gzfacts.cli.hooks validate [--fail-on LEVEL] FILE...

pre-commit appends the staged files to the hook's command line, but `gzfacts check -f` and
`gzfacts validate` each take one file: this runs the command on each in turn, in this process
(the checker is imported once, not once a file), as `gzfacts check --format plain -f FILE` and
`gzfacts validate FILE` would, and exits with the worst of their exit codes. Their findings and
messages are the commands' own: `path:line:col: verdict: reason [fact-id]` lines for drafts.
"""

# No `from __future__ import annotations` here, as in the other command modules.
import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

#: Each hook: the command run on every file, before its options and the file.
HOOKS = {
    "check": ["check", "--format", "plain", "--file"],
    "validate": ["validate"],
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """A usage error on one line, in the words of every other gzfacts error (exit code 2)."""
        from gzfacts.output.messages import write_message

        write_message(f"error: {self.prog}: {message}", f"see `{self.prog} --help`")
        sys.exit(2)


def parser() -> argparse.ArgumentParser:
    """The hooks' command line: a hook, the options a repository's `args:` may give, the files."""
    found = _Parser(
        prog="python -m gzfacts.cli.hooks", description="Run a gzfacts command on each file pre-commit passes."
    )
    found.add_argument("hook", choices=sorted(HOOKS))
    found.add_argument("--facts", metavar="PATH", help="check: the fact base to check against")
    found.add_argument(
        "--fail-on",
        metavar="LEVEL",
        help="check: contradicted (the default) or unverifiable; validate: error (the default) or warning",
    )
    found.add_argument("files", nargs="*", metavar="FILE")
    return found


def command_lines(argv: Sequence[str]) -> list[list[str]]:
    """The gzfacts command line (after `gzfacts`) for each file `argv` names."""
    asked = parser().parse_intermixed_args(argv)
    if asked.facts is not None and asked.hook != "check":
        parser().error("--facts is for the check hook: the validate hook checks the fact files it is given")
    options = ["--fail-on", asked.fail_on] if asked.fail_on else []
    head = ["--facts", asked.facts] if asked.facts is not None else []
    return [[*head, *HOOKS[asked.hook], name, *options] for name in asked.files]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the hook on each file; the exit code is the worst of theirs (0 when all pass)."""
    from gzfacts.cli.core import app
    from gzfacts.process import end_cleanly_on_sigterm

    end_cleanly_on_sigterm()
    worst = 0
    for args in command_lines(sys.argv[1:] if argv is None else argv):
        try:
            app(args, prog_name="gzfacts")
            code = 0
        except SystemExit as exc:  # a Typer app ends by raising it, whatever the outcome
            code = exc.code if isinstance(exc.code, int) else 1 if exc.code else 0
        finally:
            sys.stdout.flush()
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(main())
