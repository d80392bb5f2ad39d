"""The rate limit counts every check route and every write, per key or per client address; a
forwarded address counts only from a configured proxy, the windows held in memory stay bounded,
and the database's windows are shared by every process."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from limits import RateLimitItemPerMinute, RateLimitItemPerSecond
from pydantic import ValidationError
from sqlalchemy import Engine

from glossary.api import create_app
from glossary.api.ratelimit import BoundedMemoryStorage, DatabaseStorage, RateLimit
from glossary.db import create_db_engine
from glossary.settings import Settings
from tests.cli.test_serve import live_server
from tests.conftest import ROOT, SMALL, import_file

PROXY = ("10.0.0.7", 40000)


def limited_client(
    settings: Settings, *, peer: tuple[str, int] = PROXY, **update: object
) -> TestClient:
    return TestClient(
        create_app(settings.model_copy(update={"rate_limit": 3, **update})), client=peer
    )


@pytest.fixture
def small(engine: Engine) -> Engine:
    import_file(engine, SMALL)
    return engine


def checks(client: TestClient, headers: dict[str, str] | None = None) -> list[int]:
    """One request to each check route, then one more: the fourth is over a limit of three."""
    form = {"text": "budget", "language": "en"}
    return [
        client.get("/v2/check", params=form, headers=headers).status_code,
        client.post("/v2/check", data=form, headers=headers).status_code,
        client.post("/check", data={"text": "budget"}, headers=headers).status_code,
        client.post("/v1/check", json={"text": "budget"}, headers=headers).status_code,
    ]


def test_every_check_route_is_counted(small: Engine, settings: Settings) -> None:
    with limited_client(settings) as client:
        assert checks(client) == [200, 200, 200, 429]
        assert client.get("/v2/check", params={"text": "budget"}).status_code == 429
        assert client.get("/check").status_code == 200  # the empty form is a read


def test_a_forwarded_address_from_an_untrusted_peer_is_ignored(
    small: Engine, settings: Settings
) -> None:
    with limited_client(settings) as client:
        statuses = [
            client.post(
                "/v1/check", json={"text": "budget"}, headers={"X-Forwarded-For": f"192.0.2.{i}"}
            ).status_code
            for i in range(4)
        ]
    assert statuses == [200, 200, 200, 429]  # one bucket: the peer's


def test_clients_behind_a_trusted_proxy_have_buckets_of_their_own(
    small: Engine, settings: Settings
) -> None:
    with limited_client(settings, trusted_proxies=["10.0.0.0/24"]) as client:
        first = {"X-Forwarded-For": "198.51.100.1"}
        assert checks(client, first) == [200, 200, 200, 429]
        second = {"X-Forwarded-For": "198.51.100.1, 198.51.100.2"}  # a spoofed first entry
        assert checks(client, second)[:3] == [200, 200, 200]
        # The client cannot choose its bucket: the right-most untrusted address counts.
        spoof = {"X-Forwarded-For": "203.0.113.9, 198.51.100.1"}
        assert client.post("/v1/check", json={"text": "x"}, headers=spoof).status_code == 429


def test_the_memory_storage_stays_bounded_under_many_callers() -> None:
    storage = BoundedMemoryStorage(max_keys=1000)
    limit = RateLimit(RateLimitItemPerSecond(60), storage)
    for _ in range(60):
        limit.wait("address:busy")
    assert limit.wait("address:busy") >= 1
    for i in range(100_000):
        limit.wait(f"address:{i}")
        assert len(storage.storage) <= 1000
    time.sleep(1.2)  # every window has ended: none carries state any more
    limit.wait("address:late")  # and limits' expiry timer, started by it, drops them
    time.sleep(0.2)
    assert list(storage.storage) == [RateLimitItemPerSecond(60).key_for("address:late")]


def test_an_over_limit_caller_keeps_its_window_while_the_table_has_room() -> None:
    limit = RateLimit(RateLimitItemPerMinute(60), BoundedMemoryStorage(max_keys=1000))
    for _ in range(60):
        limit.wait("address:busy")
    for i in range(900):
        limit.wait(f"address:{i}")
    assert limit.wait("address:busy") > 0


def test_the_database_storage_counts_one_window_per_caller(engine: Engine) -> None:
    storage = DatabaseStorage(engine)
    limit = RateLimit(RateLimitItemPerMinute(2), storage)
    assert [limit.wait("address:a") for _ in range(2)] == [0, 0]
    assert 58 <= limit.wait("address:a") <= 60  # until the window of the first request ends
    assert limit.wait("address:b") == 0  # another caller has a window of its own
    key = RateLimitItemPerMinute(2).key_for("address:a")
    assert storage.get(key) == 3
    storage.clear(key)
    assert (storage.get(key), limit.wait("address:a")) == (0, 0)
    assert storage.check()
    assert storage.reset() == 2


def test_a_database_window_that_has_ended_starts_again(engine: Engine) -> None:
    limit = RateLimit(RateLimitItemPerSecond(1), DatabaseStorage(engine))
    assert [limit.wait("address:a") for _ in range(2)] == [0, 1]
    time.sleep(1.1)
    assert limit.wait("address:a") == 0


def test_without_the_database_the_limit_lets_requests_through() -> None:
    away = create_db_engine("postgresql://nobody@127.0.0.1:9/none")
    limit = RateLimit(RateLimitItemPerMinute(1), DatabaseStorage(away))
    assert [limit.wait("address:a") for _ in range(3)] == [0, 0, 0]
    assert not limit.storage.check()


def test_every_worker_of_an_app_with_database_storage_counts_the_same_windows(
    small: Engine, settings: Settings
) -> None:
    shared = settings.model_copy(update={"rate_limit": 3, "rate_limit_storage": "database"})
    with TestClient(create_app(shared)) as one, TestClient(create_app(shared)) as two:
        statuses = [
            c.post("/v1/check", json={"text": "budget"}).status_code for c in (one, two, one, two)
        ]
    assert statuses == [200, 200, 200, 429]


def test_ipv6_clients_share_a_bucket_per_64_network(small: Engine, settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"rate_limit": 3}))
    peers = [(f"2001:db8:1:2::{i}", 40000) for i in range(1, 5)]
    with TestClient(app):
        statuses = [
            TestClient(app, client=peer).post("/v1/check", json={"text": "budget"}).status_code
            for peer in peers
        ]
        other = TestClient(app, client=("2001:db8:1:3::1", 40000))
        assert other.post("/v1/check", json={"text": "budget"}).status_code == 200
    assert statuses == [200, 200, 200, 429]


@pytest.fixture
def serve_env(database_url: str) -> dict[str, str]:
    return {"GLOSSARY_DATABASE_URL": database_url, "GLOSSARY_RATE_LIMIT": "2"}


def _post(base: str, forwarded: str) -> int:
    response = httpx.post(
        f"{base}/v1/check", json={"text": "budget"}, headers={"X-Forwarded-For": forwarded}
    )
    return response.status_code


def test_glossary_serve_ignores_forwarded_addresses_by_default(serve_env: dict[str, str]) -> None:
    with live_server(**serve_env) as base:
        assert [_post(base, f"192.0.2.{i}") for i in range(3)] == [200, 200, 429]


@pytest.fixture
def behind_proxy(serve_env: dict[str, str]) -> Iterator[str]:
    with live_server(**serve_env, GLOSSARY_TRUSTED_PROXIES="127.0.0.1") as base:
        yield base


def test_glossary_serve_behind_a_trusted_proxy_limits_each_client(behind_proxy: str) -> None:
    assert [_post(behind_proxy, "198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert [_post(behind_proxy, "198.51.100.2") for _ in range(3)] == [200, 200, 429]
    english = httpx.get(f"{behind_proxy}/?lang=en", headers={"X-Forwarded-Proto": "https"}).headers[
        "set-cookie"
    ]
    assert "secure" in english.lower()


def test_compose_trusts_its_proxy_and_nginx_forwards_the_client() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    environment = compose["services"]["glossary"]["environment"]
    trusted = Settings(trusted_proxies=environment["GLOSSARY_TRUSTED_PROXIES"]).trusted_proxies
    proxy = compose["services"]["proxy"]["networks"]["internal"]["ipv4_address"]
    assert trusted == [proxy]
    network = compose["networks"]["internal"]["ipam"]["config"][0]
    address = ipaddress.ip_address(proxy)
    assert address in ipaddress.ip_network(network["subnet"])
    assert address not in ipaddress.ip_network(network["ip_range"])  # never given to another
    nginx = (ROOT / "docker" / "nginx.conf").read_text(encoding="utf-8")
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx


def test_a_trusted_proxy_must_be_an_address_or_network() -> None:
    assert Settings(trusted_proxies="10.0.0.1, 2001:db8::/32").trusted_proxies == [
        "10.0.0.1",
        "2001:db8::/32",
    ]
    with pytest.raises(ValidationError, match=r"not an IP address or network: 'proxy\.local'"):
        Settings(trusted_proxies="proxy.local")
