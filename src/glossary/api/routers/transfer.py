"""Export and import of the whole glossary: the file format (YAML or JSON) and CSV."""

from __future__ import annotations

from dataclasses import asdict
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from glossary import service
from glossary.api.deps import AdminDep, ReaderDep, SessionDep
from glossary.api.routers.terms import ERRORS
from glossary.api.schemas import ImportResult
from glossary.csv_file import dump_csv, parse_csv
from glossary.errors import UnsupportedMediaType
from glossary.matching.model import Glossary
from glossary.terms_file import dump_json, dump_yaml, parse_glossary

router = APIRouter(prefix="/v1", tags=["import and export"])

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
JSON_TYPES = {"application/json"}


class FileFormat(StrEnum):
    """Formats of a whole glossary."""

    YAML = "yaml"
    JSON = "json"
    CSV = "csv"


MEDIA = {
    FileFormat.YAML: "application/yaml",
    FileFormat.JSON: "application/json",
    FileFormat.CSV: "text/csv",
}
CSV_TYPES = {"text/csv", "application/csv"}


@router.get(
    "/export",
    responses={
        200: {"content": {"application/yaml": {}, "application/json": {}, "text/csv": {}}},
        **ERRORS,
    },
    response_class=Response,
)
def export_glossary(
    session: SessionDep,
    _: ReaderDep,
    format: FileFormat = FileFormat.YAML,
) -> Response:
    """The whole glossary as a file that ``glossary import`` and ``--terms`` read."""
    glossary = service.export_glossary(session=session)
    dump = {FileFormat.YAML: dump_yaml, FileFormat.JSON: dump_json, FileFormat.CSV: dump_csv}
    text = dump[format](glossary)
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
    raise UnsupportedMediaType(
        "send the glossary as application/yaml, application/json or text/csv "
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
    body = await request.body()
    if fmt is FileFormat.CSV:
        return _import_csv(body, session, dry_run=dry_run, actor=principal.name)
    glossary = parse_glossary(
        body, source="the import", fmt="json" if fmt is FileFormat.JSON else "yaml"
    )
    report = service.import_glossary(
        session=session, glossary=glossary, dry_run=dry_run, actor=principal.name
    )
    return asdict(report)


def _import_csv(body: bytes, session: Session, *, dry_run: bool, actor: str) -> dict[str, Any]:
    """CSV rows into terms of this glossary's languages and departments; a report per row."""
    languages = service.glossary_languages(session=session)
    departments = [d.id for d in service.list_departments(session=session)]
    found = parse_csv(body, languages=languages, departments=departments)
    glossary = Glossary(languages=languages, departments=(), terms=tuple(found.terms))
    report = service.import_glossary(
        session=session, glossary=glossary, dry_run=dry_run, actor=actor
    )
    outcome = {
        **dict.fromkeys(report.created, "created"),
        **dict.fromkeys(report.updated, "updated"),
        **dict.fromkeys(report.unchanged, "unchanged"),
    }
    rows = [
        {"row": number, "term": term_id, "result": outcome[term_id]}
        for term_id, numbers in found.rows.items()
        for number in numbers
    ]
    return {**asdict(report), "rows": sorted(rows, key=lambda row: row["row"])}
