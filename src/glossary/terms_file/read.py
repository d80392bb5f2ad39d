"""Glossary file text (YAML or JSON) → plain data and the line of every path in it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from glossary.errors import Problem

# libyaml's parser when PyYAML was built with it: several times faster than pure Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Exactly the characters YAML accepts; checked up front because the reader's error has no line.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# JSON escapes YAML cannot read: surrogate pairs (and lone surrogates). Escaped backslashes
# are matched too, so that `\\ud800` (a backslash, then text) is left alone.
_SURROGATE_ESCAPES = re.compile(
    r"\\\\|\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|\\u(d[89a-f][0-9a-f]{2})",
    re.IGNORECASE,
)
# Aliases may at most double the document; more is a "billion laughs" bomb.
_ALIAS_ALLOWANCE = 10_000


class Unreadable(Exception):
    """The text cannot be read at all (encoding or syntax); nothing else can be checked."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Tree:
    """Plain data read from a file, with the 1-based line of each path in it."""

    data: object
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def decode(text: str | bytes) -> str:
    """The text without a byte order mark; bytes that are not UTF-8 are unreadable."""
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = text.count(b"\n", 0, exc.start) + 1
        message = f"not valid UTF-8: byte 0x{text[exc.start]:02x} cannot be decoded"
        raise Unreadable(Problem("", message, line)) from None


def read_yaml(text: str) -> Tree:
    """YAML text as plain data with the line of every path."""
    bad = _NOT_YAML.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise Unreadable(Problem("", f"invalid character U+{ord(bad[0]):04X}", line))
    try:
        return _build(text)
    except yaml.YAMLError as exc:
        raise Unreadable(_yaml_problem(exc)) from None
    except RecursionError:
        raise Unreadable(Problem("", "the file is nested too deeply")) from None


def _build(text: str) -> Tree:
    loader = _LOADER(text)
    try:
        return _Builder(loader).document()
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.YAMLError) -> Problem:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem("", f"invalid YAML: {exc}")
    mark = exc.problem_mark or exc.context_mark
    reason = ", ".join(part for part in (exc.context, exc.problem) if part)
    return Problem("", f"invalid YAML: {reason}", mark.line + 1 if mark else None)


def read_json(text: str) -> Tree:
    """JSON text as plain data with the line of every path."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(Problem("", f"invalid JSON: {exc.msg}", exc.lineno)) from None
    except RecursionError:
        raise Unreadable(Problem("", "invalid JSON: nested too deeply")) from None
    tree = _json_lines(text)
    return Tree(data, tree.lines, tree.problems)


def _json_lines(text: str) -> Tree:
    """Lines (and duplicate keys) of valid JSON, found by reading it as YAML; none if that fails."""
    # Valid JSON has tabs only between tokens, and escapes YAML knows except surrogate pairs.
    yaml_text = _SURROGATE_ESCAPES.sub(_yaml_escape, text.replace("\t", " "))
    try:
        return read_yaml(yaml_text)
    except Unreadable:
        return Tree(None)


def _yaml_escape(match: re.Match[str]) -> str:
    high, low, lone = match.groups()
    if high:
        code = 0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00
        return f"\\U{code:08X}"
    return "\\uFFFD" if lone else match[0]


class _Builder:
    """Builds plain data from YAML parser events, recording the line of every path.

    Events rather than ``yaml.compose``: PyYAML's node tree takes several times longer.
    """

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._anchors: dict[str, tuple[object, int]] = {}
        self._built = 0
        self._expanded = 0  # values built plus values repeated by aliases

    def document(self) -> Tree:
        self.loader.get_event()
        if self.loader.check_event(yaml.StreamEndEvent):
            raise Unreadable(Problem("", "the file is empty", 1))
        self.loader.get_event()
        data = self.value("")
        self.loader.get_event()
        if not self.loader.check_event(yaml.StreamEndEvent):
            line = _line(self.loader.peek_event())
            raise Unreadable(Problem("", "invalid YAML: expected a single document", line))
        return Tree(data, self.lines, self.problems)

    def value(self, path: str) -> object:
        event = self.loader.get_event()
        self.lines.setdefault(path, _line(event))
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event, path)
        before = self._expanded
        self._built += 1
        self._expanded += 1
        if isinstance(event, yaml.MappingStartEvent):
            value: object = self._mapping(path)
        elif isinstance(event, yaml.SequenceStartEvent):
            value = self._sequence(path)
        else:
            value = _scalar(event)
        if event.anchor:
            self._anchors[event.anchor] = (value, self._expanded - before)
        return value

    def _alias(self, event: yaml.AliasEvent, path: str) -> object:
        if event.anchor not in self._anchors:
            message = f"invalid YAML: undefined alias '{event.anchor}'"
            raise Unreadable(Problem(path, message, _line(event)))
        value, size = self._anchors[event.anchor]
        self._expanded += size
        if self._expanded > 2 * self._built + _ALIAS_ALLOWANCE:
            raise Unreadable(Problem(path, "aliases expand to too much data", _line(event)))
        return value

    def _mapping(self, path: str) -> dict[str, object]:
        result: dict[str, object] = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            key = self._key(path, result)
            if key is None:
                self._skip()
            else:
                result[key] = self.value(join(path, key))
        self.loader.get_event()
        return result

    def _key(self, path: str, seen: Mapping[str, object]) -> str | None:
        """The next key, its line recorded; None for a key that is reported instead."""
        event = self.loader.peek_event()
        if not isinstance(event, yaml.ScalarEvent):
            self._skip()
            self.problems.append(Problem(path, "expected a string key", _line(event)))
            return None
        self.loader.get_event()
        key, child = str(event.value), join(path, str(event.value))
        if key in seen:
            message = f"duplicate key '{key}' (first on line {self.lines[child]})"
            self.problems.append(Problem(child, message, _line(event)))
            return None
        self.lines[child] = _line(event)
        return key

    def _sequence(self, path: str) -> list[object]:
        items: list[object] = []
        while not self.loader.check_event(yaml.SequenceEndEvent):
            items.append(self.value(f"{path}[{len(items)}]"))
        self.loader.get_event()
        return items

    def _skip(self) -> None:
        """Consume one whole value."""
        depth = 0
        while True:
            event = self.loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if depth == 0:
                return


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    assert mark is not None, "parser events always carry their position"
    return int(mark.line) + 1


def _scalar(event: yaml.ScalarEvent) -> object:
    # Only plain scalars are typed, and only as JSON would type them: `no`, `on` and dates
    # stay text (no "Norway problem"); quoted and explicitly tagged scalars are text.
    text = str(event.value)
    if event.tag not in (None, "!") or not event.implicit[0]:
        return text
    tag = next((tag for tag, regexp in _RESOLVERS.get(text[:1], ()) if regexp.match(text)), "")
    return _typed(tag, text)


def _typed(tag: str, text: str) -> object:
    kind = tag.rsplit(":", 1)[-1]
    if kind == "null":
        return None
    if kind == "bool" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if kind == "int":
        return _CONSTRUCTOR.construct_yaml_int(yaml.ScalarNode(tag, text))
    if kind == "float":
        return _CONSTRUCTOR.construct_yaml_float(yaml.ScalarNode(tag, text))
    return text


_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def join(path: str, key: str) -> str:
    """The path of ``key`` inside ``path``."""
    return f"{path}.{key}" if path else key


def parent(path: str) -> str:
    """The path that holds ``path``."""
    return path[: max(path.rfind("."), path.rfind("["), 0)]


# Checking: plain data → glossary values, every problem reported.
