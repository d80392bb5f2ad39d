"""The words of a finding, in the language of the text: message, meanings and suggestions."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glossary.matching.findings import ReportedMeaning
from glossary.matching.model import Glossary, Meaning, Term

TEXTS = {
    "sv": {
        "ambiguous": '"{label}" betyder olika saker för {sides}.',
        "deprecated": '"{label}" ska inte användas. Skriv i stället: {prefer}.',
        "deprecated_bare": '"{label}" ska inte användas.',
        "known": '"{label}" ({department}): {definition}',
        "and": "och",
        "fuzzy": 'Menade du "{label}"? {message}',
    },
    "en": {
        "ambiguous": '"{label}" means different things to {sides}.',
        "deprecated": '"{label}" is deprecated. Write instead: {prefer}.',
        "deprecated_bare": '"{label}" is deprecated.',
        "known": '"{label}" ({department}): {definition}',
        "and": "and",
        "fuzzy": 'Did you mean "{label}"? {message}',
    },
}


@dataclass(frozen=True, slots=True)
class Described:
    """What a finding says about its term."""

    label: str
    message: str
    meanings: tuple[ReportedMeaning, ...]
    suggestions: tuple[str, ...]


def pick(localized: Mapping[str, Any], language: str, fallback: Sequence[str]) -> Any:
    """The value in ``language``, else in the first of ``fallback`` that has one."""
    for code in (language, *fallback):
        if code in localized:
            return localized[code]
    return next(iter(localized.values()), None)


def _join(parts: Sequence[str], conjunction: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def describe(
    term: Term,
    glossary: Glossary,
    language: str,
    kind: str,
    *,
    audience: Collection[str] | None = None,
    sense: str | None = None,
) -> Described:
    """The label, message, per-department meanings and suggestions of a finding."""
    texts = TEXTS.get(language, TEXTS["en"])
    order = glossary.languages
    label = pick(term.labels, language, order)[0]
    shown = [m for m in term.meanings if audience is None or m.department in audience]
    meanings = tuple(reported_meaning(m, glossary, language) for m in term.meanings)
    prefer_lists = [m.prefer for m in meanings if audience is None or m.department in audience]
    suggestions = tuple(
        dict.fromkeys([p[0] for p in prefer_lists if p] + [w for p in prefer_lists for w in p[1:]])
    )
    if kind == "ambiguous":
        sides = [_side(m, glossary, language) for m in shown]
        message = texts["ambiguous"].format(label=label, sides=_join(sides, texts["and"]))
    elif kind == "deprecated":
        template = "deprecated" if suggestions else "deprecated_bare"
        message = texts[template].format(label=label, prefer=", ".join(suggestions))
    else:
        chosen = next((m for m in term.meanings if m.department == sense), None)
        meaning = chosen or (shown[0] if shown else term.meanings[0])
        message = texts["known"].format(
            label=label,
            department=_department_name(meaning.department, glossary, language),
            definition=pick(meaning.definition, language, order),
        )
        if chosen is not None:
            suggestions = tuple(pick(chosen.prefer, language, order) or ())
    return Described(label=label, message=message, meanings=meanings, suggestions=suggestions)


def did_you_mean(described: Described, language: str) -> Described:
    """The description of a misspelled word: its message asks whether the label was meant."""
    texts = TEXTS.get(language, TEXTS["en"])
    message = texts["fuzzy"].format(label=described.label, message=described.message)
    return Described(
        label=described.label,
        message=message,
        meanings=described.meanings,
        suggestions=described.suggestions,
    )


def _department_name(department_id: str, glossary: Glossary, language: str) -> str:
    department = glossary.department(department_id)
    if department is None:
        return department_id
    return str(pick(department.name, language, glossary.languages))


def _side(meaning: Meaning, glossary: Glossary, language: str) -> str:
    name = _department_name(meaning.department, glossary, language)
    prefer = pick(meaning.prefer, language, glossary.languages) if meaning.prefer else None
    return f"{name} ({prefer[0]})" if prefer else name


def reported_meaning(meaning: Meaning, glossary: Glossary, language: str) -> ReportedMeaning:
    """One department's meaning of a term in ``language``, as findings and pages show it."""
    prefer = pick(meaning.prefer, language, glossary.languages) if meaning.prefer else ()
    return ReportedMeaning(
        department=meaning.department,
        department_name=_department_name(meaning.department, glossary, language),
        definition=pick(meaning.definition, language, glossary.languages),
        prefer=tuple(prefer or ()),
    )
