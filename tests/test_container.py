"""The container, without Docker (no engine runs here): the Dockerfile passes hadolint, and the
entry script starts the service with the same commands, answers, and stops on SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import yaml

from tests.cli.test_serve import free_port, wait_ready
from tests.conftest import ROOT


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    assert hadolint.exists(), "hadolint is missing: pip install -e '.[dev]'"
    done = subprocess.run([str(hadolint), "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, "")


def test_the_dockerfile_is_multi_stage_slim_non_root_and_checks_readiness() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = [line for line in text.splitlines() if line.startswith("FROM ")]
    assert len(stages) == 2
    assert all("-slim" in line for line in stages)
    assert "USER 10001" in text
    assert "/readyz" in text.split("HEALTHCHECK", 1)[1]
    assert 'ENTRYPOINT ["glossary-entrypoint"]' in text


def test_compose_runs_postgres_two_replicas_and_a_proxy() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["glossary"]["deploy"]["replicas"] == 2
    assert services["glossary"]["environment"]["GLOSSARY_DATABASE_URL"].startswith("postgresql://")
    assert services["db"]["image"].startswith("postgres")
    assert "nginx" in services["proxy"]["image"]
    assert "proxy_pass http://glossary" in (ROOT / "docker" / "nginx.conf").read_text()


def test_the_entry_script_migrates_serves_with_workers_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "GLOSSARY_DATABASE_URL": f"sqlite:///{tmp_path / 'glossary.db'}",
        "GLOSSARY_SEED_FILE": str(ROOT / "data" / "terms.yaml"),
        "GLOSSARY_HOST": "127.0.0.1",
        "GLOSSARY_PORT": str(port),
        "GLOSSARY_WORKERS": "2",
    }
    assert shutil.which("sh")
    process = subprocess.Popen(
        ["sh", str(ROOT / "docker" / "entrypoint.sh")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process)
        found = httpx.post(f"{base}/v1/check", json={"text": "budgeten"}).json()["findings"]
        assert [f["term"]["id"] for f in found] == ["budget"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, logs = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "migrated the database schema from nothing to" in logs
    assert logs.count("Started server process") == 2  # two workers
