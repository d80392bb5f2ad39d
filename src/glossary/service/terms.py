"""Terms: list, read, create, replace, delete and restore, each a new revision with its history."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from glossary import rules
from glossary.errors import (
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
)
from glossary.matching.model import Status, Term
from glossary.models import (
    HistoryRow,
    TermRow,
)
from glossary.service.catalog import Catalog
from glossary.service.keys import Principal, Role
from glossary.service.paging import MAX_PAGE, Page, paginate
from glossary.service.store import StoredTerm, all_terms, load_terms
from glossary.service.validation import require_departments, validate_term
from glossary.service.visibility import can_read, listed_statuses, readable_statuses, without_hidden
from glossary.service.writes import begin_write, delete_children, record, store_terms

#: The revisions a write may replace (those its If-Match names); None: any revision.
Revisions = frozenset[int] | None


def get_term(*, session: Session, term_id: str) -> StoredTerm:
    """One term with its revision, or NotFound."""
    return _existing(load_terms(session, [term_id]), term_id)


def _existing(stored: Mapping[str, StoredTerm], term_id: str) -> StoredTerm:
    found = stored.get(term_id)
    if found is None:
        raise NotFound(f"no term {term_id!r}")
    return found


def read_term(*, session: Session, term_id: str, principal: Principal) -> StoredTerm:
    """One term as ``principal`` may see it; NotFound when it may not see it at all."""
    stored = load_terms(session, [term_id]).get(term_id)
    if stored is None or not can_read(principal, stored.term):
        raise NotFound(f"no term {term_id!r}")
    if not stored.term.related or principal.role >= Role.EDITOR:
        return stored
    hidden = session.exec(
        select(TermRow.id).where(
            col(TermRow.id).in_(stored.term.related),
            col(TermRow.status).not_in(list(readable_statuses(principal))),
        )
    ).all()
    return replace(stored, term=without_hidden(stored.term, set(hidden)))


def _wanted(
    term: Term, *, department: str | None, tag: str | None, statuses: Collection[Status]
) -> bool:
    if term.status not in statuses:
        return False
    if department is not None and all(m.department != department for m in term.meanings):
        return False
    return tag is None or tag in term.tags


def list_terms(
    *,
    catalog: Catalog,
    principal: Principal,
    q: str | None = None,
    department: str | None = None,
    tag: str | None = None,
    status: Status | None = None,
    limit: int = 50,
    after: list[Any] | None = None,
) -> Page:
    """The terms ``principal`` may see (of one ``status`` if asked), filtered and, with ``q``,
    fuzzily searched best first; the page after the key ``after``. An unknown ``department``
    is 422."""
    if department is not None:
        require_departments(catalog=catalog, given=[department], where="query.department")
    statuses = listed_statuses(principal, status)
    stored = catalog.view(principal).terms
    if q and q.strip():
        ranked = catalog.search.search(q)
        keyed = [
            ([-round(score, 3), term_id], stored[term_id])
            for term_id, score in ranked
            if term_id in stored
        ]
    else:
        keyed = [([term_id], stored[term_id]) for term_id in sorted(stored)]
    wanted = [
        pair
        for pair in keyed
        if _wanted(pair[1].term, department=department, tag=tag, statuses=statuses)
    ]
    return paginate(wanted, limit=min(max(limit, 1), MAX_PAGE), after=after)


def create_term(
    *,
    session: Session,
    term: Term,
    actor: str,
    action: str = "create",
    scope: Collection[str] | None = None,
) -> StoredTerm:
    """Create a term (a deleted id may be created again; its revisions continue)."""
    version = begin_write(session)
    return _create(session, term, version=version, actor=actor, action=action, scope=scope)


def _create(
    session: Session,
    term: Term,
    *,
    version: int,
    actor: str,
    action: str,
    scope: Collection[str] | None,
) -> StoredTerm:
    """Create a term inside a write begun with ``begin_write``."""
    final = all_terms(session)
    if term.id in final:
        raise Conflict(f"term {term.id!r} exists already; replace it with PUT")
    require_scope(scope, None, term, actor=actor)
    final[term.id] = term
    rules.check_change(final, paths={term.id: "term"})
    store_terms(session, [term], previous={}, version=version, actor=actor, action=action)
    return get_term(session=session, term_id=term.id)


def touched_departments(before: Term | None, after: Term | None) -> set[str]:
    """The departments whose meanings a change touches; a change of the term's own fields
    (labels, forms, tags, …) touches every department the term has."""
    if before is None or after is None:
        term = after or before
        return {m.department for m in term.meanings} if term else set()
    old = {m.department: m for m in before.meanings}
    new = {m.department: m for m in after.meanings}
    touched = {d for d in old.keys() | new.keys() if old.get(d) != new.get(d)}
    if replace(before, meanings=()) != replace(after, meanings=()):
        touched |= old.keys() | new.keys()
    return touched


def require_scope(
    scope: Collection[str] | None, before: Term | None, after: Term | None, *, actor: str
) -> None:
    """403 when a department-scoped editor's change touches another department's meaning."""
    if scope is None:
        return
    outside = sorted(touched_departments(before, after) - set(scope))
    if outside:
        raise Forbidden(
            f"{actor!r} may change the meanings of {', '.join(sorted(scope)) or 'no department'}"
            f" only; this change touches {', '.join(outside)}"
        )


def _require_current(current: StoredTerm, expected: Revisions) -> None:
    if expected is not None and current.revision not in expected:
        raise PreconditionFailed(
            f"term {current.term.id!r} has changed since you read it (now revision "
            f"{current.revision}); fetch it again and reapply your change",
            details=[{"current_etag": current.etag}],
        )


def replace_term(
    *,
    session: Session,
    term_id: str,
    term: Term,
    expected: Revisions,
    actor: str,
    action: str = "update",
    scope: Collection[str] | None = None,
) -> StoredTerm:
    """Replace a term if its current revision is ``expected``; an identical body is a no-op."""
    version = begin_write(session)
    return _replace(
        session, term_id, term, expected, version=version, actor=actor, action=action, scope=scope
    )


def _replace(
    session: Session,
    term_id: str,
    term: Term,
    expected: Revisions,
    *,
    version: int,
    actor: str,
    action: str,
    scope: Collection[str] | None,
) -> StoredTerm:
    """Replace a term inside a write begun with ``begin_write``."""
    stored = load_terms(session)
    current = _existing(stored, term_id)
    _require_current(current, expected)
    require_scope(scope, current.term, term, actor=actor)
    if term == current.term:
        session.rollback()
        return current
    final = {other.term.id: other.term for other in stored.values()}
    final[term_id] = term
    rules.check_change(final, paths={term_id: "term"})
    store_terms(
        session, [term], previous={term_id: current}, version=version, actor=actor, action=action
    )
    return get_term(session=session, term_id=term_id)


def delete_term(
    *,
    session: Session,
    term_id: str,
    expected: Revisions,
    actor: str,
    scope: Collection[str] | None = None,
) -> None:
    """Delete a term if its current revision is ``expected``; its history stays, so it can
    be restored."""
    version = begin_write(session)
    stored = load_terms(session)
    current = _existing(stored, term_id)
    _require_current(current, expected)
    require_scope(scope, current.term, None, actor=actor)
    referrers = sorted(other.term.id for other in stored.values() if term_id in other.term.related)
    if referrers:
        raise Conflict(
            f"term {term_id!r} is listed as related by {', '.join(referrers)}; "
            "remove it there first",
            details=[{"related_from": referrers}],
        )
    delete_children(session, [term_id])
    session.exec(delete(TermRow).where(col(TermRow.id) == term_id))
    record(
        session,
        term_id=term_id,
        revision=current.revision + 1,
        version=version,
        action="delete",
        actor=actor,
        before=current.term,
        after=None,
    )


def restore_term(
    *,
    session: Session,
    term_id: str,
    revision: int,
    actor: str,
    scope: Collection[str] | None = None,
) -> StoredTerm:
    """Bring back the term as it was at ``revision`` (also after a delete); a new revision.
    The write lock comes first, so a delete or edit that commits meanwhile is seen."""
    version = begin_write(session)
    row = session.exec(
        select(HistoryRow).where(HistoryRow.term_id == term_id, HistoryRow.revision == revision)
    ).first()
    if row is None or row.after is None:
        raise NotFound(f"term {term_id!r} has no revision {revision} to restore")
    term = validate_term(session=session, raw=row.after, path=f"revision {revision}")
    if session.get(TermRow, term_id) is None:
        return _create(session, term, version=version, actor=actor, action="restore", scope=scope)
    return _replace(
        session, term_id, term, None, version=version, actor=actor, action="restore", scope=scope
    )
