"""The glossary's rules: known languages and departments, unique words, known related terms."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from glossary import rules
from glossary.matching.model import Term
from glossary.models import DepartmentRow
from glossary.service.store import all_terms, glossary_languages
from glossary.terms_file import parse_term

if TYPE_CHECKING:
    from glossary.service.catalog import Catalog


def _department_ids(session: Session) -> list[str]:
    return list(session.exec(select(DepartmentRow.id).order_by(col(DepartmentRow.position))))


def validate_term(*, session: Session, raw: object, path: str = "term") -> Term:
    """A term from request data, checked against this glossary's languages and departments."""
    return parse_term(
        raw,
        languages=glossary_languages(session=session),
        departments=_department_ids(session),
        path=path,
    )


def check_fits(*, session: Session, term: Term, path: str = "term") -> None:
    """422 when ``term``, written now, would break the glossary's rules (a label or form of
    another term, an unknown related term), as a direct write would be refused."""
    final = all_terms(session)
    final[term.id] = term
    rules.check_change(final, paths={term.id: path})


def require_departments(*, catalog: Catalog, given: Collection[str], where: str) -> None:
    """422 naming the known departments when ``given`` (a filter or an audience, found at
    ``where``) names one this glossary does not have."""
    known = {d.id for d in catalog.snapshot.glossary.departments}
    rules.require_known_departments(given=given, known=known, where=where)
