"""Typed results of a check: the finding, its term, the meanings it reports, match and kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any


class Kind(StrEnum):
    """What a finding says about its word."""

    AMBIGUOUS = "ambiguous"
    DEPRECATED = "deprecated"
    KNOWN = "known"


class Match(StrEnum):
    """How a text matched an entry."""

    EXACT = "exact"
    INFLECTION = "inflection"
    COMPOUND = "compound"
    FUZZY = "fuzzy"


KINDS: tuple[Kind, ...] = tuple(Kind)
DEFAULT_INCLUDE: frozenset[str] = frozenset({Kind.AMBIGUOUS, Kind.DEPRECATED})
SEVERITY = {Kind.AMBIGUOUS: "warning", Kind.DEPRECATED: "warning", Kind.KNOWN: "info"}


@dataclass(frozen=True, slots=True)
class TermRef:
    """The term a finding is about: its id and its label in the text's language."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class ReportedMeaning:
    """One department's meaning of a term as a finding reports it, in the text's language."""

    department: str
    department_name: str
    definition: str
    prefer: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One word in the text that readers may take differently (the check contract)."""

    offset: int
    length: int
    line: int
    column: int
    text: str
    term: TermRef
    kind: Kind
    match: Match
    score: float
    message: str
    meanings: tuple[ReportedMeaning, ...]
    suggestions: tuple[str, ...]
    likely_department: str | None
    resolved_department: str | None = None

    @property
    def severity(self) -> str:
        """warning for ambiguous and deprecated words, info for known ones."""
        return SEVERITY[self.kind]


def meaning_to_json(meaning: ReportedMeaning) -> dict[str, Any]:
    """A reported meaning as the JSON of the check contract."""
    return {
        "department": meaning.department,
        "department_name": meaning.department_name,
        "definition": meaning.definition,
        "prefer": list(meaning.prefer),
    }


@lru_cache(maxsize=4096)
def _meanings_json(meanings: tuple[ReportedMeaning, ...]) -> list[dict[str, Any]]:
    # Every finding of a term in a text reports the same meanings: build their JSON once and
    # share it (read-only) instead of once per finding, as the scanner shares the values.
    return [meaning_to_json(m) for m in meanings]


def to_json(finding: Finding, *, meanings: bool = True) -> dict[str, Any]:
    """A finding as the JSON of the check contract (``meanings`` left out if not)."""
    found: dict[str, Any] = {
        "offset": finding.offset,
        "length": finding.length,
        "line": finding.line,
        "column": finding.column,
        "text": finding.text,
        "term": {"id": finding.term.id, "label": finding.term.label},
        "kind": finding.kind.value,
        "match": finding.match.value,
        "score": finding.score,
        "severity": finding.severity,
        "message": finding.message,
        "meanings": _meanings_json(finding.meanings),
        "suggestions": list(finding.suggestions),
        "likely_department": finding.likely_department,
        "resolved_department": finding.resolved_department,
    }
    if not meanings:
        del found["meanings"]
    return found


def from_json(found: Mapping[str, Any]) -> Finding:
    """A finding from the JSON of the check contract (as a glossary server sends it)."""
    return Finding(
        offset=found["offset"],
        length=found["length"],
        line=found["line"],
        column=found["column"],
        text=found["text"],
        term=TermRef(id=found["term"]["id"], label=found["term"]["label"]),
        kind=Kind(found["kind"]),
        match=Match(found["match"]),
        score=found["score"],
        message=found["message"],
        meanings=tuple(_meaning_from_json(m) for m in found.get("meanings") or ()),
        suggestions=tuple(found["suggestions"]),
        likely_department=found.get("likely_department"),
        resolved_department=found.get("resolved_department"),
    )


def _meaning_from_json(meaning: Mapping[str, Any]) -> ReportedMeaning:
    # A server of an older version sent no department names: the id stands in for one.
    return ReportedMeaning(
        department=meaning["department"],
        department_name=meaning.get("department_name") or meaning["department"],
        definition=meaning["definition"],
        prefer=tuple(meaning["prefer"]),
    )
