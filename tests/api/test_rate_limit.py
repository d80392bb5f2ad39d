"""The rate limit counts every check route and every write, per key or per client address; a
forwarded address counts only from a configured proxy, and the bucket table stays bounded."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Engine

from glossary.api import create_app
from glossary.api.observe import RateLimiter
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


def test_the_bucket_table_stays_bounded_under_many_callers() -> None:
    now = [0.0]
    limiter = RateLimiter(60, max_buckets=1000, clock=lambda: now[0])
    for _ in range(60):
        limiter.wait("address:busy")
    assert limiter.wait("address:busy") > 0
    for i in range(100_000):
        now[0] += 0.0001
        limiter.wait(f"address:{i}")
        assert len(limiter.buckets) <= 1000
    now[0] += 60  # every bucket has refilled: none carries state any more
    limiter.wait("address:late")
    assert len(limiter.buckets) == 1


def test_an_over_limit_caller_keeps_its_bucket_while_the_table_has_room() -> None:
    now = [0.0]
    limiter = RateLimiter(60, max_buckets=1000, clock=lambda: now[0])
    for _ in range(60):
        limiter.wait("address:busy")
    for i in range(900):
        limiter.wait(f"address:{i}")
    assert limiter.wait("address:busy") > 0


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
