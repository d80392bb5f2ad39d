"""``.glossary.toml``, or ``[tool.glossary]`` in ``pyproject.toml``, found from a directory upwards.

Every key is checked: an unknown key or a value of the wrong kind is an error that names the
file, the line, the key and what was expected, never silently ignored; all of a file's
problems are reported at once. tomllib gives no positions, so lines are found by reading the
file's text for the key's table and name.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from glossary.errors import InvalidInput

CONFIG_FILE = ".glossary.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "tool.glossary"
FAIL_ON = ("warning", "info", "never")
LANGUAGES = ("auto", "sv", "en")
KINDS = ("ambiguous", "deprecated", "known")
DEFAULT_KINDS = ("ambiguous", "deprecated")


class ConfigError(InvalidInput):
    """A configuration file that cannot be used; the message names the file and key."""

    code = "invalid_config"


@dataclass(frozen=True, slots=True)
class PathRule:
    """Settings for the files a glob matches (``[[tool.glossary.paths]]``)."""

    glob: str
    audience: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Config:
    """What a configuration file says; ``root`` is where its globs and paths start."""

    root: Path
    source: Path | None = None
    terms: Path | None = None
    server: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    audience: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    fail_on: str | None = None
    language: str | None = None
    allow_empty: bool = False
    paths: tuple[PathRule, ...] = field(default=())

    def rules_for(self, relative: str) -> list[PathRule]:
        """The path rules whose glob matches a path relative to ``root``, in file order."""
        return [rule for rule in self.paths if glob_matches(rule.glob, relative)]


def find_config(start: Path) -> Config:
    """The first ``.glossary.toml`` or ``pyproject.toml`` with ``[tool.glossary]`` from
    ``start`` upwards; an empty configuration rooted at ``start`` if there is none."""
    for directory in (start, *start.parents):
        own = directory / CONFIG_FILE
        if own.is_file():
            return load_config(own)
        pyproject = directory / PYPROJECT
        if pyproject.is_file():
            data, text = _read(pyproject)
            section = data.get("tool", {}).get("glossary")
            if section is not None:
                return _parse(section, pyproject, _Lines(text, TOOL_TABLE))
    return Config(root=start)


def load_config(path: Path) -> Config:
    """Read one configuration file (``.glossary.toml`` or a ``pyproject.toml``)."""
    data, text = _read(path)
    if path.name == PYPROJECT:
        section = data.get("tool", {}).get("glossary")
        if section is None:
            raise ConfigError(f"{path}: no [tool.glossary] table")
        return _parse(section, path, _Lines(text, TOOL_TABLE))
    return _parse(data, path, _Lines(text, ""))


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _parse(data: Any, path: Path, lines: _Lines) -> Config:
    table = f"[{lines.table}] " if lines.table else ""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: {table}expected a table")
    problems = _Problems(path, lines)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            problems.add(_unknown(f"{table}", key, _KEYS), key)
            continue
        try:
            values[key] = _KEYS[key](value, f"{table}{key}")
        except ConfigError as error:
            problems.add(error.message, key)
    rules = [
        _path_rule(item, f"{table}paths[{i}]", problems, i)
        for i, item in enumerate(values.pop("paths", ()))
    ]
    if "terms" in data and "server" in data:
        problems.add(f"{table}give either terms or server, not both", "server")
    problems.raise_any()
    root = path.parent
    terms = values.pop("terms", None)
    return Config(
        root=root,
        source=path,
        terms=(root / terms) if terms else None,
        paths=tuple(rule for rule in rules if rule is not None),
        **values,
    )


def _unknown(where: str, key: str, keys: Mapping[str, Any]) -> str:
    return f"{where}unknown key {key!r} (expected one of: {', '.join(sorted(keys))})"


class _Problems:
    """A configuration file's problems, each placed on its line; raised together."""

    def __init__(self, path: Path, lines: _Lines) -> None:
        self.path, self.lines = path, lines
        self.found: list[tuple[int | None, str]] = []

    def add(self, message: str, key: str | None, rule: int | None = None) -> None:
        """One problem, at the line of ``key`` (in the ``rule``-th path rule, if given)."""
        self.found.append((self.lines.line(key, rule), message))

    def raise_any(self) -> None:
        """A ConfigError listing every problem by ``file:line:``, in line order, if any."""
        if not self.found:
            return
        shown = [
            f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"
            for line, message in sorted(self.found, key=lambda p: (p[0] is None, p[0] or 0))
        ]
        if len(shown) == 1:
            raise ConfigError(shown[0])
        raise ConfigError("\n  ".join([f"{self.path} has {len(shown)} problems:", *shown]))


