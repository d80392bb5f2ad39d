"""Proposals: propose a term or a change, list and review them, approve or reject them."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, status
from pydantic import BaseModel, Field

from glossary.api.deps import EditorDep, SessionDep, SettingsDep, get_principal
from glossary.api.paging import id_after, next_cursor
from glossary.api.routers.terms import ERRORS, READ_ONLY
from glossary.errors import Unauthorized
from glossary.inputs import MAX_INT
from glossary.service import decisions, proposals, validation
from glossary.service.keys import ANONYMOUS, Principal
from glossary.terms_file import MAX_COMMENT_CHARS

router = APIRouter(prefix="/v1/proposals", tags=["proposals"])
#: A proposal's id: past the database's integers is 422, not a database error.
ProposalId = Annotated[int, Path(ge=1, le=MAX_INT)]


class ProposalCreate(BaseModel):
    """A proposed term (new, or the whole term as it should become) and why; the term may be
    what GET /v1/terms/{id} gave, with its revision (412 when the term moved on since)."""

    term: dict[str, Any]
    comment: str = Field(default="", max_length=MAX_COMMENT_CHARS)


class ProposalAmend(BaseModel):
    """The proposed term as it should now become (its id unchanged), and, if given, a new
    comment."""

    term: dict[str, Any]
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_CHARS)


class RejectRequest(BaseModel):
    """Why a proposal is rejected."""

    reason: str = Field(min_length=1, max_length=MAX_COMMENT_CHARS)


def proposer(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
    """Anyone with a key may propose; without one only when GLOSSARY_PUBLIC_PROPOSALS=true."""
    principal = get_principal(request, session)
    if principal is ANONYMOUS and not settings.public_proposals:
        raise Unauthorized("proposing needs an API key (any role)")
    return principal


ProposerDep = Annotated[Principal, Depends(proposer)]


def origin(request: Request, who: Principal) -> str:
    """Who a proposal counts against: the key, or without one a hash of the address."""
    if who is not ANONYMOUS:
        return f"key:{who.name}"
    address = request.client.host if request.client else "unknown"
    return "address:" + hashlib.sha256(address.encode()).hexdigest()[:32]


@router.post("", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def create_proposal(
    body: ProposalCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    who: ProposerDep,
) -> dict[str, Any]:
    """Propose a new term or a change; it takes no part in checks until an editor approves.
    409 when the proposer has as many open proposals as one may have, or everyone together."""
    raw = {key: value for key, value in body.term.items() if key not in READ_ONLY}
    term = validation.validate_term(session=session, raw=raw, path="term")
    quota = proposals.Quota(
        per_proposer=settings.max_open_proposals_per_proposer, total=settings.max_open_proposals
    )
    row = proposals.propose(
        session=session,
        term=term,
        comment=body.comment,
        proposer=who,
        origin=origin(request, who),
        quota=quota,
        revision=body.term.get("revision"),
    )
    return proposals.as_dict(session=session, row=row)


@router.get("", responses=ERRORS)
def list_proposals(
    session: SessionDep,
    who: ProposerDep,
    status_: Annotated[
        Literal["open", "approved", "rejected"] | None, Query(alias="status")
    ] = None,
    term: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Proposals, newest first, a page at a time (pass ``next_cursor`` as ``cursor``)."""
    page = proposals.list_proposals(
        session=session,
        principal=who,
        status=status_,
        term_id=term,
        limit=limit,
        after=id_after(cursor),
    )
    return {
        "items": [proposals.as_dict(session=session, row=row) for row in page.items],
        "next_cursor": next_cursor(page),
    }


@router.get("/{proposal_id}", responses=ERRORS)
def get_proposal(proposal_id: ProposalId, session: SessionDep, who: ProposerDep) -> dict[str, Any]:
    """A proposal beside the current term, with the field-level changes it would make."""
    found = proposals.review(session=session, proposal_id=proposal_id, principal=who)
    return {
        **proposals.as_dict(session=session, row=found.proposal),
        "current": found.current,
        "current_revision": found.current_revision,
        "stale": found.stale,
        "changes": [asdict(change) for change in found.changes],
    }


@router.put("/{proposal_id}", responses=ERRORS)
def amend_proposal(
    proposal_id: ProposalId, body: ProposalAmend, session: SessionDep, who: ProposerDep
) -> dict[str, Any]:
    """Amend an open proposal (its proposer or an editor): the new term is proposed against
    the term as it stands now, and the approvals it had are dropped."""
    raw = {key: value for key, value in body.term.items() if key not in READ_ONLY}
    row = proposals.amend(
        session=session,
        proposal_id=proposal_id,
        term=validation.validate_term(session=session, raw=raw, path="term"),
        comment=body.comment,
        principal=who,
        revision=body.term.get("revision"),
    )
    return proposals.as_dict(session=session, row=row)


@router.post("/{proposal_id}/approve", responses=ERRORS)
def approve(proposal_id: ProposalId, session: SessionDep, editor: EditorDep) -> dict[str, Any]:
    """Approve for the editor's departments; once each department the proposal touches has
    approved, apply it as a new revision (409 if the term changed since; 403 for its proposer)."""
    row = decisions.approve(
        session=session, proposal_id=proposal_id, editor=editor.name, scope=editor.departments
    )
    return proposals.as_dict(session=session, row=row)


@router.post("/{proposal_id}/reject", responses=ERRORS)
def reject(
    proposal_id: ProposalId, body: RejectRequest, session: SessionDep, editor: EditorDep
) -> dict[str, Any]:
    """Close the proposal with a reason (an editor of any department it touches)."""
    row = decisions.reject(
        session=session,
        proposal_id=proposal_id,
        editor=editor.name,
        reason=body.reason,
        scope=editor.departments,
    )
    return proposals.as_dict(session=session, row=row)
