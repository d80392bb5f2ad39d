"""PostgreSQL LISTEN for the glossary's writes: every process learns of a write through any
other at once, and reads the new version on its next request (the version poll stays the
fallback, e.g. while this connection is being re-established)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine

from glossary.service.writes import CHANNEL

log = logging.getLogger("glossary.notify")
RETRY_SECONDS = 1.0


class Listener:
    """A daemon thread that listens on the glossary's channel and calls ``changed``."""

    def __init__(self, engine: Engine, changed: Callable[[], None]) -> None:
        self.url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.changed = changed
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="glossary-listen", daemon=True)

    def start(self) -> None:
        """Start listening in the background."""
        self.thread.start()

    def stop(self) -> None:
        """Ask the thread to stop; it closes its connection within a second, on its own."""
        self.stopping.set()

    def _run(self) -> None:
        import psycopg

        while not self.stopping.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=3) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.changed()  # anything written while we were not listening
                    while not self.stopping.is_set():
                        for _ in connection.notifies(timeout=1.0):
                            self.changed()
            except psycopg.Error as error:
                log.warning("listening for glossary writes failed: %s", type(error).__name__)
                self.stopping.wait(RETRY_SECONDS)
