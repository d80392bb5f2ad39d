"""Glossary values → plain data in the file format's key order → YAML or JSON text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import yaml

from glossary.matching.model import Department, Glossary, Meaning, Status, Term, Usage

# Lists and maps of strings are written inline, `sv: [budget, säljbudget]`, up to this length.
_FLOW_WIDTH = 60
_UNICODE_BREAKS = re.compile("[\x85\u2028\u2029]")
#: A term's word classes unless it says otherwise: written only when they differ.
DEFAULT_POS = ("noun",)
#: PyYAML folds plain strings longer than its width onto several lines; keep each on one.
NO_WRAP = 1 << 30


def term_to_dict(term: Term) -> dict[str, Any]:
    """The term as JSON-ready data in the file format's key order."""
    return term_dict(term, ())


def department_to_dict(department: Department) -> dict[str, Any]:
    """The department as JSON-ready data in the file format's key order."""
    return department_dict(department, ())


def glossary_to_dict(glossary: Glossary) -> dict[str, Any]:
    """The glossary as JSON-ready data; localized maps follow the glossary's language order."""
    order = glossary.languages
    data: dict[str, Any] = {
        "schema": glossary.schema,
        "languages": list(order),
        "departments": [department_dict(d, order) for d in glossary.departments],
    }
    if glossary.ignore:
        data["ignore"] = list(glossary.ignore)
    data["terms"] = [term_dict(t, order) for t in glossary.terms]
    return data


def dump_yaml(glossary: Glossary) -> str:
    """The glossary as a YAML file: stable key order, unescaped UTF-8, short lists inline."""
    return yaml.dump(
        glossary_to_dict(glossary),
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=NO_WRAP,
    )


def dump_json(glossary: Glossary) -> str:
    """The glossary as a JSON file, indented, UTF-8 unescaped."""
    return json.dumps(glossary_to_dict(glossary), ensure_ascii=False, indent=2) + "\n"


def department_dict(department: Department, order: Sequence[str]) -> dict[str, Any]:
    """The department as plain data; localized maps in ``order`` first."""
    return {"id": department.id, "name": _text_map(department.name, order)}


def term_dict(term: Term, order: Sequence[str]) -> dict[str, Any]:
    """The term as plain data; localized maps in ``order`` first."""
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
    if term.ignore:
        data["ignore"] = list(term.ignore)
    if tuple(term.pos) != DEFAULT_POS:
        data["pos"] = list(term.pos)
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


class Dumper(yaml.SafeDumper):
    """Indents block lists under their key, as the format's examples do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _is_short(texts: Iterable[object]) -> bool:
    items = list(texts)
    if not all(isinstance(item, str) and "\n" not in item for item in items):
        return False
    return sum(len(str(item)) + 2 for item in items) <= _FLOW_WIDTH


def _represent_list(dumper: Dumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=_is_short(data))


def _represent_dict(dumper: Dumper, data: dict[str, Any]) -> yaml.Node:
    short = _is_short([*data, *data.values()])
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=short)


def _represent_str(dumper: Dumper, data: str) -> yaml.Node:
    # PyYAML writes these line breaks raw in other styles, and reading folds them into spaces.
    if _UNICODE_BREAKS.search(data):
        style: str | None = '"'
    else:
        style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


Dumper.add_representer(list, _represent_list)
Dumper.add_representer(dict, _represent_dict)
Dumper.add_representer(str, _represent_str)
