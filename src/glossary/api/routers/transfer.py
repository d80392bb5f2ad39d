"""Export and import of the whole glossary: the file format (YAML or JSON) and CSV."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from glossary.api.deps import AdminDep, ReaderDep, SessionDep
from glossary.api.routers.terms import ERRORS
from glossary.api.schemas import ImportResult
from glossary.errors import UnsupportedMediaType
from glossary.service import transfer as transfer_service
from glossary.service.transfer import FileFormat, dump, import_data

router = APIRouter(prefix="/v1", tags=["import and export"])

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
JSON_TYPES = {"application/json"}


MEDIA = {
    FileFormat.YAML: "application/yaml",
    FileFormat.JSON: "application/json",
    FileFormat.CSV: "text/csv",
    FileFormat.TBX: "application/x-tbx",
}
CSV_TYPES = {"text/csv", "application/csv"}
TBX_TYPES = {"application/x-tbx", "application/tbx+xml"}


@router.get(
    "/export",
    responses={
        200: {
            "content": {
                "application/yaml": {},
                "application/json": {},
                "text/csv": {},
                "application/x-tbx": {},
            }
        },
        **ERRORS,
    },
    response_class=Response,
)
def export_glossary(
    session: SessionDep,
    principal: ReaderDep,
    format: FileFormat = FileFormat.YAML,
) -> Response:
    """The whole glossary as a file that ``glossary import`` and ``--terms`` read (readers
    get the approved terms, editors and admins every review stage)."""
    glossary = transfer_service.export_glossary(session=session, principal=principal)
    text = dump(glossary, format)
    return Response(
        text,
        media_type=f"{MEDIA[format]}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="glossary.{format.value}"'},
    )


def _format_of(request: Request, explicit: FileFormat | None) -> FileFormat:
    if explicit is not None:
        return explicit
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in YAML_TYPES:
        return FileFormat.YAML
    if media in JSON_TYPES:
        return FileFormat.JSON
    if media in CSV_TYPES:
        return FileFormat.CSV
    if media in TBX_TYPES:
        return FileFormat.TBX
    raise UnsupportedMediaType(
        "send the glossary as application/yaml, application/json, text/csv or application/x-tbx "
        f"(got {media or 'none'!r}),"
        " or name it with ?format="
    )


@router.post(
    "/import",
    response_model=ImportResult,
    responses=ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/yaml": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "object"}},
                "text/csv": {"schema": {"type": "string"}},
                "application/x-tbx": {"schema": {"type": "string"}},
            },
        }
    },
)
async def import_glossary(
    request: Request,
    session: SessionDep,
    principal: AdminDep,
    dry_run: Annotated[bool, Query(description="report what would change, change nothing")] = False,
    format: FileFormat | None = None,
    department: Annotated[
        str | None,
        Query(description="TBX: the department of entries whose subject field names none"),
    ] = None,
) -> dict[str, Any]:
    """Import a glossary file, all or nothing: every problem is listed by line."""
    fmt = _format_of(request, format)
    body = await request.body()
    return import_data(
        session=session,
        data=body,
        fmt=fmt,
        dry_run=dry_run,
        actor=principal.name,
        department=department,
    )
