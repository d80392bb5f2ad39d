"""``.glossary.toml``, or ``[tool.glossary]`` in ``pyproject.toml``, found from a directory upwards.

Every key is checked: an unknown key or a value of the wrong kind is an error that names the
file, the key and what was expected, never silently ignored.
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
            section = _read(pyproject).get("tool", {}).get("glossary")
            if section is not None:
                return _parse(section, pyproject, "[tool.glossary]")
    return Config(root=start)


def load_config(path: Path) -> Config:
    """Read one configuration file (``.glossary.toml`` or a ``pyproject.toml``)."""
    data = _read(path)
    if path.name == PYPROJECT:
        section = data.get("tool", {}).get("glossary")
        if section is None:
            raise ConfigError(f"{path}: no [tool.glossary] table")
        return _parse(section, path, "[tool.glossary]")
    return _parse(data, path, "")


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _parse(data: Any, path: Path, table: str) -> Config:
    where = f"{path}: {table + ' ' if table else ''}"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}expected a table")
    _known(data, _KEYS, where)
    values = {key: _KEYS[key](data[key], f"{where}{key}") for key in data}
    root = path.parent
    terms = values.pop("terms", None)
    rules = tuple(
        _path_rule(item, f"{where}paths[{i}]") for i, item in enumerate(data.get("paths", []))
    )
    values.pop("paths", None)
    if "terms" in data and "server" in data:
        raise ConfigError(f"{where}give either terms or server, not both")
    return Config(
        root=root,
        source=path,
        terms=(root / terms) if terms else None,
        paths=rules,
        **values,
    )


def _known(data: Mapping[str, Any], keys: Mapping[str, Any], where: str) -> None:
    for key in data:
        if key not in keys:
            expected = ", ".join(sorted(keys))
            raise ConfigError(f"{where}unknown key {key!r} (expected one of: {expected})")


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


def _path_rule(item: Any, where: str) -> PathRule:
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a table with glob (and audience, ignore)")
    _known(item, _RULE_KEYS, f"{where}: ")
    if "glob" not in item:
        raise ConfigError(f"{where}: glob is missing")
    return PathRule(
        glob=_string(item["glob"], f"{where}.glob"),
        audience=_lower_strings(item["audience"], f"{where}.audience")
        if "audience" in item
        else None,
        ignore=_lower_strings(item.get("ignore", []), f"{where}.ignore"),
    )


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
_RULE_KEYS = {"glob": None, "audience": None, "ignore": None}


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
