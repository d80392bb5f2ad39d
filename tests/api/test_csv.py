"""CSV export and import through the API: the documented header, round trips that change
nothing, a report per row, and errors by row and column with nothing imported."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import SEED, auth, import_file, problem


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
    assert head[:8] == ["id", "status", "usage", "tags", "related", "note", "ignore", "pos"]
    assert head[8:12] == ["label:sv", "label:en", "form:sv", "form:en"]
    assert head[12:] == [
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
    details = {(d["path"], d.get("line")) for d in report["details"]}
    assert ("row 3, column 'department'", 3) in details
    assert (f"row {second + 2}, column 'label:en'", second + 2) in details
    assert client.get("/v1/terms/budget").json() == before


def test_an_unknown_column_is_refused(client: TestClient, api_keys: dict[str, str]) -> None:
    report = import_csv(
        client, api_keys["admin"], "id,department,colour\nx,sales,red\n", dry_run=True
    )
    assert report["status"] == 422
    assert report["details"][0]["path"] == "column 'colour'"


# Texts that start like a spreadsheet formula, or hold the list separator or a backslash.
HOSTILE_TERM = {
    "id": "plus-one",
    "labels": {"sv": ["+1", "=SUMMA(A1)"], "en": ["plus one", "a|b"]},
    "forms": {"en": ["back\\slash", "ends\\"]},
    "meanings": [
        {
            "department": "sales",
            "definition": {"sv": "-20 % rabatt", "en": "@everyone gets 20 % off"},
            "prefer": {"sv": ["'=quoted", "x\\|y"], "en": ["-minus", "pipe|prefer"]},
            "cues": {"en": ["\\\\share"]},
        }
    ],
    "tags": ["-sale"],
    "note": '=HYPERLINK("http://evil.example")',
}


def test_cells_that_start_a_formula_are_exported_as_text(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    made = client.post("/v1/terms", json=HOSTILE_TERM, headers=auth(api_keys["editor"]))
    assert made.status_code == 201, made.text
    row = next(row for row in rows_of(export_csv(client)) if row["id"] == "plus-one")
    assert row["definition:sv"] == "'-20 % rabatt"
    assert row["definition:en"] == "'@everyone gets 20 % off"
    assert row["label:sv"] == "'+1|=SUMMA(A1)"  # only a cell's first character starts a formula
    assert row["note"] == '\'=HYPERLINK("http://evil.example")'
    assert row["tags"] == "'-sale"
    assert (
        row["prefer:sv"] == "''=quoted|x\\\\\\|y"
    )  # a leading ' is doubled: the import undoes one
    cells = [cell for row in rows_of(export_csv(client)) for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_formulas_separators_and_backslashes_survive_a_round_trip(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    editor = auth(api_keys["editor"])
    assert client.post("/v1/terms", json=HOSTILE_TERM, headers=editor).status_code == 201
    read = client.get("/v1/terms/plus-one")
    before = read.json()
    text = export_csv(client)
    report = import_csv(client, api_keys["admin"], text, dry_run=True)
    assert report["status"] == 200, report
    assert "plus-one" in report["unchanged"]
    deleted = client.delete(
        "/v1/terms/plus-one", headers={**editor, "If-Match": read.headers["ETag"]}
    )
    assert deleted.status_code == 204, deleted.text
    report = import_csv(client, api_keys["admin"], text, dry_run=False)
    assert report["created"] == ["plus-one"], report
    after = client.get("/v1/terms/plus-one").json()
    for name in ("labels", "forms", "meanings", "tags", "note"):
        assert after[name] == before[name]
    assert after["labels"]["en"] == ["plus one", "a|b"]
    assert after["meanings"][0]["prefer"]["sv"] == ["'=quoted", "x\\|y"]


def test_a_hand_written_apostrophe_before_a_formula_sign_is_dropped(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    text = (
        "id,department,label:en,definition:en\r\n"
        "discount,sales,discount,'-20 % for 'early' buyers\r\n"
        "quote,sales,quote,'quoted' text stays\r\n"
    )
    report = import_csv(client, api_keys["admin"], text, dry_run=False)
    assert report["status"] == 200, report
    definition = client.get("/v1/terms/discount").json()["meanings"][0]["definition"]
    assert definition == {"en": "-20 % for 'early' buyers"}
    definition = client.get("/v1/terms/quote").json()["meanings"][0]["definition"]
    assert definition == {"en": "'quoted' text stays"}


def test_a_file_that_is_not_utf8_is_refused_by_line(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    data = b"id,department,label:en,definition:en\r\nok,sales,ok,fine\r\n"
    data += "bad,sales,bad,caf\u00e9\r\n".encode("latin-1")
    answer = client.post(
        "/v1/import",
        content=data,
        headers={**auth(api_keys["admin"]), "Content-Type": "text/csv"},
    )
    assert answer.status_code == 422, answer.text
    issue = problem(answer)["details"][0]
    assert issue["line"] == 3
    assert "not valid UTF-8" in issue["message"]


def test_a_cell_over_the_csv_field_limit_is_refused_by_row(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    text = (
        "id,department,label:en,definition:en\r\n"
        "ok,sales,ok,fine\r\n"
        f'long,sales,long,"{"x" * 140_000}"\r\n'
    )
    report = import_csv(client, api_keys["admin"], text, dry_run=True)
    assert report["status"] == 422, report
    problem = report["details"][0]
    assert (problem["path"], problem["line"]) == ("row 3", 3)
    assert "131,072" in problem["message"]
