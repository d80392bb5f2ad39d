"""Glossary files (YAML or JSON, schema 1) ⇄ glossary values, with line-numbered problems."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.inputs import text_problem
from glossary.matching.model import Department, Glossary, Meaning, Status, Term, Usage

__all__ = [
    "MAX_COMMENT_CHARS",
    "MAX_DEFINITION_CHARS",
    "MAX_DEPARTMENT_ID_CHARS",
    "MAX_LIST_ITEMS",
    "MAX_MEANINGS",
    "MAX_NOTE_CHARS",
    "MAX_TERM_ID_CHARS",
    "MAX_WORD_CHARS",
    "department_to_dict",
    "dump_json",
    "dump_yaml",
    "glossary_to_dict",
    "load_glossary",
    "parse_department",
    "parse_glossary",
    "parse_term",
    "term_to_dict",
]

# Caps on every stored text. Each process holds the whole glossary and its index in memory,
# so no single field may be large; the API, every importer and the file loader check them
# here, in one place. The seed glossary's longest definition has 276 characters.

#: A term id (and an id in ``related``).
MAX_TERM_ID_CHARS = 100
#: A department id.
MAX_DEPARTMENT_ID_CHARS = 64
#: A label, form, prefer wording, cue or tag, and a department's name (per language).
MAX_WORD_CHARS = 200
#: A meaning's definition, per language.
MAX_DEFINITION_CHARS = 4_000
#: A term's note.
MAX_NOTE_CHARS = 4_000
#: A proposal's comment, or the reason it was rejected.
MAX_COMMENT_CHARS = 2_000
#: Items in one list: labels, forms, prefer wordings or cues of one language; tags; related.
MAX_LIST_ITEMS = 50
#: Meanings of one term (one per department).
MAX_MEANINGS = 20

_T = TypeVar("_T")
_E = TypeVar("_E", bound=StrEnum)
#: Parses one raw value found at a path; None when it is unusable (a problem was reported).
_Parse = Callable[[object, str], _T | None]
#: Strings per language, each with the path it was found at (for problems found later).
_Located = dict[str, list[tuple[str, str]]]

# libyaml's parser when PyYAML was built with it: several times faster than pure Python.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
# A language code (`sv`, `en-GB`, `zh-Hant`): at most 12 characters, so it fits the store's 16.
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})?")
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
# Lists and maps of strings are written inline, `sv: [budget, säljbudget]`, up to this length.
_FLOW_WIDTH = 60
_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")
# PyYAML folds plain strings longer than its width onto several lines; keep each on one.
_NO_WRAP = 1 << 30

_GLOSSARY_FIELDS = ("schema", "languages", "departments", "terms")
_DEPARTMENT_FIELDS = ("id", "name")
_TERM_REQUIRED = ("id", "labels", "meanings")
_TERM_OPTIONAL = ("forms", "related", "tags", "status", "usage", "note")
_MEANING_REQUIRED = ("department", "definition")
_MEANING_OPTIONAL = ("prefer", "cues")
_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (str, "a string"),
    (int, "an integer"),
    (float, "a number"),
    (Mapping, "a mapping"),
    (list, "a list"),
    (tuple, "a list"),
)


def load_glossary(path: str | os.PathLike[str], *, shared_words: bool = False) -> Glossary:
    """Read and validate a glossary file: ``.json`` as JSON, anything else as YAML.

    ``shared_words`` lets two terms share a label or form (checking reports both terms);
    the store needs them unique, so imports keep the default."""
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        problem = Problem(path="", message=f"cannot read {source}: {exc.strerror or exc}")
        raise InvalidGlossaryFile([problem], source=source) from exc
    fmt: Literal["yaml", "json"] = "json" if Path(path).suffix.lower() == ".json" else "yaml"
    return parse_glossary(data, source=source, fmt=fmt, shared_words=shared_words)


def parse_glossary(
    text: str | bytes,
    *,
    source: str = "glossary",
    fmt: Literal["yaml", "json"] = "yaml",
    shared_words: bool = False,
) -> Glossary:
    """Validate a whole glossary file's text; raise InvalidGlossaryFile listing every problem."""
    try:
        decoded = _decode(text)
        tree = _read_json(decoded) if fmt == "json" else _read_yaml(decoded)
    except _Unreadable as exc:
        raise InvalidGlossaryFile([exc.problem], source=source) from None
    checker = _Checker(tree.lines, tree.problems, shared_words=shared_words)
    return checker.finish(checker.glossary(tree.data), source)


