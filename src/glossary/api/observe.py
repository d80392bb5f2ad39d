"""Observability and limits: a request id on every request and response, one JSON log line per
request (never the checked text), Prometheus metrics at ``/metrics``, and an optional rate
limit per key or address for checks and writes (429 with ``Retry-After``)."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import math
import re
import threading
import time
import uuid
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from glossary.api.errors import error_for

log = logging.getLogger("glossary.access")
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
SIZE_BUCKETS = (100, 1_000, 10_000, 100_000, 1_000_000)
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_WRITES = frozenset({"POST", "PUT", "DELETE", "PATCH"})
#: Paths that check text, by any method (GET /v2/check too); the /check page's POST is a write.
_CHECKS = frozenset({"/v1/check", "/v2/check"})
#: Rate-limit buckets kept at most (a few hundred bytes each); a bucket refills in a minute.
MAX_BUCKETS = 10_000


class Histogram:
    """Counts of observations at or under each bucket's upper bound, and their sum."""

    def __init__(self, buckets: Sequence[float]) -> None:
        self.buckets = tuple(buckets)
        self.counts = [0] * (len(buckets) + 1)
        self.total = 0.0

    def observe(self, value: float) -> None:
        for i, bound in enumerate(self.buckets):
            if value <= bound:
                self.counts[i] += 1
                break
        else:
            self.counts[-1] += 1
        self.total += value

    def lines(self, name: str, labels: str) -> Iterable[str]:
        cumulative = 0
        joiner = "," if labels else ""
        for bound, count in zip((*self.buckets, math.inf), self.counts, strict=True):
            cumulative += count
            edge = "+Inf" if bound == math.inf else repr(bound)
            yield f'{name}_bucket{{{labels}{joiner}le="{edge}"}} {cumulative}'
        braces = f"{{{labels}}}" if labels else ""
        yield f"{name}_sum{braces} {self.total}"
        yield f"{name}_count{braces} {cumulative}"


class Metrics:
    """This process's counters and histograms, rendered in Prometheus's text format."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.latency: dict[str, Histogram] = {}
        self.check_chars = Histogram(SIZE_BUCKETS)
        self.findings: dict[str, int] = defaultdict(int)
        self.limited = 0

    def request(self, route: str, method: str, status: int, seconds: float) -> None:
        with self.lock:
            self.requests[route, method, status] += 1
            histogram = self.latency.get(route)
            if histogram is None:
                histogram = self.latency[route] = Histogram(LATENCY_BUCKETS)
            histogram.observe(seconds)

    def check(self, chars: int, term_ids: Iterable[str]) -> None:
        with self.lock:
            self.check_chars.observe(chars)
            for term_id in term_ids:
                self.findings[term_id] += 1

    def render(self, app_state: Any) -> str:
        lines: list[str] = []

        def head(name: str, kind: str, text: str) -> None:
            lines.extend((f"# HELP {name} {text}", f"# TYPE {name} {kind}"))

        with self.lock:
            head(
                "glossary_http_requests_total",
                "counter",
                "HTTP requests by route, method and status",
            )
            for (route, method, status), count in sorted(self.requests.items()):
                lines.append(
                    f'glossary_http_requests_total{{route="{_quote(route)}",method="{method}",'
                    f'status="{status}"}} {count}'
                )
            head("glossary_http_request_duration_seconds", "histogram", "request latency by route")
            for route, histogram in sorted(self.latency.items()):
                lines += histogram.lines(
                    "glossary_http_request_duration_seconds", f'route="{_quote(route)}"'
                )
            head("glossary_check_text_characters", "histogram", "size of the texts checked")
            lines += self.check_chars.lines("glossary_check_text_characters", "")
            head("glossary_findings_total", "counter", "findings reported by /v1/check, by term")
            for term_id, count in sorted(self.findings.items()):
                lines.append(f'glossary_findings_total{{term="{_quote(term_id)}"}} {count}')
            head("glossary_rate_limited_total", "counter", "requests refused by the rate limit")
            lines.append(f"glossary_rate_limited_total {self.limited}")
        rebuilds = list(app_state.cache.rebuilds)
        head("glossary_index_rebuild_seconds", "summary", "rebuilds of the glossary's index")
        lines.append(f"glossary_index_rebuild_seconds_count {len(rebuilds)}")
        lines.append(f"glossary_index_rebuild_seconds_sum {sum(rebuilds)}")
        pool = app_state.engine.pool
        head("glossary_db_pool_connections", "gauge", "database connections by state")
        for state, method in (("in_use", "checkedout"), ("idle", "checkedin")):
            value = getattr(pool, method, None)
            if callable(value):
                lines.append(f'glossary_db_pool_connections{{state="{state}"}} {value()}')
        return "\n".join(lines) + "\n"


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class RateLimiter:
    """A token bucket per caller (key or address): ``per_minute`` requests, in bursts of as
    many; thread-safe. A bucket that has refilled carries no state and is dropped; at most
    ``max_buckets`` are kept (least recently used go first), so memory stays bounded however
    many callers come."""

    def __init__(
        self,
        per_minute: int,
        *,
        max_buckets: int = MAX_BUCKETS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.max_buckets = max_buckets
        self.clock = clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self.lock = threading.Lock()

    def wait(self, caller: str) -> float:
        """0 when the request may go ahead (and is counted), else seconds until it may."""
        now = self.clock()
        with self.lock:
            self._drop_refilled(now)
            tokens, at = self.buckets.pop(caller, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self.buckets[caller] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self.buckets) > self.max_buckets:
                self.buckets.popitem(last=False)
            return wait

    def _drop_refilled(self, now: float) -> None:
        """Drop the least recently used buckets while they have refilled to capacity; each
        bucket is dropped once, so this is O(1) per request on average."""
        while self.buckets:
            caller, (tokens, at) = next(iter(self.buckets.items()))
            if tokens + (now - at) * self.rate < self.capacity:
                return
            del self.buckets[caller]


class ObserveMiddleware:
    """Request ids, JSON access logs, metrics and the rate limit, as plain ASGI (cheap)."""

    def __init__(self, app: ASGIApp, *, metrics: Metrics, limiter: RateLimiter | None) -> None:
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
        method, path = scope["method"], scope["path"]
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        limited = self._limited(scope, headers, method, path)
        try:
            if limited:
                with self.metrics.lock:
                    self.metrics.limited += 1
                response = error_for(
                    scope,
                    429,
                    "rate_limited",
                    f"too many requests; try again in {limited} s",
                    headers={"Retry-After": str(limited)},
                )
                await response(scope, receive, send_with_id)
            else:
                await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
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

    def _limited(self, scope: Scope, headers: dict[bytes, bytes], method: str, path: str) -> int:
        """Seconds to wait when this caller is over the limit for checks and writes, else 0."""
        if self.limiter is None or not (path in _CHECKS or method in _WRITES):
            return 0
        key = headers.get(b"authorization")
        if key:
            caller = "key:" + hashlib.sha256(key).hexdigest()[:16]
        else:
            client = scope.get("client")
            caller = "address:" + client_network(client[0] if client else "unknown")
        wait = self.limiter.wait(caller)
        return math.ceil(wait) if wait else 0


def client_network(host: str) -> str:
    """The address a caller is counted by: an IPv4 address, or an IPv6 address's /64 network
    (one host or home gets a /64, so its addresses share one bucket)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if not isinstance(address, ipaddress.IPv6Address):
        return host
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.IPv6Network((address, 64), strict=False))


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
