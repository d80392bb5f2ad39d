"""Departments: list, get, create and rename."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from glossary.errors import (
    Conflict,
    NotFound,
)
from glossary.matching.model import Department
from glossary.models import (
    DepartmentRow,
)
from glossary.service.writes import begin_write


def list_departments(*, session: Session) -> list[Department]:
    """Every department in its defined order."""
    rows = session.exec(select(DepartmentRow).order_by(col(DepartmentRow.position)))
    return [Department(id=row.id, name=dict(row.name)) for row in rows]


def get_department(*, session: Session, department_id: str) -> Department:
    """One department, or NotFound."""
    row = session.get(DepartmentRow, department_id)
    if row is None:
        raise NotFound(f"no department {department_id!r}")
    return Department(id=row.id, name=dict(row.name))


def create_department(*, session: Session, department: Department) -> Department:
    """Add a department at the end of the list."""
    begin_write(session)
    if session.get(DepartmentRow, department.id) is not None:
        raise Conflict(f"department {department.id!r} exists already")
    position = session.exec(select(func.max(DepartmentRow.position))).one()
    session.add(
        DepartmentRow(id=department.id, name=dict(department.name), position=(position or 0) + 1)
    )
    session.flush()
    return department


def replace_department(*, session: Session, department: Department) -> Department:
    """Rename a department (its id is stable)."""
    begin_write(session)
    row = session.get(DepartmentRow, department.id)
    if row is None:
        raise NotFound(f"no department {department.id!r}")
    row.name = dict(department.name)
    session.add(row)
    session.flush()
    return department
