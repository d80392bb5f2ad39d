"""Frozen values of a glossary: departments, terms and their per-department meanings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

#: A text per language code, e.g. ``{"sv": "Sälj", "en": "Sales"}``.
Localized = Mapping[str, str]
#: Texts per language code, e.g. ``{"sv": ("budget",), "en": ("budget",)}``.
LocalizedList = Mapping[str, tuple[str, ...]]


class Status(StrEnum):
    """Review stage of a term; only approved terms take part in checks."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"


class Usage(StrEnum):
    """Whether a term's words may be used at all."""

    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


@dataclass(frozen=True, slots=True)
class Department:
    """A department that reads words its own way, e.g. sales or marketing."""

    id: str
    name: Localized


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one department means by a term, and the wordings that say it unambiguously."""

    department: str
    definition: Localized
    prefer: LocalizedList = field(default_factory=dict)
    cues: LocalizedList = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase with one meaning per department that uses it."""

    id: str
    labels: LocalizedList
    meanings: tuple[Meaning, ...]
    forms: LocalizedList = field(default_factory=dict)
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: Status = Status.APPROVED
    usage: Usage = Usage.ADMITTED
    note: str | None = None
    #: Names and phrases that contain a label but are never this term (``Campaign Monitor``).
    ignore: tuple[str, ...] = ()
    #: The word classes meant: ``("noun",)`` by default; ``("noun", "verb")`` when the verb
    #: (*to lead*, *will close*) is meant too.
    pos: tuple[str, ...] = ("noun",)

    @property
    def ambiguous(self) -> bool:
        """True when two or more departments give the term different meanings."""
        return len(self.meanings) >= 2


@dataclass(frozen=True, slots=True)
class Glossary:
    """A whole glossary: its languages (the first is the default), departments and terms."""

    languages: tuple[str, ...]
    departments: tuple[Department, ...]
    terms: tuple[Term, ...]
    schema: int = 1
    #: Names and phrases that contain a label but are never the term, for every term.
    ignore: tuple[str, ...] = ()

    def department(self, department_id: str) -> Department | None:
        """The department with this id, or None."""
        return next((d for d in self.departments if d.id == department_id), None)

    def term(self, term_id: str) -> Term | None:
        """The term with this id, or None."""
        return next((t for t in self.terms if t.id == term_id), None)
