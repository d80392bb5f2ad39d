"""A database that cannot store: its disk is full, or it is read-only. Such an error is 507
Insufficient Storage (not 503: the database answers, and retrying will not help until an
operator acts), and ``/readyz`` reports it until a write succeeds or a while has passed."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError

#: How long ``/readyz`` reports a storage error after the last one, unless a write succeeds.
ALARM_SECONDS = 60.0
FULL = "the database's disk is full; nothing was saved. Reading and checking still work."
READ_ONLY = "the database is read-only; nothing was saved. Reading and checking still work."
#: PostgreSQL's SQLSTATEs: disk_full ("could not extend file", "No space left on device"),
#: read_only_sql_transaction (also a hot standby's "cannot execute … in a read-only transaction").
_POSTGRES = {"53100": FULL, "25006": READ_ONLY}
#: SQLite's primary result codes: SQLITE_FULL ("database or disk is full"), SQLITE_READONLY.
_SQLITE = {13: FULL, 8: READ_ONLY}


def storage_problem(error: BaseException) -> str | None:
    """What a database error says about storage, as a message for the client; None when it
    is some other error."""
    if not isinstance(error, DBAPIError):
        return None
    original = error.orig
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(sqlstate, str):
        return _POSTGRES.get(sqlstate)
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        return _SQLITE.get(code & 0xFF) if isinstance(code, int) else None
    return None


class StorageAlarm:
    """The last storage error of this process, for ``/readyz``; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.lock = threading.Lock()
        self.problem: str | None = None
        self.at = 0.0

    def raised(self, problem: str) -> None:
        with self.lock:
            self.problem, self.at = problem, self.clock()

    def cleared(self) -> None:
        """A write succeeded: there is room again."""
        with self.lock:
            self.problem = None

    def current(self) -> str | None:
        with self.lock:
            if self.problem is not None and self.clock() - self.at > ALARM_SECONDS:
                self.problem = None
            return self.problem
