"""`glossary serve` as a user runs it: migrate, seed from data/terms.yaml, answer on HTTP."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(base: str, process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"glossary serve exited: {process.communicate()[1]}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail("glossary serve did not become ready")


@contextlib.contextmanager
def live_server(**env: str) -> Iterator[str]:
    """A real ``glossary serve`` on a free port with these GLOSSARY_ variables; its URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "glossary", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)


@pytest.fixture
def served(database_url: str) -> Iterator[str]:
    with live_server(GLOSSARY_DATABASE_URL=database_url) as base:
        yield base


def test_serve_seeds_the_glossary_and_searches_it(served: str) -> None:
    budget = httpx.get(f"{served}/v1/terms", params={"q": "budget"}).json()["items"][0]
    assert budget["id"] == "budget"
    prefer = {m["department"]: m["prefer"] for m in budget["meanings"]}
    assert "intäktsbudget" in prefer["sales"]["sv"]
    assert "kostnadsbudget" in prefer["marketing"]["sv"]
    assert {"sv", "en"} <= budget["meanings"][0]["definition"].keys()
    found = httpx.get(f"{served}/v1/terms", params={"q": "positoning"}).json()["items"]
    assert found[0]["id"] == "positioning"
    assert httpx.get(f"{served}/docs").status_code == 200


def test_serve_does_not_seed_a_database_in_use(database_url: str, served: str) -> None:
    # The fixture has seeded; a second start on the same database must leave it as it is.
    first = httpx.get(f"{served}/readyz").json()["glossary_version"]
    port = free_port()
    env = {**os.environ, "GLOSSARY_DATABASE_URL": database_url}
    second = subprocess.Popen(
        [sys.executable, "-m", "glossary", "serve", "--port", str(port)],
        cwd=Path(ROOT),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}", second)
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json()["glossary_version"] == first
    finally:
        second.terminate()
        second.communicate(timeout=30)
