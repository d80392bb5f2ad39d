"""One error shape for every failure: RFC 9457 problem details (``application/problem+json``)
with ``type``, ``title``, ``status``, ``detail``, ``instance``, and our ``code`` and ``details``."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException
from starlette.types import Scope

from glossary.api.storage import storage_problem
from glossary.errors import GlossaryError

log = logging.getLogger("glossary.api")

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
}

PROBLEM_JSON = "application/problem+json"
#: Each problem's ``type`` is this plus its code: stable, relative to the service.
PROBLEM_TYPE = "/problems/"
#: A short fixed title per code (the ``detail`` says what happened this time).
TITLES = {
    "bad_request": "Bad request",
    "invalid": "Invalid request",
    "invalid_glossary": "Invalid glossary file",
    "unauthorized": "Authentication required",
    "forbidden": "Not allowed",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "not_acceptable": "Not acceptable",
    "conflict": "Conflict",
    "quota_exceeded": "Quota exceeded",
    "precondition_failed": "Precondition failed",
    "payload_too_large": "Request body too large",
    "unsupported_media_type": "Unsupported media type",
    "precondition_required": "Precondition required",
    "rate_limited": "Too many requests",
    "internal": "Internal error",
    "unavailable": "Service unavailable",
    "insufficient_storage": "Insufficient storage",
}


class ProblemResponse(JSONResponse):
    """A JSON response served as ``application/problem+json``."""

    media_type = PROBLEM_JSON


def problem_body(
    status: int, code: str, message: str, details: list[Any] | None, instance: str
) -> dict[str, Any]:
    """The RFC 9457 problem object, with our ``code`` and ``details`` as extensions."""
    title = TITLES.get(code) or HTTPStatus(status).phrase
    return {
        "type": PROBLEM_TYPE + code,
        "title": title,
        "status": status,
        "detail": message,
        "instance": instance,
        "code": code,
        "details": details or [],
    }


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[Any] | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    instance: str = "",
) -> JSONResponse:
    """The problem details answer with the given status; ``instance`` is the request's path."""
    body = problem_body(status, code, message, details, instance)
    return ProblemResponse(body, status_code=status, headers=headers)


async def _glossary_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GlossaryError)
    return error_response(
        exc.status, exc.code, exc.message, exc.details, exc.headers, instance=request.url.path
    )


def _location(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    return ".".join(parts).replace(".[", "[")


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _not_json(request: Request, exc: RequestValidationError) -> JSONResponse | None:
    """415 for a body sent as anything but JSON to a route that reads JSON (FastAPI hands
    such a body to the model as bytes, which fails at ``body`` itself)."""
    content_type = request.headers.get("content-type")
    at_body = [e for e in exc.errors() if tuple(e.get("loc", ())) == ("body",)]
    if _is_json(content_type) or not any(e.get("type") != "missing" for e in at_body):
        return None
    sent = f"Content-Type {content_type!r}" if content_type else "no Content-Type"
    message = f"this route reads JSON: send Content-Type: application/json (not {sent})"
    return error_response(415, "unsupported_media_type", message, instance=request.url.path)


def _position(doc: str, pos: int) -> tuple[int, int]:
    """The line and column (both from 1) of a character offset."""
    line = doc.count("\n", 0, pos) + 1
    return line, pos - (doc.rfind("\n", 0, pos) + 1) + 1


def _broken_json(request: Request, exc: RequestValidationError) -> JSONResponse | None:
    """400 for a body that is not JSON at all, naming where its reading stopped."""
    broken = [e for e in exc.errors() if e.get("type") == "json_invalid"]
    if not broken:
        return None
    loc = tuple(broken[0].get("loc", ()))
    pos = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else 0
    doc = exc.body if isinstance(exc.body, str) else ""
    line, column = _position(doc, pos)
    why = broken[0].get("ctx", {}).get("error", "JSON decode error")
    message = f"the body is not valid JSON: {why} at line {line}, column {column}"
    details = [{"path": "body", "message": message, "line": line, "column": column}]
    return error_response(400, "bad_request", message, details, instance=request.url.path)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    special = _broken_json(request, exc) or _not_json(request, exc)
    if special is not None:
        return special
    details = [
        {"path": _location(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
        for e in exc.errors()
    ]
    summary = "; ".join(f"{d['path']}: {d['message']}" for d in details[:3])
    message = f"invalid request: {summary}"
    return error_response(422, "invalid", message, details, instance=request.url.path)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    return error_response(
        exc.status_code, code, message, headers=exc.headers, instance=request.url.path
    )


def _insufficient_storage(request: Request, problem: str) -> JSONResponse:
    log.warning("database cannot store: %s", problem)
    request.app.state.storage.raised(problem)
    return error_response(507, "insufficient_storage", problem, instance=request.url.path)


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    problem = storage_problem(exc)
    if problem is not None:
        return _insufficient_storage(request, problem)
    log.warning("database unavailable: %s", type(exc).__name__)
    return error_response(
        503,
        "unavailable",
        "the database is not reachable; try again shortly",
        headers={"Retry-After": "5"},
        instance=request.url.path,
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    """Other database errors: a full or read-only database (PostgreSQL's read-only
    transaction is an InternalError), a lost connection, or a bug."""
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated or storage_problem(exc):
        return await _database_down(request, exc)
    return await _unexpected(request, exc)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return await _database_down(request, exc)
    log.exception("unhandled error", exc_info=exc)
    message = "internal error; it has been logged"
    return error_response(500, "internal", message, instance=request.url.path)


Handler = Callable[[Request, Exception], Awaitable[JSONResponse]]
#: Turns an error into a page when a page or a browser asked (``app.state.error_page``, set
#: by the pages; the API alone has none), or gives None to keep the JSON.
ErrorPage = Callable[[Request, JSONResponse], Response | None]


def _or_page(handler: Handler) -> Callable[[Request, Exception], Awaitable[Response]]:
    """The handler's envelope, or the error page the app's pages make of it."""

    async def handle(request: Request, exc: Exception) -> Response:
        return _page_or(request, await handler(request, exc))

    return handle


def _page_or(request: Request, response: JSONResponse) -> Response:
    """The app's error page for this request, if it makes one; else the envelope."""
    error_page: ErrorPage | None = getattr(request.app.state, "error_page", None)
    page = error_page(request, response) if error_page is not None else None
    return page if page is not None else response


def error_for(
    scope: Scope,
    status: int,
    code: str,
    message: str,
    details: list[Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """For middleware, which answers before the handlers: the envelope, or for a browser
    the error page (by its Accept alone: whether a route was matched yet varies)."""
    response = error_response(status, code, message, details, headers, instance=scope["path"])
    if "app" not in scope:
        return response
    return _page_or(Request({**scope, "endpoint": None}), response)


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through the envelope; no stack trace reaches a client."""
    app.add_exception_handler(GlossaryError, _or_page(_glossary_error))
    app.add_exception_handler(RequestValidationError, _or_page(_validation_error))
    app.add_exception_handler(HTTPException, _or_page(_http_error))
    app.add_exception_handler(OperationalError, _or_page(_database_down))
    app.add_exception_handler(DBAPIError, _or_page(_database_error))
    app.add_exception_handler(Exception, _or_page(_unexpected))


def document_problems(app: FastAPI) -> None:
    """Document every error answer as ``application/problem+json``, as it is served."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _problem_media(build())
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


def _problem_media(schema: dict[str, Any]) -> None:
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {})
                if str(status)[0] in "45" and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
