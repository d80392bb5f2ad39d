"""TBX import and export through the API, with LTAC's real test files (not ours to copy in:
conftest.outside_fixture), TBX v2 and v3 files of our own, and hostile XML."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from lxml import etree  # type: ignore[import-untyped]
from sqlalchemy import Engine

from glossary.api import create_app
from glossary.matching.model import Usage
from glossary.settings import Settings
from glossary.tbx import V3, concepts, dump_tbx, read_tbx, to_terms
from glossary.terms_file import load_glossary
from tests.conftest import SEED, SMALL, auth, import_file, outside_fixture

V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>Weblate</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <descrip type="subjectField">Sales</descrip>
      <langSet xml:lang="sv">
        <tig><term>ordervärde</term></tig>
        <tig><term>orderstock</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="en">
        <descrip type="definition">The value of the orders won.</descrip>
        <ntig><termGrp><term>order value</term></termGrp></ntig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;</term></tig>
</langSet></termEntry></body></text></martif>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term></tig>
</langSet></termEntry></body></text></martif>
"""


def import_tbx(
    client: TestClient,
    key: str,
    data: bytes,
    *,
    department: str | None = None,
    dry_run: bool = False,
) -> dict:  # type: ignore[type-arg]
    params = {"dry_run": str(dry_run).lower()}
    if department:
        params["department"] = department
    answer = client.post(
        "/v1/import",
        params=params,
        content=data,
        headers={**auth(key), "Content-Type": "application/x-tbx"},
    )
    return {"status": answer.status_code, **answer.json()}


def version(client: TestClient) -> int:
    return int(client.get("/readyz").json().get("glossary_version", 0))


