"""Exit statuses as one enum: the CLI's commands return its members and ``check --help`` and
the README say what each means; no class of ours but the app's is named ``Settings``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from glossary import cli
from glossary.checker import command
from glossary.exit import Exit
from tests.conftest import ROOT, SEED, run_cli


def test_statuses_and_what_they_mean() -> None:
    assert [(e.name, int(e)) for e in Exit] == [
        ("OK", 0),
        ("FINDINGS", 1),
        ("ERROR", 2),
        ("INTERRUPTED", 130),
    ]
    # 1 is also named for what it means outside check: the same status, not a new one.
    assert Exit.NOT_FOUND is Exit.FINDINGS
    assert Exit.OUTPUT_CLOSED is Exit.FINDINGS


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["check", "--terms", str(SEED), "clean.md"], Exit.OK),
        (["check", "--terms", str(SEED), "brief.md"], Exit.FINDINGS),
        (["check", "--terms", str(SEED), "--fail-on", "never", "brief.md"], Exit.OK),
        (["lookup", "--terms", str(SEED), "qqqzzz"], Exit.NOT_FOUND),
        (["lookup", "--terms", str(SEED), "budget"], Exit.OK),
        (["check", "--terms", "missing.yaml", "clean.md"], Exit.ERROR),
        (["check", "--terms", str(SEED), "nowhere/*.md"], Exit.ERROR),
    ],
)
def test_commands_return_an_exit_member(
    args: list[str], status: Exit, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.md").write_text("Vi ses på mötet.\n", encoding="utf-8")
    (tmp_path / "brief.md").write_text("Vi måste hålla budgeten i år.\n", encoding="utf-8")
    result = cli.run(args)
    assert type(result) is Exit
    assert result is status


def test_ctrl_c_is_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(_: object) -> Exit:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "run_check", interrupted)
    assert cli.run(["check"]) is Exit.INTERRUPTED


def test_check_help_and_readme_name_the_statuses() -> None:
    help_text = " ".join(run_cli("check", "--help").stdout.split())
    assert (
        f"Exit status: {Exit.OK} nothing at or above --fail-on, {Exit.FINDINGS} findings, "
        f"{Exit.ERROR} usage, configuration or input errors." in help_text
    )
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert (
        f"**Exit status**: {Exit.OK} when nothing is at or above `--fail-on` (`warning` by "
        f"default; `info`, `never`), {Exit.FINDINGS} when something is, {Exit.ERROR} for usage, "
        "configuration or input errors." in readme
    )


def test_only_the_apps_settings_class_is_named_settings() -> None:
    named = []
    for path in sorted((ROOT / "src" / "glossary").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == "Settings":
                named.append(path.relative_to(ROOT / "src").as_posix())
    assert named == ["glossary/settings.py"]
