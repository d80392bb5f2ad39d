"""Running it in production: metrics, request ids, JSON logs without text, rate limits, and a
database that goes away while the service runs (simulated by a broken engine)."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine

from glossary.api.app import create_app
from glossary.api.observe import JsonFormatter
from glossary.db import create_db_engine
from glossary.settings import Settings
from tests.conftest import SMALL, auth, import_file, problem


def samples(exposition: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """The exposition's samples, as Prometheus reads them: (name, labels) to value."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(exposition)
        for sample in family.samples
    }


def sample(
    found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return found[name, frozenset(labels.items())]


def test_metrics_are_served_in_prometheus_format(client: TestClient) -> None:
    client.post("/v1/check", json={"text": "Vi har budgeten och positioneringen."})
    client.get("/v1/terms/budget")
    found = samples(client.get("/metrics").text)
    requests = "glossary_http_requests_total"
    assert sample(found, requests, route="/v1/check", method="POST", status="200") == 1
    latency = "glossary_http_request_duration_seconds_bucket"
    assert sample(found, latency, route="/v1/terms/{term_id}", le="+Inf") == 1
    assert sample(found, "glossary_findings_total", term="budget") == 1
    assert sample(found, "glossary_findings_total", term="positioning") == 1
    assert sample(found, "glossary_check_text_characters_count") == 1
    assert sample(found, "glossary_index_rebuild_seconds_count") == 1
    assert ("glossary_db_pool_connections", frozenset({("state", "in_use")})) in found
    assert sample(found, "glossary_rate_limited_total") == 0


def test_every_response_has_a_request_id_and_the_log_line_no_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Hemligt: budgeten för Projekt Örn"
    with caplog.at_level(logging.INFO, logger="glossary.access"):
        given = client.post("/v1/check", json={"text": secret}, headers={"X-Request-ID": "abc-123"})
        made = client.get("/healthz")
    assert given.headers["x-request-id"] == "abc-123"
    assert len(made.headers["x-request-id"]) == 32
    lines = [json.loads(JsonFormatter().format(record)) for record in caplog.records]
    check = next(line for line in lines if line.get("route") == "/v1/check")
    assert (check["request_id"], check["status"], check["method"]) == ("abc-123", 200, "POST")
    assert "duration_ms" in check
    assert all("Örn" not in json.dumps(line, ensure_ascii=False) for line in lines)


def test_the_rate_limit_answers_429_with_retry_after_per_key(
    engine: Engine, settings: Settings, api_keys: dict[str, str]
) -> None:
    import_file(engine, SMALL)
    with TestClient(create_app(settings.model_copy(update={"rate_limit": 2}))) as client:
        statuses = [client.post("/v1/check", json={"text": "budget"}).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        refused = client.post("/v1/check", json={"text": "budget"})
        assert problem(refused)["code"] == "rate_limited"
        assert int(refused.headers["retry-after"]) >= 1
        keyed = client.post("/v1/check", json={"text": "budget"}, headers=auth(api_keys["reader"]))
        assert keyed.status_code == 200  # another caller has a bucket of its own
        assert client.get("/v1/terms/budget").status_code == 200  # reads are not limited


def test_without_the_database_checks_answer_from_the_cache_and_the_rest_is_503(
    engine: Engine, settings: Settings
) -> None:
    import_file(engine, SMALL)
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.post("/v1/check", json={"text": "budgeten"}).status_code == 200
        working = app.state.engine
        app.state.engine = create_db_engine("postgresql://nobody@127.0.0.1:9/none")  # away
        app.state.cache.invalidate()
        try:
            check = client.post("/v1/check", json={"text": "budgeten"})
            assert check.status_code == 200
            assert [f["term"]["id"] for f in check.json()["findings"]] == ["budget"]
            ready = client.get("/readyz")
            assert (ready.status_code, problem(ready)["code"]) == (503, "unavailable")
            history = client.get("/v1/terms/budget/history")  # needs the database
            assert history.status_code == 503
            assert problem(history)["code"] == "unavailable"
        finally:
            app.state.engine.dispose()
            app.state.engine = working
        assert client.get("/readyz").status_code == 200  # back, without a restart
