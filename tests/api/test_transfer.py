"""Import and export of whole glossary files through the API: all or nothing."""

from __future__ import annotations

import json

import yaml
from fastapi.testclient import TestClient

from tests.conftest import SMALL, auth, problem

BAD_IMPORT = """\
schema: 1
languages: [sv, en]
departments:
  - id: sales
    name: {sv: Sälj, en: Sales}
terms:
  - id: forecast
    labels: {sv: [prognos], en: [forecast]}
    meanings:
      - department: sales
        definition: {en: What we expect to close.}
  - id: budget
    labels: {sv: [budget]}
    meanings:
      - department: nowhere
        definition: {en: Changed.}
  - id: Bad Id
    labels: {en: [thing]}
    meanings: []
"""


def yaml_headers(secret: str) -> dict[str, str]:
    return {**auth(secret), "Content-Type": "application/yaml"}


def test_export_yaml_and_json_hold_the_whole_glossary(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = auth(api_keys["editor"])  # readers get the approved terms only (test_visibility)
    exported = client.get("/v1/export", headers=editor)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("application/yaml")
    data = yaml.safe_load(exported.text)
    assert [t["id"] for t in data["terms"]] == ["budget", "growth-hacking", "mql", "positioning"]
    as_json = client.get("/v1/export?format=json", headers=editor).json()
    assert as_json == data


def test_reimporting_an_export_changes_nothing(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    version = client.get("/readyz").json()["glossary_version"]
    exported = client.get("/v1/export", headers=auth(api_keys["admin"])).text
    report = client.post(
        "/v1/import", content=exported.encode(), headers=yaml_headers(api_keys["admin"])
    )
    assert report.status_code == 200, report.text
    assert report.json()["created"] == report.json()["updated"] == []
    assert len(report.json()["unchanged"]) == 4
    assert client.get("/readyz").json()["glossary_version"] == version


def test_import_reports_created_updated_unchanged(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["terms"][0]["tags"] = ["economy", "finance"]
    data["terms"].append(
        {
            "id": "lead",
            "labels": {"sv": ["lead"], "en": ["lead"]},
            "meanings": [{"department": "sales", "definition": {"en": "A person to call."}}],
        }
    )
    body = json.dumps(data).encode()
    headers = {**auth(api_keys["admin"]), "Content-Type": "application/json"}
    dry = client.post("/v1/import?dry_run=true", content=body, headers=headers).json()
    assert (dry["created"], dry["updated"]) == (["lead"], ["budget"])
    assert client.get("/v1/terms/lead").status_code == 404
    real = client.post("/v1/import", content=body, headers=headers).json()
    assert (real["created"], real["updated"], len(real["unchanged"])) == (["lead"], ["budget"], 3)
    assert client.get("/v1/terms/lead").status_code == 200
    assert client.get("/v1/terms/budget/history").json()["items"][0]["changes"] == ["tags"]


def test_a_bad_import_lists_every_problem_by_line_and_changes_nothing(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    before = client.get("/v1/export").text
    response = client.post(
        "/v1/import", content=BAD_IMPORT.encode(), headers=yaml_headers(api_keys["admin"])
    )
    assert response.status_code == 422
    details = problem(response)["details"]
    found = {(d.get("line"), d["path"]) for d in details}
    assert (15, "terms[1].meanings[0].department") in found
    assert (17, "terms[2].id") in found
    assert any(path == "terms[2].meanings" for _, path in found)
    assert "nothing was imported" in problem(response)["detail"]
    assert client.get("/v1/export").text == before
    assert client.get("/v1/terms/forecast").status_code == 404


def test_import_that_clashes_with_stored_terms_is_refused(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    clash = """\
schema: 1
languages: [sv, en]
departments: [{id: sales, name: {en: Sales}}]
terms:
  - id: revenue-budget
    labels: {en: [Budget]}
    meanings: [{department: sales, definition: {en: Clashes with budget.}}]
"""
    response = client.post(
        "/v1/import", content=clash.encode(), headers=yaml_headers(api_keys["admin"])
    )
    assert response.status_code == 422
    assert "budget" in json.dumps(problem(response)["details"])
    assert client.get("/v1/terms/revenue-budget").status_code == 404


def test_import_needs_a_known_content_type(client: TestClient, api_keys: dict[str, str]) -> None:
    response = client.post(
        "/v1/import",
        content=b"schema: 1",
        headers={**auth(api_keys["admin"]), "Content-Type": "application/xml"},
    )
    assert response.status_code == 415
    assert problem(response)["code"] == "unsupported_media_type"


def test_import_needs_admin(client: TestClient, api_keys: dict[str, str]) -> None:
    response = client.post(
        "/v1/import", content=SMALL.read_bytes(), headers=yaml_headers(api_keys["editor"])
    )
    assert response.status_code == 403
