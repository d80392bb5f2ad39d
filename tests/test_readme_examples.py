"""The README's examples run as written: every ```sh block that talks to the API is run with
bash against a live ``glossary serve`` of the seed glossary, and every curl in it answers 2xx."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.cli.test_serve import live_server
from tests.conftest import ROOT

README_HOST = "http://127.0.0.1:8000"
#: Every curl the blocks run is curl -f (4xx and 5xx fail), its exit status and arguments logged.
CURL = 'curl() { command curl -f "$@"; local rc=$?; echo "$rc $*" >> "$CURL_LOG"; return $rc; }'


def api_blocks() -> list[str]:
    """The README's ```sh blocks that call the API or make its keys."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    return [b for b in blocks if "curl " in b or "glossary keys" in b]


def test_the_readme_has_api_examples() -> None:
    blocks = api_blocks()
    assert len(blocks) >= 2
    assert any("-X PUT" in b for b in blocks)


def test_every_api_example_in_the_readme_runs_as_written(tmp_path: Path) -> None:
    # A folder like a checkout after ./dev: the venv, the seed glossary and the docs.
    for name in ("data", "docs"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parents[1])
    log = tmp_path / "curl.log"
    database = f"sqlite:///{tmp_path / 'glossary.db'}"
    with live_server(GLOSSARY_DATABASE_URL=database) as base:
        for block in api_blocks():
            log.write_text("")
            script = f"{CURL}\n{block.replace(README_HOST, base)}"
            result = subprocess.run(
                ["bash", "-c", script],
                cwd=tmp_path,
                env={**os.environ, "GLOSSARY_DATABASE_URL": database, "CURL_LOG": str(log)},
                capture_output=True,
                text=True,
                timeout=120,
            )
            calls = log.read_text().splitlines()
            assert len(calls) == block.count("curl "), (block, calls, result.stderr)
            failed = [call for call in calls if not call.startswith("0 ")]
            assert not failed, (block, failed, result.stdout[-2000:], result.stderr[-2000:])
        budget = httpx.get(f"{base}/v1/terms/budget")
    assert (budget.headers["etag"], "planning" in budget.json()["tags"]) == ('"2"', True)
