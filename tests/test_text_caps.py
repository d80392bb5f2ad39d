"""Every stored text has a cap (glossary.terms_file), checked alike by the API, the
importers (YAML, JSON, CSV, TBX) and the file loader of ``glossary check --terms``."""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from glossary.errors import InvalidGlossaryFile
from glossary.terms_file import (
    MAX_COMMENT_CHARS,
    MAX_DEFINITION_CHARS,
    MAX_LIST_ITEMS,
    MAX_MEANINGS,
    MAX_TERM_ID_CHARS,
    MAX_WORD_CHARS,
    load_glossary,
    parse_glossary,
)
from tests.conftest import SEED, SMALL, auth, problem, run_cli

LONG_LABEL = "x" * (MAX_WORD_CHARS + 1)
LONG_DEFINITION = "Word. " * (MAX_DEFINITION_CHARS // 6 + 1)
TERM: dict[str, Any] = {
    "id": "pipeline",
    "labels": {"sv": ["pipeline"], "en": ["pipeline"]},
    "meanings": [{"department": "sales", "definition": {"en": "Open deals."}}],
}


def with_label(term: dict[str, Any], label: str) -> dict[str, Any]:
    changed = copy.deepcopy(term)
    changed["labels"]["en"] = [label]
    return changed


def with_definition(term: dict[str, Any], definition: str) -> dict[str, Any]:
    changed = copy.deepcopy(term)
    changed["meanings"][0]["definition"]["en"] = definition
    return changed


OVER_LONG = [
    pytest.param(with_label(TERM, LONG_LABEL), "labels.en[0]", id="label"),
    pytest.param(with_definition(TERM, LONG_DEFINITION), "meanings[0].definition.en", id="def"),
]


def problem_at(details: list[dict[str, Any]], path: str) -> dict[str, Any]:
    found = [d for d in details if d["path"].endswith(path)]
    assert found, details
    assert "too long" in found[0]["message"], found
    return found[0]


def test_the_caps_fit_the_seed_and_the_test_glossaries() -> None:
    for path in (SEED, SMALL):
        load_glossary(path)  # no problem raised


@pytest.mark.parametrize(("term", "path"), OVER_LONG)
def test_the_api_refuses_an_over_long_text_naming_its_field(
    client: TestClient, api_keys: dict[str, str], term: dict[str, Any], path: str
) -> None:
    editor = auth(api_keys["editor"])
    created = client.post("/v1/terms", json=term, headers=editor)
    assert created.status_code == 422, created.text
    problem_at(problem(created)["details"], f"term.{path}")
    assert client.get("/v1/terms/pipeline", headers=editor).status_code == 404
    proposed = client.post("/v1/proposals", json={"term": term}, headers=editor)
    assert proposed.status_code == 422
    problem_at(problem(proposed)["details"], f"term.{path}")


def test_the_api_refuses_too_many_labels_and_a_long_id(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    many = copy.deepcopy(TERM)
    many["labels"]["en"] = [f"pipeline {n}" for n in range(MAX_LIST_ITEMS + 1)]
    answer = client.post("/v1/terms", json=many, headers=auth(api_keys["editor"]))
    assert answer.status_code == 422
    assert [d["path"] for d in problem(answer)["details"]] == ["term.labels.en"]
    assert f"at most {MAX_LIST_ITEMS}" in problem(answer)["details"][0]["message"]
    long_id = {**TERM, "id": "p" * (MAX_TERM_ID_CHARS + 1)}
    answer = client.post("/v1/terms", json=long_id, headers=auth(api_keys["editor"]))
    assert answer.status_code == 422
    problem_at(problem(answer)["details"], "term.id")


def test_a_long_comment_or_department_name_is_refused(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    comment = "c" * (MAX_COMMENT_CHARS + 1)
    proposed = client.post(
        "/v1/proposals", json={"term": TERM, "comment": comment}, headers=auth(api_keys["reader"])
    )
    assert proposed.status_code == 422
    assert problem(proposed)["details"][0]["path"] == "body.comment"
    name = {"id": "support", "name": {"en": "S" * (MAX_WORD_CHARS + 1)}}
    created = client.post("/v1/departments", json=name, headers=auth(api_keys["admin"]))
    assert created.status_code == 422
    problem_at(problem(created)["details"], "department.name.en")


def glossary_file(term: dict[str, Any], *, departments: int = 1) -> str:
    names = [{"id": "sales", "name": {"en": "Sales"}}]
    names += [{"id": f"d{n}", "name": {"en": f"D{n}"}} for n in range(1, departments)]
    data = {"schema": 1, "languages": ["sv", "en"], "departments": names, "terms": [term]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20)


@pytest.mark.parametrize(("term", "path"), OVER_LONG)
def test_the_file_loader_names_file_line_and_field(
    tmp_path: Path, term: dict[str, Any], path: str
) -> None:
    text = glossary_file(term)
    terms = tmp_path / "terms.yaml"
    terms.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidGlossaryFile) as raised:
        load_glossary(terms)
    [problem] = raised.value.problems
    assert problem.path == f"terms[0].{path}"
    line = text.splitlines()[(problem.line or 0) - 1]
    assert ("xxxx" if "labels" in path else "Word. Word.") in line
    (tmp_path / "doc.md").write_text("Budgeten.\n", encoding="utf-8")
    result = run_cli("check", "--terms", str(terms), str(tmp_path / "doc.md"))
    assert result.returncode == 2
    assert str(terms) in result.stderr
    assert f"line {problem.line}: terms[0].{path}: too long" in result.stderr


def test_the_file_loader_refuses_too_many_meanings() -> None:
    term = copy.deepcopy(TERM)
    term["meanings"] = [
        {"department": "sales" if n == 0 else f"d{n}", "definition": {"en": f"Meaning {n}."}}
        for n in range(MAX_MEANINGS + 1)
    ]
    text = glossary_file(term, departments=MAX_MEANINGS + 1)
    with pytest.raises(InvalidGlossaryFile) as raised:
        parse_glossary(text)
    line = text.splitlines().index("  meanings:") + 1
    assert [(p.path, p.line) for p in raised.value.problems] == [("terms[0].meanings", line)]
    assert f"at most {MAX_MEANINGS}" in raised.value.problems[0].message


def test_the_cli_import_refuses_an_over_long_label(database_url: str, tmp_path: Path) -> None:
    terms = tmp_path / "terms.yaml"
    terms.write_text(glossary_file(with_label(TERM, LONG_LABEL)), encoding="utf-8")
    env = {"GLOSSARY_DATABASE_URL": database_url}
    result = run_cli("import", str(terms), env=env)
    assert result.returncode == 2
    assert "terms[0].labels.en[0]: too long" in result.stderr
    assert "pipeline" not in run_cli("export", env=env).stdout


@pytest.mark.parametrize(("term", "path"), OVER_LONG)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_the_api_import_refuses_an_over_long_text_by_line(
    client: TestClient, api_keys: dict[str, str], term: dict[str, Any], path: str, fmt: str
) -> None:
    text = glossary_file(term)
    if fmt == "json":
        import json

        text = json.dumps(yaml.safe_load(text), ensure_ascii=False, indent=2)
    answer = client.post(
        "/v1/import",
        content=text.encode(),
        headers={**auth(api_keys["admin"]), "Content-Type": f"application/{fmt}"},
    )
    assert answer.status_code == 422
    issue = problem_at(problem(answer)["details"], f"terms[0].{path}")
    assert issue["line"] > 1
    assert client.get("/v1/terms/pipeline", headers=auth(api_keys["admin"])).status_code == 404


def csv_file(label: str, definition: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "label:en", "department", "definition:en"])
    writer.writerow(["pipeline", "pipeline", "sales", "Open deals."])
    writer.writerow(["funnel", label, "sales", definition])
    return out.getvalue()


@pytest.mark.parametrize(
    ("label", "definition", "column"),
    [
        pytest.param(LONG_LABEL, "Fine.", "label:en", id="label"),
        pytest.param("funnel", LONG_DEFINITION, "definition:en", id="def"),
    ],
)
def test_a_csv_import_with_an_over_long_cell_is_refused_whole(
    client: TestClient, api_keys: dict[str, str], label: str, definition: str, column: str
) -> None:
    answer = client.post(
        "/v1/import",
        content=csv_file(label, definition).encode(),
        headers={**auth(api_keys["admin"]), "Content-Type": "text/csv"},
    )
    assert answer.status_code == 422
    [issue] = problem(answer)["details"]
    assert issue["path"] == f"row 3, column '{column}'"
    assert issue["line"] == 3
    assert "too long" in issue["message"]
    assert client.get("/v1/terms/pipeline", headers=auth(api_keys["admin"])).status_code == 404


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="subjectField">sales</descrip>
      <langSec xml:lang="en">
        <descrip type="definition">Open deals.</descrip>
        <termSec><term>pipeline</term></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <descrip type="subjectField">sales</descrip>
      <langSec xml:lang="en">
        <descrip type="definition">{definition}</descrip>
        <termSec><term>{label}</term></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


@pytest.mark.parametrize(
    ("label", "definition", "path"),
    [
        pytest.param(LONG_LABEL, "Fine.", "labels.en[0]", id="label"),
        pytest.param("funnel", LONG_DEFINITION, "meanings[0].definition.en", id="def"),
    ],
)
def test_a_tbx_import_with_an_over_long_text_is_refused_whole(
    client: TestClient, api_keys: dict[str, str], label: str, definition: str, path: str
) -> None:
    answer = client.post(
        "/v1/import",
        content=TBX.format(label=label, definition=definition).encode(),
        headers={**auth(api_keys["admin"]), "Content-Type": "application/x-tbx"},
    )
    assert answer.status_code == 422, answer.text
    problems = [d for d in problem(answer)["details"] if "too long" in d["message"]]
    assert [(p["path"].split(".", 1)[1], p["line"]) for p in problems] == [(path, 12)]
    assert client.get("/v1/terms/pipeline", headers=auth(api_keys["admin"])).status_code == 404


def test_tbx_terms_longer_than_an_id_get_ids_within_the_cap(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    first = "pipeline " + "x" * (MAX_WORD_CHARS - 20)
    data = TBX.format(label=first + " two", definition="Fine.")
    data = data.replace("<term>pipeline</term>", f"<term>{first}</term>")
    answer = client.post(
        "/v1/import",
        content=data.encode(),
        headers={**auth(api_keys["admin"]), "Content-Type": "application/x-tbx"},
    )
    assert answer.status_code == 200, answer.text
    created = answer.json()["created"]
    assert len(created) == 2  # the two ids differ: the second has a number
    assert all(len(term_id) <= MAX_TERM_ID_CHARS for term_id in created), created


def test_a_tbx_language_that_is_no_language_code_is_refused(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    data = TBX.format(label="funnel", definition="Fine.").replace(
        '<langSec xml:lang="en">\n        <descrip type="definition">Fine.',
        '<langSec xml:lang="abcdefghijklmnopqrstuvwxyz">\n        <descrip type="definition">Fine.',
    )
    answer = client.post(
        "/v1/import",
        content=data.encode(),
        headers={**auth(api_keys["admin"]), "Content-Type": "application/x-tbx"},
    )
    assert answer.status_code == 422, answer.text
    problems = problem(answer)["details"]
    assert {p["line"] for p in problems} == {12}
    assert all("invalid language code" in p["message"] for p in problems), problems
    assert client.get("/v1/terms/pipeline", headers=auth(api_keys["admin"])).status_code == 404
    languages = client.get("/v1/export", params={"format": "json"}).json()["languages"]
    assert languages == ["sv", "en"]
