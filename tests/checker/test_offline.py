"""`glossary check --terms FILE` as a subprocess: offline, exit codes, text and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED, run_cli


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args, cwd=cwd, stdin=stdin)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "clean.md").write_text("# Plan\n\nVi ses på mötet.\n", encoding="utf-8")
    (tmp_path / "brief.md").write_text(
        "# Brief\n\nInledning.\nVi måste hålla budgeten i år.\n\n```\nbudget = 3\n```\n",
        encoding="utf-8",
    )
    return tmp_path


def test_a_clean_file_exits_0(docs: Path) -> None:
    result = run("--terms", str(SEED), "clean.md", cwd=docs)
    assert (result.returncode, result.stdout) == (0, "")


def test_findings_are_compiler_style_lines_and_exit_1(docs: Path) -> None:
    result = run("--terms", str(SEED), "clean.md", "brief.md", cwd=docs)
    assert result.returncode == 1
    first, *details = result.stdout.splitlines()
    assert first == (
        'brief.md:4:16: warning: "budget" betyder olika saker för Sälj (intäktsbudget) och '
        "Marknad (kostnadsbudget)."
    )
    # Each department's meaning, then what to write instead.
    assert [line.split(":")[0] for line in details[:2]] == ["    Sälj", "    Marknad"]
    assert details[2] == "    → intäktsbudget, kostnadsbudget, säljbudget, marknadsbudget"
    assert result.stderr.strip() == "1 warning in 1 of 2 files"


def test_json_output_lists_files_and_findings(docs: Path) -> None:
    result = run("--terms", str(SEED), "--format", "json", "brief.md", "clean.md", cwd=docs)
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["brief.md", "clean.md"]
    (finding,) = report["files"][0]["findings"]
    assert (finding["text"], finding["line"], finding["kind"]) == ("budgeten", 4, "ambiguous")


def test_standard_input(docs: Path) -> None:
    result = run("--terms", str(SEED), "-", cwd=docs, stdin="The budget is set.")
    assert result.stdout.startswith("-:1:5: warning:")


@pytest.mark.parametrize("missing", ["--terms=nope.yaml", "nope.md"])
def test_missing_files_exit_2_with_a_message(docs: Path, missing: str) -> None:
    args = [missing, "brief.md"] if missing.startswith("--") else ["--terms", str(SEED), missing]
    result = run(*args, cwd=docs)
    assert result.returncode == 2
    assert "nope" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_loads_no_web_or_database_code(docs: Path) -> None:
    code = (
        "import sys; from glossary.cli import run; "
        f"status = run(['check', '--terms', {str(SEED)!r}, 'brief.md']); "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'sqlmodel', 'sqlalchemy', 'uvicorn', 'starlette', 'alembic')); "
        "print(status, heavy, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=docs, capture_output=True, text=True, check=True
    )
    assert result.stderr.splitlines()[-1] == "1 []"


def test_a_word_shared_by_two_terms_is_checked_not_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared.yaml"
    shared.write_text(
        "schema: 1\nlanguages: [en]\ndepartments:\n"
        "  - {id: sales, name: {en: Sales}}\n  - {id: marketing, name: {en: Marketing}}\n"
        "terms:\n"
        "  - id: deal\n    labels: {en: [deal]}\n    meanings:\n"
        "      - {department: sales, definition: {en: A won contract.}}\n"
        "      - {department: marketing, definition: {en: A discount.}}\n"
        "  - id: deal-size\n    labels: {en: [deal]}\n    meanings:\n"
        "      - {department: sales, definition: {en: Contract value.}}\n",
        encoding="utf-8",
    )
    result = run("--terms", str(shared), "--format", "json", "-", cwd=tmp_path, stdin="A big deal.")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["term"]["id"] for f in findings] == ["deal"]


def test_offsets_and_lines_are_those_of_the_file_also_with_crlf(tmp_path: Path) -> None:
    raw = "Rad ett\r\nVår budget 😀\r\noch budgeten.\r\n"
    (tmp_path / "crlf.md").write_bytes(raw.encode("utf-8"))
    result = run("--terms", str(SEED), "--format", "json", "crlf.md", cwd=tmp_path)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["line"], f["column"]) for f in findings] == [(2, 5), (3, 5)]
    assert [raw[f["offset"] : f["offset"] + f["length"]] for f in findings] == [
        "budget",
        "budgeten",
    ]


def test_a_file_that_is_not_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes("Vår budget är klar.".encode("cp1252"))
    result = run("--terms", str(SEED), "old.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "old.txt: warning: not UTF-8" in result.stderr
    assert result.stdout.startswith("old.txt:1:5: warning:")
