"""Whole-glossary files in every format, for the API's /v1/import and /v1/export and the CLI's
``glossary import`` and ``glossary export``: one reading and one writing of each format."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace
from enum import StrEnum
from pathlib import PurePath
from typing import Any

from sqlmodel import Session

from glossary import service
from glossary.csv_file import dump_csv, parse_csv
from glossary.errors import InvalidGlossaryFile, InvalidInput, Problem
from glossary.matching.model import Glossary, Term
from glossary.tbx import concepts, dump_tbx, file_languages, read_tbx, to_terms
from glossary.terms_file import dump_json, dump_yaml, parse_glossary, parse_term

#: Where a problem of an imported term is: ``terms[3].labels.en``.
_TERM_PATH = re.compile(r"terms\[(\d+)\]")


class FileFormat(StrEnum):
    """Formats of a whole glossary."""

    YAML = "yaml"
    JSON = "json"
    CSV = "csv"
    TBX = "tbx"


#: File name endings of each format; any other file is read as YAML.
SUFFIXES = {".json": FileFormat.JSON, ".csv": FileFormat.CSV, ".tbx": FileFormat.TBX}

DUMPS: dict[FileFormat, Callable[[Glossary], str]] = {
    FileFormat.YAML: dump_yaml,
    FileFormat.JSON: dump_json,
    FileFormat.CSV: dump_csv,
    FileFormat.TBX: dump_tbx,
}


def format_of_path(path: str | PurePath) -> FileFormat:
    """The format a file's name says: .json, .csv, .tbx, else YAML."""
    return SUFFIXES.get(PurePath(path).suffix.lower(), FileFormat.YAML)


def dump(glossary: Glossary, fmt: FileFormat) -> str:
    """The glossary as the text of a file in ``fmt``."""
    return DUMPS[fmt](glossary)


def import_data(
    *,
    session: Session,
    data: bytes,
    fmt: FileFormat,
    dry_run: bool,
    actor: str,
    department: str | None = None,
    source: str = "the import",
) -> dict[str, Any]:
    """Import a file's bytes, all or nothing; the report as /v1/import answers it.

    ``department`` is TBX's department for entries whose subject field names none."""
    if fmt is FileFormat.CSV:
        return _import_csv(data, session, dry_run=dry_run, actor=actor)
    if fmt is FileFormat.TBX:
        return _import_tbx(data, session, dry_run=dry_run, actor=actor, department=department)
    glossary = parse_glossary(data, source=source, fmt="json" if fmt is FileFormat.JSON else "yaml")
    report = service.import_glossary(
        session=session, glossary=glossary, dry_run=dry_run, actor=actor
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
    try:
        report = service.import_glossary(
            session=session, glossary=glossary, dry_run=dry_run, actor=actor
        )
    except InvalidGlossaryFile as error:  # a clash between terms: at its entry's line
        placed = [_at_entry(p, terms, lines) for p in error.problems]
        raise InvalidGlossaryFile(placed, source=f"the TBX file ({dialect})") from error
    return {**asdict(report), "dialect": dialect, "concepts": len(found)}


def _at_entry(problem: Problem, terms: Sequence[Term], lines: Mapping[str, int]) -> Problem:
    """``problem`` (at ``terms[i]…``) with the line of the TBX entry term i came from."""
    found = _TERM_PATH.match(problem.path)
    if found is None or problem.line is not None or int(found[1]) >= len(terms):
        return problem
    return replace(problem, line=lines.get(terms[int(found[1])].id))


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
