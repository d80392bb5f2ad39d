"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from glossary import __version__
from glossary.api.errors import document_problems, install_error_handlers
from glossary.api.headers import NoSniffMiddleware
from glossary.api.inputs import InputGuardMiddleware
from glossary.api.limits import BodyLimitMiddleware
from glossary.api.metrics import (
    Metrics,
    mark_dead_workers,
    mark_this_worker_dead,
    multiprocess_dir,
)
from glossary.api.observe import ObserveMiddleware
from glossary.api.ratelimit import rate_limit
from glossary.api.routers import (
    check,
    departments,
    health,
    ignore,
    keys,
    languagetool,
    proposals,
    stats,
    terms,
    transfer,
)
from glossary.api.schemas import ErrorEnvelope
from glossary.api.storage import StorageAlarm
from glossary.db import create_db_engine
from glossary.service.catalog import GlossaryCache
from glossary.service.stats import StatsBuffer
from glossary.settings import Settings

DESCRIPTION = """\
One shared glossary where every term has a meaning per department (sales, marketing, …),
and a check that finds the words the departments read differently.

Reading is public unless the deployment turns it off; writing needs
`Authorization: Bearer <key>` with the editor role (terms) or the admin role
(departments, import, keys). Errors are always RFC 9457 problem details
(`application/problem+json`): `{"type", "title", "status", "detail", "instance",
"code", "details"}`, where `type` is `/problems/<code>`.
"""


#: What any operation may answer besides its own results, always in the error envelope.
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorEnvelope, "description": description}
    for code, description in (
        (400, "the request cannot be read"),
        (401, "no key, or a key that is not valid"),
        (403, "the key's role or departments do not allow this"),
        (413, "the body or text is too large"),
        (415, "a body that is not JSON sent to a route that reads JSON"),
        (422, "the request breaks a rule"),
        (429, "over the rate limit (see Retry-After)"),
        (503, "the database is not reachable"),
        (507, "the database's disk is full, or it is read-only"),
    )
}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Listen for writes of other processes (PostgreSQL); when the server stops, write the
    gathered statistics and close the database pool."""
    if (folder := multiprocess_dir()) is not None:
        mark_dead_workers(folder)
    listener = None
    stop_polling = app.state.cache.watch(app.state.engine)
    if app.state.engine.dialect.name == "postgresql":
        from glossary.service.notify import Listener

        listener = Listener(app.state.engine, app.state.cache.invalidate)
        listener.start()
    yield
    stop_polling()
    if listener is not None:
        listener.stop()
    if app.state.stats is not None:
        app.state.stats.flush()
    app.state.engine.dispose()
    mark_this_worker_dead()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; settings come from the environment unless given (tests pass their own)."""
    settings = settings or Settings()
    app = FastAPI(
        title="glossary",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=COMMON_ERRORS,
        docs_url=None,  # served offline by glossary.web.docs
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = create_db_engine(settings.database_url)
    app.state.cache = GlossaryCache()
    app.state.storage = StorageAlarm()
    app.state.stats = StatsBuffer(app.state.engine) if settings.stats else None
    install_error_handlers(app)
    document_problems(app)
    add_middleware(app, settings)
    routers = (
        *(health, check, languagetool, terms, ignore, proposals),
        *(departments, transfer, keys, stats),
    )
    for module in routers:
        app.include_router(module.router)
    from glossary.web import docs, pages  # the pages need Jinja2; the API alone does not

    app.include_router(pages.router)
    app.include_router(docs.router)
    app.state.error_page = pages.error_page
    return app


def add_middleware(app: FastAPI, settings: Settings) -> None:
    """Wrap the routes: inputs and body size inside, then metrics and the rate limit, headers,
    CORS, and the trusted proxies' addresses outermost."""
    app.add_middleware(InputGuardMiddleware)  # inside the body limit: it reads bodies
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.state.metrics = Metrics(app.state)
    limiter = rate_limit(
        per_minute=settings.rate_limit,
        storage=settings.rate_limit_storage,
        engine=app.state.engine,
    )
    app.add_middleware(ObserveMiddleware, metrics=app.state.metrics, limiter=limiter)
    app.add_middleware(NoSniffMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "If-None-Match"],
            expose_headers=["ETag", "Location"],
            max_age=600,
        )
    if settings.trusted_proxies:  # outermost: everything inside sees the client's address
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
