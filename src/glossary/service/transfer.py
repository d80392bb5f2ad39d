"""Whole glossaries in and out: import all or nothing (from a value or a file in any format),
export, seeding; for the API's /v1/import and /v1/export and the CLI's ``glossary import`` and
``glossary export``: one reading and one writing of each format."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import PurePath
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from glossary import rules
from glossary.csv_file import dump_csv, parse_csv
from glossary.errors import (
    InvalidGlossaryFile,
    InvalidInput,
    Problem,
)
from glossary.matching.model import Department, Glossary, Term
from glossary.models import (
    DepartmentRow,
    GlossaryState,
    TermRow,
)
from glossary.service.catalog import load_snapshot
from glossary.service.departments import list_departments
from glossary.service.keys import Principal
from glossary.service.store import glossary_ignore, glossary_languages, load_terms
from glossary.service.visibility import readable_statuses, view_of
from glossary.service.writes import (
    begin_write,
    store_terms,
)
from glossary.tbx import concepts, dump_tbx, file_languages, read_tbx, to_terms
from glossary.terms_file import dump_json, dump_yaml, parse_glossary, parse_term


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    dry_run: bool
    glossary_version: int
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    departments_created: list[str] = field(default_factory=list)
    departments_updated: list[str] = field(default_factory=list)
    ignore_added: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the import writes anything."""
        return bool(
            self.created
            or self.updated
            or self.departments_created
            or self.departments_updated
            or self.ignore_added
        )


def _merge_languages(session: Session, incoming: Sequence[str]) -> None:
    state = session.get(GlossaryState, 1)
    assert state is not None
    merged = list(dict.fromkeys([*state.languages, *incoming]))
    if merged != state.languages:
        state.languages = merged
        session.add(state)


def _new_ignore(session: Session, incoming: Sequence[str]) -> list[str]:
    """The file's ignore phrases the glossary lacks (an import adds, never removes, as with
    languages and departments; ``PUT /v1/ignore`` replaces the list)."""
    known = {" ".join(phrase.split()) for phrase in glossary_ignore(session=session)}
    added = []
    for phrase in incoming:
        if " ".join(phrase.split()) not in known:
            known.add(" ".join(phrase.split()))
            added.append(phrase)
    return added


def _add_ignore(session: Session, added: Sequence[str]) -> None:
    state = session.get(GlossaryState, 1)
    assert state is not None
    state.ignore = [*state.ignore, *added]
    session.add(state)


def _import_departments(
    session: Session, departments: Sequence[Department], report: ImportReport
) -> None:
    existing = {d.id: d for d in list_departments(session=session)}
    position = len(existing)
    for department in departments:
        old = existing.get(department.id)
        if old is None:
            position += 1
            session.add(
                DepartmentRow(id=department.id, name=dict(department.name), position=position)
            )
            report.departments_created.append(department.id)
        elif dict(old.name) != dict(department.name):
            row = session.get(DepartmentRow, department.id)
            assert row is not None
            row.name = dict(department.name)
            session.add(row)
            report.departments_updated.append(department.id)
    session.flush()


def import_glossary(
    *, session: Session, glossary: Glossary, dry_run: bool, actor: str
) -> ImportReport:
    """Create or update every department and term of a file, all or nothing."""
    version = begin_write(session)
    existing = load_terms(session)
    report = ImportReport(dry_run=dry_run, glossary_version=version)
    final = {term_id: stored.term for term_id, stored in existing.items()}
    final.update({term.id: term for term in glossary.terms})
    paths = {term.id: f"terms[{i}]" for i, term in enumerate(glossary.terms)}
    rules.check_change(final, paths=paths)
    for term in glossary.terms:
        old = existing.get(term.id)
        bucket = (
            report.created
            if old is None
            else (report.unchanged if old.term == term else report.updated)
        )
        bucket.append(term.id)
    report.ignore_added.extend(_new_ignore(session, glossary.ignore))
    if dry_run or not report.changed:
        session.rollback()
        return replace(report, glossary_version=version - 1)
    _merge_languages(session, glossary.languages)
    if report.ignore_added:
        _add_ignore(session, report.ignore_added)
    _import_departments(session, glossary.departments, report)
    changed = {*report.created, *report.updated}
    store_terms(
        session,
        [term for term in glossary.terms if term.id in changed],
        previous=existing,
        version=version,
        actor=actor,
        action="import",
    )
    return report


def export_glossary(*, session: Session, principal: Principal) -> Glossary:
    """The whole glossary as ``principal`` may see it, as a value ready to dump."""
    snapshot = load_snapshot(session=session)
    return view_of(snapshot, readable_statuses(principal)).glossary


def is_empty(*, session: Session) -> bool:
    """True when the glossary has no terms and no departments yet."""
    no_terms = session.exec(select(func.count()).select_from(TermRow)).one() == 0
    no_departments = session.exec(select(func.count()).select_from(DepartmentRow)).one() == 0
    return bool(no_terms and no_departments)


def seed_if_empty(
    *, session: Session, load: Callable[[], Glossary], actor: str = "seed"
) -> ImportReport | None:
    """Import the seed glossary into an empty database; leave a used one alone."""
    if not is_empty(session=session):
        return None
    return import_glossary(session=session, glossary=load(), dry_run=False, actor=actor)


#: A term's fields TBX has no place for (nor a CSV file from before their columns).
UNSAID_BY_TBX = ("ignore", "pos")


def _keep_unsaid(session: Session, terms: Sequence[Term], fields: Sequence[str]) -> list[Term]:
    """The terms, each existing one keeping its stored ``fields``: a file that cannot say
    them does not reset them to the defaults."""
    if not fields:
        return list(terms)
    stored = load_terms(session, [term.id for term in terms])
    return [
        replace(term, **{name: getattr(stored[term.id].term, name) for name in fields})
        if term.id in stored
        else term
        for term in terms
    ]


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
    report = import_glossary(session=session, glossary=glossary, dry_run=dry_run, actor=actor)
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
    languages = list(glossary_languages(session=session))
    languages += [lang for lang in file_languages(found) if lang not in languages]
    departments = list_departments(session=session)
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
    terms = _keep_unsaid(session, terms, UNSAID_BY_TBX)
    glossary = Glossary(languages=tuple(languages), departments=(), terms=tuple(terms))
    try:
        report = import_glossary(session=session, glossary=glossary, dry_run=dry_run, actor=actor)
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
    languages = glossary_languages(session=session)
    departments = [d.id for d in list_departments(session=session)]
    found = parse_csv(body, languages=languages, departments=departments)
    unsaid = tuple(name for name in UNSAID_BY_TBX if name not in found.columns)
    terms = _keep_unsaid(session, found.terms, unsaid)
    glossary = Glossary(languages=languages, departments=(), terms=tuple(terms))
    report = import_glossary(session=session, glossary=glossary, dry_run=dry_run, actor=actor)
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
