"""The file format's shapes (mappings of known fields, lists, strings per language) read from
plain data at a path, each problem reported with the line it stands on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from functools import partial
from typing import TypeVar

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.inputs import text_problem
from glossary.rules import (
    MAX_LIST_ITEMS,
    MAX_TERM_ID_CHARS,
    MAX_WORD_CHARS,
    duplicates,
    is_language,
    is_slug,
    slug_message,
)
from glossary.terms_file.read import join, parent

_T = TypeVar("_T")
_E = TypeVar("_E", bound=StrEnum)
#: Parses one raw value found at a path; None when it is unusable (a problem was reported).
Parse = Callable[[object, str], _T | None]
#: Strings per language, each with the path it was found at (for problems found later).
Located = dict[str, list[tuple[str, str]]]

_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (str, "a string"),
    (int, "an integer"),
    (float, "a number"),
    (Mapping, "a mapping"),
    (list, "a list"),
    (tuple, "a list"),
)


class Shapes:
    """Reads typed values out of plain data, collecting every problem it finds."""

    def __init__(
        self,
        lines: Mapping[str, int] | None = None,
        problems: Iterable[Problem] = (),
        *,
        languages: tuple[str, ...] | None = None,
    ) -> None:
        self.lines = lines or {}
        self.problems = list(problems)
        self.languages = languages

    def finish(self, value: _T | None, source: str) -> _T:
        if value is None or self.problems:
            by_line = sorted(self.problems, key=lambda p: (p.line is None, p.line or 0))
            raise InvalidGlossaryFile(by_line, source=source)
        return value

    def report(self, path: str, message: str, *, at: str | None = None) -> None:
        self.problems.append(Problem(path, message, self._line(path if at is None else at)))

    def _line(self, path: str) -> int | None:
        while path and path not in self.lines:
            path = parent(path)
        return self.lines.get(path)

    def fields(
        self, raw: object, path: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, object] | None:
        """The mapping's fields, unknown and missing ones reported, null optionals dropped."""
        mapping = self.mapping(raw, path)
        if mapping is None:
            return None
        for key in mapping:
            if key not in required and key not in optional:
                self.report(path, f"unknown field '{key}'", at=join(path, key))
        for key in required:
            if key not in mapping:
                self.report(path, f"missing field '{key}'")
        return {k: v for k, v in mapping.items() if v is not None or k not in optional}

    def field(
        self, fields: Mapping[str, object], key: str, path: str, parse: Parse[_T]
    ) -> _T | None:
        return parse(fields[key], join(path, key)) if key in fields else None

    def mapping(self, raw: object, path: str) -> dict[str, object] | None:
        if not isinstance(raw, Mapping):
            self.report(path, f"expected a mapping, got {kind_of(raw)}")
            return None
        return {str(key): value for key, value in raw.items()}

    def each(self, raw: object, path: str, parse: Parse[_T]) -> list[tuple[str, _T]] | None:
        if not isinstance(raw, list | tuple):
            self.report(path, f"expected a list, got {kind_of(raw)}")
            return None
        parsed = [(f"{path}[{i}]", parse(item, f"{path}[{i}]")) for i, item in enumerate(raw)]
        return [(item_path, value) for item_path, value in parsed if value is not None]

    def at_least_one(self, raw: object, path: str, parse: Parse[_T], message: str) -> _T | None:
        """Parse, and report `message` if the result is empty for no reason reported already."""
        before = len(self.problems)
        value = parse(raw, path)
        if value is not None and not _has_any(value) and len(self.problems) == before:
            self.report(path, message)
        return value

    def unique(self, items: Iterable[tuple[str, str]], key: str, message: str) -> None:
        for item_path, value, other in duplicates(items):
            self.report(join(item_path, key), f"{message} '{value}' (also {other})")

    def localized_text(
        self, raw: object, path: str, limit: int = MAX_WORD_CHARS
    ) -> dict[str, str] | None:
        return self.localized(raw, path, partial(self.string, limit=limit))

    def localized_list(self, raw: object, path: str) -> dict[str, tuple[str, ...]] | None:
        located = self.located_lists(raw, path)
        return None if located is None else unlocated(located)

    def located_lists(self, raw: object, path: str) -> Located | None:
        return self.localized(raw, path, self.strings_or_string)

    def localized(self, raw: object, path: str, parse: Parse[_T]) -> dict[str, _T] | None:
        mapping = self.mapping(raw, path)
        if mapping is None:
            return None
        values: dict[str, _T] = {}
        for lang, value in mapping.items():
            parsed = parse(value, join(path, lang)) if self.known(lang, path) else None
            if parsed is not None:
                values[lang] = parsed
        order = self.languages or tuple(values)
        return {lang: values[lang] for lang in order if lang in values}

    def known(self, lang: str, path: str) -> bool:
        # A glossary's languages may come from a TBX file's xml:lang, so they are checked too.
        if self.languages is None or not is_language(lang):
            known = is_language(lang)
            message = f"invalid language code '{lang}'"
        else:
            known = lang in self.languages
            message = f"unknown language '{lang}' (languages: {', '.join(self.languages)})"
        if not known:
            self.report(join(path, lang), message)
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
            self.report(path, f"expected {expected}, got {kind_of(raw)}")
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
            self.report(path, f"expected a string, got {kind_of(raw)}")
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
        if text is not None and not is_slug(text):
            self.report(path, slug_message(text))
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


def kind_of(value: object) -> str:
    """What a value is, as a problem names it: ``a mapping``, ``null``."""
    if value is None:
        return "null"
    return next((name for kind, name in _KINDS if isinstance(value, kind)), type(value).__name__)


def _has_any(value: object) -> bool:
    if isinstance(value, Mapping):
        return any(_has_any(item) for item in value.values())
    return bool(value)


def unlocated(located: Located) -> dict[str, tuple[str, ...]]:
    """The strings per language without their paths."""
    return {lang: tuple(text for _, text in items) for lang, items in located.items()}
