"""Latency of one check of a 2,000-character text: in-process, and through the HTTP app."""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter_ns
from typing import Any

from bench.engines import Engine
from glossary.matching.model import Glossary

TEXT_CHARS = 2_000
_WARM_UP = 20


@dataclass(frozen=True, slots=True)
class Latency:
    """Per-call latency percentiles in milliseconds."""

    p50_ms: float
    p99_ms: float
    calls: int


def sample_texts(paths: Sequence[Path], count: int) -> list[str]:
    """Up to `count` different 2,000-character stretches of the corpus, one call each.

    Every call sees new text, as a server does: the index caches what it learns of each word,
    and repeating a few texts would measure that cache instead of the check.
    """
    texts: list[str] = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        stretches = range(0, len(text) - TEXT_CHARS + 1, TEXT_CHARS)
        texts.extend(text[start : start + TEXT_CHARS] for start in stretches)
        if len(texts) >= count:
            return texts[:count]
    return texts


def percentile(ordered: Sequence[int], fraction: float) -> int:
    """The nearest-rank percentile of sorted values."""
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def latency(call: Callable[[str], object], texts: Sequence[str]) -> Latency:
    """Time one call per text, after a short warm-up on texts of their own."""
    for text in texts[:_WARM_UP]:
        call(text)
    times = []
    for text in texts[_WARM_UP:]:
        start = perf_counter_ns()
        call(text)
        times.append(perf_counter_ns() - start)
    times.sort()
    return Latency(percentile(times, 0.5) / 1e6, percentile(times, 0.99) / 1e6, len(times))


def engine_latency(engine: Engine, glossary: Glossary, texts: Sequence[str]) -> Latency:
    """`check` called directly with everything on (fuzzy matching included)."""
    return latency(engine.builder(fuzzy=True)(glossary), texts)


def api_latency(glossary: Glossary, texts: Sequence[str]) -> Latency | str:
    """``POST /v1/check`` through the whole app in-process; a reason string when it can't run."""
    from fastapi.testclient import TestClient

    from glossary.api import create_app
    from glossary.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app(Settings(database_url=url, seed_file=None))
        if not _has_route(app, "/v1/check", "POST"):
            return "skipped: glossary.api has no POST /v1/check yet"
        _load_database(url, glossary)
        with TestClient(app) as client:
            return latency(lambda text: _post_check(client, text), texts)


def _has_route(app: Any, path: str, method: str) -> bool:
    return (path, method) in set(_routes(app.routes))


def _routes(routes: Sequence[Any]) -> Iterator[tuple[str, str]]:
    """(path, method) of every route, also inside the routers FastAPI wraps when included."""
    for route in routes:
        for method in getattr(route, "methods", None) or ():
            yield route.path, method
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)


def _load_database(url: str, glossary: Glossary) -> None:
    """Migrate a fresh database and import the glossary, as `glossary import` would."""
    from glossary.db import create_db_engine, session_scope, upgrade
    from glossary.service import transfer as transfer_service

    engine = create_db_engine(url)
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            transfer_service.import_glossary(
                session=session, glossary=glossary, dry_run=False, actor="bench"
            )
    finally:
        engine.dispose()


def _post_check(client: Any, text: str) -> None:
    response = client.post("/v1/check", json={"text": text, "format": "markdown"})
    if response.status_code != 200:
        raise RuntimeError(f"POST /v1/check answered {response.status_code}: {response.text}")
