"""Export and import of the whole glossary: the file format (YAML or JSON) and CSV."""

from __future__ import annotations

from dataclasses import asdict, replace
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from glossary import service
from glossary.api.deps import AdminDep, ReaderDep, SessionDep
from glossary.api.routers.terms import ERRORS
from glossary.api.schemas import ImportResult
from glossary.csv_file import dump_csv, parse_csv
from glossary.errors import InvalidGlossaryFile, InvalidInput, UnsupportedMediaType
from glossary.matching.model import Glossary
from glossary.tbx import concepts, dump_tbx, file_languages, read_tbx, to_terms
from glossary.terms_file import dump_json, dump_yaml, parse_glossary, parse_term

router = APIRouter(prefix="/v1", tags=["import and export"])

YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
JSON_TYPES = {"application/json"}


class FileFormat(StrEnum):
    """Formats of a whole glossary."""

    YAML = "yaml"
    JSON = "json"
    CSV = "csv"
    TBX = "tbx"


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
    glossary = service.export_glossary(session=session, principal=principal)
    dump = {
        FileFormat.YAML: dump_yaml,
        FileFormat.JSON: dump_json,
        FileFormat.CSV: dump_csv,
        FileFormat.TBX: dump_tbx,
    }
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
    if fmt is FileFormat.CSV:
        return _import_csv(body, session, dry_run=dry_run, actor=principal.name)
    if fmt is FileFormat.TBX:
        return _import_tbx(
            body, session, dry_run=dry_run, actor=principal.name, department=department
        )
    glossary = parse_glossary(
        body, source="the import", fmt="json" if fmt is FileFormat.JSON else "yaml"
    )
    report = service.import_glossary(
        session=session, glossary=glossary, dry_run=dry_run, actor=principal.name
    )
    return asdict(report)


def _import_tbx(
    body: bytes, session: Session, *, dry_run: bool, actor: str, department: str | None
) -> dict[str, Any]:
    """Concept entries into terms (see glossary.tbx); every problem by element and line."""
    root, dialect = read_tbx(body)
    found, problems = concepts(root, dialect)
    if problems:
        raise InvalidGlossaryFile(problems, source=f"the TBX file ({dialect})")
    # The termbase's languages join the glossary's: an entry may have terms in no other.
    languages = list(service.glossary_languages(session=session))
    languages += [lang for lang in file_languages(found) if lang not in languages]
    departments = service.list_departments(session=session)
    ids = [d.id for d in departments]
    if department is not None and department not in ids:
        raise InvalidInput(f"unknown department {department!r}: use one of {', '.join(ids)}")
    lines: dict[str, int] = {}
    raw_terms, problems = to_terms(
        found,
        languages=languages,
        departments=departments,
        default_department=department,
        lines=lines,
    )
    terms = []
    for raw in raw_terms:
        try:
            terms.append(parse_term(raw, languages=languages, departments=ids, path=raw["id"]))
        except InvalidGlossaryFile as error:  # at the line of the entry the term came from
            problems += [replace(p, line=lines.get(raw["id"])) for p in error.problems]
    if problems:
        raise InvalidGlossaryFile(problems, source=f"the TBX file ({dialect})")
    glossary = Glossary(languages=tuple(languages), departments=(), terms=tuple(terms))
    report = service.import_glossary(
        session=session, glossary=glossary, dry_run=dry_run, actor=actor
    )
    return {**asdict(report), "dialect": dialect, "concepts": len(found)}


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
