"""Terms: list and search, read, create, replace, delete, history and restore."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlmodel import Session

from glossary.api.deps import CatalogDep, EditorDep, ReaderDep, SessionDep, SettingsDep
from glossary.api.etags import etag_matches, expected_revisions
from glossary.api.paging import decode_cursor, id_after, next_cursor
from glossary.api.schemas import (
    ErrorEnvelope,
    HistoryEntryPublic,
    HistoryPage,
    RestoreRequest,
    TermCreate,
    TermPage,
    TermPublic,
    TermReplace,
)
from glossary.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
)
from glossary.matching.model import Status, Term
from glossary.service import history as history_service
from glossary.service import proposals, store, validation
from glossary.service import terms as terms_service
from glossary.service.keys import Principal
from glossary.settings import Settings
from glossary.terms_file import term_to_dict

router = APIRouter(prefix="/v1/terms", tags=["terms"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorEnvelope} for code in (401, 403, 404, 409, 412, 422, 428)
}


def public(stored: store.StoredTerm) -> dict[str, Any]:
    """A stored term as the API shows it."""
    return {
        **term_to_dict(stored.term),
        "revision": stored.revision,
        "created_at": stored.created_at,
        "updated_at": stored.updated_at,
        "updated_by": stored.updated_by,
    }


#: What GET shows beside the term's fields; a PUT may send them back (see TermReplace).
READ_ONLY = frozenset({"revision", "created_at", "updated_at", "updated_by"})


def _body(body: TermCreate | TermReplace, term_id: str) -> dict[str, Any]:
    raw = body.model_dump(mode="json", exclude_none=True, exclude=set(READ_ONLY))
    raw["id"] = term_id
    return raw


def _precondition(body: TermReplace, if_match: str) -> str:
    """The If-Match to write under: a ``revision`` sent back in the body must be one it names
    (it is then the precondition, also under ``*``), else 412."""
    if body.revision is None:
        return if_match
    if not etag_matches(if_match, body.revision):
        raise PreconditionFailed(
            f"the body is revision {body.revision} of the term, but If-Match is {if_match}; "
            "fetch the term again and reapply your change"
        )
    return f'"{body.revision}"'


@router.get("", response_model=TermPage, responses=ERRORS)
def list_terms(
    catalog: CatalogDep,
    principal: ReaderDep,
    q: Annotated[
        str | None,
        Query(description="fuzzy search in labels, forms, prefer wordings and definitions"),
    ] = None,
    department: str | None = None,
    tag: str | None = None,
    status_: Annotated[Status | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """List and search terms; with ``q`` the best match comes first."""
    page = terms_service.list_terms(
        catalog=catalog,
        q=q,
        department=department,
        tag=tag,
        principal=principal,
        status=status_,
        limit=limit,
        after=decode_cursor(cursor),
    )
    return {"items": [public(item) for item in page.items], "next_cursor": next_cursor(page)}


@router.get("/{term_id}", response_model=TermPublic, responses={**ERRORS, 304: {}})
def get_term(
    term_id: str,
    response: Response,
    session: SessionDep,
    principal: ReaderDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Any:
    """One term, with its ETag for a later replace."""
    stored = terms_service.read_term(session=session, term_id=term_id, principal=principal)
    if if_none_match is not None and etag_matches(if_none_match, stored.revision, weak=True):
        return Response(status_code=304, headers={"ETag": stored.etag})
    response.headers["ETag"] = stored.etag
    return public(stored)


def _propose_new(
    session: Session, settings: Settings, term: Term, principal: Principal
) -> JSONResponse:
    """A scoped editor's new term that touches other departments: a proposal (202)."""
    try:
        terms_service.get_term(session=session, term_id=term.id)
    except NotFound:
        pass
    else:
        raise Conflict(f"term {term.id!r} exists already; replace it with PUT")
    quota = proposals.Quota(
        per_proposer=settings.max_open_proposals_per_proposer, total=settings.max_open_proposals
    )
    row = proposals.propose(
        session=session,
        term=term,
        comment="",
        proposer=principal,
        origin=f"key:{principal.name}",
        quota=quota,
    )
    return JSONResponse(
        jsonable_encoder(proposals.as_dict(session=session, row=row)),
        status_code=status.HTTP_202_ACCEPTED,
        headers={"Location": f"/v1/proposals/{row.id}"},
    )


