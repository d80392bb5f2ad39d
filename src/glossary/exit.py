"""The exit statuses of the ``glossary`` command; only ``__main__`` hands one to the system."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """What a command's exit status says; the aliases name 1 where it means something else."""

    #: Done; ``check`` found nothing at or above ``--fail-on``.
    OK = 0
    #: ``check`` found something at or above ``--fail-on``.
    FINDINGS = 1
    #: ``lookup`` found no term for the word.
    NOT_FOUND = 1
    #: The reader of standard output went away (``glossary check … | head``).
    OUTPUT_CLOSED = 1
    #: Usage, configuration, input or database errors (argparse exits 2 for usage too).
    ERROR = 2
    #: Stopped by Ctrl-C: 128 + SIGINT, as shells report it.
    INTERRUPTED = 130
