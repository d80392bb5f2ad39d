"""Scale-out and faults on the machine's real PostgreSQL: two server processes on one fresh
database, PostgreSQL stopped and started under a running server, and a SIGKILL in the middle
of a large import. These stop the database, so `./dev test` runs them on their own, after the
rest (marker `faults`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from glossary.terms_file import dump_yaml
from tests.cli.test_serve import free_port, wait_ready
from tests.conftest import PG_ENV, ROOT, SEED, _postgres_schema_url, problem, run_cli

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(PG_ENV not in os.environ, reason=f"needs PostgreSQL: set {PG_ENV}"),
]


@pytest.fixture
def fresh() -> Iterator[str]:
    """A URL of a fresh, empty PostgreSQL schema."""
    base = os.environ[PG_ENV]
    schema = f"f_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield _postgres_schema_url(base, schema)
    _postgres("start")  # whatever a test did, leave the database running
    admin.dispose()  # its pooled connection may predate a restart
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def start(url: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "glossary", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "GLOSSARY_DATABASE_URL": url, "GLOSSARY_SEED_FILE": str(SEED)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    return process.communicate(timeout=30)[1]


def _postgres(action: str) -> None:
    cluster = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.split()
    subprocess.run(
        [
            "pg_ctlcluster",
            cluster[0],
            cluster[1],
            action,
            *(["-m", "fast"] if action == "stop" else []),
        ],
        check=False,
        capture_output=True,
    )


def test_two_processes_share_one_database_and_migrate_once(fresh: str) -> None:
    (one, first), (two, second) = start(fresh), start(fresh)
    try:
        wait_ready(first, one)
        wait_ready(second, two)
        key = run_cli(
            "keys",
            "create",
            "--role",
            "editor",
            "--name",
            "e",
            env={"GLOSSARY_DATABASE_URL": fresh},
        ).stdout.strip()
        term = {
            "id": "quota",
            "labels": {"sv": ["kvot"], "en": ["quota"]},
            "meanings": [
                {"department": "sales", "definition": {"sv": "Mål.", "en": "Target."}},
                {"department": "marketing", "definition": {"sv": "Andel.", "en": "Share."}},
            ],
        }
        created = httpx.post(
            f"{first}/v1/terms", json=term, headers={"Authorization": f"Bearer {key}"}
        )
        assert created.status_code == 201, created.text
        started = time.monotonic()
        while True:
            found = httpx.post(f"{second}/v1/check", json={"text": "Vi når kvoten."}).json()
            if [f["term"]["id"] for f in found["findings"]] == ["quota"]:
                break
            assert time.monotonic() - started < 2, (
                "the other process did not see the new term in 2 s"
            )
            time.sleep(0.05)
        assert httpx.get(f"{second}/metrics").status_code == 200
    finally:
        logs = stop(one) + stop(two)
    assert logs.count("migrated the database schema from nothing to") == 1


def test_postgres_stopped_and_started_while_the_server_runs(fresh: str) -> None:
    process, base = start(fresh)
    try:
        wait_ready(base, process)
        assert httpx.post(f"{base}/v1/check", json={"text": "budgeten"}).status_code == 200
        _postgres("stop")
        try:
            time.sleep(1)
            ready = httpx.get(f"{base}/readyz")
            assert (ready.status_code, problem(ready)["code"]) == (503, "unavailable")
            history = httpx.get(f"{base}/v1/terms/budget/history")  # needs the database
            assert (history.status_code, problem(history)["code"]) == (503, "unavailable")
            check = httpx.post(f"{base}/v1/check", json={"text": "Vi har budgeten."})
            assert check.status_code == 200  # from the glossary this process holds
            assert [f["term"]["id"] for f in check.json()["findings"]] == ["budget"]
        finally:
            _postgres("start")
        deadline = time.monotonic() + 60
        while httpx.get(f"{base}/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the service did not recover"
            time.sleep(0.5)
        assert httpx.get(f"{base}/v1/terms", params={"q": "budget"}).status_code == 200
        assert process.poll() is None  # recovered without a restart
    finally:
        stop(process)


def test_a_sigkill_during_a_large_import_leaves_all_or_nothing(fresh: str, tmp_path: Path) -> None:
    from bench.glossaries import build_glossary

    env = {"GLOSSARY_DATABASE_URL": fresh}
    assert run_cli("import", str(SEED), env=env).returncode == 0
    big = tmp_path / "big.yaml"
    big.write_text(dump_yaml(build_glossary(5_000)), encoding="utf-8")
    schema = fresh.rsplit("search_path%3D", 1)[1]
    watcher = create_engine(os.environ[PG_ENV].replace("postgresql://", "postgresql+psycopg://", 1))
    writing = text(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON l.relation = c.oid "
        "JOIN pg_namespace n ON c.relnamespace = n.oid "
        "WHERE n.nspname = :schema AND c.relname = 'term' AND l.mode = 'RowExclusiveLock'"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "glossary", "import", str(big)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    with watcher.connect() as connection:
        while connection.execute(writing, {"schema": schema}).scalar_one() == 0:
            assert process.poll() is None, "the import ended before it was seen writing"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    process.kill()  # SIGKILL, in the middle of writing the terms
    process.wait()
    watcher.dispose()
    counted = create_engine(fresh.replace("postgresql://", "postgresql+psycopg://", 1))
    with counted.connect() as connection:
        terms = connection.execute(text("SELECT count(*) FROM term")).scalar_one()
        history = connection.execute(text("SELECT count(*) FROM term_history")).scalar_one()
    counted.dispose()
    assert terms in (37, 5_000)
    assert history in (37, 37 + 4_963)
    assert (terms == 37) == (history == 37)
    budget = run_cli("export", "--format", "json", env=env)
    assert '"id": "budget"' in budget.stdout
