"""`python -m gzfacts`: the same as the `gzfacts` command."""

from gzfacts.cli import main

if __name__ == "__main__":
    main()