_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"""\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[=.]""")


class _Lines:
    """Where each table and key starts in a TOML file's text (tomllib gives no positions)."""

    def __init__(self, text: str, table: str) -> None:
        self.table = table
        self.starts: dict[tuple[str, int | None, str | None], int] = {}
        section, index = "", None
        counts: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), 1):
            header = _HEADER.match(line)
            if header:
                section, index = header[2], None
                if header[1] == "[[":
                    index = counts[section] = counts.get(section, -1) + 1
                self.starts.setdefault((section, index, None), number)
            elif key := _KEY_LINE.match(line):
                self.starts.setdefault((section, index, key[1] or key[2] or key[3]), number)

    def line(self, key: str | None, rule: int | None = None) -> int | None:
        """The line of a key of the table, or of the ``rule``-th path rule (its header if the
        key is absent); None where the text does not show it."""
        if rule is None:
            return self.starts.get((self.table, None, key))
        rules = f"{self.table}.paths" if self.table else "paths"
        return (
            self.starts.get((rules, rule, key))
            or self.starts.get((rules, rule, None))
            or self.starts.get((self.table, None, "paths"))
        )


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: expected a non-empty string, got {value!r}")
    return value


def server_url(value: Any, where: str) -> str:
    """An http(s) URL without a trailing slash, or an error that names ``where``."""
    url = _string(value, where)
    if not re.match(r"https?://[^\s/]+", url):
        raise ConfigError(f"{where}: expected an http:// or https:// URL, got {url!r}")
    return url.rstrip("/")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _lower_strings(value: Any, where: str) -> tuple[str, ...]:
    return tuple(item.lower() for item in _strings(value, where))


def _choice(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    def check(value: Any, where: str) -> str:
        if value not in choices:
            raise ConfigError(f"{where}: expected one of {', '.join(choices)}, got {value!r}")
        return str(value)

    return check


def _kinds(value: Any, where: str) -> tuple[str, ...]:
    kinds = _lower_strings(value, where)
    for kind in kinds:
        if kind not in KINDS:
            raise ConfigError(f"{where}: expected kinds among {', '.join(KINDS)}, got {kind!r}")
    return kinds


def _boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


def _paths(value: Any, where: str) -> tuple[Any, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected an array of tables ([[tool.glossary.paths]])")
    return tuple(value)


def _path_rule(item: Any, where: str, problems: _Problems, index: int) -> PathRule | None:
    """One ``[[paths]]`` rule, or None when it has problems (added to ``problems``)."""
    if not isinstance(item, dict):
        problems.add(f"{where}: expected a table with glob (and audience, ignore)", None, index)
        return None
    count = len(problems.found)
    for key in item:
        if key not in _RULE_KEYS:
            problems.add(_unknown(f"{where}: ", key, _RULE_KEYS), key, index)
    if "glob" not in item:
        problems.add(f"{where}: glob is missing", None, index)
    fields: dict[str, Any] = {}
    for key, convert in _RULE_KEYS.items():
        if key in item:
            try:
                fields[key] = convert(item[key], f"{where}.{key}")
            except ConfigError as error:
                problems.add(error.message, key, index)
    return PathRule(**fields) if len(problems.found) == count else None


_KEYS: dict[str, Callable[[Any, str], Any]] = {
    "terms": _string,
    "server": server_url,
    "include": _strings,
    "exclude": _strings,
    "ignore": _lower_strings,
    "audience": _lower_strings,
    "kinds": _kinds,
    "fail_on": _choice(FAIL_ON),
    "language": _choice(LANGUAGES),
    "allow_empty": _boolean,
    "paths": _paths,
}
_RULE_KEYS: dict[str, Callable[[Any, str], Any]] = {
    "glob": _string,
    "audience": _lower_strings,
    "ignore": _lower_strings,
}


def glob_matches(pattern: str, relative: str) -> bool:
    """Whether a path (relative, with ``/``) matches a glob: ``*`` within a folder, ``**``
    across folders; a pattern without ``/`` matches a file name in any folder."""
    if "/" not in pattern.rstrip("/"):
        name = relative.rsplit("/", 1)[-1]
        return _glob_regex(pattern).fullmatch(name) is not None or (
            _glob_regex(pattern).fullmatch(relative) is not None
        )
    return _glob_regex(pattern.lstrip("/")).fullmatch(relative) is not None


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("/"):
        pattern += "**"
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))
