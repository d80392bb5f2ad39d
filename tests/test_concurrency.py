"""Concurrent edits never silently overwrite each other."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient

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
    client.delete("/v1/terms/mql", headers=auth(api_keys["editor"]))
    assert client.get("/readyz").json()["glossary_version"] == before + 1
