"""Keys and roles, the error envelope, and body limits, through the real API."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from glossary.api import create_app
from glossary.settings import Settings
from tests.api.test_terms import NEW_TERM
from tests.conftest import auth, problem


@pytest.mark.parametrize(
    ("method", "path", "body", "needs"),
    [
        ("post", "/v1/terms", NEW_TERM, "editor"),
        ("put", "/v1/terms/budget", NEW_TERM, "editor"),
        ("delete", "/v1/terms/mql", None, "editor"),
        ("post", "/v1/departments", {"id": "support", "name": {"en": "Support"}}, "admin"),
        ("post", "/v1/keys", {"name": "ci", "role": "reader"}, "admin"),
    ],
)
def test_writes_need_a_key_of_the_right_role(
    client: TestClient, api_keys: dict[str, str], method: str, path: str, body: object, needs: str
) -> None:
    kwargs = {"json": body} if body is not None else {}
    anonymous = client.request(method, path, **kwargs)
    assert anonymous.status_code == 401
    assert problem(anonymous)["code"] == "unauthorized"
    wrong = client.request(method, path, headers=auth("glsk_not-a-real-key"), **kwargs)
    assert wrong.status_code == 401
    too_low = client.request(method, path, headers=auth(api_keys["reader"]), **kwargs)
    assert too_low.status_code == 403
    assert needs in problem(too_low)["detail"]


def test_admin_manages_departments(client: TestClient, api_keys: dict[str, str]) -> None:
    admin = auth(api_keys["admin"])
    created = client.post(
        "/v1/departments",
        json={"id": "support", "name": {"sv": "Support", "en": "Customer support"}},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    renamed = client.put(
        "/v1/departments/support",
        json={"name": {"sv": "Kundtjänst", "en": "Customer service"}},
        headers=admin,
    )
    assert renamed.status_code == 200
    listed = client.get("/v1/departments").json()["items"]
    assert [d["id"] for d in listed] == ["sales", "marketing", "support"]
    assert listed[2]["name"]["sv"] == "Kundtjänst"
    assert (
        client.post(
            "/v1/departments", json={"id": "sales", "name": {"en": "S"}}, headers=admin
        ).status_code
        == 409
    )


def test_admin_creates_a_key_that_works_once_shown(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    created = client.post(
        "/v1/keys", json={"name": "writer", "role": "editor"}, headers=auth(api_keys["admin"])
    )
    assert created.status_code == 201
    secret = created.json()["key"]
    listed = client.get("/v1/keys", headers=auth(api_keys["admin"])).json()["items"]
    assert all("key" not in item for item in listed)
    assert client.post("/v1/terms", json=NEW_TERM, headers=auth(secret)).status_code == 201
    assert client.delete("/v1/keys/writer", headers=auth(api_keys["admin"])).status_code == 204
    assert client.get("/v1/terms", headers=auth(secret)).status_code == 401


def test_admin_creates_a_scoped_key_or_is_told_why_not(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    admin = auth(api_keys["admin"])
    scoped = {"name": "sales-lead", "role": "editor", "departments": ["sales"]}
    created = client.post("/v1/keys", json=scoped, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["departments"] == ["sales"]
    refused = {
        "unknown department hr": {**scoped, "name": "h", "departments": ["hr"]},
        "editor role": {**scoped, "name": "r", "role": "reader"},
        "body.scope": {**scoped, "name": "x", "scope": "sales"},
    }
    for reason, body in refused.items():
        answer = client.post("/v1/keys", json=body, headers=admin)
        assert answer.status_code == 422, (reason, answer.text)
        assert reason in answer.text
    names = {item["name"] for item in client.get("/v1/keys", headers=admin).json()["items"]}
    assert names.isdisjoint({"h", "r", "x"})


def test_private_deployment_needs_a_key_to_read(
    engine: object, settings: Settings, api_keys: dict[str, str]
) -> None:
    private = settings.model_copy(update={"public_read": False})
    with TestClient(create_app(private)) as client:
        assert client.get("/v1/terms").status_code == 401
        assert client.get("/v1/terms", headers=auth(api_keys["reader"])).status_code == 200
        assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/v1/nothing-here", 404, "not_found"),
        ("patch", "/v1/terms", 405, "method_not_allowed"),
        ("get", "/v1/terms?limit=1000", 422, "invalid"),
        ("post", "/v1/import", 401, "unauthorized"),
    ],
)
def test_every_error_uses_the_envelope(
    client: TestClient, method: str, path: str, status: int, code: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    assert problem(response)["code"] == code
    assert isinstance(problem(response)["detail"], str)


def test_malformed_json_is_400_without_a_stack_trace(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    response = client.post(
        "/v1/terms",
        content=b"{not json",
        headers={**auth(api_keys["editor"]), "Content-Type": "application/json"},
    )
    assert problem(response)["code"] == "bad_request"
    assert "line 1, column 2" in problem(response)["detail"]
    assert "Traceback" not in response.text


def test_a_server_error_is_500_in_the_envelope(client: TestClient, settings: Settings) -> None:
    app = client.app
    assert hasattr(app, "get")

    @app.get("/boom")  # type: ignore[misc]
    def boom() -> None:
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    assert response.status_code == 500
    assert problem(response)["code"] == "internal"
    assert "secret internals" not in response.text


def test_oversized_bodies_are_413(
    engine: object, settings: Settings, api_keys: dict[str, str]
) -> None:
    small = settings.model_copy(update={"max_body_bytes": 1000})
    with TestClient(create_app(small)) as client:
        big = {**NEW_TERM, "note": "x" * 5000}
        response = client.post("/v1/terms", json=big, headers=auth(api_keys["editor"]))
        assert response.status_code == 413
        assert problem(response)["code"] == "payload_too_large"

        def chunks() -> object:
            yield b"schema: 1\n" * 200

        chunked = client.post(
            "/v1/import",
            content=chunks(),  # type: ignore[arg-type]
            headers={**auth(api_keys["admin"]), "Content-Type": "application/yaml"},
        )
        assert chunked.status_code == 413


def test_health_and_readiness(client: TestClient, tmp_path: Path) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["glossary_version"] >= 1
    broken = Settings(database_url=f"sqlite:///{tmp_path}/missing/dir/x.db", seed_file=None)
    with TestClient(create_app(broken)) as down:
        response = down.get("/readyz")
        assert response.status_code == 503
        assert problem(response)["code"] == "unavailable"


def test_openapi_documents_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    create = spec["components"]["schemas"]["TermCreate"]
    assert create["examples"][0]["id"] == "budget"
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize(
    "origins",
    ["https://intranet.example.com, https://wiki.example.com", '["https://intranet.example.com"]'],
)
def test_cors_allows_only_configured_origins(
    engine: object, settings: Settings, origins: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_CORS_ORIGINS", origins)
    configured = Settings(database_url=settings.database_url, seed_file=None)
    with TestClient(create_app(configured)) as client:
        preflight = client.options(
            "/v1/terms",
            headers={
                "Origin": "https://intranet.example.com",
                "Access-Control-Request-Method": "GET",
            },
        )
        assert preflight.status_code == 200
        allowed = preflight.headers["access-control-allow-origin"]
        assert allowed == "https://intranet.example.com"
        other = client.get("/v1/terms", headers={"Origin": "https://evil.example.net"})
        assert "access-control-allow-origin" not in other.headers
