"""POST /v1/check and the LanguageTool-compatible /v2 endpoints, through the real app."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from glossary.api import create_app
from glossary.settings import Settings
from tests.conftest import auth, problem


def check(client: TestClient, **body: Any) -> Any:
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_check_finds_budgeten_with_both_meanings(client: TestClient) -> None:
    answer = check(client, text="Vi måste hålla budgeten i år.")
    assert answer["language"] == "sv"
    assert answer["glossary_version"] >= 1
    (finding,) = answer["findings"]
    assert (finding["text"], finding["offset"], finding["length"]) == ("budgeten", 15, 8)
    assert (finding["line"], finding["column"], finding["match"]) == (1, 16, "inflection")
    assert finding["suggestions"] == [
        "intäktsbudget",
        "kostnadsbudget",
        "säljbudget",
        "marknadsbudget",
    ]
    assert {m["department"] for m in finding["meanings"]} == {"sales", "marketing"}


def test_markdown_code_is_not_checked(client: TestClient) -> None:
    text = "Our `budget` in code, and\n\n```\nbudget\n```\n\nthe budget in prose."
    findings = check(client, text=text, format="markdown")["findings"]
    assert [(f["text"], f["line"]) for f in findings] == [("budget", 7)]


def test_audience_of_one_department_is_not_flagged(client: TestClient) -> None:
    assert check(client, text="The budget is set.", audience=["sales"])["findings"] == []


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"text": "x", "format": "docx"}, "format"),
        ({"text": "x", "audience": ["finance"]}, "audience"),
        ({"text": "x", "include": ["everything"]}, "include"),
        ({"txt": "x"}, "text"),
    ],
)
def test_bad_requests_are_422_naming_the_field(
    client: TestClient, body: dict[str, Any], path: str
) -> None:
    response = client.post("/v1/check", json=body)
    assert response.status_code == 422
    assert any(path in d["path"] for d in problem(response)["details"])


def test_texts_over_the_limit_are_413(engine: object, settings: Settings) -> None:
    limited = settings.model_copy(update={"max_check_chars": 100})
    with TestClient(create_app(limited)) as client:
        assert client.post("/v1/check", json={"text": "a" * 100}).status_code == 200
        response = client.post("/v1/check", json={"text": "a" * 101})
        assert response.status_code == 413
        assert "101" in problem(response)["detail"]
        lt = client.post("/v2/check", data={"text": "a" * 101, "language": "auto"})
        assert lt.status_code == 413


def test_an_edited_term_shows_up_in_the_next_check(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    assert check(client, text="Our ARR grew.")["findings"] == []
    term = {
        "id": "arr",
        "labels": {"en": ["ARR"]},
        "meanings": [
            {
                "department": "sales",
                "definition": {"en": "Booked annual recurring revenue."},
                "prefer": {"en": ["booked ARR"]},
            },
            {
                "department": "marketing",
                "definition": {"en": "Revenue attributed to campaigns."},
                "prefer": {"en": ["attributed ARR"]},
            },
        ],
    }
    created = client.post("/v1/terms", json=term, headers=auth(api_keys["editor"]))
    assert created.status_code == 201
    answer = check(client, text="Our ARR grew.")
    assert [f["term"]["id"] for f in answer["findings"]] == ["arr"]


def test_languages_are_listed_like_languagetool(client: TestClient) -> None:
    codes = {language["longCode"] for language in client.get("/v2/languages").json()}
    assert {"sv-SE", "en-US"} <= codes


def test_v2_check_answers_with_utf16_offsets(client: TestClient) -> None:
    text = "Hej 😀 budgeten"
    response = client.post("/v2/check", data={"text": text, "language": "sv-SE"})
    assert response.status_code == 200, response.text
    (match,) = response.json()["matches"]
    assert match["offset"] == 7  # the emoji is two UTF-16 code units
    assert match["length"] == 8
    assert match["rule"]["id"] == "GLOSSARY_AMBIGUOUS_BUDGET"
    assert match["rule"]["issueType"] == "terminology"
    assert match["replacements"][0] == {"value": "intäktsbudget"}
    assert response.json()["language"]["code"] == "sv-SE"


def test_v2_check_reads_annotated_data(client: TestClient) -> None:
    data = {
        "annotation": [
            {"markup": "<p>"},
            {"text": "The budget"},
            {"markup": "</p>", "interpretAs": "\n\n"},
        ]
    }
    response = client.post("/v2/check", data={"data": json.dumps(data), "language": "en-US"})
    (match,) = response.json()["matches"]
    assert match["offset"] == len("<p>The ")


def test_v2_check_honours_disabled_categories(client: TestClient) -> None:
    response = client.post(
        "/v2/check", data={"text": "budgeten", "language": "sv", "disabledCategories": "GLOSSARY"}
    )
    assert response.json()["matches"] == []


@pytest.mark.parametrize(
    ("data", "status"), [({"language": "sv"}, 400), ({"text": "x", "language": "de-DE"}, 400)]
)
def test_v2_bad_requests(client: TestClient, data: dict[str, str], status: int) -> None:
    assert client.post("/v2/check", data=data).status_code == status


def test_v2_check_also_takes_a_query_string(client: TestClient) -> None:
    response = client.get("/v2/check", params={"text": "the budget", "language": "en-US"})
    assert [m["offset"] for m in response.json()["matches"]] == [4]


def test_statistics_count_the_languagetool_check_and_the_check_page(
    client: TestClient, settings: Settings
) -> None:
    with TestClient(create_app(settings.model_copy(update={"stats": True}))) as counting:
        counting.post("/v2/check", data={"text": "Budgeten är satt.", "language": "sv"})
        counting.get("/v2/check", params={"text": "The budget is set.", "language": "en-US"})
        counting.post("/check", data={"text": "Vår budget.", "format": "plain"})
        flagged = counting.get("/v1/stats/terms", params={"days": 7}).json()
    budget = next(item for item in flagged["items"] if item["term"] == "budget")
    assert budget["count"] == 3
