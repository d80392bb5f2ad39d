"""Who sees what: readers see approved terms only, editors and admins every review stage."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from glossary.errors import (
    InvalidInput,
)
from glossary.matching.model import Glossary, Status, Term
from glossary.service.keys import Principal, Role
from glossary.service.store import StoredTerm

if TYPE_CHECKING:
    from glossary.service.catalog import Snapshot


_EVERY_STAGE = frozenset(Status)


_APPROVED_ONLY = frozenset({Status.APPROVED})


def readable_statuses(principal: Principal) -> frozenset[Status]:
    """The review stages ``principal`` may read."""
    return _EVERY_STAGE if principal.role >= Role.EDITOR else _APPROVED_ONLY


def can_read(principal: Principal, term: Term | None) -> bool:
    """Whether ``principal`` may see ``term`` (None: there is no such term)."""
    return term is not None and term.status in readable_statuses(principal)


def listed_statuses(principal: Principal, wanted: Status | None) -> frozenset[Status]:
    """The stages a list shows: the one asked for, if ``principal`` may read it; else all
    the stages it may read."""
    readable = readable_statuses(principal)
    if wanted is None:
        return readable
    if wanted not in readable:
        raise InvalidInput(f"only editors can list terms that are {wanted.value}")
    return frozenset({wanted})


def state_readable(statuses: Collection[str], state: Mapping[str, Any] | None) -> bool:
    """Whether a stored state of a term (history, in the file format) is in ``statuses``."""
    return state is not None and state.get("status", Status.APPROVED.value) in statuses


def without_hidden(term: Term, hidden: Collection[str]) -> Term:
    """The term without related ids its reader may not see."""
    if not any(other in hidden for other in term.related):
        return term
    return replace(term, related=tuple(other for other in term.related if other not in hidden))


@dataclass(frozen=True, slots=True)
class View:
    """What one kind of reader sees of a snapshot: the terms of the stages they may read,
    with no related id of a term they may not."""

    terms: Mapping[str, StoredTerm]
    glossary: Glossary


def view_of(snapshot: Snapshot, statuses: frozenset[Status]) -> View:
    if statuses == _EVERY_STAGE:
        return View(terms=snapshot.terms, glossary=snapshot.glossary)
    hidden = {i for i, s in snapshot.terms.items() if s.term.status not in statuses}
    terms = {
        term_id: replace(stored, term=without_hidden(stored.term, hidden))
        for term_id, stored in snapshot.terms.items()
        if term_id not in hidden
    }
    glossary = replace(snapshot.glossary, terms=tuple(s.term for s in terms.values()))
    return View(terms=terms, glossary=glossary)
