"""Request body size limit as pure ASGI middleware (also for chunked bodies)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from glossary.api.errors import error_for
from glossary.errors import PayloadTooLarge


class BodyLimitMiddleware:
    """Answer 413 when a request body is larger than ``max_bytes``: at once when the declared
    ``Content-Length`` is over it, else as soon as the chunks read add up to more. Whatever the
    route makes of the error while parsing (FastAPI turns it into 400), the 413 is the answer."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self.reject(scope, receive, send)
            return
        await _Guard(self, scope, receive, send).run()

    def message(self) -> str:
        return f"the request body is larger than the limit of {self.max_bytes} bytes"

    async def reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_for(scope, 413, "payload_too_large", self.message())
        await response(scope, receive, send)


class _Guard:
    """One request: counts the body's bytes, and once they are over the limit, replaces
    whatever the app answers with the 413."""

    def __init__(self, limit: BodyLimitMiddleware, scope: Scope, receive: Receive, send: Send):
        self.limit, self.scope, self.receive, self.send = limit, scope, receive, send
        self.seen = 0
        self.over = False
        self.started = False

    async def run(self) -> None:
        try:
            await self.limit.app(self.scope, self._receive, self._send)
        except Exception:
            if not self.over or self.started:
                raise
        if self.over and not self.started:
            await self.limit.reject(self.scope, self._disconnected, self.send)

    async def _receive(self) -> Message:
        if self.over:
            raise PayloadTooLarge(self.limit.message())
        message = await self.receive()
        self.seen += len(message.get("body", b""))
        if self.seen > self.limit.max_bytes:
            self.over = True
            raise PayloadTooLarge(self.limit.message())
        return message

    async def _send(self, message: Message) -> None:
        if self.over and not self.started:
            return  # the app's answer to the error it met reading the body: the 413 replaces it
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)

    @staticmethod
    async def _disconnected() -> Message:
        return {"type": "http.disconnect"}
