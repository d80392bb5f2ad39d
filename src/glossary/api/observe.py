"""Observability and limits: a request id on every request and response, one JSON log line per
request (never the checked text), the request metrics (``glossary.api.metrics``), and the rate
limit (``glossary.api.ratelimit``) for checks and writes (429 with ``Retry-After``)."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from glossary.api.errors import error_for
from glossary.api.metrics import Metrics
from glossary.api.ratelimit import RateLimit, caller

log = logging.getLogger("glossary.access")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_WRITES = frozenset({"POST", "PUT", "DELETE", "PATCH"})
#: Paths that check text, by any method (GET /v2/check too); the /check page's POST is a write.
_CHECKS = frozenset({"/v1/check", "/v2/check"})


class ObserveMiddleware:
    """Request ids, JSON access logs, metrics and the rate limit, as plain ASGI (cheap)."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics, limiter: RateLimit | None) -> None:
        self.app = app
        self.metrics = metrics
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            wait = await self._limited(scope, headers)
            if wait:
                await self._refuse(wait, scope, receive, send_with_id)
            else:
                await self.app(scope, receive, send_with_id)
        finally:
            self._done(scope, request_id, status, time.perf_counter() - started)

    async def _limited(self, scope: Scope, headers: dict[bytes, bytes]) -> int:
        """Seconds to wait when this caller is over the limit for checks and writes, else 0."""
        limiter = self.limiter
        if limiter is None or not (scope["path"] in _CHECKS or scope["method"] in _WRITES):
            return 0
        who = caller(authorization=headers.get(b"authorization"), client=scope.get("client"))
        if limiter.blocking:
            return await run_in_threadpool(limiter.wait, who)
        return limiter.wait(who)

    async def _refuse(self, wait: int, scope: Scope, receive: Receive, send: Send) -> None:
        self.metrics.limited.inc()
        message = f"too many requests; try again in {wait} s"
        headers = {"Retry-After": str(wait)}
        await error_for(scope, 429, "rate_limited", message, headers=headers)(scope, receive, send)

    def _done(self, scope: Scope, request_id: str, status: int, seconds: float) -> None:
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        method = scope["method"]
        self.metrics.request(route, method, status, seconds)
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": method,
                "route": route,
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
            },
        )


class JsonFormatter(logging.Formatter):
    """One JSON object per log line, with the request fields a record carries."""

    FIELDS = ("request_id", "method", "route", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: getattr(record, k) for k in self.FIELDS if hasattr(record, k)})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonFormatter}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "": {"handlers": ["stderr"], "level": "INFO"},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
