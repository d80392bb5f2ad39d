"""``python -m glossary`` and the ``glossary`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the CLI and exit with its status."""
    from glossary.cli import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
