"""Proposals: anyone may propose a new term or a change; it needs one approval from an editor of
each department it touches (an unscoped editor covers all, nobody their own proposal), and an
editor of any of them may reject it. The last approval applies it as a new revision, unless the
term changed after the proposal was made: then it is a conflict with both versions, never an
overwrite, and the proposal may be amended against the current term.
Proposed terms take no part in checks until approved (they are not in the glossary yet).

A proposal is seen by whoever may see its term as it stands (see visibility.can_read), and
each proposer may have only so many open proposals at a time (``Quota``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from glossary.diff import Change, field_changes
from glossary.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    QuotaExceeded,
)
from glossary.matching.model import Term
from glossary.models import GlossaryState, ProposalApprovalRow, ProposalRow, TermRow, utcnow
from glossary.service.keys import ANONYMOUS, Principal, Role
from glossary.service.paging import MAX_PAGE, Page, id_page
from glossary.service.store import StoredTerm, aware
from glossary.service.terms import get_term, touched_departments
from glossary.service.validation import check_fits, validate_term
from glossary.service.visibility import can_read, readable_statuses
from glossary.terms_file import term_to_dict

OPEN, APPROVED, REJECTED = "open", "approved", "rejected"


@dataclass(frozen=True, slots=True)
class Quota:
    """How many open proposals one proposer, and everyone together, may have."""

    per_proposer: int
    total: int


def propose(
    *,
    session: Session,
    term: Term,
    comment: str,
    proposer: Principal,
    origin: str,
    quota: Quota,
    revision: object = None,
) -> ProposalRow:
    """Record a proposal against the term as it stands now (or as a new term); the proposer
    (counted by ``origin``) must be under the quota of open proposals. A ``revision`` the
    proposal was made from must be the current one (412)."""
    _serialize(session)
    current = _current(session, term.id)
    if current is not None and not can_read(proposer, current.term):
        raise Conflict(f"the id {term.id!r} is taken; propose the term under another id")
    _require_base(current, revision)
    check_fits(session=session, term=term)
    _check_quota(session, origin, quota)
    row = ProposalRow(
        term_id=term.id,
        base_revision=current.revision if current else None,
        term=term_to_dict(term),
        comment=comment,
        proposer=proposer.name,
        origin=origin,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def _require_base(current: StoredTerm | None, revision: object) -> None:
    """412 when the term a proposal was made from is not the one that stands now."""
    if revision is None or (current is not None and revision == current.revision):
        return
    now = f"now revision {current.revision}" if current else "it does not exist now"
    raise PreconditionFailed(
        f"the proposal was made from revision {revision} of the term ({now}); fetch it again "
        "and propose your change to it"
    )


def _serialize(session: Session) -> None:
    """Take the glossary's write lock (without a new version), so that two proposals cannot
    both pass the quota: SQLite's database lock, PostgreSQL's row lock."""
    session.exec(update(GlossaryState).where(col(GlossaryState.id) == 1).values(id=1))


def _open_count(session: Session, origin: str | None = None) -> int:
    query = select(func.count()).select_from(ProposalRow).where(ProposalRow.status == OPEN)
    if origin is not None:
        query = query.where(ProposalRow.origin == origin)
    return int(session.exec(query).one())


def _check_quota(session: Session, origin: str, quota: Quota) -> None:
    if _open_count(session, origin) >= quota.per_proposer:
        raise QuotaExceeded(
            f"you have {quota.per_proposer} open proposals, the most one proposer may have "
            "(GLOSSARY_MAX_OPEN_PROPOSALS_PER_PROPOSER); propose more once an editor has "
            "approved or rejected some of them"
        )
    if _open_count(session) >= quota.total:
        raise QuotaExceeded(
            f"the glossary has {quota.total} open proposals, the most it takes "
            "(GLOSSARY_MAX_OPEN_PROPOSALS); propose again once editors have reviewed some"
        )


def _visible(
    query: SelectOfScalar[ProposalRow], principal: Principal
) -> SelectOfScalar[ProposalRow]:
    """Only the proposals whose term ``principal`` may see as it stands (or that is new)."""
    if principal.role >= Role.EDITOR:
        return query
    readable = [status.value for status in readable_statuses(principal)]
    return query.outerjoin(TermRow, col(TermRow.id) == col(ProposalRow.term_id)).where(
        or_(col(TermRow.id).is_(None), col(TermRow.status).in_(readable))
    )


def _filtered(
    principal: Principal, status: str | None, term_id: str | None
) -> SelectOfScalar[ProposalRow]:
    query = _visible(select(ProposalRow), principal)
    if status is not None:
        query = query.where(ProposalRow.status == status)
    if term_id is not None:
        query = query.where(ProposalRow.term_id == term_id)
    return query


def list_proposals(
    *,
    session: Session,
    principal: Principal,
    status: str | None = None,
    term_id: str | None = None,
    limit: int = 50,
    after: int | None = None,
) -> Page:
    """The proposals ``principal`` may see, newest first, a page at a time; only those of a
    status or term if asked."""
    query = _filtered(principal, status, term_id)
    if after is not None:
        query = query.where(col(ProposalRow.id) < after)
    limit = min(max(limit, 1), MAX_PAGE)
    rows = session.exec(query.order_by(col(ProposalRow.id).desc()).limit(limit + 1)).all()
    return id_page([(row.id or 0, row) for row in rows], limit=limit)


def count_proposals(
    *, session: Session, principal: Principal, status: str | None = None, term_id: str | None = None
) -> int:
    """How many proposals ``list_proposals`` would list in all."""
    listed = _filtered(principal, status, term_id).subquery()
    return int(session.exec(select(func.count()).select_from(listed)).one())


def get_proposal(*, session: Session, proposal_id: int) -> ProposalRow:
    """One proposal, or 404."""
    row = session.get(ProposalRow, proposal_id)
    if row is None:
        raise NotFound(f"no proposal {proposal_id}")
    return row


@dataclass(frozen=True, slots=True)
class Review:
    """A proposal beside the term as it stands now."""

    proposal: ProposalRow
    current: dict[str, Any] | None
    current_revision: int | None
    changes: list[Change]
    stale: bool


def review(*, session: Session, proposal_id: int, principal: Principal) -> Review:
    """The proposal, the current term, and what the proposal would change in it; NotFound
    when ``principal`` may not see the term as it stands."""
    row = get_proposal(session=session, proposal_id=proposal_id)
    stored = _current(session, row.term_id)
    if stored is not None and not can_read(principal, stored.term):
        raise NotFound(f"no proposal {proposal_id}")
    current = term_to_dict(stored.term) if stored else None
    revision = stored.revision if stored else None
    return Review(
        row, current, revision, field_changes(current, row.term), revision != row.base_revision
    )


def amend(
    *,
    session: Session,
    proposal_id: int,
    term: Term,
    comment: str | None,
    principal: Principal,
    revision: object = None,
) -> ProposalRow:
    """Replace an open proposal's term (the proposer or an editor may), against the term as it
    stands now; the approvals it had are dropped, since they were for another change."""
    _serialize(session)
    row = _open(session, proposal_id)
    if principal.role < Role.EDITOR and (principal is ANONYMOUS or principal.name != row.proposer):
        raise Forbidden(f"only {row.proposer!r} or an editor may amend proposal {proposal_id}")
    if term.id != row.term_id:
        raise InvalidInput(
            f"proposal {proposal_id} is for term {row.term_id!r}, not {term.id!r}; "
            "propose another term on its own"
        )
    current = _current(session, term.id)
    if current is not None and not can_read(principal, current.term):
        raise NotFound(f"no proposal {proposal_id}")
    _require_base(current, revision)
    check_fits(session=session, term=term)
    session.exec(delete(ProposalApprovalRow).where(col(ProposalApprovalRow.proposal_id) == row.id))
    row.term = term_to_dict(term)
    row.base_revision = current.revision if current else None
    if comment is not None:
        row.comment = comment
    session.add(row)
    session.flush()
    return row


def touched(session: Session, row: ProposalRow) -> set[str]:
    """The departments a proposal touches, against the term as it stands now (for a proposal
    the glossary no longer takes, the departments it names)."""
    stored = _current(session, row.term_id)
    try:
        proposed = validate_term(session=session, raw=row.term, path="proposal.term")
    except InvalidInput:
        return {str(m.get("department")) for m in row.term.get("meanings", [])}
    return touched_departments(stored.term if stored else None, proposed)


def approvals(session: Session, proposal_id: int) -> list[ProposalApprovalRow]:
    """Who has approved a proposal for which department, in order."""
    query = select(ProposalApprovalRow).where(ProposalApprovalRow.proposal_id == proposal_id)
    return list(session.exec(query.order_by(col(ProposalApprovalRow.at))).all())


def waiting_for(session: Session, row: ProposalRow) -> list[str]:
    """The departments an open proposal still needs an approval of."""
    if row.status != OPEN:
        return []
    done = {approval.department for approval in approvals(session, row.id or 0)}
    return sorted(touched(session, row) - done)


def _open(session: Session, proposal_id: int) -> ProposalRow:
    row = get_proposal(session=session, proposal_id=proposal_id)
    if row.status != OPEN:
        raise Conflict(f"proposal {proposal_id} is {row.status} already")
    return row


def _current(session: Session, term_id: str) -> StoredTerm | None:
    try:
        return get_term(session=session, term_id=term_id)
    except NotFound:
        return None


def as_dict(*, session: Session, row: ProposalRow) -> dict[str, Any]:
    """A proposal as the API shows it."""
    return {
        "id": row.id,
        "term_id": row.term_id,
        "kind": "new" if row.base_revision is None else "change",
        "base_revision": row.base_revision,
        "status": row.status,
        "comment": row.comment,
        "proposer": row.proposer,
        "created_at": aware(row.created_at),
        "decided_by": row.decided_by,
        "decided_at": aware(row.decided_at) if row.decided_at else None,
        "reason": row.reason,
        "applied_revision": row.applied_revision,
        "approvals": [
            {"department": a.department, "by": a.by, "at": aware(a.at)}
            for a in approvals(session, row.id or 0)
        ],
        "waiting_for": waiting_for(session, row),
        "term": row.term,
    }
