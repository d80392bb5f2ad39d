"""Departments: everyone reads them, admins add and rename them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from glossary.api.deps import AdminDep, ReaderDep, SessionDep
from glossary.api.routers.terms import ERRORS
from glossary.api.schemas import DepartmentBody, DepartmentList, DepartmentPublic
from glossary.errors import InvalidInput
from glossary.matching.model import Department
from glossary.service import departments as departments_service
from glossary.service import store
from glossary.terms_file import department_to_dict, parse_department

router = APIRouter(prefix="/v1/departments", tags=["departments"])


def _department(session: SessionDep, body: DepartmentBody, department_id: str) -> Department:
    raw = {"id": department_id, "name": body.name}
    languages = store.glossary_languages(session=session)
    return parse_department(raw, languages=languages)


@router.get("", response_model=DepartmentList, responses=ERRORS)
def list_departments(session: SessionDep, _: ReaderDep) -> dict[str, Any]:
    """Every department, in the glossary's order."""
    departments = departments_service.list_departments(session=session)
    return {"items": [department_to_dict(d) for d in departments], "next_cursor": None}


@router.get("/{department_id}", response_model=DepartmentPublic, responses=ERRORS)
def get_department(department_id: str, session: SessionDep, _: ReaderDep) -> dict[str, Any]:
    """One department."""
    return department_to_dict(
        departments_service.get_department(session=session, department_id=department_id)
    )


@router.post(
    "", response_model=DepartmentPublic, status_code=status.HTTP_201_CREATED, responses=ERRORS
)
def create_department(body: DepartmentBody, session: SessionDep, _: AdminDep) -> dict[str, Any]:
    """Add a department."""
    if body.id is None:
        raise InvalidInput("a new department needs an id")
    department = _department(session, body, body.id)
    return department_to_dict(
        departments_service.create_department(session=session, department=department)
    )


@router.put("/{department_id}", response_model=DepartmentPublic, responses=ERRORS)
def update_department(
    department_id: str, body: DepartmentBody, session: SessionDep, _: AdminDep
) -> dict[str, Any]:
    """Rename a department."""
    if body.id is not None and body.id != department_id:
        raise InvalidInput(f"the body's id {body.id!r} is not the id in the URL")
    department = _department(session, body, department_id)
    return department_to_dict(
        departments_service.replace_department(session=session, department=department)
    )
