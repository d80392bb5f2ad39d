"""The real ``glossary`` command as a subprocess: db upgrade, import, export, keys."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.api.test_transfer import BAD_IMPORT
from tests.conftest import SMALL, run_cli


def glossary(
    *args: str, database_url: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, env={"GLOSSARY_DATABASE_URL": database_url})


def test_import_export_round_trip(database_url: str, tmp_path: Path) -> None:
    assert glossary("db", "upgrade", database_url=database_url).returncode == 0
    imported = glossary("import", str(SMALL), database_url=database_url)
    assert imported.returncode == 0, imported.stderr
    assert "4 created" in imported.stdout
    exported = glossary("export", "--format", "yaml", database_url=database_url)
    assert exported.returncode == 0
    source = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    dumped = yaml.safe_load(exported.stdout)
    assert dumped["departments"] == source["departments"]
    assert [t["id"] for t in dumped["terms"]] == sorted(t["id"] for t in source["terms"])
    (tmp_path / "out.yaml").write_text(exported.stdout, encoding="utf-8")
    again = glossary("import", "--dry-run", str(tmp_path / "out.yaml"), database_url=database_url)
    assert "0 created, 0 updated, 4 unchanged" in again.stdout


def test_a_bad_file_is_refused_with_lines_and_exit_2(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_IMPORT, encoding="utf-8")
    result = glossary("import", str(bad), database_url=database_url)
    assert result.returncode == 2
    assert "line 15: terms[1].meanings[0].department: unknown department 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr
    missing = glossary("import", str(tmp_path / "nope.yaml"), database_url=database_url)
    assert missing.returncode == 2
    assert "nope.yaml" in missing.stderr


def test_keys_are_shown_once_and_stored_hashed(database_url: str) -> None:
    assert glossary("db", "upgrade", database_url=database_url).returncode == 0
    created = glossary(
        "keys", "create", "--role", "editor", "--name", "docs-team", database_url=database_url
    )
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip()
    assert secret.startswith("glsk_")
    assert len(secret) > 30
    listed = glossary("keys", "list", database_url=database_url)
    assert "docs-team\teditor" in listed.stdout
    assert secret not in listed.stdout
    duplicate = glossary(
        "keys", "create", "--role", "admin", "--name", "docs-team", database_url=database_url
    )
    assert duplicate.returncode == 2
    assert "exists" in duplicate.stderr


def test_an_unreachable_database_is_a_message_not_a_traceback() -> None:
    result = glossary("db", "upgrade", database_url="postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 2
    assert result.stderr.startswith("glossary: error: database: ")
    assert "Traceback" not in result.stderr
