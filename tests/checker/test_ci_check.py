"""`glossary check` as a CI check, run as the real command on fixture trees: inputs, exit codes,
every report format, configuration, baselines, .gitignore, a live server and parallel runs."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.cli.test_serve import served  # noqa: F401  (the live server fixture)
from tests.conftest import ROOT, SEED, outside_fixture, run_cli

BRIEF = "# Brief\n\nVi måste hålla budgeten i år.\n\n```\nbudget = 3\n```\n\nSe `budget` i koden.\n"


def check(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = run_cli("check", *args, cwd=cwd, **kwargs)  # type: ignore[arg-type]
    assert "Traceback" not in result.stderr, result.stderr
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A docs tree: Markdown, HTML and text files, one in a sales folder, and a picture."""
    write(tmp_path / "docs" / "clean.md", "# Plan\n\nVi ses på mötet.\n")
    write(tmp_path / "docs" / "brief.md", BRIEF)
    write(tmp_path / "docs" / "sales" / "note.md", "Budgeten för Q3 är satt.\n")
    write(tmp_path / "docs" / "page.html", "<p>Vår budget</p><pre>budget</pre>")
    write(tmp_path / "docs" / "notes.txt", "The pipeline is full.\n")
    (tmp_path / "docs" / "logo.png").write_bytes(b"\x89PNG budget")
    shutil.copy(SEED, tmp_path / "terms.yaml")
    return tmp_path


def report(result: subprocess.CompletedProcess[str]) -> dict[str, list[dict[str, object]]]:
    data = json.loads(result.stdout)
    return {entry["path"]: entry["findings"] for entry in data["files"]}


# --------------------------------------------------------------------------------- inputs


def test_a_folder_is_checked_recursively_for_documents(tree: Path) -> None:
    result = check("--terms", "terms.yaml", "--format", "json", "docs", cwd=tree)
    files = report(result)
    assert sorted(files) == [
        "docs/brief.md",
        "docs/clean.md",
        "docs/notes.txt",
        "docs/page.html",
        "docs/sales/note.md",
    ]
    # Code blocks, inline code and <pre> do not count: one finding per document.
    assert [f["text"] for f in files["docs/brief.md"]] == ["budgeten"]
    assert [f["text"] for f in files["docs/page.html"]] == ["budget"]
    assert [f["text"] for f in files["docs/notes.txt"]] == ["pipeline"]


def test_globs_and_files_can_be_mixed_without_repeats(tree: Path) -> None:
    result = check(
        "--terms", "terms.yaml", "--format", "json", "docs/**/*.md", "docs/brief.md", cwd=tree
    )
    assert list(report(result)) == ["docs/brief.md", "docs/clean.md", "docs/sales/note.md"]


def test_standard_input_is_named_and_read_by_the_name_s_format(tree: Path) -> None:
    text = "Se `budget`: budgeten.\n"
    named = check("--terms", "terms.yaml", "--stdin-filename", "x.md", "-", cwd=tree, stdin=text)
    assert named.stdout.startswith("x.md:1:14: warning:")  # inline code skipped: Markdown
    plain = check("--terms", "terms.yaml", "--format-in", "plain", "-", cwd=tree, stdin=text)
    assert plain.stdout.startswith("-:1:5: warning:")  # read as plain text, the code counts


def test_files_that_gitignore_ignores_are_skipped_in_a_checkout(tree: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tree, check=True)
    write(tree / ".gitignore", "build/\n")
    write(tree / "docs" / "build" / "out.md", "Budgeten.\n")
    folder = check("--terms", "terms.yaml", "--format", "json", "docs", cwd=tree)
    assert "docs/build/out.md" not in report(folder)
    assert "docs/brief.md" in report(folder)
    globbed = check("--terms", "terms.yaml", "--format", "json", "docs/**/*.md", cwd=tree)
    assert "docs/build/out.md" not in report(globbed)
    named = check("--terms", "terms.yaml", "docs/build/out.md", cwd=tree)
    assert named.returncode == 1  # a file named on the command line is checked


