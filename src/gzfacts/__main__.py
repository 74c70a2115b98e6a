"""The `gzfacts` command (also `python -m gzfacts`)."""

import sys


def main() -> None:
    """Run the command line, its index's freshness check begun first in a second process
    (`gzfacts.preload`), while the command line is imported."""
    from gzfacts import preload

    preload.begin(sys.argv[1:])
    from gzfacts.cli import main as run

    run()


if __name__ == "__main__":
    main()
