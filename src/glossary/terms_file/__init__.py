"""Glossary files (YAML or JSON, schema 1) ⇄ glossary values, with line-numbered problems."""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Literal

from glossary.errors import InvalidGlossaryFile, Problem
from glossary.matching.model import Department, Glossary, Term
from glossary.rules import (
    MAX_COMMENT_CHARS,
    MAX_DEFINITION_CHARS,
    MAX_DEPARTMENT_ID_CHARS,
    MAX_IGNORE_ITEMS,
    MAX_LIST_ITEMS,
    MAX_MEANINGS,
    MAX_NOTE_CHARS,
    MAX_TERM_ID_CHARS,
    MAX_WORD_CHARS,
)
from glossary.terms_file.check import Checker
from glossary.terms_file.read import Unreadable, decode, read_json, read_yaml
from glossary.terms_file.write import (
    department_to_dict,
    dump_json,
    dump_yaml,
    glossary_to_dict,
    term_to_dict,
)

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
    "parse_ignore",
    "parse_term",
    "term_to_dict",
]


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
        decoded = decode(text)
        tree = read_json(decoded) if fmt == "json" else read_yaml(decoded)
    except Unreadable as exc:
        raise InvalidGlossaryFile([exc.problem], source=source) from None
    checker = Checker(tree.lines, tree.problems, shared_words=shared_words)
    return checker.finish(checker.glossary(tree.data), source)


def parse_term(
    raw: object, *, languages: Sequence[str], departments: Collection[str], path: str = "term"
) -> Term:
    """Validate one term given as plain data (e.g. a request body); problems carry no line."""
    checker = Checker(languages=tuple(languages), departments=frozenset(departments))
    return checker.finish(checker.term(raw, path), "term")


def parse_department(
    raw: object, *, languages: Sequence[str], path: str = "department"
) -> Department:
    """Validate one department given as plain data; problems carry no line."""
    checker = Checker(languages=tuple(languages))
    return checker.finish(checker.department(raw, path), "department")


def parse_ignore(raw: object, *, path: str = "ignore") -> tuple[str, ...]:
    """Validate the glossary's own ignore list given as plain data; problems carry no line."""
    checker = Checker()
    return checker.finish(checker.ignore(raw, path, limit=MAX_IGNORE_ITEMS), "ignore")
