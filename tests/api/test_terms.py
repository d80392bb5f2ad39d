"""Terms through the real API on a real database: list, search, read, write, history."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import auth, problem

NEW_TERM: dict[str, Any] = {
    "id": "pipeline",
    "labels": {"sv": ["pipeline"], "en": ["pipeline"]},
    "meanings": [
        {
            "department": "sales",
            "definition": {
                "sv": "Affärer i säljprocessen.",
                "en": "Open deals in the sales process.",
            },
            "prefer": {"sv": ["affärspipeline"], "en": ["deal pipeline"]},
        },
        {
            "department": "marketing",
            "definition": {"sv": "Leads på väg mot sälj.", "en": "Leads on their way to sales."},
            "prefer": {"sv": ["leadpipeline"], "en": ["lead pipeline"]},
        },
    ],
    "tags": ["process"],
}


def ids(response: Any) -> list[str]:
    return [item["id"] for item in response.json()["items"]]


def test_list_is_sorted_by_id_and_hides_drafts_from_readers(client: TestClient) -> None:
    response = client.get("/v1/terms")
    assert response.status_code == 200
    assert ids(response) == ["budget", "mql", "positioning"]
    assert response.json()["next_cursor"] is None


def test_editors_see_every_review_stage(client: TestClient, api_keys: dict[str, str]) -> None:
    response = client.get("/v1/terms", headers=auth(api_keys["editor"]))
    assert ids(response) == ["budget", "growth-hacking", "mql", "positioning"]
    drafts = client.get("/v1/terms?status=draft", headers=auth(api_keys["editor"]))
    assert ids(drafts) == ["growth-hacking"]
    assert client.get("/v1/terms/growth-hacking").status_code == 404
    assert client.get("/v1/terms?status=draft").status_code == 422


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("budget", "budget"),
        ("positoning", "positioning"),
        ("positionering", "positioning"),
        ("kostnadsbudget", "budget"),
        ("marketing qualified lead", "mql"),
    ],
)
def test_search_puts_the_best_match_first(client: TestClient, query: str, first: str) -> None:
    response = client.get("/v1/terms", params={"q": query})
    assert response.status_code == 200
    assert ids(response)[0] == first


def test_search_for_budget_shows_both_meanings_in_both_languages(client: TestClient) -> None:
    budget = client.get("/v1/terms", params={"q": "budget"}).json()["items"][0]
    by_department = {m["department"]: m for m in budget["meanings"]}
    assert by_department["sales"]["prefer"]["sv"][0] == "intäktsbudget"
    assert by_department["marketing"]["prefer"]["sv"][0] == "kostnadsbudget"
    assert set(by_department["sales"]["definition"]) == {"sv", "en"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"department": "sales"}, ["budget", "positioning"]),
        ({"department": "marketing"}, ["budget", "mql", "positioning"]),
        ({"tag": "brand"}, ["positioning"]),
        ({"tag": "nothing"}, []),
    ],
)
def test_filters(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert ids(client.get("/v1/terms", params=params)) == expected


def test_cursor_pagination_walks_every_term_once(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/terms", params=params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["budget", "mql", "positioning"]


def test_a_broken_cursor_is_a_clear_400_or_422(client: TestClient) -> None:
    response = client.get("/v1/terms", params={"cursor": "not-a-cursor!"})
    assert response.status_code == 422
    assert "cursor" in problem(response)["detail"]


def test_get_returns_an_etag_and_honours_if_none_match(client: TestClient) -> None:
    response = client.get("/v1/terms/budget")
    assert response.status_code == 200
    etag = response.headers["etag"]
    assert response.json()["revision"] == 1
    assert client.get("/v1/terms/budget", headers={"If-None-Match": etag}).status_code == 304


def test_unknown_term_is_404_in_the_envelope(client: TestClient) -> None:
    response = client.get("/v1/terms/nope")
    assert response.status_code == 404
    assert problem(response)["code"] == "not_found"


def test_editor_creates_and_the_term_is_found(client: TestClient, api_keys: dict[str, str]) -> None:
    response = client.post("/v1/terms", json=NEW_TERM, headers=auth(api_keys["editor"]))
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/v1/terms/pipeline"
    assert response.json()["updated_by"] == "editor-key"
    assert ids(client.get("/v1/terms", params={"q": "pipline"}))[0] == "pipeline"


def test_creating_an_existing_id_is_409(client: TestClient, api_keys: dict[str, str]) -> None:
    body = {**NEW_TERM, "id": "budget", "labels": {"en": ["budget two"]}}
    response = client.post("/v1/terms", json=body, headers=auth(api_keys["editor"]))
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            {"meanings": [{**NEW_TERM["meanings"][0], "department": "nowhere"}]},
            "meanings[0].department",
            "nowhere",
        ),
        ({"labels": {"sv": ["budget"]}}, "labels.sv", "budget"),
        ({"related": ["ghost"]}, "related", "ghost"),
        ({"labels": {"de": ["Pipeline"]}}, "labels", "de"),
        ({"id": "Not A Slug"}, "id", "slug"),
    ],
)
def test_invalid_terms_are_422_naming_the_field(
    client: TestClient, api_keys: dict[str, str], change: dict[str, Any], path: str, message: str
) -> None:
    body = {**copy.deepcopy(NEW_TERM), **change}
    response = client.post("/v1/terms", json=body, headers=auth(api_keys["editor"]))
    assert response.status_code == 422, response.text
    details = problem(response)["details"]
    assert any(
        path in d["path"] and message in d["message"].lower() + d["path"] for d in details
    ), details
    assert client.get("/v1/terms/pipeline").status_code == 404


def test_replace_needs_if_match_and_refuses_stale(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = auth(api_keys["editor"])
    current = client.get("/v1/terms/budget")
    body = {**current.json(), "tags": ["economy", "finance"]}
    for key in ("revision", "created_at", "updated_at", "updated_by"):
        body.pop(key)
    assert client.put("/v1/terms/budget", json=body, headers=editor).status_code == 428
    ok = client.put(
        "/v1/terms/budget", json=body, headers={**editor, "If-Match": current.headers["etag"]}
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["tags"] == ["economy", "finance"]
    assert ok.headers["etag"] != current.headers["etag"]
    stale = client.put(
        "/v1/terms/budget",
        json={**body, "tags": []},
        headers={**editor, "If-Match": current.headers["etag"]},
    )
    assert stale.status_code == 412
    assert problem(stale)["code"] == "precondition_failed"
    assert client.get("/v1/terms/budget").json()["tags"] == ["economy", "finance"]


def test_history_records_who_and_what_changed(client: TestClient, api_keys: dict[str, str]) -> None:
    editor = auth(api_keys["editor"])
    current = client.get("/v1/terms/mql")
    body = {
        k: v
        for k, v in current.json().items()
        if k not in ("revision", "created_at", "updated_at", "updated_by")
    }
    body["note"] = "Agreed in the SLA of 2026."
    client.put("/v1/terms/mql", json=body, headers={**editor, "If-Match": current.headers["etag"]})
    history = client.get("/v1/terms/mql/history").json()["items"]
    assert [h["action"] for h in history] == ["update", "import"]
    assert history[0]["actor"] == "editor-key"
    assert history[0]["changes"] == ["note"]
    assert history[0]["before"].get("note") is None
    assert history[0]["after"]["note"] == "Agreed in the SLA of 2026."


def test_delete_keeps_history_and_restore_brings_it_back(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = auth(api_keys["editor"])
    etag = client.get("/v1/terms/mql").headers["etag"]
    assert client.delete("/v1/terms/mql", headers={**editor, "If-Match": etag}).status_code == 204
    assert client.get("/v1/terms/mql").status_code == 404
    history = client.get("/v1/terms/mql/history").json()["items"]
    assert [h["action"] for h in history] == ["delete", "import"]
    restored = client.post("/v1/terms/mql/restore", json={"version": 1}, headers=editor)
    assert restored.status_code == 200, restored.text
    assert restored.json()["revision"] == 3
    assert client.get("/v1/terms/mql").json()["labels"]["en"] == ["MQL", "marketing qualified lead"]


def test_a_term_that_others_relate_to_cannot_be_deleted(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    headers = {**auth(api_keys["editor"]), "If-Match": "*"}
    response = client.delete("/v1/terms/positioning", headers=headers)
    assert response.status_code == 409
    assert "budget" in problem(response)["detail"]
