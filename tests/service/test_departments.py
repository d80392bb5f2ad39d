"""Departments through the service: added at the end, renamed by id."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from glossary.errors import Conflict, NotFound
from glossary.matching.model import Department
from glossary.service import departments

FINANCE = Department(id="finance", name={"sv": "Ekonomi", "en": "Finance"})


def test_a_new_department_comes_last_and_its_id_is_taken_after(session: Session) -> None:
    departments.create_department(session=session, department=FINANCE)
    listed = departments.list_departments(session=session)
    assert [d.id for d in listed] == ["sales", "marketing", "finance"]
    with pytest.raises(Conflict, match="exists already"):
        departments.create_department(session=session, department=FINANCE)


def test_a_department_is_renamed_by_its_id(session: Session) -> None:
    renamed = Department(id="sales", name={"sv": "Försäljning", "en": "Sales"})
    departments.replace_department(session=session, department=renamed)
    assert departments.get_department(session=session, department_id="sales") == renamed
    with pytest.raises(NotFound, match="no department 'finance'"):
        departments.replace_department(session=session, department=FINANCE)
