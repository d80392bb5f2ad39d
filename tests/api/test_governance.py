"""Department-scoped editors: an editor for sales changes sales's meanings, not marketing's."""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from glossary.db import session_scope
from glossary.service import keys
from tests.conftest import auth, problem, run_cli


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
    assert problem(refused)["detail"] == (
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
    # A term for marketing too starts as a proposal for both departments to approve.
    assert client.post("/v1/terms", json=both, headers=auth(sales_editor)).status_code == 202
    assert client.get("/v1/terms/reach").status_code == 404
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


# ------------------------------------------------------------------------------ proposals


def propose(client: TestClient, key: str | None, term: dict[str, Any], comment: str = "") -> Any:
    headers = auth(key) if key else {}
    return client.post("/v1/proposals", json={"term": term, "comment": comment}, headers=headers)


QUOTA = {
    "id": "quota",
    "labels": {"sv": ["kvot"], "en": ["quota"]},
    "meanings": [
        {"department": "sales", "definition": {"sv": "Säljmål.", "en": "Sales target."}},
        {"department": "marketing", "definition": {"sv": "Andel.", "en": "A share."}},
    ],
}


def findings(client: TestClient, text: str) -> list[str]:
    answer = client.post("/v1/check", json={"text": text})
    return [f["term"]["id"] for f in answer.json()["findings"]]


def test_a_reader_s_proposal_stays_out_until_an_editor_approves(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    made = propose(client, api_keys["reader"], QUOTA, "sales and marketing both say kvot")
    assert made.status_code == 201, made.json()
    proposal = made.json()
    assert (proposal["kind"], proposal["status"], proposal["proposer"]) == (
        "new",
        "open",
        "reader-key",
    )
    assert client.get("/v1/terms/quota").status_code == 404
    assert findings(client, "Vi når kvoten.") == []  # proposed terms take no part in checks
    listed = client.get(
        "/v1/proposals", params={"status": "open"}, headers=auth(api_keys["reader"])
    )
    assert [p["id"] for p in listed.json()["items"]] == [proposal["id"]]
    approved = client.post(
        f"/v1/proposals/{proposal['id']}/approve", headers=auth(api_keys["editor"])
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    assert findings(client, "Vi når kvoten.") == ["quota"]
    history = client.get("/v1/terms/quota/history").json()["items"]
    assert history[0]["actor"] == f"editor-key (proposal {proposal['id']} by reader-key)"


def test_a_proposed_change_shows_its_field_level_diff(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    body, _ = current(client, "budget")
    changed = copy.deepcopy(body)
    meaning(changed, "sales")["definition"]["en"] = "What sales must bring in."
    made = propose(client, api_keys["reader"], changed).json()
    review = client.get(f"/v1/proposals/{made['id']}", headers=auth(api_keys["reader"])).json()
    assert review["kind"] == "change"
    assert review["stale"] is False
    assert review["changes"] == [
        {
            "field": "meanings.sales.definition.en",
            "before": meaning(body, "sales")["definition"]["en"],
            "after": "What sales must bring in.",
        }
    ]


def test_proposing_needs_a_key_unless_proposals_are_public(
    engine: Engine, settings: Any, client: TestClient
) -> None:
    assert propose(client, None, QUOTA).status_code == 401
    from glossary.api.app import create_app

    public = create_app(settings.model_copy(update={"public_proposals": True}))
    with TestClient(public) as anyone:
        made = propose(anyone, None, QUOTA)
        assert made.status_code == 201
        assert made.json()["proposer"] == "anonymous"


def test_two_proposals_on_one_term_the_second_approval_conflicts(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    body, _ = current(client, "budget")
    first, second = copy.deepcopy(body), copy.deepcopy(body)
    meaning(first, "sales")["definition"]["en"] = "First."
    meaning(second, "sales")["definition"]["en"] = "Second."
    ids = [propose(client, api_keys["reader"], term).json()["id"] for term in (first, second)]
    editor = auth(api_keys["editor"])
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(
            pool.map(lambda i: client.post(f"/v1/proposals/{i}/approve", headers=editor), ids)
        )
    assert sorted(a.status_code for a in answers) == [200, 409]
    lost = problem(next(a for a in answers if a.status_code == 409))
    assert {"proposed", "current"} <= set(lost["details"][0])
    kept = next(a for a in answers if a.status_code == 200).json()
    winner = first if kept["id"] == ids[0] else second
    assert (
        meaning(current(client, "budget")[0], "sales")["definition"]["en"]
        == meaning(winner, "sales")["definition"]["en"]
    )


def test_approval_and_rejection_follow_the_editor_s_departments(
    client: TestClient, api_keys: dict[str, str], sales_editor: str
) -> None:
    body, _ = current(client, "budget")
    theirs = copy.deepcopy(body)
    meaning(theirs, "marketing")["definition"]["en"] = "Changed."
    made = propose(client, api_keys["reader"], theirs).json()
    scoped = auth(sales_editor)
    assert client.post(f"/v1/proposals/{made['id']}/approve", headers=scoped).status_code == 403
    reject = client.post(
        f"/v1/proposals/{made['id']}/reject", json={"reason": "not ours"}, headers=scoped
    )
    assert reject.status_code == 403
    rejected = client.post(
        f"/v1/proposals/{made['id']}/reject",
        json={"reason": "Marketing keeps its wording."},
        headers=auth(api_keys["editor"]),
    )
    assert rejected.json()["status"] == "rejected"
    again = client.post(f"/v1/proposals/{made['id']}/approve", headers=auth(api_keys["editor"]))
    assert again.status_code == 409
    assert current(client, "budget")[0] == body


def test_a_term_restored_to_its_first_version_loses_later_edits(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    first, etag = current(client, "budget")
    for text in ("Edit one.", "Edit two."):
        body, etag = current(client, "budget")
        meaning(body, "sales")["definition"]["en"] = text
        assert put(client, api_keys["editor"], body, etag).status_code == 200
    restored = client.post(
        "/v1/terms/budget/restore", json={"version": 1}, headers=auth(api_keys["editor"])
    )
    assert restored.status_code == 200
    assert current(client, "budget")[0] == first
    history = client.get("/v1/terms/budget/history").json()["items"]
    assert [entry["action"] for entry in history] == ["restore", "update", "update", "import"]
    assert history[0]["diff"] == [
        {
            "field": "meanings.sales.definition.en",
            "before": "Edit two.",
            "after": meaning(first, "sales")["definition"]["en"],
        }
    ]


def test_the_pages_show_open_proposals(
    settings: Any, client: TestClient, api_keys: dict[str, str]
) -> None:
    from glossary.api.app import create_app

    propose(client, api_keys["reader"], QUOTA, "both say kvot")
    body, _ = current(client, "budget")
    meaning(body, "sales")["definition"]["en"] = "Changed."
    propose(client, api_keys["reader"], body)
    with TestClient(create_app(settings.model_copy(update={"public_proposals": True}))) as public:
        glossary = public.get("/", params={"lang": "en"}).text  # the API shows them to anyone
        term_page = public.get("/terms/budget", params={"lang": "sv"}).text
    assert "Open proposals (2)" in glossary
    assert "new word, proposed by reader-key – both say kvot" in glossary
    assert "Öppna förslag (1)" in term_page
    assert "ändring, föreslaget av reader-key" in term_page


# ----------------------------------------------------------------------------- statistics


def test_statistics_are_off_unless_asked_for(client: TestClient) -> None:
    client.post("/v1/check", json={"text": "Budgeten."})
    assert client.get("/v1/stats/terms").status_code == 404


def test_statistics_count_findings_and_keep_no_text(
    engine: Engine, settings: Any, client: TestClient
) -> None:
    from sqlalchemy import text

    from glossary.api.app import create_app

    secret = "Hemliga planer: budgeten för Projekt Örn"
    with TestClient(create_app(settings.model_copy(update={"stats": True}))) as counting:
        counting.post("/v1/check", json={"text": secret})
        counting.post("/v1/check", json={"text": "Säljarnas budget och kvot: budgeten."})
        flagged = counting.get("/v1/stats/terms", params={"days": 7}).json()
        page = counting.get("/", params={"lang": "en"}).text
    budget = next(item for item in flagged["items"] if item["term"] == "budget")
    assert budget["count"] == 3
    assert sum(budget["departments"].values()) == 3
    assert "The words we most often misunderstand" in page
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM term_stat")).all()
    stored = " ".join(str(value) for row in rows for value in row)
    assert "Örn" not in stored
    assert "planer" not in stored
    assert {row[1] for row in rows} == {"budget"}
