"""Liveness and readiness probes, and metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from glossary.api.deps import ReaderDep
from glossary.api.errors import error_response

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz() -> dict[str, Any]:
    """The process is up (does not touch the database)."""
    return {"status": "ok"}


@router.get("/readyz", response_model=None)
def readyz(request: Request) -> JSONResponse | dict[str, Any]:
    """The process can serve: the database answers, and its last write did not fail for
    want of storage (a full disk or a read-only database: 507 for a while, see storage.py)."""
    try:
        with request.app.state.engine.connect() as connection:
            version = connection.execute(text("SELECT version FROM glossary_state")).scalar_one()
    except SQLAlchemyError:
        message = "the database is not reachable"
        return error_response(503, "unavailable", message, instance=request.url.path)
    problem = request.app.state.storage.current()
    if problem is not None:
        return error_response(507, "insufficient_storage", problem, instance=request.url.path)
    return {"status": "ok", "glossary_version": version}


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(request: Request, _: ReaderDep) -> PlainTextResponse:
    """The metrics of every worker in Prometheus's text format; they name the terms found in
    checks, so they need a key whenever reading does (GLOSSARY_PUBLIC_READ=false)."""
    return PlainTextResponse(
        request.app.state.metrics.render(),
        media_type="text/plain; version=0.0.4; charset=utf-8",
    )
