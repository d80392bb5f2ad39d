"""Fixtures of the service tests: a session on a migrated database holding the small glossary."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from glossary.db import session_scope
from tests.conftest import SMALL, import_file


@pytest.fixture
def small(engine: Engine) -> Engine:
    """The engine, its database holding tests/data/small.yaml."""
    import_file(engine, SMALL)
    return engine


@pytest.fixture
def session(small: Engine) -> Iterator[Session]:
    """A session on the small glossary that commits when the test passes."""
    with session_scope(small) as session:
        yield session
