"""Proposals are bounded: open ones per proposer (key, or address without one) and in all,
listed a page at a time, and the home page shows only the newest few."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from glossary.api.app import create_app
from glossary.db import session_scope
from glossary.service import keys
from glossary.settings import Settings
from glossary.web.pages import PAGE_PROPOSALS
from tests.conftest import auth, problem


def term(n: int) -> dict[str, Any]:
    return {
        "id": f"word-{n}",
        "labels": {"en": [f"word {n}"]},
        "meanings": [{"department": "sales", "definition": {"en": f"Word number {n}."}}],
    }


def propose(client: TestClient, key: str | None, n: int, comment: str = "") -> Any:
    headers = auth(key) if key else {}
    return client.post("/v1/proposals", json={"term": term(n), "comment": comment}, headers=headers)


@pytest.fixture
def limited(client: TestClient, settings: Settings) -> Iterator[TestClient]:
    """The app with at most 2 open proposals per proposer and 4 in all, public proposals on."""
    update = {"max_open_proposals_per_proposer": 2, "max_open_proposals": 4}
    app = create_app(settings.model_copy(update={**update, "public_proposals": True}))
    with TestClient(app, raise_server_exceptions=False) as limited_client:
        yield limited_client


def new_key(engine: Engine, name: str) -> str:
    with session_scope(engine) as session:
        return keys.create_key(session=session, name=name, role=keys.Role.READER)[1]


def test_a_key_has_at_most_so_many_open_proposals(
    limited: TestClient, api_keys: dict[str, str], engine: Engine
) -> None:
    reader = api_keys["reader"]
    assert [propose(limited, reader, n).status_code for n in (1, 2)] == [201, 201]
    refused = propose(limited, reader, 3)
    assert refused.status_code == 409
    error = problem(refused)
    assert error["code"] == "quota_exceeded"
    assert "2 open proposals" in error["detail"]
    assert "GLOSSARY_MAX_OPEN_PROPOSALS_PER_PROPOSER" in error["detail"]
    assert propose(limited, new_key(engine, "other"), 3).status_code == 201  # another key may
    first = limited.get("/v1/proposals", headers=auth(reader)).json()["items"][-1]
    rejected = limited.post(
        f"/v1/proposals/{first['id']}/reject",
        json={"reason": "no"},
        headers=auth(api_keys["editor"]),
    )
    assert rejected.status_code == 200
    assert propose(limited, reader, 4).status_code == 201  # one was closed: room again


def test_without_a_key_the_address_counts_and_is_not_stored(
    limited: TestClient, settings: Settings, engine: Engine
) -> None:
    assert [propose(limited, None, n).status_code for n in (1, 2, 3)] == [201, 201, 409]
    update = {"max_open_proposals_per_proposer": 2, "public_proposals": True}
    app = create_app(settings.model_copy(update=update))
    with TestClient(app, client=("192.0.2.7", 1234)) as elsewhere:
        made = propose(elsewhere, None, 3)
        assert made.status_code == 201
        assert made.json()["proposer"] == "anonymous"
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT * FROM proposal")).all()
    assert "192.0.2.7" not in str(stored)
    assert "testclient" not in str(stored)


def test_the_glossary_takes_at_most_so_many_open_proposals(
    limited: TestClient, engine: Engine
) -> None:
    made = [propose(limited, new_key(engine, f"k{n}"), n).status_code for n in range(5)]
    assert made == [201, 201, 201, 201, 409]
    last = problem(propose(limited, new_key(engine, "k5"), 5))
    assert "GLOSSARY_MAX_OPEN_PROPOSALS)" in last["detail"]


def test_parallel_proposals_do_not_overrun_the_quota(
    limited: TestClient, api_keys: dict[str, str]
) -> None:
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda n: propose(limited, api_keys["reader"], n), range(6)))
    assert sorted(a.status_code for a in answers) == [201, 201, 409, 409, 409, 409]


def test_proposals_are_listed_a_page_at_a_time(
    client: TestClient, api_keys: dict[str, str]
) -> None:
    made = [propose(client, api_keys["reader"], n).json()["id"] for n in range(5)]
    reader = auth(api_keys["reader"])
    pages: list[list[int]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/proposals", params=params, headers=reader).json()
        pages.append([p["id"] for p in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == [made[:2:-1], made[2:0:-1], made[:1]]
    assert client.get("/v1/proposals", params={"limit": 101}, headers=reader).status_code == 422
    broken = client.get("/v1/proposals", params={"cursor": "nonsense"}, headers=reader)
    assert broken.status_code == 422


def test_the_home_page_says_how_many_more_there_are(client: TestClient, settings: Settings) -> None:
    update = {"public_proposals": True, "max_open_proposals_per_proposer": 100}
    with TestClient(create_app(settings.model_copy(update=update))) as anyone:
        for n in range(PAGE_PROPOSALS + 5):
            assert propose(anyone, None, n, comment=f"[c{n:02}]").status_code == 201
        english = anyone.get("/", params={"lang": "en"}).text
        swedish = anyone.get("/", params={"lang": "sv"}).text
    total = PAGE_PROPOSALS + 5
    assert f"Open proposals ({total})" in english
    shown = [n for n in range(total) if f"[c{n:02}]" in english]
    assert shown == list(range(5, total))  # the newest
    assert f"The {PAGE_PROPOSALS} newest of {total} are shown." in english
    assert 'href="/v1/proposals?status=open"' in english
    assert f"De {PAGE_PROPOSALS} nyaste av {total} visas." in swedish
