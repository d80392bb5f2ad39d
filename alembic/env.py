"""Alembic environment: runs on the engine handed in by glossary.db, or on GLOSSARY_DATABASE_URL."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Engine
from sqlmodel import SQLModel

import glossary.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from glossary.db import create_db_engine
from glossary.settings import Settings

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if isinstance(engine, Engine):
        return engine
    return create_db_engine(Settings().database_url)


def run_migrations_online() -> None:
    """Run the migrations in one transaction on the configured engine."""
    with _engine().connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
