"""TBX concept entries → glossary-file terms: departments, labels, retired wordings, and the
entries of our own export joined back into one term."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from glossary.errors import Problem
from glossary.matching.model import Department, Usage
from glossary.rules import MAX_TERM_ID_CHARS
from glossary.tbx.dialects import JOINED, Problems
from glossary.tbx.read import Concept, Wording


def file_languages(found: Sequence[Concept]) -> list[str]:
    """The languages the concepts have terms in, in order of appearance."""
    return list(dict.fromkeys(w.language for c in found for w in c.wordings if w.language))


def slug(text: str) -> str:
    """An id from a word: lowercase ASCII letters, digits and '-', short enough to take a
    number (``-2``) and stay within the cap on ids."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain)[: MAX_TERM_ID_CHARS - 8].strip("-") or "term"


def to_terms(
    found: Sequence[Concept],
    *,
    languages: Sequence[str],
    departments: Sequence[Department],
    default_department: str | None,
    lines: dict[str, int] | None = None,
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The concepts as glossary-file terms; problems name the entry and its line. ``lines``,
    if given, gets the line of the (first) entry each term came from."""
    built = _Terms(languages, _by_name(departments), default_department, lines)
    for concept in found:
        built.add(concept)
    return built.terms, built.problems.found


def _by_name(departments: Sequence[Department]) -> dict[str, str]:
    """Department ids by their id and each of their names, in lower case."""
    by_name = {d.id.lower(): d.id for d in departments}
    for known in departments:
        by_name.update({name.lower(): known.id for name in known.name.values()})
    return by_name


class _Terms:
    """The terms built so far from concept entries, and the problems found."""

    def __init__(
        self,
        languages: Sequence[str],
        by_name: dict[str, str],
        default_department: str | None,
        lines: dict[str, int] | None,
    ) -> None:
        self.languages = languages
        self.by_name = by_name
        self.default_department = default_department
        self.lines = {} if lines is None else lines
        self.problems = Problems()
        self.joined: dict[str, dict[str, Any]] = {}
        self.terms: list[dict[str, Any]] = []
        self.taken: set[str] = set()

    def add(self, concept: Concept) -> None:
        department = self.department(concept)
        if department is None:
            return
        kept = [w for w in concept.wordings if w.language in self.languages]
        if not kept:
            languages = ", ".join(self.languages)
            self.problems.add(concept.element, f"entry {concept.id!r} has no term in {languages}")
            return
        meaning = _meaning(concept, department, kept, self.languages)
        base, _, joined_department = concept.id.rpartition(JOINED)
        if base and joined_department == department:  # written by our export: join again
            _join(self.joined_term(base, concept.line), concept, meaning, kept)
        else:
            self.own_terms(concept, meaning, kept)

    def department(self, concept: Concept) -> str | None:
        department = next(
            (self.by_name[s.lower()] for s in concept.subjects if s.lower() in self.by_name),
            self.default_department,
        )
        if department is None:
            named = f" ({', '.join(repr(s) for s in concept.subjects)})" if concept.subjects else ""
            self.problems.add(
                concept.element,
                f"entry {concept.id!r}: no department{named}; give one with ?department= "
                "(glossary import --department)",
            )
        return department

    def joined_term(self, base: str, line: int) -> dict[str, Any]:
        target = self.joined.get(base)
        if target is None:
            target = self.joined[base] = {"id": base, "labels": {}, "meanings": []}
            self.terms.append(target)
            self.lines[base] = line
            self.taken.add(base)
        return target

    def own_terms(self, concept: Concept, meaning: dict[str, Any], kept: list[Wording]) -> None:
        """A term of the current wordings, and a deprecated term for each retired one."""
        current = [w for w in kept if not w.retired]
        if current:
            term_id = self.new_id(current[0].text, concept.line)
            term: dict[str, Any] = {"id": term_id, "labels": _words(current), "meanings": [meaning]}
            if concept.notes:
                term["note"] = "\n".join(concept.notes)
            self.terms.append(term)
        for wording in (w for w in kept if w.retired):
            preferred = _words(current)
            self.terms.append(
                {
                    "id": self.new_id(wording.text, concept.line),
                    "labels": {wording.language: [wording.text]},
                    "usage": Usage.DEPRECATED.value,
                    "meanings": [{**meaning, "prefer": preferred} if preferred else meaning],
                }
            )

    def new_id(self, text: str, line: int) -> str:
        term_id = _unique(slug(text), self.taken)
        self.lines[term_id] = line
        return term_id


def _join(
    target: dict[str, Any], concept: Concept, meaning: dict[str, Any], kept: Sequence[Wording]
) -> None:
    """One entry of our export into its term: labels (deprecated or not), forms (variants),
    prefer wordings and cues, the term's note, tags and related terms."""
    labels = [w for w in kept if not w.preferred and not w.variant]
    _add_words(target.setdefault("labels", {}), labels)
    forms = _words([w for w in kept if w.variant and not w.preferred])
    if forms:
        target["forms"] = forms
    meaning["prefer"] = _words([w for w in kept if w.preferred])
    if concept.cues:
        meaning["cues"] = dict(concept.cues)
    target["meanings"].append(meaning)
    if labels and all(w.retired for w in labels):
        target["usage"] = Usage.DEPRECATED.value
    for name, values in (("tags", concept.tags), ("related", concept.related)):
        if values:
            target[name] = list(values)
    if concept.notes:
        target["note"] = "\n".join(concept.notes)


def _meaning(
    concept: Concept, department: str, kept: Sequence[Wording], languages: Sequence[str]
) -> dict[str, Any]:
    definitions = {lang: text for lang, text in concept.definitions.items() if lang in languages}
    if not definitions and "" in concept.definitions:
        definitions = {kept[0].language: concept.definitions[""]}
    if not definitions:
        definitions = {
            kept[0].language: f"{kept[0].text} (from a termbase entry without a definition)"
        }
    return {"department": department, "definition": definitions}


def _words(wordings: Sequence[Wording]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    _add_words(out, wordings)
    return out


def _add_words(out: dict[str, list[str]], wordings: Sequence[Wording]) -> None:
    for wording in wordings:
        words = out.setdefault(wording.language, [])
        if wording.text not in words:
            words.append(wording.text)


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate
