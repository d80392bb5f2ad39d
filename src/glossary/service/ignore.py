"""The glossary's own ignore list: names and phrases that contain a label but are never the
term (``Campaign Monitor``), for every term; versioned with the glossary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from glossary.errors import PreconditionFailed
from glossary.models import GlossaryState
from glossary.service.store import glossary_ignore, glossary_version
from glossary.service.writes import begin_write


@dataclass(frozen=True, slots=True)
class IgnoreList:
    """The list at one glossary version (the version is its ETag)."""

    items: tuple[str, ...]
    version: int

    @property
    def etag(self) -> str:
        """The strong ETag: the glossary version the list was read at."""
        return f'"{self.version}"'


def read_ignore(*, session: Session) -> IgnoreList:
    """The glossary's ignore list and the version it was read at."""
    return IgnoreList(glossary_ignore(session=session), glossary_version(session=session))


def replace_ignore(
    *, session: Session, items: Sequence[str], expected: frozenset[int] | None
) -> IgnoreList:
    """Replace the list if the glossary is still at a version ``expected`` names (None: any);
    the same list again is a no-op that keeps the version."""
    version = begin_write(session)
    current = IgnoreList(glossary_ignore(session=session), version - 1)
    if expected is not None and current.version not in expected:
        raise PreconditionFailed(
            f"the glossary has changed since you read the ignore list (now version "
            f"{current.version}); fetch it again and reapply your change",
            details=[{"current_etag": current.etag}],
        )
    if tuple(items) == current.items:
        session.rollback()
        return current
    state = session.get(GlossaryState, 1)
    assert state is not None
    state.ignore = list(items)
    session.add(state)
    session.flush()
    return IgnoreList(tuple(items), version)
