"""A term's history: every recorded change, newest first, as its reader may see it."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from glossary.diff import Change, field_changes
from glossary.errors import (
    NotFound,
)
from glossary.models import (
    HistoryRow,
    TermRow,
)
from glossary.service.keys import Principal
from glossary.service.paging import MAX_PAGE, Page, id_page
from glossary.service.store import aware
from glossary.service.visibility import readable_statuses, state_readable


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One recorded change of a term."""

    revision: int
    glossary_version: int
    action: str
    actor: str
    at: datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def diff(self) -> list[Change]:
        """Every field that differs, by a dotted path (``meanings.sales.definition.en``)."""
        return field_changes(self.before, self.after)

    @property
    def changes(self) -> list[str]:
        """The top-level fields that differ between before and after."""
        before, after = self.before or {}, self.after or {}
        keys = [k for k in after if k in before or self.before is not None] + [
            k for k in before if k not in after
        ]
        return [k for k in dict.fromkeys(keys) if before.get(k) != after.get(k)]


def _history_rows(
    session: Session, term_id: str, after: int | None, batch: int
) -> Iterable[HistoryRow]:
    """A term's history rows, newest first, read ``batch`` at a time."""
    while True:
        query = select(HistoryRow).where(HistoryRow.term_id == term_id)
        if after is not None:
            query = query.where(col(HistoryRow.id) < after)
        rows = list(session.exec(query.order_by(col(HistoryRow.id).desc()).limit(batch)))
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].id


def _history_entry(row: HistoryRow, statuses: Collection[str]) -> HistoryEntry | None:
    """The entry with each state its reader may not see as null; None when both are."""
    before = row.before if state_readable(statuses, row.before) else None
    after = row.after if state_readable(statuses, row.after) else None
    if before is None and after is None:
        return None
    return HistoryEntry(
        revision=row.revision,
        glossary_version=row.glossary_version,
        action=row.action,
        actor=row.actor,
        at=aware(row.at),
        before=before,
        after=after,
    )


def term_history(
    *,
    session: Session,
    term_id: str,
    principal: Principal,
    limit: int = 50,
    after: int | None = None,
) -> Page:
    """Every change of a term (also a deleted one), newest first, after the row id ``after``.
    A reader sees it while the term is readable or deleted, and only its readable states: one
    in another review stage is null, and a change between two such states is left out."""
    statuses = {status.value for status in readable_statuses(principal)}
    current = session.get(TermRow, term_id)
    if current is not None and current.status not in statuses:
        raise NotFound(f"no term {term_id!r}")
    limit = min(max(limit, 1), MAX_PAGE)
    pairs: list[tuple[int, HistoryEntry]] = []
    for row in _history_rows(session, term_id, after, batch=limit + 1):
        entry = _history_entry(row, statuses)
        if entry is not None:
            pairs.append((row.id or 0, entry))
        if len(pairs) > limit:
            break
    if not pairs and after is None:
        raise NotFound(f"no term {term_id!r}, and no history of one")
    return id_page(pairs, limit=limit)
