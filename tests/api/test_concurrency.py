"""Concurrent edits never silently overwrite each other."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from tests.conftest import auth


def test_two_replacements_with_one_etag_give_one_200_and_one_412(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    current = client.get("/v1/terms/budget")
    etag = current.headers["etag"]
    base = {
        k: v
        for k, v in current.json().items()
        if k not in ("revision", "created_at", "updated_at", "updated_by")
    }
    headers = {**auth(api_keys["editor"]), "If-Match": etag}
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def replace(note: str) -> None:
        body: dict[str, Any] = {**base, "note": note}
        barrier.wait()
        statuses.append(client.put("/v1/terms/budget", json=body, headers=headers).status_code)

    threads = [threading.Thread(target=replace, args=(f"edit {i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412]
    history = client.get("/v1/terms/budget/history").json()["items"]
    assert [h["action"] for h in history] == ["update", "import"]
    assert client.get("/v1/terms/budget").json()["note"] == history[0]["after"]["note"]


def test_every_write_bumps_the_glossary_version_once(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    before = client.get("/readyz").json()["glossary_version"]
    etag = client.get("/v1/terms/mql").headers["etag"]
    client.delete("/v1/terms/mql", headers={**auth(api_keys["editor"]), "If-Match": etag})
    assert client.get("/readyz").json()["glossary_version"] == before + 1


def test_a_restore_racing_a_delete_waits_for_it_and_brings_the_term_back(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    """The restore reads the term's history, then a delete commits before the restore takes
    the write lock: the restore must see the delete (and create the term again), not 404."""
    editor = auth(api_keys["editor"])
    etag = client.get("/v1/terms/mql").headers["etag"]
    restoring, deleted = threading.Event(), threading.Event()
    engine = client.app.state.engine  # type: ignore[attr-defined]

    def hold_the_restore(_: Any, __: Any, statement: str, *args: Any) -> None:
        """The first write after this is armed is the restore's (the delete waits for it):
        hold it until the delete has committed."""
        if not restoring.is_set() and statement.lstrip().upper().startswith(
            "UPDATE GLOSSARY_STATE"
        ):
            restoring.set()
            deleted.wait(10)

    event.listen(engine, "before_cursor_execute", hold_the_restore)
    statuses: dict[str, int] = {}

    def restore() -> None:
        response = client.post("/v1/terms/mql/restore", json={"version": 1}, headers=editor)
        statuses["restore"] = response.status_code

    def delete() -> None:
        restoring.wait(10)
        response = client.delete("/v1/terms/mql", headers={**editor, "If-Match": etag})
        statuses["delete"] = response.status_code
        deleted.set()

    threads = [threading.Thread(target=restore), threading.Thread(target=delete)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    event.remove(engine, "before_cursor_execute", hold_the_restore)
    assert statuses == {"delete": 204, "restore": 200}
    history = client.get("/v1/terms/mql/history").json()["items"]
    assert [h["action"] for h in history] == ["restore", "delete", "import"]
    assert client.get("/v1/terms/mql").json()["revision"] == 3
