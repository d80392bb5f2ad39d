"""Details of the ``glossary`` command a new user meets first: --version, serve's help and a
busy port, keys that refuse a database that is not there."""

from __future__ import annotations

import json
import socket
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from glossary.api import create_app
from glossary.settings import Settings
from tests.cli.test_serve import served  # noqa: F401
from tests.conftest import SEED, SMALL, import_file, run_cli

#: The default of GLOSSARY_DATABASE_URL: a file in the current folder.
DEFAULT_URL = "sqlite:///./glossary.db"


def test_version_is_the_installed_distributions() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"glossary {version('glossary')}"


def test_serve_help_describes_every_option_with_its_default() -> None:
    result = run_cli("serve", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split("options:", 1)[1].split())
    for option, default in (("--host", "127.0.0.1"), ("--port", "8000"), ("--workers", "1")):
        line = text.split(option, 1)[1].split("--", 1)[0]
        assert f"(default: {default})" in line, line


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli(
            "serve",
            "--port",
            str(port),
            cwd=tmp_path,
            env={"GLOSSARY_DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}"},
        )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"glossary: error: port {port} is in use: pass --port N or stop the other server"
    )
    assert not (tmp_path / "g.db").exists()


def test_keys_refuse_a_database_that_does_not_exist(tmp_path: Path) -> None:
    for command in (
        ("keys", "create", "--role", "admin", "--name", "me"),
        ("keys", "list"),
        ("keys", "revoke", "me"),
    ):
        result = run_cli(*command, cwd=tmp_path, env={"GLOSSARY_DATABASE_URL": DEFAULT_URL})
        assert result.returncode == 2, result.stderr
        assert str(tmp_path.resolve() / "glossary.db") in result.stderr
        assert "GLOSSARY_DATABASE_URL" in result.stderr
        assert result.stdout == ""
        assert not (tmp_path / "glossary.db").exists()