# ----------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["docs/clean.md"], 0),
        (["docs/brief.md"], 1),
        (["--fail-on", "never", "docs/brief.md"], 0),
        # For sales alone, budget has one meaning: a note, not a warning.
        (["--audience", "sales", "--include", "ambiguous,known", "docs/brief.md"], 0),
        (["--audience", "sales", "--include", "known", "--fail-on", "info", "docs/brief.md"], 1),
        (["docs/missing.md"], 2),
        (["--format", "xml", "docs/brief.md"], 2),
    ],
)
def test_exit_codes(tree: Path, args: list[str], status: int) -> None:
    assert check("--terms", "terms.yaml", *args, cwd=tree).returncode == status


def test_a_missing_glossary_is_an_error_that_names_it(tree: Path) -> None:
    result = check("brief.md", cwd=tree / "docs")  # no config, no data/terms.yaml here
    assert result.returncode == 2
    assert "data/terms.yaml" in result.stderr


def test_an_invalid_glossary_lists_its_problems_by_line(tree: Path) -> None:
    write(tree / "bad.yaml", "schema: 1\nlanguages: [sv]\ndepartments: []\nterms:\n  - id: X\n")
    result = check("--terms", "bad.yaml", "docs/brief.md", cwd=tree)
    assert result.returncode == 2
    assert "bad.yaml has 3 problems; nothing was checked" in result.stderr
    assert "line 5" in result.stderr


# -------------------------------------------------------------------------------- formats


def test_text_is_coloured_on_a_terminal_unless_no_color(tree: Path) -> None:
    def on_terminal(env: dict[str, str]) -> str:
        leader, follower = pty.openpty()
        subprocess.run(
            [sys.executable, "-m", "glossary", "check", "--terms", "terms.yaml", "docs/brief.md"],
            cwd=tree,
            stdout=follower,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **env},
            check=False,
        )
        os.close(follower)
        output = os.read(leader, 65536).decode()
        os.close(leader)
        return output

    assert "\x1b[33mwarning\x1b[0m" in on_terminal({})
    assert "\x1b[" not in on_terminal({"NO_COLOR": "1"})
    piped = check("--terms", "terms.yaml", "docs/brief.md", cwd=tree)
    assert "\x1b[" not in piped.stdout


