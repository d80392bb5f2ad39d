"""The glossary's ignore list: everyone who reads terms reads it, editors replace it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Response

from glossary.api.deps import EditorDep, ReaderDep, SessionDep
from glossary.api.etags import etag_matches, expected_revisions
from glossary.api.routers.terms import ERRORS
from glossary.api.schemas import IgnoreBody, IgnorePublic
from glossary.errors import Forbidden, PreconditionRequired
from glossary.service import ignore as ignore_service
from glossary.terms_file import parse_ignore

router = APIRouter(prefix="/v1/ignore", tags=["ignore"])


def _public(found: ignore_service.IgnoreList, response: Response) -> dict[str, Any]:
    response.headers["ETag"] = found.etag
    return {"items": list(found.items), "glossary_version": found.version}


@router.get("", response_model=IgnorePublic, responses={**ERRORS, 304: {}})
def get_ignore(
    response: Response,
    session: SessionDep,
    _: ReaderDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Any:
    """The names and phrases that contain a label but are never the term, for every term
    (``Campaign Monitor``); the ETag is the glossary version."""
    found = ignore_service.read_ignore(session=session)
    if if_none_match is not None and etag_matches(if_none_match, found.version, weak=True):
        return Response(status_code=304, headers={"ETag": found.etag})
    return _public(found, response)


@router.put("", response_model=IgnorePublic, responses=ERRORS)
def update_ignore(
    body: IgnoreBody,
    response: Response,
    session: SessionDep,
    principal: EditorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Replace the ignore list; send the ETag you read as ``If-Match`` (412 when the glossary
    changed since). It applies to every department's terms, so a scoped editor may not."""
    if if_match is None:
        raise PreconditionRequired(
            "send If-Match with the ETag from GET /v1/ignore, so that nobody's change is "
            "overwritten unseen"
        )
    if principal.departments is not None:
        raise Forbidden(
            f"{principal.name!r} may change some departments' meanings only; the ignore "
            "list applies to every department's terms"
        )
    items = parse_ignore(body.items, path="items")
    found = ignore_service.replace_ignore(
        session=session, items=items, expected=expected_revisions(if_match)
    )
    return _public(found, response)
