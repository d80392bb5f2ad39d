"""The per-process glossary: a consistent snapshot, its views and indexes, and the cache."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from glossary.errors import (
    Conflict,
)
from glossary.matching.index import TermIndex
from glossary.matching.model import Glossary, Status
from glossary.matching.scan import CheckOptions, CheckResult, check
from glossary.matching.search import TermSearch
from glossary.service.departments import list_departments
from glossary.service.keys import Principal
from glossary.service.store import (
    StoredTerm,
    glossary_ignore,
    glossary_languages,
    glossary_version,
    load_terms,
)
from glossary.service.validation import require_departments
from glossary.service.visibility import View, readable_statuses, view_of

SNAPSHOT_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The whole glossary at one version, with the stored form of every term."""

    version: int
    glossary: Glossary
    terms: Mapping[str, StoredTerm]


def load_snapshot(*, session: Session) -> Snapshot:
    """A consistent copy of the glossary: retried if a write lands while it is read."""
    for _ in range(SNAPSHOT_ATTEMPTS):
        version = glossary_version(session=session)
        terms = load_terms(session)
        glossary = Glossary(
            languages=glossary_languages(session=session),
            departments=tuple(list_departments(session=session)),
            terms=tuple(stored.term for stored in terms.values()),
            ignore=glossary_ignore(session=session),
        )
        if glossary_version(session=session) == version:
            return Snapshot(version=version, glossary=glossary, terms=terms)
        session.rollback()
    raise Conflict("the glossary changed while it was read; try again")


#: How often a process reads the glossary version when nothing told it of a write.
POLL_SECONDS = 0.5


VERSION_QUERY = "SELECT version FROM glossary_state WHERE id = 1"


class Catalog:
    """The glossary at one version and what is derived from it (search index, later more)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._views: dict[frozenset[Status], View] = {}

    def view(self, principal: Principal) -> View:
        """The terms ``principal`` may see (built once per kind of reader)."""
        statuses = readable_statuses(principal)
        found = self._views.get(statuses)
        if found is None:
            found = self._views[statuses] = view_of(self.snapshot, statuses)
        return found

    @property
    def version(self) -> int:
        """The glossary version this catalog was built from."""
        return self.snapshot.version

    @cached_property
    def search(self) -> TermSearch:
        """The fuzzy search index over every term, built on first use."""
        return TermSearch(self.snapshot.glossary.terms)

    @cached_property
    def index(self) -> TermIndex:
        """The check index over the approved terms, built on first use."""
        return TermIndex.build(self.snapshot.glossary)


class GlossaryCache:
    """Per process: the newest catalog, rebuilt when the glossary version moves.

    Requests do not ask the database whether it moved: a write through this process, a
    PostgreSQL notification of a write through another (see glossary.service.notify), or a
    background poll of the version every ``poll`` seconds marks the catalog stale, and the next
    request reads the version and rebuilds. While the database is away, checks keep the last
    catalog."""

    def __init__(self, poll: float = POLL_SECONDS) -> None:
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._poll = poll
        self._stale = True
        self._retry_at = 0.0
        self.rebuilds: list[float] = []  # seconds each rebuild took (for metrics)

    def invalidate(self) -> None:
        """Read the version on the next request (after a write, or a notification)."""
        self._stale = True

    def watch(self, engine: Any) -> Callable[[], None]:
        """Poll the version in the background; call the returned function to stop (it waits
        for the poll in progress, so that its connection is back before the pool closes)."""
        stopping = threading.Event()

        def poll() -> None:
            while not stopping.wait(self._poll):
                catalog = self._catalog
                try:
                    with engine.connect() as connection:
                        version = connection.execute(text(VERSION_QUERY)).scalar_one()
                except DBAPIError:
                    continue  # the database is away; requests will tell
                if catalog is None or version != catalog.version:
                    self.invalidate()

        thread = threading.Thread(target=poll, name="glossary-version-poll", daemon=True)
        thread.start()

        def stop() -> None:
            stopping.set()
            thread.join(timeout=10)

        return stop

    def get(self, *, session: Session, stale_ok: bool = False) -> Catalog:
        """The catalog for the database's current version; with ``stale_ok``, the last one
        while the database cannot be reached."""
        catalog = self._catalog
        if catalog is not None and not self._stale:
            return catalog
        if catalog is not None and stale_ok and time.monotonic() < self._retry_at:
            return catalog  # the database was away a moment ago: ask again later
        self._stale = False  # cleared before reading: a write meanwhile marks it again
        try:
            version = glossary_version(session=session)
        except DBAPIError:
            self._stale = True
            self._retry_at = time.monotonic() + self._poll
            if catalog is None or not stale_ok:
                raise
            session.rollback()
            return catalog  # the database is away: answer from what we have
        if catalog is not None and catalog.version == version:
            return catalog
        with self._lock:
            catalog = self._catalog
            if catalog is None or catalog.version != version:
                started = time.perf_counter()
                catalog = Catalog(load_snapshot(session=session))
                catalog.index  # noqa: B018 (build it now, not in the first check)
                self.rebuilds.append(time.perf_counter() - started)
                self._catalog = catalog
        return catalog


def check_text(*, catalog: Catalog, text: str, options: CheckOptions) -> CheckResult:
    """Check a text against the glossary; the audience must name known departments."""
    if options.audience is not None:
        require_departments(catalog=catalog, given=options.audience, where="audience")
    return check(text, catalog.index, options)