def parse_term(
    raw: object, *, languages: Sequence[str], departments: Collection[str], path: str = "term"
) -> Term:
    """Validate one term given as plain data (e.g. a request body); problems carry no line."""
    checker = _Checker(languages=tuple(languages), departments=frozenset(departments))
    return checker.finish(checker.term(raw, path), "term")


def parse_department(
    raw: object, *, languages: Sequence[str], path: str = "department"
) -> Department:
    """Validate one department given as plain data; problems carry no line."""
    checker = _Checker(languages=tuple(languages))
    return checker.finish(checker.department(raw, path), "department")


def term_to_dict(term: Term) -> dict[str, Any]:
    """The term as JSON-ready data in the file format's key order."""
    return _term_dict(term, ())


def department_to_dict(department: Department) -> dict[str, Any]:
    """The department as JSON-ready data in the file format's key order."""
    return _department_dict(department, ())


def glossary_to_dict(glossary: Glossary) -> dict[str, Any]:
    """The glossary as JSON-ready data; localized maps follow the glossary's language order."""
    order = glossary.languages
    return {
        "schema": glossary.schema,
        "languages": list(order),
        "departments": [_department_dict(d, order) for d in glossary.departments],
        "terms": [_term_dict(t, order) for t in glossary.terms],
    }


def dump_yaml(glossary: Glossary) -> str:
    """The glossary as a YAML file: stable key order, unescaped UTF-8, short lists inline."""
    return yaml.dump(
        glossary_to_dict(glossary),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=_NO_WRAP,
    )


def dump_json(glossary: Glossary) -> str:
    """The glossary as a JSON file, indented, UTF-8 unescaped."""
    return json.dumps(glossary_to_dict(glossary), ensure_ascii=False, indent=2) + "\n"


# Reading: text → plain data and the line of every path.


