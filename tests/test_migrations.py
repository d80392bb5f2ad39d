"""Migrations build the schema from an empty database, and the models do not drift from it."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import Engine, inspect

from tests.conftest import ROOT


def test_upgrade_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {
        "term",
        "term_text",
        "meaning",
        "department",
        "term_history",
        "api_key",
        "glossary_state",
        "alembic_version",
    } <= tables


def test_alembic_upgrade_then_check_finds_no_drift(database_url: str) -> None:
    env = {**os.environ, "GLOSSARY_DATABASE_URL": database_url}
    alembic = [sys.executable, "-m", "alembic", "-c", str(ROOT / "alembic.ini")]
    upgrade = subprocess.run(
        [*alembic, "upgrade", "head"], env=env, capture_output=True, text=True, check=False
    )
    assert upgrade.returncode == 0, upgrade.stderr
    check = subprocess.run(
        [*alembic, "check"], env=env, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr
