"""CSV export and import through the API: the documented header, round trips that change
nothing, a report per row, and errors by row and column with nothing imported."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import SEED, auth, import_file


def export_csv(client: TestClient) -> str:
    answer = client.get("/v1/export", params={"format": "csv"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    return answer.text


def import_csv(client: TestClient, key: str, text: str, *, dry_run: bool) -> dict:  # type: ignore[type-arg]
    answer = client.post(
        "/v1/import",
        params={"dry_run": str(dry_run).lower()},
        content=text.encode("utf-8"),
        headers={**auth(key), "Content-Type": "text/csv"},
    )
    return {"status": answer.status_code, **answer.json()}


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_has_one_row_per_term_and_meaning(client: TestClient) -> None:
    text = export_csv(client)
    head = text.splitlines()[0].split(",")
    assert head[:6] == ["id", "status", "usage", "tags", "related", "note"]
    assert head[6:10] == ["label:sv", "label:en", "form:sv", "form:en"]
    assert head[10:] == [
        "department",
        "definition:sv",
        "definition:en",
        "prefer:sv",
        "prefer:en",
        "cues:sv",
        "cues:en",
    ]
    budget = [row for row in rows_of(text) if row["id"] == "budget"]
    assert [row["department"] for row in budget] == ["sales", "marketing"]
    assert budget[0]["prefer:sv"] == "intäktsbudget|säljbudget"


def test_the_seed_glossary_survives_a_round_trip_unchanged(
    client: TestClient, engine: Engine, api_keys: dict[str, str]
) -> None:
    import_file(engine, SEED)
    text = export_csv(client)
    report = import_csv(client, api_keys["admin"], text, dry_run=True)
    assert report["status"] == 200
    assert (report["created"], report["updated"]) == ([], [])
    assert len(report["unchanged"]) == len({row["id"] for row in rows_of(text)}) >= 37
    assert {row["result"] for row in report["rows"]} == {"unchanged"}
    assert len(report["rows"]) == len(rows_of(text))


def test_an_import_reports_each_row(client: TestClient, api_keys: dict[str, str]) -> None:
    rows = rows_of(export_csv(client))
    rows[0]["definition:en"] += " Edited."
    new = dict(rows[-1], id="win-rate", **{"label:sv": "vinstandel", "label:en": "win rate"})
    new.update({"form:sv": "", "form:en": "", "related": "", "tags": ""})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows([*rows, new])
    report = import_csv(client, api_keys["admin"], out.getvalue(), dry_run=False)
    assert report["status"] == 200, report
    assert report["updated"] == [rows[0]["id"]]
    assert report["created"] == ["win-rate"]
    results = {row["row"]: row["result"] for row in report["rows"]}
    assert results[2] == "updated"
    assert results[len(rows) + 2] == "created"
    assert client.get("/v1/terms/win-rate").status_code == 200


def test_errors_name_row_and_column_and_nothing_is_imported(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    before = client.get("/v1/terms/budget").json()
    rows = rows_of(export_csv(client))
    rows[0]["definition:sv"] = "Ändrad."  # would be an update, but the file is refused
    rows[1]["department"] = "finance"  # no such department
    second = next(i for i in range(3, len(rows)) if rows[i]["id"] == rows[i - 1]["id"])
    rows[second]["label:en"] += "|extra"  # a term's second row disagrees with its first
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    report = import_csv(client, api_keys["admin"], out.getvalue(), dry_run=False)
    assert report["status"] == 422
    details = {(d["path"], d.get("line")) for d in report["error"]["details"]}
    assert ("row 3, column 'department'", 3) in details
    assert (f"row {second + 2}, column 'label:en'", second + 2) in details
    assert client.get("/v1/terms/budget").json() == before


def test_an_unknown_column_is_refused(client: TestClient, api_keys: dict[str, str]) -> None:
    report = import_csv(
        client, api_keys["admin"], "id,department,colour\nx,sales,red\n", dry_run=True
    )
    assert report["status"] == 422
    assert report["error"]["details"][0]["path"] == "column 'colour'"
