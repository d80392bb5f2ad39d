"""Prometheus metrics on prometheus-client: one registry per app, and with
``PROMETHEUS_MULTIPROC_DIR`` (``glossary serve --workers N``) the sum over every worker."""

from __future__ import annotations

import glob
import os
import re
import threading
from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Summary,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
SIZE_BUCKETS = (100, 1_000, 10_000, 100_000, 1_000_000)
_LIVE_FILE = re.compile(r"gauge_live\w+?_(\d+)\.db")
_POOL_STATES = (("in_use", "checkedout"), ("idle", "checkedin"))


def multiprocess_dir() -> str | None:
    """The directory the workers' metrics are shared in, when there is one."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


class Metrics:
    """The app's counters and histograms; the index rebuilds and the database pool are read
    from ``state`` (the app's) after each request and at each scrape."""

    def __init__(self, state: Any) -> None:
        disable_created_metrics()  # type: ignore[no-untyped-call]  # no *_created series, as before
        self.state = state
        self.registry = CollectorRegistry()
        self._define_requests(self.registry)
        self._define_checks(self.registry)
        self.lock = threading.Lock()
        self.rebuilds_seen = 0
        #: Workers that share metrics write the pool and rebuilds as they go, for the scrapes
        #: other workers answer; one process reads them at its own scrape.
        self.shared = multiprocess_dir() is not None

    def _define_requests(self, registry: CollectorRegistry) -> None:
        self.requests = Counter(
            "glossary_http_requests_total",
            "HTTP requests by route, method and status",
            ("route", "method", "status"),
            registry=registry,
        )
        self.latency = Histogram(
            "glossary_http_request_duration_seconds",
            "request latency by route",
            ("route",),
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.limited = Counter(
            "glossary_rate_limited_total", "requests refused by the rate limit", registry=registry
        )

    def _define_checks(self, registry: CollectorRegistry) -> None:
        self.check_chars = Histogram(
            "glossary_check_text_characters",
            "size of the texts checked",
            buckets=SIZE_BUCKETS,
            registry=registry,
        )
        self.findings = Counter(
            "glossary_findings_total",
            "findings reported by /v1/check, by term",
            ("term",),
            registry=registry,
        )
        self.rebuilds = Summary(
            "glossary_index_rebuild_seconds", "rebuilds of the glossary's index", registry=registry
        )
        self.pool = Gauge(
            "glossary_db_pool_connections",
            "database connections by state",
            ("state",),
            multiprocess_mode="livesum",  # the workers alive now, summed
            registry=registry,
        )

    def request(self, route: str, method: str, status: int, seconds: float) -> None:
        """Count one answered request and its latency."""
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route).observe(seconds)
        if self.shared:
            self.sync()

    def check(self, chars: int, term_ids: Iterable[str]) -> None:
        """Count one checked text's size and its findings by term."""
        self.check_chars.observe(chars)
        for term_id in term_ids:
            self.findings.labels(term_id).inc()

    def sync(self) -> None:
        """Take in the index rebuilds since the last call and the pool's connections now."""
        rebuilds = self.state.cache.rebuilds
        with self.lock:
            new = rebuilds[self.rebuilds_seen :]
            self.rebuilds_seen = len(rebuilds)
        for seconds in new:
            self.rebuilds.observe(seconds)
        pool = self.state.engine.pool
        for state, method in _POOL_STATES:
            value = getattr(pool, method, None)
            if callable(value):
                self.pool.labels(state).set(value())

    def render(self) -> str:
        """Every metric in Prometheus's text format: this process's, or every worker's."""
        self.sync()
        registry = self.registry
        if self.shared:
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry).decode()


def mark_dead_workers(folder: str) -> None:
    """Drop the live gauges of workers that have exited (uvicorn has no hook for a worker's
    death, so each worker does this for the others when it starts)."""
    pids = {int(m[1]) for f in glob.glob(f"{folder}/gauge_live*.db") if (m := _LIVE_FILE.search(f))}
    for pid in pids - {os.getpid()}:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            multiprocess.mark_process_dead(pid, folder)  # type: ignore[no-untyped-call]
        except PermissionError:
            pass  # alive, someone else's


def mark_this_worker_dead() -> None:
    """Drop this worker's live gauges as it stops, when the workers share metrics."""
    folder = multiprocess_dir()
    if folder is not None:
        multiprocess.mark_process_dead(os.getpid(), folder)  # type: ignore[no-untyped-call]