def test_a_created_key_names_its_database(tmp_path: Path) -> None:
    env = {"GLOSSARY_DATABASE_URL": DEFAULT_URL}
    assert run_cli("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    created = run_cli("keys", "create", "--role", "admin", "--name", "me", cwd=tmp_path, env=env)
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("glsk_")
    assert str(tmp_path.resolve() / "glossary.db") in created.stderr
    listed = run_cli("keys", "list", cwd=tmp_path, env=env)
    assert listed.stdout.startswith("me\tadmin")


def glossary(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """``glossary`` on this database."""
    return run_cli(*args, env={"GLOSSARY_DATABASE_URL": database_url})


@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_an_export_imports_back_unchanged(database_url: str, tmp_path: Path, fmt: str) -> None:
    # The seed glossary: every term approved, as TBX has no place for a review status.
    assert glossary("import", str(SEED), database_url=database_url).returncode == 0
    terms = len(yaml.safe_load(SEED.read_text(encoding="utf-8"))["terms"])
    before = glossary("export", "--format", "json", database_url=database_url).stdout
    out = tmp_path / f"glossary.{fmt}"
    exported = glossary("export", "--format", fmt, "-o", str(out), database_url=database_url)
    assert exported.returncode == 0, exported.stderr
    again = glossary("import", str(out), database_url=database_url)
    assert again.returncode == 0, again.stderr
    assert f"imported: 0 created, 0 updated, {terms} unchanged" in again.stdout
    assert glossary("export", "--format", "json", database_url=database_url).stdout == before


def test_export_writes_csv_to_standard_output(database_url: str) -> None:
    assert glossary("import", str(SMALL), database_url=database_url).returncode == 0
    exported = glossary("export", "--format", "csv", database_url=database_url)
    assert exported.stdout.startswith(
        "id,status,usage,tags,related,note,ignore,pos,label:sv,label:en,"
    )


TBX_WITHOUT_SUBJECT = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <langSet xml:lang="sv"><tig><term>ordervärde</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>order value</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_a_tbx_file_takes_a_department_and_a_named_format(
    database_url: str, tmp_path: Path
) -> None:
    assert glossary("import", str(SMALL), database_url=database_url).returncode == 0
    termbase = tmp_path / "termbase.xml"  # not .tbx: the format is named
    termbase.write_text(TBX_WITHOUT_SUBJECT, encoding="utf-8")
    asked = glossary("import", "--format", "tbx", str(termbase), database_url=database_url)
    assert asked.returncode == 2
    assert "no department" in asked.stderr
    assert "--department" in asked.stderr
    unknown = glossary(
        "import", "--format", "tbx", "--department", "hr", str(termbase), database_url=database_url
    )
    assert unknown.returncode == 2
    assert "unknown department 'hr'" in unknown.stderr
    done = glossary(
        "import",
        "--format",
        "tbx",
        "--department",
        "sales",
        str(termbase),
        database_url=database_url,
    )
    assert done.returncode == 0, done.stderr
    assert "1 created" in done.stdout
    assert "  created: ordervarde" in done.stdout


# ----------------------------------------------- kinds of findings: include adds, kinds is exact

TEXT = "The budget for smarketing and the MQL count.\n"


def api_kinds(client: TestClient, **body: Any) -> set[tuple[str, str]]:
    """The (term, kind) pairs /v1/check finds in TEXT with these fields."""
    response = client.post("/v1/check", json={"text": TEXT, **body})
    assert response.status_code == 200, response.text
    return {(f["term"]["id"], f["kind"]) for f in response.json()["findings"]}


DEFAULT = {("budget", "ambiguous"), ("smarketing", "deprecated")}


def test_api_include_adds_kinds_and_kinds_names_them_exactly(
    engine: Engine, settings: Settings
) -> None:
    import_file(engine, SEED)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        assert api_kinds(client) == DEFAULT
        assert api_kinds(client, include=["known"]) == {*DEFAULT, ("mql", "known")}
        assert api_kinds(client, kinds=["known"]) == {("mql", "known")}
        assert api_kinds(client, kinds=["ambiguous"], include=["known"]) == {
            ("budget", "ambiguous"),
            ("mql", "known"),
        }
        empty = client.post("/v1/check", json={"text": TEXT, "kinds": []})
        assert empty.status_code == 422
        assert "kinds" in empty.text


def cli_kinds(tmp_path: Path, *args: str, server: str | None = None) -> set[tuple[str, str]]:
    """The (term, kind) pairs ``glossary check --format json`` finds in TEXT, offline or
    through a server."""
    (tmp_path / "text.md").write_text(TEXT, encoding="utf-8")
    source = ("--server", server) if server else ("--terms", str(SEED))
    result = run_cli("check", *source, "--format", "json", *args, "text.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    files = json.loads(result.stdout)["files"]
    return {(f["term"]["id"], f["kind"]) for file in files for f in file["findings"]}


def test_cli_include_adds_kinds_and_kinds_names_them_exactly(tmp_path: Path) -> None:
    assert cli_kinds(tmp_path) == DEFAULT
    assert cli_kinds(tmp_path, "--include", "known") == {*DEFAULT, ("mql", "known")}
    assert cli_kinds(tmp_path, "--kinds", "known") == {("mql", "known")}
    assert cli_kinds(tmp_path, "--kinds", "ambiguous", "--include", "known") == {
        ("budget", "ambiguous"),
        ("mql", "known"),
    }


def test_cli_kinds_through_a_server_are_the_same(
    tmp_path: Path,
    served: str,  # noqa: F811
) -> None:
    assert cli_kinds(tmp_path, server=served) == DEFAULT
    assert cli_kinds(tmp_path, "--include", "known", server=served) == {*DEFAULT, ("mql", "known")}
    assert cli_kinds(tmp_path, "--kinds", "known", server=served) == {("mql", "known")}
