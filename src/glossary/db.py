"""Database engines, sessions and migrations for SQLite (embedded) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

SQLITE_BUSY_TIMEOUT_S = 30
STATEMENT_TIMEOUT_MS = 30_000


def normalize_url(url: str) -> str:
    """Choose the driver for plain URLs: ``postgresql://`` means psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for the URL, with SQLite tuned for concurrent readers and one writer."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
            **kwargs,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Reconnect after the database comes back (pre-ping), and give up on a statement that
    # takes longer than the timeout rather than hold a request forever.
    given = make_url(url).query.get("options", "")
    timeout = f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
    options = {"connect_timeout": 5, "options": f"{given} {timeout}".strip()}
    connect_args = {**options, **kwargs.pop("connect_args", {})}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_dir() -> Path:
    """The migration scripts: inside the installed package, or beside ``src/`` in a checkout."""
    packaged = Path(__file__).parent / "_alembic"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "alembic"


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration that runs on this engine."""
    config = Config()
    config.set_main_option("script_location", str(alembic_dir()))
    config.attributes["engine"] = engine
    return config


#: The PostgreSQL advisory lock that lets one process at a time migrate.
MIGRATION_LOCK = 0x676C6F73  # "glos"


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Migrate the database to the newest schema (creates it when empty); the revisions before
    and after. On PostgreSQL an advisory lock makes processes that start together migrate one
    after another: the first does the work, the others find the schema current."""
    if engine.dialect.name != "postgresql":
        return _upgrade(engine)
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        try:
            return _upgrade(engine)
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()


def _upgrade(engine: Engine) -> tuple[str | None, str | None]:
    before = current_revision(engine)
    command.upgrade(alembic_config(engine), "head")
    return before, current_revision(engine)


def current_revision(engine: Engine) -> str | None:
    """The schema's Alembic revision (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