class _Unreadable(Exception):
    """The text cannot be read at all (encoding or syntax); nothing else can be checked."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class _Tree:
    """Plain data read from a file, with the 1-based line of each path in it."""

    data: object
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _decode(text: str | bytes) -> str:
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = text.count(b"\n", 0, exc.start) + 1
        message = f"not valid UTF-8: byte 0x{text[exc.start]:02x} cannot be decoded"
        raise _Unreadable(Problem("", message, line)) from None


def _read_yaml(text: str) -> _Tree:
    bad = _NOT_YAML.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise _Unreadable(Problem("", f"invalid character U+{ord(bad[0]):04X}", line))
    try:
        return _build(text)
    except yaml.YAMLError as exc:
        raise _Unreadable(_yaml_problem(exc)) from None
    except RecursionError:
        raise _Unreadable(Problem("", "the file is nested too deeply")) from None


def _build(text: str) -> _Tree:
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


def _read_json(text: str) -> _Tree:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unreadable(Problem("", f"invalid JSON: {exc.msg}", exc.lineno)) from None
    except RecursionError:
        raise _Unreadable(Problem("", "invalid JSON: nested too deeply")) from None
    tree = _json_lines(text)
    return _Tree(data, tree.lines, tree.problems)


def _json_lines(text: str) -> _Tree:
    """Lines (and duplicate keys) of valid JSON, found by reading it as YAML; none if that fails."""
    # Valid JSON has tabs only between tokens, and escapes YAML knows except surrogate pairs.
    yaml_text = _SURROGATE_ESCAPES.sub(_yaml_escape, text.replace("\t", " "))
    try:
        return _read_yaml(yaml_text)
    except _Unreadable:
        return _Tree(None)


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

    def document(self) -> _Tree:
        self.loader.get_event()
        if self.loader.check_event(yaml.StreamEndEvent):
            raise _Unreadable(Problem("", "the file is empty", 1))
        self.loader.get_event()
        data = self.value("")
        self.loader.get_event()
        if not self.loader.check_event(yaml.StreamEndEvent):
            line = _line(self.loader.peek_event())
            raise _Unreadable(Problem("", "invalid YAML: expected a single document", line))
        return _Tree(data, self.lines, self.problems)

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
            raise _Unreadable(Problem(path, message, _line(event)))
        value, size = self._anchors[event.anchor]
        self._expanded += size
        if self._expanded > 2 * self._built + _ALIAS_ALLOWANCE:
            raise _Unreadable(Problem(path, "aliases expand to too much data", _line(event)))
        return value

    def _mapping(self, path: str) -> dict[str, object]:
        result: dict[str, object] = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            key = self._key(path, result)
            if key is None:
                self._skip()
            else:
                result[key] = self.value(_join(path, key))
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
        key, child = str(event.value), _join(path, str(event.value))
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


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _parent(path: str) -> str:
    return path[: max(path.rfind("."), path.rfind("["), 0)]


# Checking: plain data → glossary values, every problem reported.


class _Checker:
    """Validates plain data against the file format, collecting every problem it finds."""

    def __init__(
        self,
        lines: Mapping[str, int] | None = None,
        problems: Iterable[Problem] = (),
        *,
        languages: tuple[str, ...] | None = None,
        departments: Collection[str] | None = None,
        shared_words: bool = False,
    ) -> None:
        self.shared_words = shared_words
        self.lines = lines or {}
        self.problems = list(problems)
        self.languages = languages
        self.departments = departments
        self._labels: dict[tuple[str, str], tuple[str, str, str]] = {}

    def finish(self, value: _T | None, source: str) -> _T:
        if value is None or self.problems:
            by_line = sorted(self.problems, key=lambda p: (p.line is None, p.line or 0))
            raise InvalidGlossaryFile(by_line, source=source)
        return value

    def report(self, path: str, message: str, *, at: str | None = None) -> None:
        self.problems.append(Problem(path, message, self._line(path if at is None else at)))

    def _line(self, path: str) -> int | None:
        while path and path not in self.lines:
            path = _parent(path)
        return self.lines.get(path)

    # The glossary and its sections

    def glossary(self, raw: object) -> Glossary | None:
        fields = self.fields(raw, "", _GLOSSARY_FIELDS)
        if fields is None:
            return None
        self.field(fields, "schema", "", self.schema)
        self.languages = self.field(fields, "languages", "", self.language_list) or None
        departments = self.field(fields, "departments", "", self.department_list)
        if departments is not None:
            self.departments = {d.id for d in departments if d.id}
        terms = self.field(fields, "terms", "", self.term_list)
        return Glossary(self.languages or (), tuple(departments or ()), tuple(terms or ()))

    def schema(self, raw: object, path: str) -> int | None:
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.report(path, f"expected an integer, got {_kind(raw)}")
            return None
        if raw != 1:
            self.report(path, f"unsupported schema {raw}; this version reads schema 1")
        return raw

    def language_list(self, raw: object, path: str) -> tuple[str, ...] | None:
        return self.at_least_one(raw, path, self._languages, "at least one language is needed")

    def _languages(self, raw: object, path: str) -> tuple[str, ...] | None:
        items = self.strings(raw, path)
        if items is None:
            return None
        codes: list[str] = []
        for item_path, code in items:
            if not _LANGUAGE.fullmatch(code):
                self.report(item_path, f"invalid language code '{code}'")
            elif code in codes:
                self.report(item_path, f"duplicate language '{code}'")
            else:
                codes.append(code)
        return tuple(codes)

    def department_list(self, raw: object, path: str) -> list[Department] | None:
        departments = self.each(raw, path, self.department)
        if departments is None:
            return None
        self.unique(((p, d.id) for p, d in departments), "id", "duplicate department id")
        return [d for _, d in departments]

    def term_list(self, raw: object, path: str) -> list[Term] | None:
        terms = self.each(raw, path, self.term)
        if terms is None:
            return None
        self.unique(((p, t.id) for p, t in terms), "id", "duplicate term id")
        return [t for _, t in terms]

    # Departments, terms and meanings

    def department(self, raw: object, path: str) -> Department | None:
        fields = self.fields(raw, path, _DEPARTMENT_FIELDS)
        if fields is None:
            return None
        department_id = self.field(
            fields, "id", path, partial(self.slug, limit=MAX_DEPARTMENT_ID_CHARS)
        )
        name = self.field(fields, "name", path, self.department_name)
        return Department(id=department_id or "", name=name or {})

    def department_name(self, raw: object, path: str) -> dict[str, str] | None:
        message = "a department needs a name in at least one language"
        return self.at_least_one(raw, path, self.localized_text, message)

    def term(self, raw: object, path: str) -> Term | None:
        fields = self.fields(raw, path, _TERM_REQUIRED, _TERM_OPTIONAL)
        if fields is None:
            return None
        term_id = self.field(fields, "id", path, self.slug)
        labels = self.field(fields, "labels", path, self.labels) or {}
        self.register_words(labels, term_id or path, "label")
        forms = self.field(fields, "forms", path, self.located_lists) or {}
        self.register_words(forms, term_id or path, "form")
        own = {lang: {_fold(text) for _, text in items} for lang, items in labels.items()}
        meanings = self.field(fields, "meanings", path, partial(self.meanings, own=own))
        related = self.field(fields, "related", path, partial(self.related, term_id=term_id))
        return Term(
            id=term_id or "",
            labels=_unlocated(labels),
            forms=_unlocated(forms),
            meanings=meanings or (),
            related=related or (),
            tags=self.field(fields, "tags", path, self.string_tuple) or (),
            status=self.field(fields, "status", path, self.status) or Status.APPROVED,
            usage=self.field(fields, "usage", path, self.usage) or Usage.ADMITTED,
            note=self.field(fields, "note", path, partial(self.string, limit=MAX_NOTE_CHARS)),
        )

    def labels(self, raw: object, path: str) -> _Located | None:
        message = "a term needs at least one label"
        return self.at_least_one(raw, path, self.located_lists, message)

    def register_words(self, words: _Located, term: str, kind: str) -> None:
        """Labels and forms are unique per language across terms, or matching would guess."""
        for lang, items in words.items():
            for item_path, text in items:
                other = self._labels.setdefault((lang, _fold(text)), (term, item_path, kind))
                if other[1] == item_path or (other[0] == term and other[2] != kind):
                    continue
                if other[0] == term:
                    self.report(item_path, f"duplicate {kind} '{text}' (also {other[1]})")
                elif not self.shared_words:
                    self.report(
                        item_path, f"{kind} '{text}' is also a {other[2]} of term '{other[0]}'"
                    )

    def meanings(
        self, raw: object, path: str, own: Mapping[str, set[str]]
    ) -> tuple[Meaning, ...] | None:
        message = "a term needs at least one meaning"
        if isinstance(raw, list | tuple) and len(raw) > MAX_MEANINGS:
            self.report(path, f"too many meanings: {len(raw)}; at most {MAX_MEANINGS}")
            return None
        return self.at_least_one(raw, path, partial(self._meanings, own=own), message)

    def _meanings(
        self, raw: object, path: str, own: Mapping[str, set[str]]
    ) -> tuple[Meaning, ...] | None:
        meanings = self.each(raw, path, partial(self.meaning, own=own))
        if meanings is None:
            return None
        pairs = ((p, m.department) for p, m in meanings)
        self.unique(pairs, "department", "duplicate meaning for department")
        return tuple(m for _, m in meanings)

    def meaning(self, raw: object, path: str, own: Mapping[str, set[str]]) -> Meaning | None:
        fields = self.fields(raw, path, _MEANING_REQUIRED, _MEANING_OPTIONAL)
        if fields is None:
            return None
        prefer = self.field(fields, "prefer", path, self.located_lists) or {}
        self.check_prefer(prefer, own)
        return Meaning(
            department=self.field(fields, "department", path, self.department_ref) or "",
            definition=self.field(fields, "definition", path, self.definition) or {},
            prefer=_unlocated(prefer),
            cues=self.field(fields, "cues", path, self.localized_list) or {},
        )

    def department_ref(self, raw: object, path: str) -> str | None:
        name = self.string(raw, path)
        if name is not None and self.departments is not None and name not in self.departments:
            self.report(path, f"unknown department '{name}'")
        return name

    def definition(self, raw: object, path: str) -> dict[str, str] | None:
        message = "a meaning needs a definition in at least one language"
        definitions = partial(self.localized_text, limit=MAX_DEFINITION_CHARS)
        return self.at_least_one(raw, path, definitions, message)

    def check_prefer(self, prefer: _Located, own: Mapping[str, set[str]]) -> None:
        for lang, items in prefer.items():
            for item_path, text in items:
                if _fold(text) in own.get(lang, ()):
                    self.report(item_path, f"prefer wording '{text}' is one of the term's labels")

    def related(self, raw: object, path: str, term_id: str | None) -> tuple[str, ...] | None:
        items = self.strings(raw, path, limit=MAX_TERM_ID_CHARS)
        for item_path, related_id in items or ():
            if not _SLUG.fullmatch(related_id):
                self.report(item_path, _slug_message(related_id))
            elif related_id == term_id:
                self.report(item_path, "a term cannot be related to itself")
        return None if items is None else tuple(text for _, text in items)

    def status(self, raw: object, path: str) -> Status | None:
        return self.choice(raw, path, Status)

    def usage(self, raw: object, path: str) -> Usage | None:
        return self.choice(raw, path, Usage)

    # Building blocks

    def fields(
        self, raw: object, path: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, object] | None:
        """The mapping's fields, unknown and missing ones reported, null optionals dropped."""
        mapping = self.mapping(raw, path)
        if mapping is None:
            return None
        for key in mapping:
            if key not in required and key not in optional:
                self.report(path, f"unknown field '{key}'", at=_join(path, key))
        for key in required:
            if key not in mapping:
                self.report(path, f"missing field '{key}'")
        return {k: v for k, v in mapping.items() if v is not None or k not in optional}

    def field(
        self, fields: Mapping[str, object], key: str, path: str, parse: _Parse[_T]
    ) -> _T | None:
        return parse(fields[key], _join(path, key)) if key in fields else None

    def mapping(self, raw: object, path: str) -> dict[str, object] | None:
        if not isinstance(raw, Mapping):
            self.report(path, f"expected a mapping, got {_kind(raw)}")
            return None
        return {str(key): value for key, value in raw.items()}

    def each(self, raw: object, path: str, parse: _Parse[_T]) -> list[tuple[str, _T]] | None:
        if not isinstance(raw, list | tuple):
            self.report(path, f"expected a list, got {_kind(raw)}")
            return None
        parsed = [(f"{path}[{i}]", parse(item, f"{path}[{i}]")) for i, item in enumerate(raw)]
        return [(item_path, value) for item_path, value in parsed if value is not None]

    def at_least_one(self, raw: object, path: str, parse: _Parse[_T], message: str) -> _T | None:
        """Parse, and report `message` if the result is empty for no reason reported already."""
        before = len(self.problems)
        value = parse(raw, path)
        if value is not None and not _has_any(value) and len(self.problems) == before:
            self.report(path, message)
        return value

    def unique(self, items: Iterable[tuple[str, str]], key: str, message: str) -> None:
        first: dict[str, str] = {}
        for item_path, value in items:
            other = first.setdefault(value, item_path) if value else item_path
            if other != item_path:
                self.report(_join(item_path, key), f"{message} '{value}' (also {other})")

    def localized_text(
        self, raw: object, path: str, limit: int = MAX_WORD_CHARS
    ) -> dict[str, str] | None:
        return self.localized(raw, path, partial(self.string, limit=limit))

    def localized_list(self, raw: object, path: str) -> dict[str, tuple[str, ...]] | None:
        located = self.located_lists(raw, path)
        return None if located is None else _unlocated(located)

    def located_lists(self, raw: object, path: str) -> _Located | None:
        return self.localized(raw, path, self.strings_or_string)

    def localized(self, raw: object, path: str, parse: _Parse[_T]) -> dict[str, _T] | None:
        mapping = self.mapping(raw, path)
        if mapping is None:
            return None
        values: dict[str, _T] = {}
        for lang, value in mapping.items():
            parsed = parse(value, _join(path, lang)) if self.known(lang, path) else None
            if parsed is not None:
                values[lang] = parsed
        order = self.languages or tuple(values)
        return {lang: values[lang] for lang in order if lang in values}

    def known(self, lang: str, path: str) -> bool:
        # A glossary's languages may come from a TBX file's xml:lang, so they are checked too.
        if self.languages is None or not _LANGUAGE.fullmatch(lang):
            known = bool(_LANGUAGE.fullmatch(lang))
            message = f"invalid language code '{lang}'"
        else:
            known = lang in self.languages
            message = f"unknown language '{lang}' (languages: {', '.join(self.languages)})"
        if not known:
            self.report(_join(path, lang), message)
        return known

    def strings_or_string(self, raw: object, path: str) -> list[tuple[str, str]] | None:
        if isinstance(raw, str):
            text = self.string(raw, path)
            return None if text is None else [(path, text)]
        return self.strings(raw, path, "a string or a list of strings")

    def string_tuple(self, raw: object, path: str) -> tuple[str, ...] | None:
        items = self.strings(raw, path)
        return None if items is None else tuple(text for _, text in items)

    def strings(
        self,
        raw: object,
        path: str,
        expected: str = "a list of strings",
        *,
        limit: int = MAX_WORD_CHARS,
    ) -> list[tuple[str, str]] | None:
        if not isinstance(raw, list | tuple):
            self.report(path, f"expected {expected}, got {_kind(raw)}")
            return None
        if len(raw) > MAX_LIST_ITEMS:
            self.report(path, f"too many items: {len(raw)}; at most {MAX_LIST_ITEMS}")
            return None
        items = [
            (f"{path}[{i}]", self.string(item, f"{path}[{i}]", limit)) for i, item in enumerate(raw)
        ]
        return [(item_path, text) for item_path, text in items if text is not None]

    def string(self, raw: object, path: str, limit: int = MAX_WORD_CHARS) -> str | None:
        """A non-empty string of at most ``limit`` characters, stripped."""
        if not isinstance(raw, str):
            self.report(path, f"expected a string, got {_kind(raw)}")
            return None
        text = raw.strip()
        if not text:
            self.report(path, "must not be empty")
            return None
        if len(text) > limit:
            self.report(path, f"too long: {len(text)} characters; at most {limit}")
            return None
        problem = text_problem(text)
        if problem is not None:
            self.report(path, problem)
            return None
        return text

    def slug(self, raw: object, path: str, limit: int = MAX_TERM_ID_CHARS) -> str | None:
        text = self.string(raw, path, limit)
        if text is not None and not _SLUG.fullmatch(text):
            self.report(path, _slug_message(text))
            return None
        return text

    def choice(self, raw: object, path: str, enum: type[_E]) -> _E | None:
        text = self.string(raw, path)
        if text is None:
            return None
        try:
            return enum(text)
        except ValueError:
            expected = ", ".join(member.value for member in enum)
            self.report(path, f"invalid {enum.__name__.lower()} '{text}'; expected {expected}")
            return None


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return next((name for kind, name in _KINDS if isinstance(value, kind)), type(value).__name__)


