"""The review flow as a user meets it: edit what GET gave, and proposals reviewed by department."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from glossary.db import session_scope
from glossary.service import keys
from tests.conftest import auth, problem


def scoped_editor(engine: Engine, name: str, department: str) -> str:
    """A new editor key for one department."""
    with session_scope(engine) as session:
        _, secret = keys.create_key(
            session=session, name=name, role=keys.Role.EDITOR, departments=[department]
        )
    return secret


@pytest.fixture
def sales(engine: Engine, client: TestClient) -> str:
    return scoped_editor(engine, "sales-editor", "sales")


@pytest.fixture
def marketing(engine: Engine, client: TestClient) -> str:
    return scoped_editor(engine, "marketing-editor", "marketing")


def meaning(body: dict[str, Any], department: str) -> dict[str, Any]:
    return next(m for m in body["meanings"] if m["department"] == department)


# ------------------------------------------------------------------ editing what GET gave


def test_the_whole_get_representation_can_be_put_back(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    read = client.get("/v1/terms/budget")
    body = read.json()
    meaning(body, "sales")["definition"]["en"] = "The revenue target of the period."
    answer = client.put(
        "/v1/terms/budget",
        json=body,
        headers={**auth(api_keys["editor"]), "If-Match": read.headers["ETag"]},
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["revision"] == body["revision"] + 1
    assert meaning(answer.json(), "sales")["definition"]["en"] == (
        "The revenue target of the period."
    )


def test_a_stale_revision_in_the_body_is_a_failed_precondition(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = auth(api_keys["editor"])
    stale = client.get("/v1/terms/budget").json()
    fresh = copy.deepcopy(stale)
    meaning(fresh, "sales")["definition"]["en"] = "First edit."
    etag = f'"{stale["revision"]}"'
    assert client.put(
        "/v1/terms/budget", json=fresh, headers={**editor, "If-Match": etag}
    ).is_success
    meaning(stale, "sales")["definition"]["en"] = "Second edit, from the old copy."
    for if_match in ("*", f'"{stale["revision"] + 1}"'):
        answer = client.put(
            "/v1/terms/budget", json=stale, headers={**editor, "If-Match": if_match}
        )
        assert answer.status_code == 412, answer.json()
        assert "revision" in problem(answer)["detail"]
    now = client.get("/v1/terms/budget").json()
    assert meaning(now, "sales")["definition"]["en"] == "First edit."


def test_server_owned_timestamps_in_the_body_are_ignored(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    read = client.get("/v1/terms/budget")
    body = read.json()
    body |= {"created_at": "2000-01-01T00:00:00Z", "updated_by": "someone else"}
    body["tags"] = ["economy", "finance"]
    answer = client.put(
        "/v1/terms/budget",
        json=body,
        headers={**auth(api_keys["editor"]), "If-Match": read.headers["ETag"]},
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["updated_by"] == "editor-key"
    assert answer.json()["created_at"] == read.json()["created_at"]


# ------------------------------------------------------------- proposals that cannot fit


def propose(client: TestClient, key: str, term: dict[str, Any]) -> Any:
    return client.post("/v1/proposals", json={"term": term}, headers=auth(key))


PLAN = {
    "id": "plan",
    "labels": {"sv": ["plan"], "en": ["plan"]},
    "meanings": [{"department": "sales", "definition": {"sv": "Mål.", "en": "A target."}}],
}


def test_a_proposal_that_could_never_be_approved_is_refused_when_made(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    taken = copy.deepcopy(PLAN)
    taken["labels"]["en"] = ["plan", "Budget"]
    answer = propose(client, api_keys["reader"], taken)
    assert answer.status_code == 422, answer.json()
    assert problem(answer)["details"] == [
        {"path": "term.labels.en", "message": "'Budget' is also a word of term 'budget'"}
    ]
    unknown = copy.deepcopy(PLAN) | {"related": ["forecast"]}
    assert propose(client, api_keys["reader"], unknown).status_code == 422
    listed = client.get("/v1/proposals", headers=auth(api_keys["reader"])).json()
    assert listed["items"] == []
    assert propose(client, api_keys["reader"], PLAN).status_code == 201


# ------------------------------------------------------------------ review by department


def both_changed(client: TestClient) -> dict[str, Any]:
    """Budget with a new sales and a new marketing definition."""
    body = client.get("/v1/terms/budget").json()
    meaning(body, "sales")["definition"]["en"] = "What sales must bring in."
    meaning(body, "marketing")["definition"]["en"] = "What marketing may spend."
    return body


def approve(client: TestClient, key: str, proposal_id: int) -> Any:
    return client.post(f"/v1/proposals/{proposal_id}/approve", headers=auth(key))


def test_a_change_to_two_departments_needs_an_approval_from_each(
    client: TestClient, api_keys: dict[str, str], sales: str, marketing: str
) -> None:
    before = client.get("/v1/terms/budget").json()
    made = propose(client, api_keys["reader"], both_changed(client))
    assert made.status_code == 201, made.json()
    proposal = made.json()
    assert (proposal["approvals"], proposal["waiting_for"]) == ([], ["marketing", "sales"])
    first = approve(client, sales, proposal["id"])
    assert first.status_code == 200, first.json()
    assert first.json()["status"] == "open"
    assert [(a["department"], a["by"]) for a in first.json()["approvals"]] == [
        ("sales", "sales-editor")
    ]
    assert first.json()["waiting_for"] == ["marketing"]
    assert client.get("/v1/terms/budget").json()["revision"] == before["revision"]
    again = approve(client, sales, proposal["id"])
    assert again.status_code == 409
    assert "sales has approved" in problem(again)["detail"]
    second = approve(client, marketing, proposal["id"])
    assert second.status_code == 200, second.json()
    assert (second.json()["status"], second.json()["waiting_for"]) == ("approved", [])
    assert {a["department"] for a in second.json()["approvals"]} == {"sales", "marketing"}
    after = client.get("/v1/terms/budget").json()
    assert meaning(after, "marketing")["definition"]["en"] == "What marketing may spend."
    assert after["revision"] == second.json()["applied_revision"] == before["revision"] + 1
    shown = client.get(f"/v1/proposals/{proposal['id']}", headers=auth(api_keys["reader"]))
    assert len(shown.json()["approvals"]) == 2


def test_an_unscoped_editor_approves_every_department_at_once(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    proposal = propose(client, api_keys["reader"], both_changed(client)).json()
    answer = approve(client, api_keys["editor"], proposal["id"])
    assert answer.json()["status"] == "approved"
    assert {(a["department"], a["by"]) for a in answer.json()["approvals"]} == {
        ("sales", "editor-key"),
        ("marketing", "editor-key"),
    }


def test_nobody_approves_their_own_proposal(
    client: TestClient, api_keys: dict[str, str], sales: str
) -> None:
    body = client.get("/v1/terms/budget").json()
    meaning(body, "sales")["definition"]["en"] = "Mine."
    own = propose(client, sales, body).json()
    refused = approve(client, sales, own["id"])
    assert refused.status_code == 403
    assert problem(refused)["detail"] == (
        f"'sales-editor' made proposal {own['id']}; another editor must approve it"
    )
    assert approve(client, api_keys["editor"], own["id"]).json()["status"] == "approved"
    unscoped = propose(client, api_keys["editor"], both_changed(client)).json()
    assert approve(client, api_keys["editor"], unscoped["id"]).status_code == 403


def test_either_department_may_reject_a_change_to_both(
    client: TestClient, api_keys: dict[str, str], sales: str, marketing: str
) -> None:
    proposal = propose(client, api_keys["reader"], both_changed(client)).json()
    assert approve(client, sales, proposal["id"]).status_code == 200
    rejected = client.post(
        f"/v1/proposals/{proposal['id']}/reject",
        json={"reason": "Marketing keeps its wording."},
        headers=auth(marketing),
    )
    assert rejected.status_code == 200, rejected.json()
    assert (rejected.json()["status"], rejected.json()["decided_by"]) == (
        "rejected",
        "marketing-editor",
    )
    assert approve(client, marketing, proposal["id"]).status_code == 409


def test_a_proposal_made_from_an_old_revision_is_a_failed_precondition(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    old = both_changed(client)
    edited = client.get("/v1/terms/budget").json()
    edited["tags"] = ["economy", "finance"]
    headers = {**auth(api_keys["editor"]), "If-Match": f'"{edited["revision"]}"'}
    assert client.put("/v1/terms/budget", json=edited, headers=headers).status_code == 200
    answer = propose(client, api_keys["reader"], old)
    assert answer.status_code == 412, answer.json()
    assert f"made from revision {old['revision']}" in problem(answer)["detail"]


# ------------------------------------------------------------------ amending a proposal


def amend(client: TestClient, key: str, proposal_id: int, term: dict[str, Any]) -> Any:
    return client.put(f"/v1/proposals/{proposal_id}", json={"term": term}, headers=auth(key))


def test_a_stale_proposal_is_amended_against_the_current_term(
    client: TestClient, api_keys: dict[str, str], sales: str, marketing: str
) -> None:
    proposal = propose(client, api_keys["reader"], both_changed(client)).json()
    assert approve(client, sales, proposal["id"]).status_code == 200
    edited = client.get("/v1/terms/budget").json()
    edited["tags"] = ["economy", "finance"]
    headers = {**auth(api_keys["editor"]), "If-Match": f'"{edited["revision"]}"'}
    assert client.put("/v1/terms/budget", json=edited, headers=headers).status_code == 200
    stale = approve(client, marketing, proposal["id"])
    assert stale.status_code == 409
    assert f"PUT /v1/proposals/{proposal['id']}" in problem(stale)["detail"]
    amended = amend(client, api_keys["reader"], proposal["id"], both_changed(client))
    assert amended.status_code == 200, amended.json()
    body = amended.json()
    assert (body["base_revision"], body["approvals"]) == (edited["revision"] + 1, [])
    assert body["waiting_for"] == ["marketing", "sales"]
    assert approve(client, sales, proposal["id"]).json()["status"] == "open"
    done = approve(client, marketing, proposal["id"]).json()
    assert done["status"] == "approved"
    after = client.get("/v1/terms/budget").json()
    assert after["tags"] == ["economy", "finance"]
    assert meaning(after, "marketing")["definition"]["en"] == "What marketing may spend."


def test_only_the_proposer_or_an_editor_amends_an_open_proposal(
    client: TestClient, engine: Engine, api_keys: dict[str, str]
) -> None:
    with session_scope(engine) as session:
        _, other = keys.create_key(session=session, name="other-reader", role=keys.Role.READER)
    proposal = propose(client, api_keys["reader"], PLAN).json()
    changed = copy.deepcopy(PLAN)
    changed["labels"]["en"] = ["plan", "target"]
    refused = amend(client, other, proposal["id"], changed)
    assert refused.status_code == 403
    assert amend(client, api_keys["editor"], proposal["id"], changed).status_code == 200
    clash = copy.deepcopy(PLAN)
    clash["labels"]["en"] = ["budget"]
    assert amend(client, api_keys["reader"], proposal["id"], clash).status_code == 422
    moved = copy.deepcopy(PLAN) | {"id": "target"}
    assert amend(client, api_keys["reader"], proposal["id"], moved).status_code == 422
    shown = client.get(f"/v1/proposals/{proposal['id']}", headers=auth(api_keys["reader"]))
    assert shown.json()["term"]["labels"]["en"] == ["plan", "target"]
    client.post(
        f"/v1/proposals/{proposal['id']}/reject",
        json={"reason": "No."},
        headers=auth(api_keys["editor"]),
    )
    assert amend(client, api_keys["reader"], proposal["id"], PLAN).status_code == 409


# --------------------------------------------------- new terms beyond an editor's scope


REACH = {
    "id": "reach",
    "labels": {"sv": ["räckvidd"], "en": ["reach"]},
    "meanings": [
        {"department": "sales", "definition": {"sv": "Kunder vi når.", "en": "Customers reached."}},
        {"department": "marketing", "definition": {"sv": "Visningar.", "en": "Impressions."}},
    ],
}


def test_a_scoped_editor_s_new_term_for_other_departments_starts_as_a_proposal(
    client: TestClient, api_keys: dict[str, str], sales: str, marketing: str
) -> None:
    made = client.post("/v1/terms", json=REACH, headers=auth(sales))
    assert made.status_code == 202, made.json()
    proposal = made.json()
    assert made.headers["Location"] == f"/v1/proposals/{proposal['id']}"
    assert (proposal["kind"], proposal["status"], proposal["proposer"]) == (
        "new",
        "open",
        "sales-editor",
    )
    assert proposal["waiting_for"] == ["marketing", "sales"]
    assert client.get("/v1/terms/reach", headers=auth(sales)).status_code == 404
    assert approve(client, marketing, proposal["id"]).json()["waiting_for"] == ["sales"]
    assert approve(client, sales, proposal["id"]).status_code == 403
    assert approve(client, api_keys["editor"], proposal["id"]).json()["status"] == "approved"
    assert client.get("/v1/terms/reach").status_code == 200
    again = client.post("/v1/terms", json=REACH, headers=auth(sales))
    assert again.status_code == 409


def test_unscoped_editors_and_admins_still_create_at_once(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    made = client.post("/v1/terms", json=REACH, headers=auth(api_keys["editor"]))
    assert (made.status_code, made.headers["Location"]) == (201, "/v1/terms/reach")
    other = copy.deepcopy(REACH) | {"id": "range", "labels": {"sv": ["omfång"], "en": ["range"]}}
    assert client.post("/v1/terms", json=other, headers=auth(api_keys["admin"])).status_code == 201
