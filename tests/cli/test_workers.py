"""`glossary serve --workers 2` is one service: /metrics counts the requests of both workers,
and the rate limit holds across them (real processes on a SQLite file)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.multiprocess import MultiProcessCollector

from tests.api.test_operations import sample, samples
from tests.cli.test_serve import free_port, wait_ready
from tests.conftest import ROOT

CHECK = {"route": "/v1/check", "method": "POST"}


@contextlib.contextmanager
def two_workers(tmp_path: Path, **env: str) -> Iterator[str]:
    """``glossary serve --workers 2`` on a SQLite file, its metrics in ``tmp_path/metrics``."""
    port = free_port()
    environment = {
        **os.environ,
        "GLOSSARY_DATABASE_URL": f"sqlite:///{tmp_path / 'glossary.db'}",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        **env,
    }
    command = [sys.executable, "-m", "glossary", "serve", "--port", str(port), "--workers", "2"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_workers(tmp_path / "metrics", process)
        wait_ready(base, process)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=30)


def wait_for_workers(folder: Path, process: subprocess.Popen[str], timeout: float = 180) -> None:
    """Until both workers have built their app (each has written its counters' file)."""
    deadline = time.monotonic() + timeout
    while len(list(folder.glob("counter_*.db"))) < 2:
        if process.poll() is not None:
            pytest.fail(f"glossary serve exited: {process.communicate()[1]}")
        if time.monotonic() > deadline:
            pytest.fail(f"not two workers' metrics in {folder}: {list(folder.glob('*'))}")
        time.sleep(0.1)


def check_from_fresh_connections(base: str, count: int) -> list[int]:
    """``count`` checks at once, each on a connection of its own, so both workers answer."""

    def post(_: int) -> int:
        return httpx.post(f"{base}/v1/check", json={"text": "budget"}).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        return list(pool.map(post, range(count)))


def checks_per_worker(folder: Path) -> list[float]:
    """The checks each worker process answered (a refused one is "unmatched": it never reached
    a route), read from the worker's own file in the metrics folder."""
    return [
        sum(
            s.value
            for metric in MultiProcessCollector.merge([str(path)])
            for s in metric.samples
            if s.name == "glossary_http_requests_total" and s.labels["method"] == "POST"
        )
        for path in sorted(folder.glob("counter_*.db"))
    ]


def test_metrics_count_the_requests_of_both_workers(tmp_path: Path) -> None:
    with two_workers(tmp_path) as base:
        assert check_from_fresh_connections(base, 60) == [200] * 60
        found = samples(httpx.get(f"{base}/metrics").text)
        per_worker = checks_per_worker(tmp_path / "metrics")
    assert sample(found, "glossary_http_requests_total", **CHECK, status="200") == 60
    assert sample(found, "glossary_check_text_characters_count") == 60
    assert sample(found, "glossary_findings_total", term="budget") == 60
    assert len(per_worker) == 2, per_worker
    assert all(per_worker), per_worker  # both workers answered
    assert sum(per_worker) == 60


def test_the_rate_limit_holds_across_both_workers(tmp_path: Path) -> None:
    with two_workers(tmp_path, GLOSSARY_RATE_LIMIT="30") as base:
        assert check_from_fresh_connections(base, 30) == [200] * 30
        over = httpx.post(f"{base}/v1/check", json={"text": "budget"})
        assert over.status_code == 429
        assert 1 <= int(over.headers["retry-after"]) <= 60
        assert check_from_fresh_connections(base, 10) == [429] * 10
        found = samples(httpx.get(f"{base}/metrics").text)
        per_worker = checks_per_worker(tmp_path / "metrics")
    assert sample(found, "glossary_rate_limited_total") == 11
    assert len(per_worker) == 2, per_worker
    assert all(per_worker), per_worker  # both workers answered


def test_a_previous_runs_metrics_are_not_counted(tmp_path: Path) -> None:
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "counter_1.db").write_bytes(b"stale")
    with two_workers(tmp_path) as base:
        assert httpx.get(f"{base}/metrics").status_code == 200
    assert not (tmp_path / "metrics" / "counter_1.db").exists()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_removes_the_metrics_folder_it_made(tmp_path: Path, workers: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
    env |= {
        "GLOSSARY_DATABASE_URL": f"sqlite:///{tmp_path / 'glossary.db'}",
        "TMPDIR": str(tmp_path),
    }
    port = free_port()
    command = [sys.executable, "-m", "glossary", "serve", "--port", str(port), "--workers", workers]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}", process, timeout=180)  # a busy machine is slow
        made = list(tmp_path.glob("glossary-metrics-*"))
        assert len(made) == (1 if workers == "2" else 0)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert not list(tmp_path.glob("glossary-metrics-*"))