def test_ltac_min_good_imports_and_is_searchable(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    report = import_tbx(
        client,
        api_keys["admin"],
        outside_fixture("tbx/min_good.tbx").read_bytes(),
        department="marketing",
    )
    assert report["status"] == 200, report
    assert (report["dialect"], report["concepts"]) == ("TBX-Min", 45)
    deprecated = [
        t for t in report["created"] if client.get(f"/v1/terms/{t}").json()["usage"] == "deprecated"
    ]
    # Each concept entry is a term; its deprecated wordings become deprecated terms of their own.
    assert len(report["created"]) == 45 + len(deprecated)
    assert "galactic-cluster" in deprecated
    galactic = client.get("/v1/terms/galactic-cluster").json()
    assert galactic["meanings"][0]["prefer"]["en"] == ["open cluster"]
    found = client.get("/v1/terms", params={"q": "open cluster"}).json()["items"]
    assert found[0]["id"] == "open-cluster"
    assert found[0]["meanings"][0]["department"] == "marketing"
    assert "es" in client.get("/v1/export", params={"format": "json"}).json()["languages"]


def test_ltac_basic_good_imports(client: TestClient, api_keys: dict[str, str]) -> None:
    report = import_tbx(
        client,
        api_keys["admin"],
        outside_fixture("tbx/basic_good.tbx").read_bytes(),
        department="sales",
    )
    assert report["status"] == 200, report
    assert report["dialect"] == "TBX-Basic"
    term = client.get("/v1/terms/open-cluster").json()
    assert term["meanings"][0]["definition"]["en"].startswith("A group of stars formed together")


def test_bad_and_malformed_files_are_refused_by_element_and_line(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    before = version(client)
    expected = {
        "min_bad.tbx": {21: "<admin type='source'>", 41: "<xref type='error'>", 803: "usageStatus"},
        "basic_bad.tbx": {
            24: "<admin type='source'>",
            26: "<transac type='theWrongType'>",
            69: "partOfSpeech 'nominal'",
            97: "<descrip type='definition'>",
            140: "<transacNote type='wrongType'>",
        },
        "poorly_formed_xml.tbx": {42: "not well-formed XML"},
    }
    for name, wanted in expected.items():
        report = import_tbx(
            client,
            api_keys["admin"],
            outside_fixture(f"tbx/{name}").read_bytes(),
            department="sales",
        )
        assert report["status"] == 422, name
        details = {d["line"]: d["message"] for d in report["details"]}
        assert sorted(details) == sorted(wanted), (name, details)
        for line, fragment in wanted.items():
            assert fragment in details[line]
    assert version(client) == before


def test_an_entity_bomb_and_an_external_entity_are_refused_at_once(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    for hostile in (BOMB, EXTERNAL):
        started = time.perf_counter()
        report = import_tbx(client, api_keys["admin"], hostile.encode(), department="sales")
        assert time.perf_counter() - started < 3
        assert report["status"] == 422
        assert "entity declarations are not allowed" in report["details"][0]["message"]
    assert client.get("/readyz").status_code == 200  # the server is alive


def test_tbx_v2_with_subject_fields_and_deprecated_terms(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    report = import_tbx(client, api_keys["admin"], V2.encode())
    assert report["status"] == 200, report
    assert report["dialect"] == "TBX v2"
    value = client.get("/v1/terms/ordervarde").json()
    assert value["labels"] == {"sv": ["ordervärde"], "en": ["order value"]}
    assert value["meanings"][0]["department"] == "sales"  # from the subject field "Sales"
    assert value["meanings"][0]["definition"]["en"] == "The value of the orders won."
    stock = client.get("/v1/terms/orderstock").json()
    assert (stock["usage"], stock["meanings"][0]["prefer"]["sv"]) == ("deprecated", ["ordervärde"])


def test_without_a_department_the_importer_asks_for_one(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    report = import_tbx(client, api_keys["admin"], outside_fixture("tbx/min_good.tbx").read_bytes())
    assert report["status"] == 422
    assert "give one with ?department=" in report["details"][0]["message"]


def test_the_export_holds_budget_once_per_department_and_imports_back(client: TestClient) -> None:
    answer = client.get("/v1/export", params={"format": "tbx"})
    assert answer.headers["content-type"].startswith("application/x-tbx")
    root = etree.fromstring(answer.content)
    entries = [e for e in root.iter(f"{{{V3}}}conceptEntry") if e.get("id").startswith("budget--")]
    assert sorted(e.findtext(f"{{{V3}}}descrip") for e in entries) == ["marketing", "sales"]
    for entry in entries:  # in each language of each entry, once
        for section in entry.iter(f"{{{V3}}}langSec"):
            assert [t.text for t in section.iter(f"{{{V3}}}term")].count("budget") == 1
    # Read back: one term per id again, with both meanings and their prefer wordings.
    glossary = load_glossary(SMALL)
    root, dialect = read_tbx(dump_tbx(glossary).encode())
    found, problems = concepts(root, dialect)
    assert (dialect, problems) == ("TBX-Basic", [])
    terms, problems = to_terms(
        found,
        languages=glossary.languages,
        departments=glossary.departments,
        default_department=None,
    )
    assert problems == []
    back = {term["id"]: term for term in terms}
    for term in glossary.terms:
        assert back[term.id]["labels"] == {k: list(v) for k, v in term.labels.items()}
        for meaning, read in zip(term.meanings, back[term.id]["meanings"], strict=True):
            assert read["department"] == meaning.department
            assert read["definition"] == dict(meaning.definition)
            assert read.get("prefer", {}) == {k: list(v) for k, v in meaning.prefer.items()}
        assert (back[term.id].get("usage") == "deprecated") == (term.usage is Usage.DEPRECATED)


def test_entity_declarations_are_refused_in_utf16_and_utf32_too(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    before = version(client)
    for hostile in (BOMB, EXTERNAL):
        for encoding in ("utf-16", "utf-16-be", "utf-32"):
            declared = hostile.replace('version="1.0"', f'version="1.0" encoding="{encoding}"')
            report = import_tbx(
                client, api_keys["admin"], declared.encode(encoding), department="sales"
            )
            assert report["status"] == 422, (encoding, report)
            problem = report["details"][0]
            assert "entity declarations are not allowed" in problem["message"], encoding
            assert problem["line"] == 2, encoding  # the <!DOCTYPE …> line
    assert version(client) == before


def test_a_doctype_without_declarations_is_still_read_in_utf16(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    report = import_tbx(client, api_keys["admin"], V2.replace("UTF-8", "UTF-16").encode("utf-16"))
    assert report["status"] == 200, report
    assert report["dialect"] == "TBX v2"


BASIC_STATUS = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en">
        <termSec><term>order value</term>
          <termNote type="administrativeStatus">{status}</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_administrative_status_outside_the_tbx_basic_picklist_is_refused_by_line(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    for status in ("legalTerm-admn-sts", "retired", "deprecatedterm-admn-sts"):
        data = BASIC_STATUS.format(status=status).encode()
        report = import_tbx(client, api_keys["admin"], data, department="sales")
        assert report["status"] == 422, (status, report)
        problem = report["details"][0]
        assert (problem["path"], problem["line"]) == ("<termNote>", 8)
        assert f"administrativeStatus {status!r} is not one of" in problem["message"]
        assert "supersededTerm-admn-sts" in problem["message"]
    for status in ("preferredTerm-admn-sts", "supersededTerm-admn-sts"):
        data = BASIC_STATUS.format(status=status).encode()
        report = import_tbx(client, api_keys["admin"], data, department="sales", dry_run=True)
        assert report["status"] == 200, (status, report)


def test_tbx_v2_refuses_an_unknown_administrative_status_by_line(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    data = V2.replace("deprecatedTerm-admn-sts", "bogusTerm-admn-sts").encode()
    report = import_tbx(client, api_keys["admin"], data)
    assert report["status"] == 422, report
    problem = report["details"][0]
    assert (problem["path"], problem["line"]) == ("<termNote>", 11)
    assert "administrativeStatus 'bogusTerm-admn-sts' is not one of" in problem["message"]


def test_the_seed_glossary_exported_to_tbx_imports_back_unchanged(
    engine: Engine, settings: Settings, api_keys: dict[str, str]
) -> None:
    import_file(engine, SEED)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        before = client.get("/v1/export", params={"format": "json"}).json()
        tbx = client.get("/v1/export", params={"format": "tbx"}).content
        report = import_tbx(client, api_keys["admin"], tbx)
        assert report["status"] == 200, report
        assert (report["created"], report["updated"]) == ([], [])
        assert sorted(report["unchanged"]) == sorted(t["id"] for t in before["terms"])
        assert client.get("/v1/export", params={"format": "json"}).json() == before


COLLIDING = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="a">
      <langSet xml:lang="en"><tig><term>order value</term></tig></langSet>
    </termEntry>
    <termEntry id="b">
      <langSet xml:lang="en">
        <tig><term>order intake</term></tig>
        <tig><term>order value</term></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_two_entries_with_the_same_label_are_refused_at_the_later_entrys_line(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    report = import_tbx(client, api_keys["admin"], COLLIDING.encode(), department="sales")
    assert report["status"] == 422, report
    clash = next(d for d in report["details"] if "order value" in d["message"])
    assert clash.get("line") == 7, clash
