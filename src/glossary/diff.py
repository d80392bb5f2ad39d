"""Field-level differences between two versions of a term (as glossary-file data)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs, by a dotted path: ``meanings.sales.definition.en``."""

    field: str
    before: Any
    after: Any


def field_changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> list[Change]:
    """The field-level differences between two terms as data (meanings keyed by department)."""
    old, new = dict(_flat(before or {})), dict(_flat(after or {}))
    return [
        Change(name, old.get(name), new.get(name))
        for name in sorted(old.keys() | new.keys())
        if old.get(name) != new.get(name)
    ]


def _flat(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if key == "meanings" and not prefix:
            for meaning in value:
                rest = {k: v for k, v in meaning.items() if k != "department"}
                yield from _flat(rest, f"meanings.{meaning['department']}.")
        elif isinstance(value, Mapping):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value
