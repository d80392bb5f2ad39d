"""A term's ignore list and word classes through the API, the glossary's own ignore list at
/v1/ignore, and both through export, import and the migration, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import yaml
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from glossary.db import alembic_config, session_scope
from glossary.service import keys
from tests.conftest import auth, problem

LEAD: dict[str, Any] = {
    "id": "lead",
    "labels": {"en": ["lead"], "sv": ["lead"]},
    "meanings": [{"department": "sales", "definition": {"en": "A possible customer."}}],
}


def create_lead(client: TestClient, editor: str, **fields: Any) -> Any:
    return client.post("/v1/terms", json={**LEAD, **fields}, headers=auth(editor))


def test_a_term_carries_its_ignore_list_and_word_classes(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    made = create_lead(client, api_keys["editor"], ignore=["Lead Forensics"], pos=["verb", "noun"])
    assert made.status_code == 201, made.text
    read = client.get("/v1/terms/lead", headers=auth(api_keys["editor"])).json()
    assert read["ignore"] == ["Lead Forensics"]
    assert read["pos"] == ["noun", "verb"]
    changed = client.put(
        "/v1/terms/lead",
        json={**read, "ignore": [], "pos": ["noun"]},
        headers={**auth(api_keys["editor"]), "If-Match": made.headers["ETag"]},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["ignore"], changed.json()["pos"]) == ([], ["noun"])
    history = client.get("/v1/terms/lead/history").json()["items"]
    assert history[1]["after"]["ignore"] == ["Lead Forensics"]
    assert history[1]["after"]["pos"] == ["noun", "verb"]
    assert "ignore" not in history[0]["after"]
    assert {"ignore", "pos"} <= set(history[0]["changes"])


def test_a_term_without_them_ignores_nothing_and_means_the_noun(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    assert create_lead(client, api_keys["editor"]).status_code == 201
    read = client.get("/v1/terms/lead").json()
    assert (read["ignore"], read["pos"]) == ([], ["noun"])


def test_an_unknown_word_class_is_422_naming_the_field(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    answer = create_lead(client, api_keys["editor"], pos=["adverb"])
    assert answer.status_code == 422
    assert "pos" in str(problem(answer)["details"])
    empty = create_lead(client, api_keys["editor"], pos=[])
    assert empty.status_code == 422
    assert "pos" in str(problem(empty)["details"])


def test_an_ignore_phrase_without_the_term_s_label_is_422(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    answer = create_lead(client, api_keys["editor"], ignore=["Lead Forensics", "Acme AB"])
    assert answer.status_code == 422
    details = problem(answer)["details"]
    assert details[0]["path"] == "term.ignore[1]"
    assert "ignores nothing" in details[0]["message"]
    assert client.get("/v1/terms/lead").status_code == 404


def test_anyone_reads_the_glossary_s_ignore_list_and_an_editor_replaces_it(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    read = client.get("/v1/ignore")
    assert read.status_code == 200
    assert read.json()["items"] == []
    assert read.headers["ETag"] == f'"{read.json()["glossary_version"]}"'
    editor = {**auth(api_keys["editor"]), "If-Match": read.headers["ETag"]}
    put = client.put(
        "/v1/ignore", json={"items": ["Campaign Monitor", "Budget Direct"]}, headers=editor
    )
    assert put.status_code == 200, put.text
    assert put.json()["items"] == ["Campaign Monitor", "Budget Direct"]
    assert put.json()["glossary_version"] == read.json()["glossary_version"] + 1
    assert put.headers["ETag"] != read.headers["ETag"]
    assert client.get("/v1/ignore").json()["items"] == ["Campaign Monitor", "Budget Direct"]
    unchanged = client.put(
        "/v1/ignore",
        json={"items": ["Campaign Monitor", "Budget Direct"]},
        headers={**editor, "If-Match": put.headers["ETag"]},
    )
    assert unchanged.headers["ETag"] == put.headers["ETag"]
    again = client.get("/v1/ignore", headers={"If-None-Match": put.headers["ETag"]})
    assert again.status_code == 304


def test_replacing_the_ignore_list_is_guarded(
    client: TestClient, engine: Engine, api_keys: dict[str, str]
) -> None:
    etag = client.get("/v1/ignore").headers["ETag"]
    body = {"items": ["Campaign Monitor"]}
    with session_scope(engine) as session:
        _, scoped = keys.create_key(
            session=session, name="sales-only", role=keys.Role.EDITOR, departments=["sales"]
        )
    assert client.put("/v1/ignore", json=body, headers={"If-Match": etag}).status_code == 401
    reader = {**auth(api_keys["reader"]), "If-Match": etag}
    assert client.put("/v1/ignore", json=body, headers=reader).status_code == 403
    assert (
        client.put("/v1/ignore", json=body, headers={**auth(scoped), "If-Match": etag}).status_code
        == 403
    )
    editor = auth(api_keys["editor"])
    assert client.put("/v1/ignore", json=body, headers=editor).status_code == 428
    assert create_lead(client, api_keys["editor"]).status_code == 201  # the glossary moves on
    stale = client.put("/v1/ignore", json=body, headers={**editor, "If-Match": etag})
    assert stale.status_code == 412
    fresh = client.get("/v1/ignore").headers["ETag"]
    assert problem(stale)["details"] == [{"current_etag": fresh}]
    twice = {"items": ["Campaign Monitor", "Campaign  Monitor", ""]}
    refused = client.put("/v1/ignore", json=twice, headers={**editor, "If-Match": fresh})
    assert refused.status_code == 422
    assert sorted(d["path"] for d in problem(refused)["details"]) == ["items[1]", "items[2]"]
    assert client.get("/v1/ignore").json()["items"] == []


def test_export_and_import_carry_the_glossary_s_ignore_list(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    etag = client.get("/v1/ignore").headers["ETag"]
    editor = auth(api_keys["editor"])
    client.put(
        "/v1/ignore", json={"items": ["Budget Direct"]}, headers={**editor, "If-Match": etag}
    )
    exported = client.get("/v1/export", headers=auth(api_keys["admin"])).text
    assert yaml.safe_load(exported)["ignore"] == ["Budget Direct"]
    data = yaml.safe_load(exported)
    data["ignore"] = ["Budget  Direct", "Campaign Monitor"]
    admin = {**auth(api_keys["admin"]), "Content-Type": "application/yaml"}
    body = yaml.safe_dump(data, allow_unicode=True).encode()
    dry = client.post("/v1/import", params={"dry_run": "true"}, content=body, headers=admin)
    assert dry.json()["ignore_added"] == ["Campaign Monitor"]
    assert client.get("/v1/ignore").json()["items"] == ["Budget Direct"]
    done = client.post("/v1/import", content=body, headers=admin)
    assert done.status_code == 200, done.text
    assert done.json()["ignore_added"] == ["Campaign Monitor"]
    assert client.get("/v1/ignore").json()["items"] == ["Budget Direct", "Campaign Monitor"]
    again = client.post("/v1/import", content=body, headers=admin)
    assert again.json()["ignore_added"] == []


def test_an_import_with_a_bad_word_class_writes_nothing(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    data = yaml.safe_load(client.get("/v1/export").text)
    data["ignore"] = ["Campaign Monitor"]
    data["terms"][0]["pos"] = ["noun", "adjective"]
    admin = {**auth(api_keys["admin"]), "Content-Type": "application/yaml"}
    answer = client.post("/v1/import", content=yaml.safe_dump(data).encode(), headers=admin)
    assert answer.status_code == 422
    assert "unknown word class 'adjective'" in str(problem(answer)["details"])
    assert client.get("/v1/ignore").json()["items"] == []


#: Pasted from a chat: the insurer's name in lower case (a name is ignored as written, so
#: the lists name it so), then the word itself.
CHAT = {"text": "we pay budget direct for the insurance, not from the budget."}


def flagged(client: TestClient) -> list[int]:
    return [f["offset"] for f in client.post("/v1/check", json=CHAT).json()["findings"]]


def test_the_check_uses_the_glossary_s_ignore_list(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    assert flagged(client) == [7, 53]
    etag = client.get("/v1/ignore").headers["ETag"]
    editor = {**auth(api_keys["editor"]), "If-Match": etag}
    client.put("/v1/ignore", json={"items": ["budget direct"]}, headers=editor)
    assert flagged(client) == [53]


def test_the_check_uses_a_term_s_ignore_list(client: TestClient, api_keys: dict[str, str]) -> None:
    editor = auth(api_keys["editor"])
    read = client.get("/v1/terms/budget", headers=editor)
    body = {**read.json(), "ignore": ["budget direct"]}
    headers = {**editor, "If-Match": read.headers["ETag"]}
    assert client.put("/v1/terms/budget", json=body, headers=headers).status_code == 200
    assert flagged(client) == [53]


def test_the_migration_gives_existing_terms_the_defaults_and_goes_back(
    client: TestClient, engine: Engine
) -> None:
    config = alembic_config(engine)
    command.downgrade(config, "0006")
    with engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM term")).keys()
        assert "pos" not in columns
        assert "ignore" not in columns
    command.upgrade(config, "head")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, pos, ignore FROM term")).all()
        state = connection.execute(text("SELECT ignore FROM glossary_state")).scalar_one()
    assert rows
    assert all(_json(pos) == ["noun"] and _json(ignore) == [] for _, pos, ignore in rows)
    assert _json(state) == []
    assert client.get("/v1/terms/budget").json()["pos"] == ["noun"]


def _json(value: Any) -> Any:
    """A JSON column as read by plain SQL: text on SQLite, decoded on PostgreSQL."""
    return yaml.safe_load(value) if isinstance(value, str) else value


def give_budget_the_verb(client: TestClient, editor: str) -> None:
    read = client.get("/v1/terms/budget", headers=auth(editor))
    body = {**read.json(), "pos": ["noun", "verb"], "ignore": ["budget direct"]}
    headers = {**auth(editor), "If-Match": read.headers["ETag"]}
    assert client.put("/v1/terms/budget", json=body, headers=headers).status_code == 200


def import_as(client: TestClient, admin: str, body: str, content_type: str) -> Any:
    headers = {**auth(admin), "Content-Type": content_type}
    answer = client.post("/v1/import", content=body.encode(), headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_csv_and_tbx_round_trips_keep_a_term_s_ignore_list_and_word_classes(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    give_budget_the_verb(client, api_keys["editor"])
    admin = api_keys["admin"]
    for fmt, media in (("csv", "text/csv"), ("tbx", "application/x-tbx")):
        exported = client.get("/v1/export", params={"format": fmt}, headers=auth(admin)).text
        report = import_as(client, admin, exported, media)
        assert "budget" not in report["updated"], fmt
        read = client.get("/v1/terms/budget").json()
        assert (read["pos"], read["ignore"]) == (["noun", "verb"], ["budget direct"]), fmt


def test_a_csv_file_without_the_columns_leaves_them_as_they_were(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    give_budget_the_verb(client, api_keys["editor"])
    admin = api_keys["admin"]
    exported = client.get("/v1/export", params={"format": "csv"}, headers=auth(admin)).text
    rows = [line.split(",") for line in exported.splitlines()]
    old_style = "\r\n".join(",".join(row[:6] + row[8:]) for row in rows) + "\r\n"
    assert old_style.startswith("id,status,usage,tags,related,note,label:sv,")
    import_as(client, admin, old_style, "text/csv")
    assert client.get("/v1/terms/budget").json()["pos"] == ["noun", "verb"]
    cleared = exported.replace("noun|verb", "").replace("budget direct", "")
    import_as(client, admin, cleared, "text/csv")
    read = client.get("/v1/terms/budget").json()
    assert (read["pos"], read["ignore"]) == (["noun"], [])