def _slug_message(text: str) -> str:
    return f"invalid id '{text}': use lowercase letters, digits and '-', not starting with '-'"


def _fold(text: str) -> str:
    """The form in which two labels count as the same: NFC, single spaces, case-folded."""
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def _has_any(value: object) -> bool:
    if isinstance(value, Mapping):
        return any(_has_any(item) for item in value.values())
    return bool(value)


def _unlocated(located: _Located) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(text for _, text in items) for lang, items in located.items()}


# Writing: values → plain data → YAML or JSON.


def _department_dict(department: Department, order: Sequence[str]) -> dict[str, Any]:
    return {"id": department.id, "name": _text_map(department.name, order)}


def _term_dict(term: Term, order: Sequence[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": term.id, "labels": _list_map(term.labels, order)}
    if term.forms:
        data["forms"] = _list_map(term.forms, order)
    data["meanings"] = [_meaning_dict(meaning, order) for meaning in term.meanings]
    if term.related:
        data["related"] = list(term.related)
    if term.tags:
        data["tags"] = list(term.tags)
    data["status"] = Status(term.status).value
    data["usage"] = Usage(term.usage).value
    if term.note:
        data["note"] = term.note
    return data


def _meaning_dict(meaning: Meaning, order: Sequence[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "department": meaning.department,
        "definition": _text_map(meaning.definition, order),
    }
    if meaning.prefer:
        data["prefer"] = _list_map(meaning.prefer, order)
    if meaning.cues:
        data["cues"] = _list_map(meaning.cues, order)
    return data


def _text_map(texts: Mapping[str, str], order: Sequence[str]) -> dict[str, str]:
    return {lang: texts[lang] for lang in _ordered(texts, order)}


def _list_map(texts: Mapping[str, Sequence[str]], order: Sequence[str]) -> dict[str, list[str]]:
    return {lang: list(texts[lang]) for lang in _ordered(texts, order)}


def _ordered(keys: Iterable[str], order: Sequence[str]) -> list[str]:
    present = list(keys)
    return [k for k in order if k in present] + [k for k in present if k not in order]


class _Dumper(yaml.SafeDumper):
    """Indents block lists under their key, as the format's examples do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _is_short(texts: Iterable[object]) -> bool:
    items = list(texts)
    if not all(isinstance(item, str) and "\n" not in item for item in items):
        return False
    return sum(len(str(item)) + 2 for item in items) <= _FLOW_WIDTH


def _represent_list(dumper: _Dumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=_is_short(data))


def _represent_dict(dumper: _Dumper, data: dict[str, Any]) -> yaml.Node:
    short = _is_short([*data, *data.values()])
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=short)


def _represent_str(dumper: _Dumper, data: str) -> yaml.Node:
    # PyYAML writes these line breaks raw in other styles, and reading folds them into spaces.
    if _UNICODE_BREAKS.search(data):
        style: str | None = '"'
    else:
        style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(str, _represent_str)
