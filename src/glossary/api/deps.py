"""Dependencies as named aliases: settings, session, catalog and the calling principal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from glossary.db import session_scope
from glossary.errors import Forbidden, Unauthorized
from glossary.service.catalog import Catalog, GlossaryCache
from glossary.service.keys import ANONYMOUS, Principal, Role, authenticate
from glossary.service.writes import WROTE
from glossary.settings import Settings


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """A session per request, committed before the response is sent; after a write, this
    process's catalog is read afresh on the next request."""
    with session_scope(request.app.state.engine) as session:
        yield session
    if WROTE in session.info:
        request.app.state.cache.invalidate()
        request.app.state.storage.cleared()  # a write went through: there is room


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_catalog(request: Request, session: SessionDep) -> Catalog:
    """The glossary at its current version (cached per process)."""
    cache: GlossaryCache = request.app.state.cache
    return cache.get(session=session)


CatalogDep = Annotated[Catalog, Depends(get_catalog)]


def get_check_catalog(request: Request, session: SessionDep) -> Catalog:
    """The catalog for checks: the last one known while the database is away."""
    cache: GlossaryCache = request.app.state.cache
    return cache.get(session=session, stale_ok=True)


CheckCatalogDep = Annotated[Catalog, Depends(get_check_catalog)]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("use the header 'Authorization: Bearer <key>'")
    return token.strip()


def get_principal(request: Request, session: SessionDep) -> Principal:
    """Who calls: the key's owner, or anonymous when no key is sent."""
    token = _bearer(request)
    if token is None:
        return ANONYMOUS
    principal = authenticate(session=session, secret=token)
    if principal is None:
        raise Unauthorized("the API key is not valid (unknown or revoked)", invalid_token=True)
    return principal


def require(role: Role) -> Callable[..., Principal]:
    """A dependency that lets only callers of ``role`` or higher through."""

    def dependency(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
        principal = get_principal(request, session)
        anonymous = principal is ANONYMOUS
        if anonymous and (role > Role.READER or not settings.public_read):
            raise Unauthorized(f"this needs an API key with the {role.label} role")
        if principal.role < role:
            raise Forbidden(
                f"this needs the {role.label} role; your key {principal.name!r} "
                f"has the {principal.role.label} role"
            )
        return principal

    return dependency


ReaderDep = Annotated[Principal, Depends(require(Role.READER))]
EditorDep = Annotated[Principal, Depends(require(Role.EDITOR))]
AdminDep = Annotated[Principal, Depends(require(Role.ADMIN))]