def test_sarif_validates_against_the_official_schema(tree: Path) -> None:
    result = check("--terms", "terms.yaml", "--format", "sarif", "docs", cwd=tree)
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    schema = json.loads(
        outside_fixture("sarif/sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft4Validator(schema).validate(sarif)
    (run,) = sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {"glossary/ambiguous/budget", "glossary/ambiguous/pipeline"} <= set(rules)
    assert "Sälj" in rules["glossary/ambiguous/budget"]["help"]["markdown"]
    brief = next(
        r
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/brief.md"
    )
    region = brief["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 16, 24)
    assert run["tool"]["driver"]["rules"][brief["ruleIndex"]]["id"] == brief["ruleId"]
    assert len(brief["partialFingerprints"]["glossaryLine/v1"]) == 16


def test_sarif_fingerprints_survive_edits_elsewhere(tree: Path) -> None:
    def fingerprints() -> list[str]:
        result = check("--terms", "terms.yaml", "--format", "sarif", "docs/brief.md", cwd=tree)
        results = json.loads(result.stdout)["runs"][0]["results"]
        return [r["partialFingerprints"]["glossaryLine/v1"] for r in results]

    before = fingerprints()
    write(tree / "docs" / "brief.md", "Ny inledning.\n\n" + BRIEF)
    assert fingerprints() == before


def test_github_annotations_and_the_full_list_in_the_step_summary(tree: Path) -> None:
    many = "\n\n".join(f"Stycke {i}: budgeten och leadsen." for i in range(8))
    write(tree / "docs" / "long.md", many)
    summary = tree / "summary.md"
    result = check(
        "--terms",
        "terms.yaml",
        "--format",
        "github",
        "docs/long.md",
        "docs/brief.md",
        cwd=tree,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert len(annotations) == 17
    assert annotations[-1].startswith(
        "::warning file=docs/brief.md,line=3,col=16,endLine=3,endColumn=24,"
        "title=glossary%3A budget (ambiguous)::"
    )
    assert "%0ASälj: " in annotations[-1]  # the meanings, on lines of their own
    table = [line for line in summary.read_text(encoding="utf-8").splitlines() if line[:2] == "| "]
    assert len(table) == 1 + 17  # header + every finding, beyond GitHub's 10 annotations


def test_rdjsonl_counts_columns_in_utf8_bytes_as_reviewdog_does(tree: Path) -> None:
    result = check("--terms", "terms.yaml", "--format", "rdjsonl", "docs/brief.md", cwd=tree)
    (diagnostic,) = [json.loads(line) for line in result.stdout.splitlines()]
    # "Vi måste hålla " holds two two-byte letters: code-point column 16 is byte column 18.
    assert diagnostic["location"]["range"] == {
        "start": {"line": 3, "column": 18},
        "end": {"line": 3, "column": 26},
    }
    assert diagnostic["severity"] == "WARNING"
    assert diagnostic["code"]["value"] == "glossary/ambiguous/budget"
    assert {s["text"] for s in diagnostic["suggestions"]} >= {"intäktsbudget", "kostnadsbudget"}


# -------------------------------------------------------------------------------- baseline


def test_a_baseline_passes_old_findings_and_fails_new_ones(tree: Path) -> None:
    args = ("--terms", "terms.yaml", "docs")
    written = check(*args, "--write-baseline", "baseline.json", cwd=tree)
    assert written.returncode == 0
    assert "wrote 4 findings to baseline.json" in written.stderr
    assert check(*args, "--baseline", "baseline.json", cwd=tree).returncode == 0
    # An unrelated edit above moves the old finding down: still excused.
    write(tree / "docs" / "brief.md", "Ny inledning.\n\nMer text.\n" + BRIEF)
    again = check(*args, "--baseline", "baseline.json", cwd=tree)
    assert (again.returncode, again.stdout) == (0, "")
    assert "(4 in the baseline)" in again.stderr
    # A new finding fails, and only it is reported.
    write(tree / "docs" / "brief.md", "Ny inledning.\n\nLeadsen kom.\n" + BRIEF)
    new = check(*args, "--baseline", "baseline.json", cwd=tree)
    assert new.returncode == 1
    assert [line for line in new.stdout.splitlines() if not line.startswith(" ")] == [
        'docs/brief.md:3:1: warning: "lead" betyder olika saker för Marknad (inkommen kontakt) '
        "och Sälj (säljlead)."
    ]


def test_a_broken_baseline_is_an_input_error(tree: Path) -> None:
    write(tree / "baseline.json", "{not json")
    result = check("--terms", "terms.yaml", "--baseline", "baseline.json", "docs", cwd=tree)
    assert result.returncode == 2
    assert "baseline.json" in result.stderr


# --------------------------------------------------------------------------- configuration


def test_configuration_is_found_from_a_subfolder(tree: Path) -> None:
    write(
        tree / ".glossary.toml",
        'terms = "terms.yaml"\nexclude = ["docs/drafts/**"]\nignore = ["pipeline"]\n\n'
        '[[paths]]\nglob = "docs/sales/**"\naudience = ["sales"]\n',
    )
    write(tree / "docs" / "drafts" / "wip.md", "Budgeten.\n")
    result = check("--format", "json", ".", cwd=tree / "docs")
    files = report(result)
    assert "drafts/wip.md" not in files  # excluded
    assert files["sales/note.md"] == []  # written for sales: budget has one meaning there
    assert files["notes.txt"] == []  # pipeline is ignored
    assert [f["text"] for f in files["brief.md"]] == ["budgeten"]


def test_pyproject_tool_glossary_is_read(tree: Path) -> None:
    write(tree / "pyproject.toml", '[tool.glossary]\nterms = "terms.yaml"\nfail_on = "never"\n')
    result = check("docs/brief.md", cwd=tree)
    assert result.returncode == 0  # fail_on = "never", yet the finding is reported
    assert result.stdout.startswith("docs/brief.md:3:16: warning:")


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ('terms = "terms.yaml"\ncolour = true\n', "unknown key 'colour'"),
        ('terms = "terms.yaml"\nfail_on = "sometimes"\n', "fail_on: expected one of"),
        ('terms = "terms.yaml"\n[[paths]]\naudience = ["sales"]\n', "paths[0]: glob is missing"),
        ("terms = [\n", "not valid TOML"),
    ],
)
def test_a_bad_configuration_is_an_error_that_names_the_key(
    tree: Path, config: str, named: str
) -> None:
    write(tree / ".glossary.toml", config)
    result = check("docs/brief.md", cwd=tree)
    assert result.returncode == 2
    assert ".glossary.toml" in result.stderr
    assert named in result.stderr


# ---------------------------------------------------------------------------------- server


def test_the_server_gives_the_same_findings_as_the_file(tree: Path, served: str) -> None:  # noqa: F811
    offline = report(check("--terms", "terms.yaml", "--format", "json", "docs", cwd=tree))
    online = report(check("--server", served, "--format", "json", "docs", cwd=tree))
    assert online == offline
    looked_up = run_cli("lookup", "budget", "--server", served, cwd=tree)
    assert looked_up.stdout.startswith("budget  [budget, ambiguous]")


def test_an_unreachable_server_is_an_error(tree: Path) -> None:
    result = check("--server", "http://127.0.0.1:9", "docs/brief.md", cwd=tree)
    assert result.returncode == 2
    assert "cannot reach http://127.0.0.1:9" in result.stderr
    not_a_url = check("--server", "glossary.example.com", "docs/brief.md", cwd=tree)
    assert (not_a_url.returncode, not_a_url.stderr.strip()) == (
        2,
        "glossary: error: --server: expected an http:// or https:// URL, got "
        "'glossary.example.com'",
    )


# ------------------------------------------------------------------------- large runs, lookup


def test_a_thousand_files_are_checked_in_parallel_with_the_same_findings(tmp_path: Path) -> None:
    for i in range(1000):
        text = f"Dokument {i}.\n\n" + ("Budgeten och leadsen.\n" if i % 3 == 0 else "Inget.\n") * 40
        write(tmp_path / "many" / f"{i:04}.md", text)
    args = ("--terms", str(SEED), "--format", "json", "many")
    serial = check(*args, "--jobs", "1", cwd=tmp_path)
    parallel = check(*args, "--jobs", "2", cwd=tmp_path)
    assert parallel.stdout == serial.stdout
    data = json.loads(parallel.stdout)
    assert data["summary"]["files"] == 1000
    assert data["summary"]["warnings"] == 334 * 80


def test_a_progress_line_on_a_terminal(tree: Path) -> None:
    for i in range(25):
        write(tree / "many" / f"{i}.md", "Budgeten.\n")
    leader, follower = pty.openpty()
    subprocess.run(
        [sys.executable, "-m", "glossary", "check", "--terms", "terms.yaml", "many"],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        check=False,
    )
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert "checked 25/25 files" in shown


def test_lookup_shows_the_meanings_side_by_side_and_forgives_typos(tree: Path) -> None:
    result = run_cli("lookup", "budegt", "--terms", "terms.yaml", cwd=tree)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("budget  [budget, ambiguous]")
    assert lines[1].split("│")[0].strip() == "Sälj"
    assert lines[1].split("│")[1].strip() == "Marknad"
    assert any("→ intäktsbudget" in line and "→ kostnadsbudget" in line for line in lines)
    missing = run_cli("lookup", "xyzzy", "--terms", "terms.yaml", cwd=tree)
    assert (missing.returncode, missing.stderr.strip()) == (1, "no term matches 'xyzzy'")


# -------------------------------------------------------------------- what users wire in


def test_the_pre_commit_hook_runs_glossary_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "glossary-check"]
    assert hook["entry"] == "glossary check"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "html", "text"}


def test_the_github_action_has_the_documented_inputs() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "terms", "server", "format", "fail-on", "baseline", "upload-sarif"} <= set(
        action["inputs"]
    )
    script = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "glossary check" in script
    (upload,) = [s for s in action["runs"]["steps"] if "upload-sarif" in s.get("uses", "")]
    assert "upload-sarif" in upload["if"]


def test_the_readme_workflow_is_valid_yaml_that_uses_the_action() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it in CI", 1)[1]
    workflow = section.split("```yaml", 1)[1].split("```", 1)[0]
    steps = yaml.safe_load(workflow)["jobs"]["glossary"]["steps"]
    assert any("glossary" in str(step.get("uses", "")) for step in steps)
    config = readme.split("```toml", 1)[1].split("```", 1)[0]
    assert "glossary" in tomllib.loads(config)["tool"]
