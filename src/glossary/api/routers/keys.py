"""API keys, for admins: create (shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from glossary.api.deps import AdminDep, SessionDep
from glossary.api.routers.terms import ERRORS
from glossary.service import keys

router = APIRouter(prefix="/v1/keys", tags=["keys"])


class KeyCreate(BaseModel):
    """A new key's name and role, and for an editor the departments it may change."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=128)
    role: str = Field(pattern="^(reader|editor|admin)$")
    departments: list[str] | None = Field(default=None, min_length=1, max_length=100)


def _public(row: Any) -> dict[str, Any]:
    return {
        "name": row.name,
        "role": row.role,
        "departments": row.departments,
        "prefix": row.prefix,
        "created_at": row.created_at,
        "revoked": row.revoked_at is not None,
    }


@router.get("", responses=ERRORS)
def list_keys(session: SessionDep, _: AdminDep) -> dict[str, Any]:
    """Every key by name, role and prefix (never the key itself)."""
    return {"items": [_public(row) for row in keys.list_keys(session=session)], "next_cursor": None}


@router.post("", status_code=status.HTTP_201_CREATED, responses=ERRORS)
def create_key(body: KeyCreate, session: SessionDep, _: AdminDep) -> dict[str, Any]:
    """Create a key; the answer is the only time the key is shown."""
    row, secret = keys.create_key(
        session=session,
        name=body.name,
        role=keys.Role.parse(body.role),
        departments=body.departments,
    )
    return {**_public(row), "key": secret}


@router.delete("/{name}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
def revoke_key(name: str, session: SessionDep, _: AdminDep) -> None:
    """Revoke a key; it stops working at once."""
    keys.revoke_key(session=session, name=name)
