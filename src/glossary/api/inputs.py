"""Input no route can use, refused before any route runs, as pure ASGI middleware: a path,
query or form that is not UTF-8 (400), JSON that is not UTF-8 or nests too deeply (400), and a
NUL character or a lone surrogate anywhere in the path, the query, a form or a JSON body (422:
PostgreSQL cannot store the one, no JSON answer can carry the other). Each answer names the
place: ``path``, ``query.q``, ``body.labels.en[0]``."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from glossary.api.errors import error_for
from glossary.errors import GlossaryError, InvalidInput, UnreadableInput
from glossary.inputs import (
    MAX_JSON_DEPTH,
    NotUtf8,
    TooDeep,
    form_pairs,
    json_text_problem,
    load_json,
    text_problem,
)

FORM = "application/x-www-form-urlencoded"


class InputGuardMiddleware:
    """Check the path, the query and JSON or form bodies before the app sees them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            _check_path(scope)
            _check_form(scope.get("query_string", b""), "query")
            kind = _body_kind(scope)
            if kind is not None:
                body = await _read_body(receive)
                _check_body(body, kind)
                receive = _replay(body, receive)
        except GlossaryError as error:
            response = error_for(scope, error.status, error.code, error.message, error.details)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _refuse(path: str, message: str) -> InvalidInput:
    return InvalidInput(
        f"invalid request: {path}: {message}", details=[{"path": path, "message": message}]
    )


def _check_path(scope: Scope) -> None:
    raw = scope.get("raw_path")
    if raw is not None:
        try:
            unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableInput("the path is not valid UTF-8") from None
    problem = text_problem(scope["path"])
    if problem is not None:
        raise _refuse("path", problem)


def _check_form(raw: bytes, where: str) -> None:
    try:
        pairs = form_pairs(raw, where=where)
    except NotUtf8 as error:
        raise UnreadableInput(str(error)) from None
    for name, value in pairs:
        problem = text_problem(name) or text_problem(value)
        if problem is not None:
            raise _refuse(f"{where}.{name.replace(chr(0), '?')}", problem)


def _body_kind(scope: Scope) -> str | None:
    headers = dict(scope["headers"])
    media = headers.get(b"content-type", b"").split(b";")[0].strip().lower().decode("latin-1")
    if media == FORM:
        return "form"
    if media == "application/json" or media.endswith("+json"):
        return "json"
    return None


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _check_body(body: bytes, kind: str) -> None:
    if kind == "form":
        _check_form(body, "form")
        return
    try:
        value = load_json(body)
    except TooDeep:
        message = f"the JSON body is nested deeper than {MAX_JSON_DEPTH} levels"
        raise UnreadableInput(message) from None
    except NotUtf8:
        raise UnreadableInput("the JSON body is not valid UTF-8") from None
    except ValueError:
        return  # not JSON: the route says so, with the place
    found = json_text_problem(value)
    if found is not None:
        path, problem = found
        raise _refuse(f"body.{path}" if path else "body", problem)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body read already, then listens as before."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
