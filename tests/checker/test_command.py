"""`glossary check` in a CI job's first hour: baselines written quietly, patterns that match
nothing, binary files, byte order marks, configuration problems and compact reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.checker.test_ci_check import check, write
from tests.cli.test_serve import served  # noqa: F401  (the live server fixture)
from tests.conftest import SEED, run_cli

BRIEF = "# Brief\n\nVi måste hålla budgeten i år.\n"


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


# ------------------------------------------------------------------- patterns that match nothing


def test_a_pattern_or_folder_that_matches_nothing_fails_and_is_named(tree: Path) -> None:
    (tree / "empty").mkdir()
    result = check("--terms", "terms.yaml", "docs/**/*.mdx", "empty", "docs/brief.md", cwd=tree)
    assert result.returncode == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "'docs/**/*.mdx'" in message
    assert "'empty'" in message
    assert "brief.md" not in message
    assert "--allow-empty" in message


def test_allow_empty_passes_a_run_with_nothing_to_check(tree: Path) -> None:
    flag = check("--terms", "terms.yaml", "--allow-empty", "docs/*.rst", cwd=tree)
    assert (flag.returncode, flag.stderr.strip()) == (0, "no findings in 0 files")
    write(tree / ".glossary.toml", 'terms = "terms.yaml"\nallow_empty = true\n')
    assert check("docs/*.rst", cwd=tree).returncode == 0
    write(tree / ".glossary.toml", 'terms = "terms.yaml"\n')
    assert check("docs/*.rst", cwd=tree).returncode == 2


# ------------------------------------------------------------------------------ binary files


def test_binary_files_are_skipped_with_a_note(tree: Path) -> None:
    (tree / "docs" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00budget budget")
    result = check("--terms", "terms.yaml", "--format", "json", "docs/*", cwd=tree)
    assert result.returncode == 1  # brief.md's finding, not the picture's
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [
        "docs/brief.md",
        "docs/sales.md",
    ]
    assert "docs/logo.png: skipped: binary file (a NUL byte in its first 8000 bytes)" in (
        result.stderr.splitlines()
    )
    # Named alone (as pre-commit passes changed files), it is matched: skipped, not an error.
    alone = check("--terms", "terms.yaml", "docs/logo.png", cwd=tree)
    assert alone.returncode == 0
    assert alone.stdout == ""
    assert alone.stderr.splitlines()[0].startswith("docs/logo.png: skipped: binary file")


def test_text_that_is_not_utf8_is_still_checked(tree: Path) -> None:
    (tree / "docs" / "old.txt").write_bytes("Budgeten är låg.\n".encode("cp1252"))
    result = check("--terms", "terms.yaml", "docs/old.txt", cwd=tree)
    assert result.returncode == 1
    assert "read as Windows-1252" in result.stderr


# --------------------------------------------------------------------------- byte order mark


def test_a_byte_order_mark_does_not_shift_the_first_line(tree: Path) -> None:
    (tree / "docs" / "bom.txt").write_bytes("\ufeffBudgeten är låg.\n".encode())
    text = check("--terms", "terms.yaml", "docs/bom.txt", cwd=tree)
    assert text.stdout.startswith("docs/bom.txt:1:1: warning:")
    data = check("--terms", "terms.yaml", "--format", "json", "docs/bom.txt", cwd=tree)
    (finding,) = json.loads(data.stdout)["files"][0]["findings"]
    # Offsets count characters after the mark, as an editor shows them.
    assert (finding["column"], finding["offset"], finding["text"]) == (1, 0, "Budgeten")


# --------------------------------------------------------------------------------- formats


def test_text_explains_a_term_once_per_file(tree: Path) -> None:
    lines = check("--terms", "terms.yaml", "docs", cwd=tree).stdout.splitlines()
    findings = [line for line in lines if not line.startswith(" ")]
    assert [line.split(" ", 1)[0] for line in findings] == [
        "docs/brief.md:3:16:",
        "docs/sales.md:1:1:",
        "docs/sales.md:1:14:",
    ]
    # Each file's first finding of budget has the meanings and suggestions; the repeat not.
    assert sum(line.startswith("    Sälj:") for line in lines) == 2
    assert sum(line.startswith("    →") for line in lines) == 2
    assert lines[-1].startswith("docs/sales.md:1:14: warning:")


def test_compact_is_one_line_per_finding_with_the_term(tree: Path) -> None:
    result = check("--terms", "terms.yaml", "--format", "compact", "docs/sales.md", cwd=tree)
    assert result.returncode == 1
    message = '"budget" betyder olika saker för Sälj (intäktsbudget) och Marknad (kostnadsbudget).'
    assert result.stdout.splitlines() == [
        f"docs/sales.md:1:1: warning: {message} [budget]",
        f"docs/sales.md:1:14: warning: {message} [budget]",
    ]
    assert result.stderr.strip() == "2 warnings in 1 of 1 file"


# --------------------------------------------------------------------------- configuration


def test_every_configuration_problem_is_reported_with_its_line_and_key(tree: Path) -> None:
    write(
        tree / ".glossary.toml",
        'terms = "terms.yaml"\n'
        "colour = true\n"
        'fail_on = "sometimes"\n'
        "\n"
        "[[paths]]\n"
        'glob = "docs/**"\n'
        "\n"
        "[[paths]]\n"
        "audience = 3\n",
    )
    result = check("docs/brief.md", cwd=tree)
    assert result.returncode == 2
    where = tree / ".glossary.toml"
    lines = result.stderr.splitlines()
    assert lines[0] == f"glossary: error: {where} has 4 problems:"
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [
        f"  {where}:2",
        f"  {where}:3",
        f"  {where}:8",
        f"  {where}:9",
    ]
    assert "unknown key 'colour'" in lines[1]
    assert "fail_on: expected one of warning, info, never, got 'sometimes'" in lines[2]
    assert "paths[1]: glob is missing" in lines[3]
    assert "paths[1].audience: expected a list of strings, got 3" in lines[4]


def test_pyproject_problems_are_placed_in_its_tool_glossary_table(tree: Path) -> None:
    write(
        tree / "pyproject.toml",
        '[project]\nname = "x"\nfail_on = 1\n\n[tool.glossary]\nterms = "terms.yaml"\n'
        'fail_on = "often"\n',
    )
    result = check("docs/brief.md", cwd=tree)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"glossary: error: {tree / 'pyproject.toml'}:7: [tool.glossary] fail_on: expected one "
        "of warning, info, never, got 'often'"
    ]


def test_binary_standard_input_is_skipped_like_a_binary_file(tree: Path) -> None:
    result = run_cli("check", "--terms", "terms.yaml", "-", cwd=tree, stdin="budget\0budget")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.splitlines()[0].startswith("-: skipped: binary file")


def test_through_a_server_binaries_and_byte_order_marks_are_handled_alike(
    tree: Path,
    served: str,  # noqa: F811
) -> None:
    (tree / "docs" / "logo.png").write_bytes(b"\x89PNG\x00budget")
    (tree / "docs" / "bom.txt").write_bytes("\ufeffBudgeten är låg.\n".encode())
    args = ("--format", "json", "docs/logo.png", "docs/bom.txt")
    offline = check("--terms", "terms.yaml", *args, cwd=tree)
    online = check("--server", served, *args, cwd=tree)
    assert json.loads(online.stdout)["files"] == json.loads(offline.stdout)["files"]
    assert json.loads(online.stdout)["files"][0]["findings"][0]["column"] == 1
    assert online.stderr.startswith("docs/logo.png: skipped: binary file")
