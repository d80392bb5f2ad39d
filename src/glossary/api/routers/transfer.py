"""Export and import of the whole glossary in the file format (YAML or JSON)."""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from glossary import service
from glossary.api.deps import AdminDep, ReaderDep, SessionDep
from glossary.api.routers.terms import ERRORS
from glossary.api.schemas import ImportResult
from glossary.errors import UnsupportedMediaType
from glossary.terms_file import dump_json, dump_yaml, parse_glossary

router = APIRouter(prefix="/v1", tags=["import and export"])

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
JSON_TYPES = {"application/json"}


class FileFormat(StrEnum):
    """Formats of a whole glossary."""

    YAML = "yaml"
    JSON = "json"


MEDIA = {FileFormat.YAML: "application/yaml", FileFormat.JSON: "application/json"}


@router.get(
    "/export",
    responses={200: {"content": {"application/yaml": {}, "application/json": {}}}, **ERRORS},
    response_class=Response,
)
def export_glossary(
    session: SessionDep,
    _: ReaderDep,
    format: FileFormat = FileFormat.YAML,
) -> Response:
    """The whole glossary as a file that ``glossary import`` and ``--terms`` read."""
    glossary = service.export_glossary(session=session)
    text = dump_yaml(glossary) if format is FileFormat.YAML else dump_json(glossary)
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
    raise UnsupportedMediaType(
        f"send the glossary as application/yaml or application/json (got {media or 'none'!r}),"
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
) -> dict[str, Any]:
    """Import a glossary file, all or nothing: every problem is listed by line."""
    fmt = _format_of(request, format)
    glossary = parse_glossary(await request.body(), source="the import", fmt=fmt.value)
    report = service.import_glossary(
        session=session, glossary=glossary, dry_run=dry_run, actor=principal.name
    )
    return asdict(report)
