"""HTTP details: 413 for every oversize body, security headers, the language cookie, metrics
behind the read key, If-Match on delete, and a full or read-only database as 507."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError

from glossary.api import create_app
from glossary.settings import Settings
from tests.api.test_terms import NEW_TERM
from tests.conftest import SMALL, auth, import_file, problem

BIG_TEXT = "budget " * 400  # 2,800 bytes: over the limit of 1,000 below
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data; boundary=XyZ"
MULTIPART_HEAD = b'--XyZ\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
MULTIPART_TAIL = b"\r\n--XyZ--\r\n"
PAGES = ["/", "/terms/budget", "/check", "/widget/demo"]


@pytest.fixture
def small(engine: Engine) -> Engine:
    import_file(engine, SMALL)
    return engine


@pytest.fixture
def limited(small: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"max_body_bytes": 1000}))) as client:
        yield client


def _bodies(api_keys: dict[str, str]) -> list[tuple[str, bytes, dict[str, str]]]:
    text = BIG_TEXT.encode()
    editor, admin = auth(api_keys["editor"]), auth(api_keys["admin"])
    return [
        ("/v1/check", b'{"text": "' + text + b'"}', {"Content-Type": "application/json"}),
        ("/v2/check", b"language=en&text=" + text, {"Content-Type": FORM}),
        ("/check", b"format=plain&text=" + text, {"Content-Type": FORM}),
        (
            "/v1/terms",
            b'{"id": "x", "note": "' + text + b'"}',
            {**editor, "Content-Type": "application/json"},
        ),
        ("/v1/import", b"schema: 1\n# " + text, {**admin, "Content-Type": "application/yaml"}),
        ("/v1/check", b'{"text": "' + text + b'"}', {}),  # JSON without a content type
        ("/v1/check", b'{"text": "' + text + b'"}', {"Content-Type": "text/plain"}),
        ("/check", MULTIPART_HEAD + text + MULTIPART_TAIL, {"Content-Type": MULTIPART}),
        ("/v2/check", MULTIPART_HEAD + text + MULTIPART_TAIL, {"Content-Type": MULTIPART}),
    ]


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_an_oversize_body_is_413_on_every_route(
    limited: TestClient, api_keys: dict[str, str], chunked: bool
) -> None:
    for path, body, headers in _bodies(api_keys):
        content: object = iter([body[:500], body[500:]]) if chunked else body
        response = limited.post(path, content=content, headers=headers)  # type: ignore[arg-type]
        assert response.status_code == 413, (path, response.text)
        assert problem(response)["code"] == "payload_too_large"
        assert "1000 bytes" in problem(response)["detail"]


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    for path in PAGES:
        headers = client.get(path).headers
        policy = dict(
            part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";")
        )
        assert policy["default-src"] == "'none'"
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"
        assert "unsafe" not in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert headers["x-content-type-options"] == "nosniff"
        assert {"Accept-Language", "Cookie"} <= {v.strip() for v in headers["vary"].split(",")}


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in PAGES:
        html = client.get(path).text
        assert "<style" not in html
        assert " style=" not in html
        assert "<script>" not in html
        assert all("src=" in tag.split(">", 1)[0] for tag in html.split("<script")[1:])


def test_api_answers_and_errors_are_nosniff_and_the_widget_stays_embeddable(
    client: TestClient,
) -> None:
    for response in (
        client.get("/v1/terms"),
        client.get("/v1/terms/nothing"),
        client.post("/v1/check", json={"text": "budget"}),
        client.get("/metrics"),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
    widget = client.get("/widget.js")
    assert widget.headers["x-content-type-options"] == "nosniff"
    assert widget.headers["content-type"].startswith("text/javascript")
    assert widget.headers["access-control-allow-origin"] == "*"
    assert "cross-origin-resource-policy" not in widget.headers


def _cookie(response: object) -> set[str]:
    header = response.headers["set-cookie"]  # type: ignore[attr-defined]
    return {part.strip().lower() for part in header.split(";")}


def test_the_language_cookie_is_http_only_lax_and_secure_over_https(
    small: Engine, settings: Settings
) -> None:
    with TestClient(create_app(settings)) as client:
        plain = _cookie(client.get("/?lang=en"))
        assert {"httponly", "samesite=lax"} <= plain
        assert "secure" not in plain
        spoofed = _cookie(client.get("/?lang=en", headers={"X-Forwarded-Proto": "https"}))
        assert "secure" not in spoofed  # from a peer that is not a trusted proxy
    with TestClient(create_app(settings), base_url="https://glossary.example") as client:
        assert "secure" in _cookie(client.get("/?lang=en"))
    proxied = settings.model_copy(update={"trusted_proxies": ["10.0.0.0/8"]})
    with TestClient(create_app(proxied), client=("10.1.2.3", 5000)) as client:
        forwarded = client.get("/?lang=sv", headers={"X-Forwarded-Proto": "https"})
        assert "secure" in _cookie(forwarded)


def test_metrics_need_a_key_when_reading_does(
    small: Engine, settings: Settings, api_keys: dict[str, str]
) -> None:
    with TestClient(create_app(settings)) as public:
        assert public.get("/metrics").status_code == 200
    private = settings.model_copy(update={"public_read": False})
    with TestClient(create_app(private)) as client:
        refused = client.get("/metrics")
        assert refused.status_code == 401
        assert problem(refused)["code"] == "unauthorized"
        allowed = client.get("/metrics", headers=auth(api_keys["reader"]))
        assert allowed.status_code == 200
        assert "glossary_http_requests_total" in allowed.text


def test_delete_needs_the_current_etag(client: TestClient, api_keys: dict[str, str]) -> None:
    editor = auth(api_keys["editor"])
    missing = client.delete("/v1/terms/mql", headers=editor)
    assert missing.status_code == 428
    assert problem(missing)["code"] == "precondition_required"
    etag = client.get("/v1/terms/mql").headers["etag"]
    body = {
        k: v
        for k, v in client.get("/v1/terms/mql").json().items()
        if k not in ("revision", "created_at", "updated_at", "updated_by")
    }
    client.put(
        "/v1/terms/mql", json={**body, "note": "changed"}, headers={**editor, "If-Match": etag}
    )
    stale = client.delete("/v1/terms/mql", headers={**editor, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get("/v1/terms/mql").status_code == 200
    current = client.get("/v1/terms/mql").headers["etag"]
    assert (
        client.delete("/v1/terms/mql", headers={**editor, "If-Match": current}).status_code == 204
    )
    assert client.get("/v1/terms/mql").status_code == 404


# -------------------------------------------------------------------------- full storage


def _limit_pages(engine: Engine) -> Callable[[sqlite3.Connection, object], None]:
    """Every new connection may not grow the SQLite file: SQLITE_FULL on the next growth."""

    def full(dbapi_connection: sqlite3.Connection, _: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", full)
    engine.dispose()
    return full


def _read_only(engine: Engine) -> None:
    """Every new connection refuses writes (SQLite query_only, PostgreSQL read-only)."""
    sql = (
        "PRAGMA query_only = 1"
        if engine.dialect.name == "sqlite"
        else "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
    )

    @event.listens_for(engine, "connect")
    def read_only(dbapi_connection: object, _: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute(sql)
        cursor.close()
        dbapi_connection.commit()  # type: ignore[attr-defined]  # PostgreSQL: SET is transactional

    engine.dispose()


def _big_term(number: int) -> dict[str, object]:
    return {
        **NEW_TERM,
        "id": f"big-{number}",
        "labels": {"en": [f"big{number}"]},
        "note": "x" * 3000,
    }


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # max_page_count: SQLite's
def test_a_full_disk_is_507_and_not_ready_until_a_write_succeeds(
    small: Engine, settings: Settings, api_keys: dict[str, str]
) -> None:
    app = create_app(settings)
    editor = auth(api_keys["editor"])
    with TestClient(app) as client:
        assert client.get("/readyz").status_code == 200
        listener = _limit_pages(app.state.engine)
        statuses: list[int] = []  # the free pages in the file fill up first
        while not statuses or (statuses[-1] == 201 and len(statuses) < 50):
            full = client.post("/v1/terms", json=_big_term(len(statuses)), headers=editor)
            statuses.append(full.status_code)
        assert statuses[-1] == 507, full.text
        error = problem(full)
        assert error["code"] == "insufficient_storage"
        assert "full" in error["detail"]
        ready = client.get("/readyz")
        assert (ready.status_code, problem(ready)["code"]) == (507, "insufficient_storage")
        assert client.post("/v1/check", json={"text": "budget"}).status_code == 200  # reads work
        assert client.get("/v1/terms/budget").status_code == 200
        event.remove(app.state.engine, "connect", listener)  # space again
        app.state.engine.dispose()
        assert client.post("/v1/terms", json=_big_term(99), headers=editor).status_code == 201
        assert client.get("/readyz").status_code == 200


def test_a_read_only_database_is_507_on_writes(
    small: Engine, settings: Settings, api_keys: dict[str, str]
) -> None:
    app = create_app(settings)
    with TestClient(app) as client:
        _read_only(app.state.engine)
        refused = client.post("/v1/terms", json=_big_term(1), headers=auth(api_keys["editor"]))
        assert refused.status_code == 507, refused.text
        assert problem(refused)["code"] == "insufficient_storage"
        assert "read-only" in problem(refused)["detail"]
        assert client.get("/readyz").status_code == 507
        assert client.get("/v1/terms/budget").status_code == 200


def test_a_postgresql_disk_full_error_is_507(
    small: Engine, settings: Settings, api_keys: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL's disk cannot be filled here: its error (SQLSTATE 53100, "could not extend
    file") is raised where the write would fail, as psycopg and SQLAlchemy raise it."""
    from psycopg import errors

    from glossary.service import terms as terms_service

    def disk_full(**_: object) -> None:
        raise OperationalError("INSERT …", {}, errors.DiskFull("could not extend file"))

    monkeypatch.setattr(terms_service, "create_term", disk_full)
    with TestClient(create_app(settings)) as client:
        response = client.post("/v1/terms", json=NEW_TERM, headers=auth(api_keys["editor"]))
        assert response.status_code == 507
        assert "full" in problem(response)["detail"]
        assert client.get("/readyz").status_code == 507
