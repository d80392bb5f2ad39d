"""Details of the ``glossary`` command a new user meets first: --version, serve's help and a
busy port, keys that refuse a database that is not there."""

from __future__ import annotations

import socket
from importlib.metadata import version
from pathlib import Path

from tests.conftest import run_cli

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
