"""Hostile input on the real app, on SQLite and PostgreSQL: every answer is a 4xx that says
what is wrong and where, never a 500 (deep JSON, integers past the database's range, NUL
characters and lone surrogates, bytes that are not UTF-8)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import auth

#: Past PostgreSQL's integer (int4) columns, past bigint, and past 64 bits.
HUGE = [2**31, 2**63, 2**64, 99999999999999999999999]
DEEP = "[" * 100_000 + "]" * 100_000


def cursor_of(text: str) -> str:
    """A cursor the way the service writes them: URL-safe base64 of JSON, unpadded."""
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def problem(answer: Any, status: int) -> dict[str, Any]:
    """The error body, after checking the status and that it is the error envelope."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    error: dict[str, Any] = answer.json()
    return error


def term(**changes: Any) -> dict[str, Any]:
    body = {
        "id": "win-rate",
        "labels": {"en": ["win rate"]},
        "meanings": [{"department": "sales", "definition": {"en": "Deals won of all deals."}}],
    }
    return {**body, **changes}


def raw_json(client: TestClient, method: str, url: str, body: str, key: str) -> Any:
    """Send ``body`` as it is: JSON escapes such as \\u0000 or \\ud800 reach the server."""
    headers = {**auth(key), "Content-Type": "application/json"}
    return client.request(method, url, content=body.encode(), headers=headers)


# ------------------------------------------------------------------------------- cursors


@pytest.mark.parametrize("url", ["/v1/terms", "/v1/terms/budget/history"])
def test_a_cursor_of_deeply_nested_json_is_422(client: TestClient, url: str) -> None:
    # 20,000 levels (the URL's length caps what a client sends; the server's own limit is far
    # below), and the same through the service in the next test.
    answer = client.get(url, params={"cursor": cursor_of(DEEP[:20_000] + DEEP[-20_000:])})
    assert "invalid cursor" in problem(answer, 422)["detail"]


def test_the_cursor_decoder_refuses_a_cursor_nested_100k_deep() -> None:
    from glossary.api.paging import decode_cursor
    from glossary.errors import InvalidInput

    with pytest.raises(InvalidInput, match="invalid cursor"):
        decode_cursor(cursor_of(DEEP))


@pytest.mark.parametrize("number", [0, -1, *HUGE])
def test_a_history_cursor_out_of_range_is_422(client: TestClient, number: int) -> None:
    answer = client.get("/v1/terms/budget/history", params={"cursor": cursor_of(f"[{number}]")})
    assert "invalid cursor" in problem(answer, 422)["detail"]


# ------------------------------------------------------------------------------ integers


@pytest.mark.parametrize("number", HUGE)
def test_proposal_ids_past_the_database_s_range_are_422(
    client: TestClient, api_keys: dict[str, str], number: int
) -> None:
    editor = auth(api_keys["editor"])
    answers = [
        client.get(f"/v1/proposals/{number}", headers=editor),
        client.post(f"/v1/proposals/{number}/approve", headers=editor),
        client.post(f"/v1/proposals/{number}/reject", json={"reason": "no"}, headers=editor),
    ]
    for answer in answers:
        details = problem(answer, 422)["details"]
        assert details[0]["path"] == "path.proposal_id"
        assert "less than or equal to 2147483647" in details[0]["message"]


def test_the_largest_proposal_id_is_simply_not_found(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    answer = client.get(f"/v1/proposals/{2**31 - 1}", headers=auth(api_keys["editor"]))
    assert "no proposal" in problem(answer, 404)["detail"]


@pytest.mark.parametrize("number", HUGE)
def test_a_restore_version_past_the_database_s_range_is_422(
    client: TestClient, api_keys: dict[str, str], number: int
) -> None:
    answer = raw_json(
        client, "POST", "/v1/terms/budget/restore", f'{{"version": {number}}}', api_keys["editor"]
    )
    details = problem(answer, 422)["details"]
    assert details[0]["path"] == "body.version"


# ----------------------------------------------------------------- /v2/check (LanguageTool)


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize(
    "data",
    [
        "[" * 100_000,
        '{"annotation": ' + DEEP + "}",
        '{"annotation": [{"text": ' + DEEP[:1_800] + DEEP[-1_800:] + "}]}",
        '{"annotation": [{"text": ["budget"]}]}',
        '{"annotation": [{"markup": {"a": 1}}]}',
    ],
)
def test_v2_check_data_that_is_nested_or_not_text_is_400(client: TestClient, data: str) -> None:
    answer = client.post("/v2/check", data={"data": data, "language": "sv"})
    assert "data" in problem(answer, 400)["detail"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b"text=%ff%fe&language=sv", "'text'"),
        (b"language=sv&data=%c3%28", "'data'"),
        (b"text=budget\xff&language=sv", "'text'"),
        (b"te%ffxt=budget", "form"),
    ],
)
def test_v2_check_form_that_is_not_utf8_is_400_naming_the_field(
    client: TestClient, body: bytes, where: str
) -> None:
    message = problem(client.post("/v2/check", content=body, headers=FORM), 400)["detail"]
    assert "not valid UTF-8" in message
    assert where in message


def test_v2_check_query_that_is_not_utf8_is_400(client: TestClient) -> None:
    message = problem(client.get("/v2/check?text=budget%ff&language=sv"), 400)["detail"]
    assert "not valid UTF-8" in message
    assert "'text'" in message


