"""API keys and roles: keys are shown once and stored as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from glossary.errors import Conflict, InvalidInput, NotFound
from glossary.models import ApiKeyRow, DepartmentRow, utcnow

KEY_PREFIX = "glsk_"


class Role(IntEnum):
    """What a key may do; a higher role may do everything a lower one may."""

    READER = 1
    EDITOR = 2
    ADMIN = 3

    @classmethod
    def parse(cls, name: str) -> Role:
        """The role called ``name`` (reader, editor or admin)."""
        try:
            return cls[name.upper()]
        except KeyError:
            raise InvalidInput(f"unknown role {name!r}: use reader, editor or admin") from None

    @property
    def label(self) -> str:
        """The role's name as users write it."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a key's name and role, or an anonymous reader."""

    name: str
    role: Role
    #: The departments an editor's key may change meanings of; None: every department.
    departments: frozenset[str] | None = None


ANONYMOUS = Principal(name="anonymous", role=Role.READER)


def hash_key(secret: str) -> str:
    """The stored form of a key (keys are random, so a fast hash is safe)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(
    *, session: Session, name: str, role: Role, departments: Sequence[str] | None = None
) -> tuple[ApiKeyRow, str]:
    """Create a key; returns the row and the secret, which is never stored or shown again.

    ``departments`` limits an editor to the meanings of those departments."""
    if departments is not None and role is not Role.EDITOR:
        raise InvalidInput("departments limit an editor's key; give them with the editor role")
    if departments is not None:
        known = {row.id for row in session.exec(select(DepartmentRow))}
        unknown = sorted(set(departments) - known)
        if unknown:
            raise InvalidInput(
                f"unknown department {', '.join(unknown)}: use one of {', '.join(sorted(known))}"
            )
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKeyRow(
        name=name,
        role=role.label,
        prefix=secret[: len(KEY_PREFIX) + 6],
        key_hash=hash_key(secret),
        created_at=utcnow(),
        departments=sorted(set(departments)) if departments is not None else None,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(f"a key named {name!r} exists already") from None
    return row, secret


def authenticate(*, session: Session, secret: str) -> Principal | None:
    """The principal a key belongs to, or None when the key is unknown or revoked."""
    row = session.exec(select(ApiKeyRow).where(ApiKeyRow.key_hash == hash_key(secret))).first()
    if row is None or row.revoked_at is not None:
        return None
    scope = frozenset(row.departments) if row.departments is not None else None
    return Principal(name=row.name, role=Role.parse(row.role), departments=scope)


def list_keys(*, session: Session) -> list[ApiKeyRow]:
    """Every key, oldest first (hashes included; callers show only name, role and prefix)."""
    return list(session.exec(select(ApiKeyRow).order_by(ApiKeyRow.id)))  # type: ignore[arg-type]


def revoke_key(*, session: Session, name: str) -> None:
    """Revoke the key called ``name``; it stops working at once."""
    row = session.exec(select(ApiKeyRow).where(ApiKeyRow.name == name)).first()
    if row is None:
        raise NotFound(f"no key named {name!r}")
    row.revoked_at = utcnow()
    session.add(row)
