"""Decisions on open proposals: approvals per department (the last applies it), rejections."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session

from glossary.errors import (
    Conflict,
    Forbidden,
    PreconditionFailed,
)
from glossary.matching.model import Term
from glossary.models import ProposalApprovalRow, ProposalRow, utcnow
from glossary.service.proposals import (
    APPROVED,
    REJECTED,
    _current,
    _open,
    _serialize,
    approvals,
    touched,
)
from glossary.service.store import StoredTerm
from glossary.service.terms import create_term, replace_term, touched_departments
from glossary.service.validation import validate_term
from glossary.terms_file import term_to_dict


def approve(
    *, session: Session, proposal_id: int, editor: str, scope: Collection[str] | None
) -> ProposalRow:
    """Approve an open proposal for the editor's departments (an unscoped editor: all of
    them); once every department it touches has approved, apply it as a new revision. 403 for
    the proposer and for an editor of none of its departments, 409 if the term moved on."""
    _serialize(session)
    row = _open(session, proposal_id)
    if editor == row.proposer:
        raise Forbidden(f"{editor!r} made proposal {proposal_id}; another editor must approve it")
    term = validate_term(session=session, raw=row.term, path="proposal.term")
    stored = _current(session, row.term_id)
    if (stored.revision if stored else None) != row.base_revision:
        raise Conflict(
            f"term {row.term_id!r} changed after proposal {proposal_id} was made (now revision "
            f"{stored.revision if stored else 'deleted'}, proposed against "
            f"{row.base_revision or 'no term'}); amend the proposal against the current term "
            f"(PUT /v1/proposals/{proposal_id})",
            details=[
                {"proposed": row.term, "current": term_to_dict(stored.term) if stored else None}
            ],
        )
    if _record_approval(session, row, editor, scope, stored.term if stored else None, term):
        return row
    return _apply(session, row, term, stored, editor)


def _record_approval(
    session: Session,
    row: ProposalRow,
    editor: str,
    scope: Collection[str] | None,
    before: Term | None,
    after: Term,
) -> list[str]:
    """Record the editor's approval for their departments; the departments still waiting."""
    needed = touched_departments(before, after)
    done = {approval.department for approval in approvals(session, row.id or 0)}
    mine = needed if scope is None else needed & set(scope)
    if needed and not mine:
        raise Forbidden(
            f"{editor!r} may approve for {', '.join(sorted(scope or ())) or 'no department'} "
            f"only; proposal {row.id} touches {', '.join(sorted(needed))}"
        )
    if needed and not mine - done:
        raise Conflict(
            f"{', '.join(sorted(mine))} has approved proposal {row.id} already; it waits for "
            f"{', '.join(sorted(needed - done))}"
        )
    for department in sorted(mine - done):
        session.add(
            ProposalApprovalRow(
                proposal_id=row.id or 0, department=department, by=editor, at=utcnow()
            )
        )
    session.flush()
    return sorted(needed - done - mine)


def _apply(
    session: Session,
    row: ProposalRow,
    term: Term,
    stored: StoredTerm | None,
    editor: str,
) -> ProposalRow:
    """Write an approved proposal; every department it touches has approved it."""
    actor = f"{editor} (proposal {row.id} by {row.proposer})"
    try:
        if stored is None:
            applied = create_term(session=session, term=term, actor=actor)
        else:
            applied = replace_term(
                session=session,
                term_id=row.term_id,
                term=term,
                expected=frozenset({stored.revision}),
                actor=actor,
            )
    except PreconditionFailed:  # another approval landed first, while this one waited
        now = _current(session, row.term_id)
        raise Conflict(
            f"term {row.term_id!r} changed while proposal {row.id} was approved; "
            "review it against the current term",
            details=[{"proposed": row.term, "current": term_to_dict(now.term) if now else None}],
        ) from None
    return _decide(session, row, APPROVED, editor, None, applied.revision)


def reject(
    *, session: Session, proposal_id: int, editor: str, reason: str, scope: Collection[str] | None
) -> ProposalRow:
    """Close an open proposal with a reason; an editor of any department it touches may."""
    row = _open(session, proposal_id)
    needed = touched(session, row)
    if scope is not None and needed and not needed & set(scope):
        raise Forbidden(
            f"{editor!r} may reject for {', '.join(sorted(scope)) or 'no department'} only; "
            f"proposal {proposal_id} touches {', '.join(sorted(needed))}"
        )
    return _decide(session, row, REJECTED, editor, reason, None)


def _decide(
    session: Session,
    row: ProposalRow,
    status: str,
    editor: str,
    reason: str | None,
    revision: int | None,
) -> ProposalRow:
    row.status, row.decided_by, row.decided_at = status, editor, utcnow()
    row.reason, row.applied_revision = reason, revision
    session.add(row)
    session.flush()
    return row