def test_v2_check_still_reads_plain_utf8_forms(client: TestClient) -> None:
    body = b"text=Vi+h%C3%A5ller+budgeten&language=sv"
    answer = client.post("/v2/check", content=body, headers=FORM)
    assert answer.status_code == 200, answer.text
    assert [m["context"]["text"] for m in answer.json()["matches"]] == ["Vi håller budgeten"]


# -------------------------------------------------------------- NUL and lone surrogates


TEXT_BODIES = [
    ("POST", "/v1/terms", json.dumps(term(labels={"en": ["win\u0000rate"]})), "labels.en[0]"),
    ("POST", "/v1/terms", json.dumps(term(note="n\u0000")), "note"),
    (
        "POST",
        "/v1/terms",
        json.dumps(term(meanings=[{"department": "sales", "definition": {"en": "\ud800"}}])),
        "meanings[0].definition.en",
    ),
    ("POST", "/v1/departments", '{"id": "hr", "name": {"en": "H\\u0000R"}}', "name.en"),
    ("POST", "/v1/departments", '{"id": "hr", "name": {"en": "H\\udc00R"}}', "name.en"),
    ("POST", "/v1/keys", '{"name": "k\\u0000", "role": "reader"}', "name"),
    ("POST", "/v1/proposals", json.dumps({"term": term(), "comment": "\u0000"}), "comment"),
    ("POST", "/v1/proposals", json.dumps({"term": term(), "comment": "\udfff"}), "comment"),
    ("POST", "/v1/check", '{"text": "budget \\ud800"}', "text"),
    ("POST", "/v1/check", '{"text": "budget \\u0000"}', "text"),
    ("POST", "/v1/check", '{"text": "budget", "audience": ["sa\\u0000les"]}', "audience[0]"),
    (
        "POST",
        "/v1/import",
        '{"schema": 1, "terms": [], "languages": ["e\\u0000n"]}',
        "languages[0]",
    ),
]


@pytest.mark.parametrize(("method", "url", "body", "path"), TEXT_BODIES)
def test_nul_and_lone_surrogates_in_json_are_422_naming_the_field(
    client: TestClient, api_keys: dict[str, str], method: str, url: str, body: str, path: str
) -> None:
    details = problem(raw_json(client, method, url, body, api_keys["admin"]), 422)["details"]
    assert details[0]["path"] == f"body.{path}"
    assert "NUL" in details[0]["message"] or "surrogate" in details[0]["message"]


def test_a_surrogate_pair_is_an_ordinary_character(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    body = json.dumps(term(note="🙂 \ud83d\ude42"), ensure_ascii=True)
    answer = raw_json(client, "POST", "/v1/terms", body, api_keys["editor"])
    assert answer.status_code == 201, answer.text
    assert answer.json()["note"] == "🙂 🙂"


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/v1/proposals?term=a%00b", "query.term"),
        ("/v1/terms?q=budget%00", "query.q"),
        ("/v1/terms?department=sales%00", "query.department"),
        ("/v1/terms/budget%00", "path"),
        ("/v1/terms/budget%00/history", "path"),
        ("/terms/budget%00", "path"),
    ],
)
def test_nul_in_the_path_or_query_is_422(
    client: TestClient, api_keys: dict[str, str], url: str, path: str
) -> None:
    details = problem(client.get(url, headers=auth(api_keys["editor"])), 422)["details"]
    assert details[0]["path"] == path
    assert "NUL" in details[0]["message"]


def test_invalid_utf8_in_the_path_or_a_json_body_is_400(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    assert "not valid UTF-8" in problem(client.get("/v1/terms/bud%ffget"), 400)["detail"]
    headers = {**auth(api_keys["editor"]), "Content-Type": "application/json"}
    answer = client.post("/v1/check", content=b'{"text": "caf\xe9"}', headers=headers)
    assert "not valid UTF-8" in problem(answer, 400)["detail"]


def test_a_json_body_nested_too_deeply_is_400(client: TestClient) -> None:
    answer = client.post(
        "/v1/check", content=DEEP.encode(), headers={"Content-Type": "application/json"}
    )
    assert "nested deeper than" in problem(answer, 400)["detail"]


@pytest.mark.parametrize(
    ("content_type", "body", "where"),
    [
        ("text/csv", b"id,department,label:en,definition:en\nx,sales,x\x00y,d\n", "row 2"),
        (
            "application/yaml",
            b"schema: 1\nlanguages: [en]\ndepartments: [{id: sales, name: {en: Sales}}]\n"
            b'terms:\n- id: x\n  labels: {en: ["x\\0y"]}\n'
            b"  meanings: [{department: sales, definition: {en: d}}]\n",
            "terms[0].labels.en[0]",
        ),
    ],
)
def test_nul_in_an_imported_file_is_422_by_row_or_field(
    client: TestClient, api_keys: dict[str, str], content_type: str, body: bytes, where: str
) -> None:
    headers = {**auth(api_keys["admin"]), "Content-Type": content_type}
    details = problem(client.post("/v1/import", content=body, headers=headers), 422)["details"]
    assert where in details[0]["path"]
    assert "NUL" in details[0]["message"]
