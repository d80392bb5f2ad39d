"""A term's history as the term page shows it: the change by name and the fields it touched
by their readable names ("Sälj: definition (sv)" for ``meanings.sales.definition.sv``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from glossary.matching.messages import pick
from glossary.matching.model import Glossary
from glossary.service.history import HistoryEntry
from glossary.web.texts import TEXTS


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One row of the history table, in the page's language."""

    revision: int
    action: str
    actor: str
    at: datetime
    changes: tuple[str, ...]


def history_rows(
    history: Sequence[HistoryEntry], glossary: Glossary, lang: str
) -> list[HistoryRow]:
    """The rows of the history table; a created or deleted term names no fields."""
    texts = TEXTS[lang]
    return [
        HistoryRow(
            revision=entry.revision,
            action=texts.get(f"action_{entry.action}", entry.action),
            actor=entry.actor,
            at=entry.at,
            changes=_changes(entry, glossary, lang),
        )
        for entry in history
    ]


def _changes(entry: HistoryEntry, glossary: Glossary, lang: str) -> tuple[str, ...]:
    if entry.before is None or entry.after is None:
        return ()
    names = (field_name(change.field, glossary, lang) for change in entry.diff)
    return tuple(dict.fromkeys(names))


def field_name(path: str, glossary: Glossary, lang: str) -> str:
    """``meanings.sales.definition.sv`` as "Sälj: definition (sv)", ``tags`` as "etiketter"."""
    texts = TEXTS[lang]
    parts = path.split(".")
    department = None
    if parts[0] == "meanings" and len(parts) > 2:
        department, parts = parts[1], parts[2:]
    name = texts.get(f"field_{parts[0]}", parts[0])
    if len(parts) > 1 and parts[1] in glossary.languages:
        name = f"{name} ({parts[1]})"
    if department is None:
        return name
    known = glossary.department(department)
    shown = pick(known.name, lang, glossary.languages) if known else department
    return f"{shown}: {name}"
