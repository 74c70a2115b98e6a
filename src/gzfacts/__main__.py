"""The `gzfacts` command (also `python -m gzfacts`)."""

from gzfacts.cli import main

if __name__ == "__main__":
    main()
