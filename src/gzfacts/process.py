"""How a run of an entry point (the `gzfacts` script, the pre-commit hooks) ends well whatever
happens to its process: standard streams that were closed, SIGTERM, arguments that are not
UTF-8, a reader that went away. Nothing here knows Typer: `cli` runs its app inside `running`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

# gzfacts.output.messages (its words, its exit codes) is imported where a run goes wrong: a
# run that goes well does not pay for it.


class Terminated(BaseException):
    """SIGTERM, raised where the command is (as Ctrl-C raises KeyboardInterrupt), so that it ends
    as an interrupted command does: a build's worker processes stopped and reaped (no semaphore
    left for multiprocessing's resource tracker to warn of), its temporary file removed."""


def _terminated(signum: int, frame: object) -> None:
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
    raise Terminated


def end_cleanly_on_sigterm() -> None:
    """Make SIGTERM raise Terminated in the command, unless the process already handles it."""
    import contextlib
    import signal

    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        with contextlib.suppress(ValueError):  # not the main thread: left as it is
            signal.signal(signal.SIGTERM, _terminated)


def check_arguments(arguments: Sequence[str]) -> None:
    """Every argument must be text: bytes that are not UTF-8 (`show $'caf\\xe9'`) get one line
    that says which argument, not a UnicodeEncodeError from deep inside a command."""
    for number, argument in enumerate(arguments, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            from gzfacts.output.messages import ExitCode, write_message

            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            write_message(f"error: argument {number} ('{shown}') is not valid UTF-8 text; type it in UTF-8")
            raise SystemExit(ExitCode.USAGE) from None


def silence_stdout() -> None:
    """Point stdout at the null device: its reader went away (`gzfacts list | head -1`)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@contextmanager
def running(arguments: Sequence[str]) -> Iterator[None]:
    """Run the command line inside: its arguments checked, Ctrl-C and SIGTERM ending it with
    their exit codes, stdout flushed at the end (quietly when its reader went away)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # started with that descriptor closed (`>&-`): output goes nowhere
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (for the whole run)
    end_cleanly_on_sigterm()
    try:
        check_arguments(arguments)
        yield
    except KeyboardInterrupt:
        from gzfacts.output.messages import ExitCode, write_message

        write_message("interrupted")
        raise SystemExit(ExitCode.INTERRUPTED) from None
    except Terminated:
        from gzfacts.output.messages import ExitCode

        raise SystemExit(ExitCode.TERMINATED) from None
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
