"""Department-scoped editors: an editor for sales changes sales's meanings, not marketing's."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from glossary import keys
from glossary.db import session_scope
from tests.conftest import auth, run_cli


@pytest.fixture
def sales_editor(engine: Engine, client: TestClient) -> str:
    with session_scope(engine) as session:
        _, secret = keys.create_key(
            session=session, name="sales-editor", role=keys.Role.EDITOR, departments=["sales"]
        )
    return secret


def current(client: TestClient, term_id: str) -> tuple[dict[str, Any], str]:
    answer = client.get(f"/v1/terms/{term_id}")
    body = {
        k: v
        for k, v in answer.json().items()
        if k not in ("revision", "created_at", "updated_at", "updated_by")
    }
    return body, answer.headers["ETag"]


def put(client: TestClient, key: str, body: dict[str, Any], etag: str) -> Any:
    return client.put(f"/v1/terms/{body['id']}", json=body, headers={**auth(key), "If-Match": etag})


def meaning(body: dict[str, Any], department: str) -> dict[str, Any]:
    return next(m for m in body["meanings"] if m["department"] == department)


def test_a_scoped_editor_changes_only_their_department_s_meaning(
    client: TestClient, sales_editor: str
) -> None:
    body, etag = current(client, "budget")
    ours = copy.deepcopy(body)
    meaning(ours, "sales")["definition"]["en"] = "The revenue target of the period."
    answer = put(client, sales_editor, ours, etag)
    assert answer.status_code == 200, answer.json()
    body, etag = current(client, "budget")
    theirs = copy.deepcopy(body)
    meaning(theirs, "marketing")["definition"]["en"] = "Changed by sales."
    refused = put(client, sales_editor, theirs, etag)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "'sales-editor' may change the meanings of sales only; this change touches marketing"
    )
    labels = copy.deepcopy(body)
    labels["labels"]["en"] = ["budget", "plan"]  # the term's own words belong to both sides
    assert put(client, sales_editor, labels, etag).status_code == 403
    assert current(client, "budget")[0] == body


def test_a_scoped_editor_creates_and_deletes_within_the_scope(
    client: TestClient, sales_editor: str
) -> None:
    term = {
        "id": "quota",
        "labels": {"sv": ["kvot"], "en": ["quota"]},
        "meanings": [
            {"department": "sales", "definition": {"sv": "Säljmål.", "en": "Sales target."}}
        ],
    }
    assert client.post("/v1/terms", json=term, headers=auth(sales_editor)).status_code == 201
    both = copy.deepcopy(term)
    both["id"] = "reach"
    both["labels"] = {"sv": ["räckvidd"], "en": ["reach"]}
    both["meanings"].append({"department": "marketing", "definition": {"sv": "R.", "en": "R."}})
    assert client.post("/v1/terms", json=both, headers=auth(sales_editor)).status_code == 403
    _, etag = current(client, "budget")
    deleted = client.delete("/v1/terms/budget", headers={**auth(sales_editor), "If-Match": etag})
    assert deleted.status_code == 403


def test_keys_are_scoped_on_the_command_line(engine: Engine, settings: Any) -> None:
    env = {"GLOSSARY_DATABASE_URL": settings.database_url}
    run_cli("import", "tests/data/small.yaml", env=env)
    made = run_cli(
        "keys", "create", "--role", "editor", "--department", "sales", "--name", "s", env=env
    )
    assert made.returncode == 0, made.stderr
    assert "created editor key 's' for sales" in made.stderr
    listed = run_cli("keys", "list", env=env)
    assert "s\teditor\tsales\t" in listed.stdout
    unknown = run_cli(
        "keys", "create", "--role", "editor", "--department", "hr", "--name", "h", env=env
    )
    assert (unknown.returncode, "unknown department hr" in unknown.stderr) == (2, True)
    reader = run_cli(
        "keys", "create", "--role", "reader", "--department", "sales", "--name", "r", env=env
    )
    assert reader.returncode == 2
