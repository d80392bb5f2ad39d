"""What to check: files, folders (recursively), globs and ``-`` for standard input.

Inside a git checkout, files that ``.gitignore`` ignores are skipped when a folder or a glob is
expanded (a file named on the command line is always checked, as pre-commit passes them).
"""

from __future__ import annotations

import glob
import os
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.checker.config import Config, glob_matches
from glossary.errors import InvalidInput
from glossary.matching.documents import Format

#: What a folder is searched for by default, and how each kind of file is read.
FORMATS: dict[str, Format] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "plain",
    ".html": "html",
    ".htm": "html",
}
STDIN = "-"
_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__"})


class InputError(InvalidInput):
    """A path to check that does not exist or cannot be read."""

    code = "invalid_input"


class NothingMatched(InputError):
    """Folders or globs that match no file: a CI check that checks nothing must not pass."""

    def __init__(self, arguments: Sequence[str]) -> None:
        named = ", ".join(repr(a) for a in arguments)
        verb = "matches" if len(arguments) == 1 else "match"
        super().__init__(
            f"{named} {verb} no file to check, so nothing would be checked; fix the "
            "pattern, or pass --allow-empty (allow_empty = true in the configuration) "
            "if an empty run should pass"
        )


@dataclass(frozen=True, slots=True)
class Input:
    """One document to check: how it is named in reports, where it is, how to read it."""

    path: str
    file: Path | None
    format: Format
    #: The path relative to the configuration's root, with ``/``: what globs are matched to.
    relative: str


def format_of(name: str, override: Format | None = None) -> Format:
    """The format a file's name implies (plain text when it implies none)."""
    return override or FORMATS.get(Path(name).suffix.lower(), "plain")


def collect(
    arguments: Sequence[str],
    config: Config,
    *,
    cwd: Path,
    format_in: Format | None = None,
    stdin_filename: str | None = None,
    allow_empty: bool = False,
) -> list[Input]:
    """The documents the arguments name, in order and without repeats; an error naming the
    folders and globs that match no file, unless ``allow_empty``."""
    ignored = _GitIgnore(cwd)
    seen: set[str] = set()
    found: list[Input] = []
    unmatched: list[str] = []
    for argument in arguments or ["."]:
        matched = False
        for item in _expand(argument, config, cwd, ignored, format_in, stdin_filename):
            matched = True
            if item.path not in seen:
                seen.add(item.path)
                found.append(item)
        if not matched:
            unmatched.append(argument)
    if unmatched and not allow_empty:
        raise NothingMatched(unmatched)
    return found


def _expand(
    argument: str,
    config: Config,
    cwd: Path,
    ignored: _GitIgnore,
    format_in: Format | None,
    stdin_filename: str | None,
) -> Iterator[Input]:
    if argument == STDIN:
        name = stdin_filename or STDIN
        yield Input(name, None, format_of(name, format_in), _relative(cwd / name, config.root))
        return
    path = cwd / argument
    if path.is_file():
        yield _input(path, cwd, config, format_in)
    elif path.is_dir():
        candidates = ignored.files_under(path) if ignored.active else _walk(path)
        yield from _chosen(candidates, cwd, config, format_in, suffixes=True)
    elif glob.has_magic(argument):
        matches = sorted(Path(m) for m in glob.glob(argument, root_dir=cwd, recursive=True))
        files = [cwd / m for m in matches if (cwd / m).is_file()]
        yield from _chosen(ignored.keep(files), cwd, config, format_in, suffixes=False)
    else:
        raise InputError(f"{argument}: no such file or directory")


def _chosen(
    files: Iterable[Path], cwd: Path, config: Config, format_in: Format | None, *, suffixes: bool
) -> Iterator[Input]:
    """The files a folder or glob yields that the configuration's include and exclude keep."""
    for file in files:
        relative = _relative(file, config.root)
        if config.include:
            if not any(glob_matches(pattern, relative) for pattern in config.include):
                continue
        elif suffixes and file.suffix.lower() not in FORMATS:
            continue
        if any(glob_matches(pattern, relative) for pattern in config.exclude):
            continue
        yield _input(file, cwd, config, format_in)


def _input(file: Path, cwd: Path, config: Config, format_in: Format | None) -> Input:
    return Input(
        _shown(file, cwd), file, format_of(file.name, format_in), _relative(file, config.root)
    )


def _shown(file: Path, cwd: Path) -> str:
    """A path as reports show it: relative to the working folder where it lies inside it."""
    try:
        return file.relative_to(cwd).as_posix()
    except ValueError:
        return file.as_posix()


def _relative(file: Path, root: Path) -> str:
    try:
        return Path(os.path.normpath(file)).relative_to(root.resolve()).as_posix()
    except ValueError:
        try:
            return Path(os.path.normpath(file)).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return Path(os.path.normpath(file)).as_posix()


def _walk(folder: Path) -> Iterator[Path]:
    """Every file under a folder, in name order, skipping version-control and tool folders."""
    for directory, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in _SKIPPED_FOLDERS)
        for name in sorted(files):
            yield Path(directory) / name


class _GitIgnore:
    """Asks git, once per folder or glob, which files ``.gitignore`` leaves in."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.active = _git(["rev-parse", "--is-inside-work-tree"], cwd) == "true\n"

    def files_under(self, folder: Path) -> list[Path]:
        """Tracked files and untracked ones that are not ignored, in name order."""
        listed = _git(
            ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", str(folder)],
            self.cwd,
        )
        names = sorted({name for name in (listed or "").split("\0") if name})
        return [self.cwd / name for name in names if (self.cwd / name).is_file()]

    def keep(self, files: list[Path]) -> list[Path]:
        """The files that are not ignored."""
        if not self.active or not files:
            return files
        done = subprocess.run(
            ["git", "check-ignore", "-z", "--stdin"],
            cwd=self.cwd,
            input="\0".join(str(f) for f in files).encode(),
            capture_output=True,
            check=False,
        )
        ignored = {self.cwd / name for name in done.stdout.decode().split("\0") if name}
        return [f for f in files if f not in ignored]


def _git(arguments: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False
        )
    except OSError:  # no git on this machine: nothing is ignored
        return None
    return done.stdout if done.returncode == 0 else None
