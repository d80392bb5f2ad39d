"""The outside audit's probes, kept as tests so that what held then keeps holding: every write
route asks for a key of the right role, SQL in any parameter is only text, and markup stored in
the glossary is shown as text on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_terms import NEW_TERM
from tests.conftest import auth

#: Routes anyone may write to: checks read nothing of the store and write nothing.
PUBLIC_WRITES = {("post", "/v1/check"), ("post", "/v2/check")}
#: Routes a reader key may write to, and what they need beyond it.
READER_WRITES = {("post", "/v1/proposals"), ("put", "/v1/proposals/{proposal_id}")}
WRITES = ("post", "put", "patch", "delete")


def write_operations(client: TestClient) -> list[tuple[str, str]]:
    """Every write operation the API documents, path parameters filled in."""
    spec = client.get("/openapi.json").json()
    found = []
    for path, operations in spec["paths"].items():
        for method in operations:
            if method in WRITES and (method, path) not in PUBLIC_WRITES:
                found.append((method, path))
    return found


def filled(path: str) -> str:
    """A path whose parameters name things that exist in the small test glossary."""
    values = {
        "term_id": "budget",
        "department_id": "sales",
        "proposal_id": "1",
        "name": "reader-key",
    }
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def test_every_write_route_is_guarded(client: TestClient, api_keys: dict[str, str]) -> None:
    operations = write_operations(client)
    assert len(operations) >= 10  # the spec was read, not an empty list
    for method, path in operations:
        url = filled(path)
        anonymous = client.request(method, url, json={})
        assert anonymous.status_code == 401, (method, path, anonymous.text)
        forged = client.request(method, url, json={}, headers=auth("glsk_forged"))
        assert forged.status_code == 401, (method, path, forged.text)
        if (method, path) in READER_WRITES:
            continue
        reader = client.request(method, url, json={}, headers=auth(api_keys["reader"]))
        assert reader.status_code == 403, (method, path, reader.text)


INJECTIONS = [
    "' OR '1'='1",
    "budget'; DROP TABLE term; --",
    '" OR 1=1 --',
    "%' UNION SELECT secret_hash, name FROM api_key --",
    "budget\\'",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_in_any_parameter_is_only_text(
    client: TestClient, api_keys: dict[str, str], payload: str
) -> None:
    count = len(client.get("/v1/terms", params={"limit": 100}).json()["items"])
    searched = client.get("/v1/terms", params={"q": payload, "tag": payload, "limit": 100})
    assert searched.status_code in (200, 422)
    if searched.status_code == 200:
        assert len(searched.json()["items"]) < count  # never "everything"
    for path in (f"/v1/terms/{payload}", f"/v1/terms/{payload}/history"):
        assert client.get(path).status_code in (404, 422)
    by_department = client.get("/v1/terms", params={"department": payload})
    assert by_department.status_code in (200, 404, 422)
    assert by_department.status_code != 200 or by_department.json()["items"] == []
    revoked = client.delete(f"/v1/keys/{payload}", headers=auth(api_keys["admin"]))
    assert revoked.status_code == 404
    after = client.get("/v1/terms", params={"limit": 100}).json()["items"]
    assert len(after) == count  # the table is still there, whole
    assert client.get("/v1/terms", headers=auth(api_keys["reader"])).status_code == 200


MARKUP = '<script>window.__xss=1</script><img src=x onerror="alert(1)">'


def _term_with_markup() -> dict[str, Any]:
    term: dict[str, Any] = {**NEW_TERM, "id": "markup"}
    term["labels"] = {"sv": ["kvotx"], "en": ["quotax"]}
    term["note"] = MARKUP
    term["meanings"] = [
        {**meaning, "definition": {"sv": MARKUP, "en": MARKUP}} for meaning in NEW_TERM["meanings"]
    ]
    return term


def test_markup_in_the_glossary_is_text_on_every_page(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    created = client.post("/v1/terms", json=_term_with_markup(), headers=auth(api_keys["admin"]))
    assert created.status_code == 201, created.text
    pages = [
        client.get("/", params={"q": "kvotx"}),
        client.get("/terms/markup"),
        client.post("/check", data={"text": f"Vår kvotx. {MARKUP}"}),
    ]
    for page in pages:
        assert page.status_code == 200, page.url
        assert "<script>window.__xss" not in page.text, page.url
        assert "<img src=x" not in page.text, page.url
        assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page.text, page.url
