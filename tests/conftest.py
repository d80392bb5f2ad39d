"""Shared fixtures: a real database per test (SQLite file, and PostgreSQL when configured)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from glossary.api import create_app
from glossary.db import create_db_engine, normalize_url, session_scope, upgrade
from glossary.service import keys
from glossary.service import transfer as transfer_service
from glossary.settings import Settings
from glossary.terms_file import load_glossary

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SEED = ROOT / "data" / "terms.yaml"
SMALL = DATA / "small.yaml"
PG_ENV = "GLOSSARY_TEST_DATABASE_URL"
FIXTURES_ENV = "GLOSSARY_TEST_FIXTURES"


def outside_fixture(relative: str) -> Path:
    """A file from outside that may not be copied in (tests/fixtures/README.md says where from).

    Read from ``$GLOSSARY_TEST_FIXTURES`` (``.ci/run`` sets it: missing there fails the test),
    else from ``../shared/fixtures`` beside the checkout; a fresh clone without it skips."""
    folder = os.environ.get(FIXTURES_ENV)
    path = Path(folder or ROOT.parent / "shared" / "fixtures") / relative
    if not path.is_file():
        if folder:
            pytest.fail(f"{FIXTURES_ENV} is set but {path} is missing")
        pytest.skip(f"{relative} is not here: see tests/fixtures/README.md for where to get it")
    return path


BACKENDS = ["sqlite", *(["postgres"] if os.environ.get(PG_ENV) else [])]


def _postgres_schema_url(base: str, schema: str) -> str:
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An engine on the test PostgreSQL; fails (never skips) when it cannot connect."""
    url = os.environ[PG_ENV]
    engine = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        pytest.fail(f"{PG_ENV} is set but PostgreSQL is not reachable: {error}")
    yield engine
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a fresh, empty database of each configured backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'glossary.db'}"
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield _postgres_schema_url(os.environ[PG_ENV], schema)
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for a test app on the fresh database, with no seeding."""
    return Settings(database_url=database_url, seed_file=None)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    """A migrated engine on the fresh database."""
    engine = create_db_engine(settings.database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def import_file(engine: Engine, path: Path) -> None:
    """Import a glossary file straight through the service."""
    with session_scope(engine) as session:
        transfer_service.import_glossary(
            session=session, glossary=load_glossary(path), dry_run=False, actor="test"
        )


@pytest.fixture
def api_keys(engine: Engine) -> dict[str, str]:
    """One key per role, by role name."""
    created = {}
    with session_scope(engine) as session:
        for role in keys.Role:
            _, secret = keys.create_key(session=session, name=f"{role.label}-key", role=role)
            created[role.label] = secret
    return created


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    """A client of the real app on a database holding the small test glossary."""
    import_file(engine, SMALL)
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """The real ``glossary`` command as a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def problem(response: Any) -> dict[str, Any]:
    """An error answer's RFC 9457 problem details (asserting it is served as such)."""
    assert response.headers["content-type"] == "application/problem+json", response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == response.status_code
    return body


def auth(secret: str) -> dict[str, str]:
    """The header that sends an API key."""
    return {"Authorization": f"Bearer {secret}"}
