"""Errors as RFC 9457 problem details, and the HTTP details of errors (401, 415, 400, 412)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from glossary.api import create_app
from glossary.settings import Settings
from tests.cli.test_serve import live_server
from tests.conftest import SMALL, auth, import_file, problem, run_cli

MEMBERS = {"type", "title", "status", "detail", "instance", "code", "details"}


def shape(response: object, status: int, code: str, path: str) -> dict[str, object]:
    """The problem, after checking every member against the status, code and path."""
    body = problem(response)
    assert set(body) == MEMBERS
    assert (body["status"], body["code"], body["instance"]) == (status, code, path)
    assert body["type"] == f"/problems/{code}"
    assert isinstance(body["title"], str)
    assert isinstance(body["detail"], str)
    assert body["title"]
    assert body["detail"]
    return body


def test_a_404_is_a_problem_naming_the_path(client: TestClient) -> None:
    body = shape(client.get("/v1/terms/nope"), 404, "not_found", "/v1/terms/nope")
    assert body["title"] == "Not found"
    assert "nope" in str(body["detail"])
    assert body["details"] == []


def test_a_422_keeps_its_details(client: TestClient, api_keys: dict[str, str]) -> None:
    answer = client.post("/v1/check", json={"text": "x", "language": 5})
    body = shape(answer, 422, "invalid", "/v1/check")
    assert [d["path"] for d in body["details"]] == ["body.language"]  # type: ignore[attr-defined]


def test_titles_are_fixed_per_code_while_details_vary(client: TestClient) -> None:
    one, other = client.get("/v1/terms/nope"), client.get("/v1/terms/other")
    assert problem(one)["title"] == problem(other)["title"]
    assert problem(one)["detail"] != problem(other)["detail"]


def test_a_401_names_the_bearer_scheme(client: TestClient) -> None:
    answer = client.post("/v1/terms", json={})
    shape(answer, 401, "unauthorized", "/v1/terms")
    assert answer.headers["www-authenticate"] == 'Bearer realm="glossary"'


def test_a_401_for_a_wrong_key_says_invalid_token(client: TestClient) -> None:
    answer = client.get("/v1/terms", headers=auth("not-a-key"))
    shape(answer, 401, "unauthorized", "/v1/terms")
    assert answer.headers["www-authenticate"] == 'Bearer realm="glossary", error="invalid_token"'


def test_a_401_from_a_malformed_header_names_the_scheme(client: TestClient) -> None:
    answer = client.get("/v1/terms", headers={"Authorization": "Basic abc"})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith('Bearer realm="glossary"')


def test_a_413_from_the_middleware_is_a_problem(
    engine: Engine, settings: Settings, api_keys: dict[str, str]
) -> None:
    import_file(engine, SMALL)
    with TestClient(create_app(settings.model_copy(update={"max_body_bytes": 100}))) as client:
        answer = client.post("/v1/check", json={"text": "budget " * 100})
        shape(answer, 413, "payload_too_large", "/v1/check")


def test_a_429_is_a_problem_with_retry_after(engine: Engine, settings: Settings) -> None:
    import_file(engine, SMALL)
    with TestClient(create_app(settings.model_copy(update={"rate_limit": 1}))) as client:
        client.post("/v1/check", json={"text": "budget"})
        answer = client.post("/v1/check", json={"text": "budget"})
        shape(answer, 429, "rate_limited", "/v1/check")
        assert int(answer.headers["retry-after"]) >= 1


@pytest.mark.parametrize("accept", ["text/html"])
def test_a_browser_still_gets_an_error_page(client: TestClient, accept: str) -> None:
    answer = client.get("/v1/terms/nope", headers={"Accept": accept})
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "nope" in answer.text


# ---------------------------------------------------------------------- strong If-Match


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_a_weak_etag_in_if_match_is_412(
    client: TestClient, api_keys: dict[str, str], method: str
) -> None:
    editor = auth(api_keys["editor"])
    current = client.get("/v1/terms/budget")
    weak = "W/" + current.headers["etag"]
    body = {k: v for k, v in current.json().items() if k != "revision"}
    answer = client.request(
        method,
        "/v1/terms/budget",
        json=body if method == "PUT" else None,
        headers={**editor, "If-Match": weak},
    )
    assert problem(answer)["code"] == "precondition_failed"
    assert client.get("/v1/terms/budget").json() == current.json()


def test_a_weak_etag_still_answers_304_to_if_none_match(client: TestClient) -> None:
    current = client.get("/v1/terms/budget")
    again = client.get(
        "/v1/terms/budget", headers={"If-None-Match": "W/" + current.headers["etag"]}
    )
    assert again.status_code == 304


# ------------------------------------------------------------------ media type and JSON


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_json_route_refuses_another_media_type_with_415(
    client: TestClient, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer = client.post("/v1/check", content=b'{"text": "budget"}', headers=headers)
    body = shape(answer, 415, "unsupported_media_type", "/v1/check")
    assert "application/json" in str(body["detail"])


def test_a_put_with_another_media_type_is_415(client: TestClient, api_keys: dict[str, str]) -> None:
    headers = {**auth(api_keys["editor"]), "Content-Type": "text/plain", "If-Match": "*"}
    answer = client.put("/v1/terms/budget", content=b"{}", headers=headers)
    assert problem(answer)["code"] == "unsupported_media_type"


def test_json_with_a_plus_suffix_is_still_json(client: TestClient) -> None:
    headers = {"Content-Type": "application/merge-patch+json"}
    answer = client.post("/v1/check", content=b'{"text": "budget"}', headers=headers)
    assert answer.status_code == 200, answer.text


def test_broken_json_is_400_naming_line_and_column(client: TestClient) -> None:
    sent = b'{\n  "text": "budget",\n  "language": sv\n}'
    answer = client.post("/v1/check", content=sent, headers={"Content-Type": "application/json"})
    body = shape(answer, 400, "bad_request", "/v1/check")
    assert "line 3, column 15" in str(body["detail"])
    assert body["details"] == [{"path": "body", "message": body["detail"], "line": 3, "column": 15}]


def test_an_empty_body_is_still_422_field_required(client: TestClient) -> None:
    answer = client.post("/v1/check", headers={"Content-Type": "application/json"})
    assert problem(answer)["code"] == "invalid"


# --------------------------------------------------------------------- unknown departments


def test_an_unknown_department_filter_is_422_naming_the_known_ones(client: TestClient) -> None:
    answer = client.get("/v1/terms", params={"department": "nope"})
    body = problem(answer)
    assert (answer.status_code, body["code"]) == (422, "invalid")
    assert "'nope'" in body["detail"]
    assert "known: " in body["detail"]
    assert "sales" in body["detail"]
    assert body["details"] == [{"path": "query.department", "message": "unknown department 'nope'"}]
    assert client.get("/v1/terms", params={"department": "sales"}).json()["items"]


def test_an_unknown_audience_is_422_the_same_way(client: TestClient) -> None:
    answer = client.post("/v1/check", json={"text": "budget", "audience": ["nope"]})
    body = problem(answer)
    assert (answer.status_code, body["code"]) == (422, "invalid")
    assert "'nope'" in body["detail"]
    assert "known: " in body["detail"]
    assert body["details"] == [{"path": "audience", "message": "unknown department 'nope'"}]


def test_check_through_a_server_shows_a_problems_detail(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "brief.md").write_text("The budget.", encoding="utf-8")
    with live_server(GLOSSARY_DATABASE_URL=database_url, GLOSSARY_PUBLIC_READ="false") as base:
        result = run_cli("check", "--server", base, "brief.md", cwd=tmp_path)
    assert result.returncode != 0
    assert "401 this needs an API key with the reader role" in result.stderr
    assert "problems/unauthorized" not in result.stderr  # the detail, not the whole body
