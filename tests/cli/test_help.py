"""The README's command-line summary says what the real ``--help`` says: the same commands,
each with the same options and the same choices, no more and no fewer."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.conftest import ROOT, run_cli

#: Wide enough that argparse wraps no option's name onto the next line.
HELP_ENV = {"COLUMNS": "200", "NO_COLOR": "1"}
_OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)(?:[ =]([^\s\[\]|]+(?:\|[^\s\[\]|]+)+))?")


@dataclass(frozen=True, slots=True)
class Option:
    """One option as help lists it: its spellings (``-j``, ``--jobs``) and its choices."""

    names: frozenset[str]
    choices: frozenset[str] | None


def _sections(text: str) -> dict[str, list[str]]:
    """The lines under each unindented heading of an argparse help (``options:``, …)."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if re.fullmatch(r"[a-z][\w ]*:", line):
            current = sections.setdefault(line[:-1], [])
        elif line.strip():
            current.append(line)
    return sections


def _subcommands(text: str) -> list[str]:
    """The sub-commands a help lists under its ``COMMAND`` argument."""
    lines = _sections(text).get("positional arguments", [])
    if "  COMMAND" not in lines:
        return []
    names = lines[lines.index("  COMMAND") + 1 :]
    return [m[1] for line in names if (m := re.match(r" {4}([a-z][\w-]*)(?:\s|$)", line))]


def _options(text: str) -> list[Option]:
    """The options a help lists, but ``-h/--help``."""
    found = []
    for line in _sections(text)["options"]:
        if not line.startswith("  -"):
            continue  # an option's help, wrapped onto its own line
        invocation = line.strip().split("  ")[0]
        names, choices = set(), None
        for spelling in invocation.split(", "):
            name, _, metavar = spelling.partition(" ")
            names.add(name)
            if metavar.startswith("{"):
                choices = frozenset(metavar.strip("{}").split(","))
        if names != {"-h", "--help"}:
            found.append(Option(frozenset(names), choices))
    return found


def real_help() -> dict[str, list[Option]]:
    """Every command the real CLI has, leaves only (``db upgrade``, not ``db``), with its
    options; ``""`` is ``glossary`` itself."""
    commands: dict[str, list[Option]] = {}
    pending = [""]
    while pending:
        command = pending.pop(0)
        result = run_cli(*command.split(), "--help", env=HELP_ENV)
        assert result.returncode == 0, result.stderr
        subcommands = _subcommands(result.stdout)
        pending += [f"{command} {name}".strip() for name in subcommands]
        if not subcommands or not command:
            commands[command] = _options(result.stdout)
    return commands


def readme_summary() -> dict[str, dict[str, frozenset[str] | None]]:
    """Each command of the README's summary block with the options it shows (an option's
    ``a|b|c`` value is its choices)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## The command line", 1)[1].split("```", 2)[1]
    entries: list[str] = []
    for line in block.splitlines():
        line = re.sub(r"\s+#.*$", "", line)  # a comment, which may name options in passing
        if line.startswith("glossary"):
            entries += re.split(r"\s+\|\s+(?=glossary )", line)
        elif line.strip():
            entries[-1] += " " + line.strip()
    commands: dict[str, dict[str, frozenset[str] | None]] = {}
    for entry in entries:
        command = re.match(r"glossary((?: [a-z][\w-]*)*)", entry)
        assert command is not None, entry
        options = commands.setdefault(command[1].strip(), {})
        for name, choices in _OPTION.findall(entry[command.end() :]):
            options[name] = frozenset(choices.split("|")) if choices else None
    return commands


@pytest.fixture(scope="module")
def real() -> dict[str, list[Option]]:
    return real_help()


@pytest.fixture(scope="module")
def readme() -> dict[str, dict[str, frozenset[str] | None]]:
    return readme_summary()


def test_the_readme_shows_every_command_and_no_other(
    real: dict[str, list[Option]], readme: dict[str, dict[str, frozenset[str] | None]]
) -> None:
    assert {"check", "keys revoke"} <= real.keys()  # the help was read at all
    assert sorted(readme) == sorted(real)


def test_every_option_of_the_help_is_in_the_readme_with_its_choices(
    real: dict[str, list[Option]], readme: dict[str, dict[str, frozenset[str] | None]]
) -> None:
    missing = []
    for command, options in real.items():
        shown = readme.get(command, {})
        for option in options:
            spelled = option.names & shown.keys()
            if not spelled:
                missing.append(f"glossary {command} {'/'.join(sorted(option.names))}")
            elif option.choices is not None and {shown[n] for n in spelled} != {option.choices}:
                choices = "|".join(sorted(option.choices))
                missing.append(f"glossary {command} {min(spelled)} {choices}")
    assert missing == []


def test_every_option_of_the_readme_is_in_the_help(
    real: dict[str, list[Option]], readme: dict[str, dict[str, frozenset[str] | None]]
) -> None:
    unknown = []
    for command, shown in readme.items():
        options = {name: option for option in real.get(command, []) for name in option.names}
        for name, choices in shown.items():
            if name not in options or (choices is not None and choices != options[name].choices):
                unknown.append(f"glossary {command} {name}")
    assert unknown == []


def test_the_parsers_read_argparse_help_as_it_is_printed() -> None:
    text = (
        "usage: glossary x [-h]\n\npositional arguments:\n  COMMAND\n    a         one\n"
        "    bee-c     two\n\noptions:\n  -h, --help            show this help message and exit\n"
        "  --jobs JOBS, -j JOBS  workers\n  --color {auto,never}\n                        when\n"
        "  --no-fuzzy            no\n"
    )
    assert _subcommands(text) == ["a", "bee-c"]
    assert _options(text) == [
        Option(frozenset({"--jobs", "-j"}), None),
        Option(frozenset({"--color"}), frozenset({"auto", "never"})),
        Option(frozenset({"--no-fuzzy"}), None),
    ]