@router.post(
    "",
    response_model=TermPublic,
    status_code=status.HTTP_201_CREATED,
    responses={**ERRORS, 202: {"description": "a proposal, waiting for review"}},
)
def create_term(
    body: TermCreate,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    principal: EditorDep,
) -> Any:
    """Create a term; a department-scoped editor's term that touches other departments starts
    as a proposal instead (202, its location and JSON), for those departments to approve."""
    term = validation.validate_term(session=session, raw=_body(body, body.id))
    scope = principal.departments
    if scope is not None and terms_service.touched_departments(None, term) - set(scope):
        return _propose_new(session, settings, term, principal)
    stored = terms_service.create_term(
        session=session, term=term, actor=principal.name, scope=principal.departments
    )
    response.headers["ETag"] = stored.etag
    response.headers["Location"] = f"/v1/terms/{stored.term.id}"
    return public(stored)


@router.put("/{term_id}", response_model=TermPublic, responses=ERRORS)
def update_term(
    term_id: str,
    body: TermReplace,
    response: Response,
    session: SessionDep,
    principal: EditorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Replace a term; send the ETag you read as ``If-Match``."""
    if if_match is None:
        raise PreconditionRequired(
            "send If-Match with the ETag from GET /v1/terms/{id}, so that nobody's "
            "change is overwritten unseen"
        )
    if body.id is not None and body.id != term_id:
        raise InvalidInput(f"the body's id {body.id!r} is not the id in the URL {term_id!r}")
    if_match = _precondition(body, if_match)
    term = validation.validate_term(session=session, raw=_body(body, term_id))
    stored = terms_service.replace_term(
        session=session,
        term_id=term_id,
        term=term,
        expected=expected_revisions(if_match),
        actor=principal.name,
        scope=principal.departments,
    )
    response.headers["ETag"] = stored.etag
    return public(stored)


@router.delete("/{term_id}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def delete_term(
    term_id: str,
    session: SessionDep,
    principal: EditorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> None:
    """Delete a term; send the ETag you read as ``If-Match``. It stays in the history and
    can be restored."""
    if if_match is None:
        raise PreconditionRequired(
            "send If-Match with the ETag from GET /v1/terms/{id}, so that nobody's "
            "change is deleted unseen"
        )
    terms_service.delete_term(
        session=session,
        term_id=term_id,
        expected=expected_revisions(if_match),
        actor=principal.name,
        scope=principal.departments,
    )


@router.get("/{term_id}/history", response_model=HistoryPage, responses=ERRORS)
def term_history(
    term_id: str,
    session: SessionDep,
    principal: ReaderDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Every change of a term, newest first: version, who, when, before and after (for
    readers only the approved states, and only while the term is approved or deleted)."""
    page = history_service.term_history(
        session=session, term_id=term_id, principal=principal, limit=limit, after=id_after(cursor)
    )
    items = [HistoryEntryPublic.model_validate(entry) for entry in page.items]
    return {"items": items, "next_cursor": next_cursor(page)}


@router.post("/{term_id}/restore", response_model=TermPublic, responses=ERRORS)
def restore_term(
    term_id: str,
    body: RestoreRequest,
    response: Response,
    session: SessionDep,
    principal: EditorDep,
) -> dict[str, Any]:
    """Bring a term back as it was at a revision (also a deleted term)."""
    stored = terms_service.restore_term(
        session=session,
        term_id=term_id,
        revision=body.version,
        actor=principal.name,
        scope=principal.departments,
    )
    response.headers["ETag"] = stored.etag
    return public(stored)
