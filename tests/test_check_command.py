"""`glossary check` in a CI job's first hour: baselines written quietly, patterns that match
nothing, binary files, byte order marks, configuration problems and compact reports."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEED, run_cli

BRIEF = "# Brief\n\nVi måste hålla budgeten i år.\n"


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = run_cli("check", *args, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Two documents with findings and the seed glossary."""
    write(tmp_path / "docs" / "brief.md", BRIEF)
    write(tmp_path / "docs" / "sales.md", "Budgeten och budgeten.\n")
    shutil.copy(SEED, tmp_path / "terms.yaml")
    return tmp_path


# -------------------------------------------------------------------------------- baseline


def test_writing_a_baseline_prints_one_line_not_the_findings(tree: Path) -> None:
    result = check("--terms", "terms.yaml", "--write-baseline", "base.json", "docs", cwd=tree)
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["wrote 3 findings to base.json"]
    assert len(json.loads((tree / "base.json").read_text())["findings"]) == 2  # one counted twice
