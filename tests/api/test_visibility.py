"""Readers see approved terms only, on every read path: terms, history, export, proposals,
pages and statistics. Editors and admins see every review stage."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from glossary.terms_file import parse_glossary
from tests.conftest import auth, problem

AUDIT = ("revision", "created_at", "updated_at", "updated_by")
PIPELINE: dict[str, Any] = {
    "id": "pipeline",
    "labels": {"sv": ["pipeline"], "en": ["pipeline"]},
    "meanings": [
        {"department": "sales", "definition": {"en": "Secret draft: deals in the sales process."}}
    ],
    "status": "draft",
}


def edit(client: TestClient, key: str, term_id: str, **changes: Any) -> dict[str, Any]:
    """Replace a term with some fields changed, as an editor."""
    current = client.get(f"/v1/terms/{term_id}", headers=auth(key))
    body = {k: v for k, v in current.json().items() if k not in AUDIT}
    body.update(changes)
    answer = client.put(
        f"/v1/terms/{term_id}",
        json=body,
        headers={**auth(key), "If-Match": current.headers["etag"]},
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def mql_definition(text: str) -> list[dict[str, Any]]:
    return [{"department": "marketing", "definition": {"en": text}}]


@pytest.mark.parametrize("key", [None, "reader"])
def test_readers_get_no_history_of_a_draft(
    client: TestClient, api_keys: dict[str, str], key: str | None
) -> None:
    headers = auth(api_keys[key]) if key else {}
    hidden = client.get("/v1/terms/growth-hacking/history", headers=headers)
    assert hidden.status_code == 404
    shown = client.get("/v1/terms/growth-hacking/history", headers=auth(api_keys["editor"]))
    assert [entry["action"] for entry in shown.json()["items"]] == ["import"]


def test_history_shows_readers_the_approved_states_only(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = api_keys["editor"]
    edit(client, editor, "mql", status="in_review", meanings=mql_definition("Secret rework."))
    assert client.get("/v1/terms/mql/history").status_code == 404  # in review: not readable
    edit(client, editor, "mql", status="approved", meanings=mql_definition("Published."))
    seen = client.get("/v1/terms/mql/history")
    assert seen.status_code == 200
    assert "Secret rework" not in seen.text
    entries = seen.json()["items"]
    assert [(e["action"], e["before"] is None, e["after"] is None) for e in entries] == [
        ("update", True, False),  # the approval: the term appears again
        ("update", False, True),  # sent back to review: the term goes away
        ("import", True, False),
    ]
    assert entries[0]["after"]["meanings"][0]["definition"]["en"] == "Published."
    everything = client.get("/v1/terms/mql/history", headers=auth(editor)).text
    assert "Secret rework" in everything


def test_history_pages_skip_hidden_states_without_short_pages(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = api_keys["editor"]
    for n in range(3):
        edit(client, editor, "mql", status="draft", meanings=mql_definition(f"Draft {n}."))
        edit(client, editor, "mql", meanings=mql_definition(f"Draft {n}, again."))
        edit(client, editor, "mql", status="approved", meanings=mql_definition(f"Final {n}."))
    pages: list[list[int]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/terms/mql/history", params=params).json()
        assert "Draft" not in str(page)
        pages.append([entry["revision"] for entry in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    # Revisions 3, 6 and 9 changed one draft into another: nothing a reader may see.
    assert pages == [[10, 8], [7, 5], [4, 2], [1]]


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv", "tbx"])
def test_export_holds_only_approved_terms_for_readers(
    client: TestClient, api_keys: dict[str, str], fmt: str
) -> None:
    for headers in ({}, auth(api_keys["reader"])):
        exported = client.get("/v1/export", params={"format": fmt}, headers=headers)
        assert exported.status_code == 200
        assert "growth" not in exported.text.lower()
        assert "budget" in exported.text
    full = client.get("/v1/export", params={"format": fmt}, headers=auth(api_keys["editor"]))
    assert "growth hacking" in full.text


def test_readers_see_no_related_id_of_a_hidden_term(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = api_keys["editor"]
    created = client.post("/v1/terms", json=PIPELINE, headers=auth(editor))
    assert created.status_code == 201, created.text
    edit(client, editor, "budget", related=["positioning", "pipeline"])
    assert client.get("/v1/terms/budget").json()["related"] == ["positioning"]
    listed = client.get("/v1/terms", params={"q": "budget"}).json()["items"]
    assert listed[0]["related"] == ["positioning"]
    exported = client.get("/v1/export").text
    assert "pipeline" not in exported
    again = parse_glossary(exported, source="export")  # a reader's export reads back
    assert again.term("budget").related == ("positioning",)  # type: ignore[union-attr]
    page = client.get("/terms/budget", params={"lang": "en"}).text
    assert 'href="/terms/positioning"' in page
    assert "/terms/pipeline" not in page
    full = client.get("/v1/terms/budget", headers=auth(editor)).json()
    assert full["related"] == ["positioning", "pipeline"]


def test_proposals_on_hidden_terms_are_for_editors_only(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor, reader = auth(api_keys["editor"]), auth(api_keys["reader"])
    draft = {k: v for k, v in client.get("/v1/terms/growth-hacking", headers=editor).json().items()}
    changed = {k: v for k, v in copy.deepcopy(draft).items() if k not in AUDIT}
    changed["meanings"][0]["definition"]["en"] = "Still secret."
    made = client.post("/v1/proposals", json={"term": changed, "comment": "c"}, headers=editor)
    assert made.status_code == 201, made.text
    number = made.json()["id"]
    assert client.get(f"/v1/proposals/{number}", headers=reader).status_code == 404
    listed = client.get("/v1/proposals", headers=reader).json()["items"]
    assert number not in [p["id"] for p in listed]
    assert "growth" not in client.get("/", params={"lang": "en"}).text
    review = client.get(f"/v1/proposals/{number}", headers=editor)
    assert review.status_code == 200
    assert review.json()["current"]["meanings"][0]["definition"]["en"].startswith("Fast")
    blind = client.post("/v1/proposals", json={"term": changed}, headers=reader)
    assert blind.status_code == 409
    assert "growth-hacking" in problem(blind)["detail"]


def test_statistics_name_no_hidden_term(
    client: TestClient, api_keys: dict[str, str], settings: Any
) -> None:
    from glossary.api.app import create_app

    with TestClient(create_app(settings.model_copy(update={"stats": True}))) as counting:
        counting.post("/v1/check", json={"text": "Budgeten och positioneringen."})
        edit(counting, api_keys["editor"], "positioning", status="in_review")
        flagged = counting.get("/v1/stats/terms").json()["items"]
        page = counting.get("/", params={"lang": "en"}).text
    assert [item["term"] for item in flagged] == ["budget"]
    assert "/terms/positioning" not in page
