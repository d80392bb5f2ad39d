"""What the worker processes of one ``glossary serve`` share: a metrics directory, clean at
start, and the rate limit's windows in the database."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def shared_by_workers(workers: int) -> Iterator[None]:
    """With several workers: a fresh ``PROMETHEUS_MULTIPROC_DIR`` (an operator's own is
    emptied instead) and the database as the rate limit's storage unless one is chosen."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if workers <= 1 and not given:
        yield
        return
    if workers > 1:
        os.environ.setdefault("GLOSSARY_RATE_LIMIT_STORAGE", "database")
    folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="glossary-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.db"):  # a previous run's counts are not this run's
        old.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    try:
        yield
    finally:
        if not given:
            shutil.rmtree(folder, ignore_errors=True)
