"""What a valid glossary is: caps, ids, one owner per word, known related terms and departments."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from glossary.errors import InvalidGlossaryFile, InvalidInput, Problem
from glossary.matching.model import Term
from glossary.matching.text import words

__all__ = [
    "MAX_COMMENT_CHARS",
    "MAX_DEFINITION_CHARS",
    "MAX_DEPARTMENT_ID_CHARS",
    "MAX_IGNORE_ITEMS",
    "MAX_LIST_ITEMS",
    "MAX_MEANINGS",
    "MAX_NOTE_CHARS",
    "MAX_TERM_ID_CHARS",
    "MAX_WORD_CHARS",
    "WORD_CLASSES",
    "Word",
    "Words",
    "check_change",
    "duplicates",
    "ignore_problem",
    "is_language",
    "is_slug",
    "label_key",
    "related_problem",
    "require_known_departments",
    "slug_message",
    "unknown_related",
    "word_problems",
]

# Caps on every stored text. Each process holds the whole glossary and its index in memory,
# so no single field may be large; the API, every importer and the file loader check them
# here, in one place. The seed glossary's longest definition has 276 characters.

#: A term id (and an id in ``related``).
MAX_TERM_ID_CHARS = 100
#: A department id.
MAX_DEPARTMENT_ID_CHARS = 64
#: A label, form, prefer wording, cue or tag, and a department's name (per language).
MAX_WORD_CHARS = 200
#: A meaning's definition, per language.
MAX_DEFINITION_CHARS = 4_000
#: A term's note.
MAX_NOTE_CHARS = 4_000
#: A proposal's comment, or the reason it was rejected.
MAX_COMMENT_CHARS = 2_000
#: Items in one list: labels, forms, prefer wordings or cues of one language; tags; related.
MAX_LIST_ITEMS = 50
#: Meanings of one term (one per department).
MAX_MEANINGS = 20
#: Names and phrases in the glossary's own ignore list (a term's list has MAX_LIST_ITEMS).
MAX_IGNORE_ITEMS = 1_000

#: The word classes a term's ``pos`` may name: the noun is meant unless it says the verb too.
WORD_CLASSES = ("noun", "verb")

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
# A language code (`sv`, `en-GB`, `zh-Hant`): at most 12 characters, so it fits the store's 16.
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})?")


def is_slug(text: str) -> bool:
    """Whether ``text`` may be a term or department id."""
    return _SLUG.fullmatch(text) is not None


def slug_message(text: str) -> str:
    """Why ``text`` is not an id."""
    return f"invalid id '{text}': use lowercase letters, digits and '-', not starting with '-'"


def is_language(code: str) -> bool:
    """Whether ``code`` is a language code the glossary can hold."""
    return _LANGUAGE.fullmatch(code) is not None


def label_key(text: str) -> str:
    """When two labels, forms or prefer wordings are one word: when the matcher finds them in
    the same text, so hyphens and spaces are alike (``go-to-market``, ``go to market``), and
    case, Unicode composition and apostrophes do not count (``B2B``, ``b2b``)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(words(folded)) or " ".join(folded.split())


def ignore_problem(phrase: str, words: Iterable[str]) -> str | None:
    """Why a term's ignore ``phrase`` does nothing: it contains none of the term's ``words``
    (labels and forms; an inflection or a compound still contains its label)."""
    key = label_key(phrase)
    if any(label_key(word) in key for word in words):
        return None
    return f"'{phrase}' contains none of the term's labels or forms, so it ignores nothing"


def duplicates(items: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(where, value, where first) for each value given again; an empty value is never one."""
    first: dict[str, str] = {}
    for where, value in items:
        other = first.setdefault(value, where) if value else where
        if other != where:
            yield where, value, other


@dataclass(frozen=True, slots=True)
class Word:
    """A label or form: the term that has it, which of the two it is, and where it stands."""

    term: str
    kind: str
    where: str


class Words:
    """The labels and forms seen so far, per language: each belongs to one term only, or
    matching would have to guess (a term may have the same word as a label and a form)."""

    def __init__(self) -> None:
        self._owners: dict[tuple[str, str], Word] = {}
        self._firsts: dict[tuple[str, str, str, str], Word] = {}

    def clash(self, language: str, text: str, word: Word) -> Word | None:
        """Record ``word``; the word it clashes with (another term's, or its own of the same
        kind), or None."""
        key = (language, label_key(text))
        owner = self._owners.setdefault(key, word)
        if owner.term != word.term:
            return owner
        first = self._firsts.setdefault((*key, word.term, word.kind), word)
        return None if first is word else first


def related_problem(related_id: str, term_id: str | None) -> str | None:
    """Why ``related_id`` cannot be in the related terms of ``term_id``, or None."""
    if not is_slug(related_id):
        return slug_message(related_id)
    if related_id == term_id:
        return "a term cannot be related to itself"
    return None


def word_problems(terms: Iterable[Term], *, paths: Mapping[str, str]) -> list[Problem]:
    """Labels and forms used twice, in one term or by two (``paths`` names where terms are)."""
    seen = Words()
    problems: list[Problem] = []
    for term in terms:
        for kind, texts in (("label", term.labels), ("form", term.forms)):
            for language, values in texts.items():
                where = f"{paths.get(term.id, term.id)}.{kind}s.{language}"
                for value in values:
                    other = seen.clash(language, value, Word(term.id, kind, where))
                    if other is not None:
                        problems.append(Problem(where, _clash_message(value, other, term.id)))
    return problems


def _clash_message(value: str, other: Word, term_id: str) -> str:
    if other.term == term_id:
        return f"{value!r} is listed twice"
    return f"{value!r} is also a word of term {other.term!r}"


def unknown_related(
    terms: Iterable[Term], *, known: Collection[str], paths: Mapping[str, str]
) -> list[Problem]:
    """A problem for each related term that is not in ``known``."""
    return [
        Problem(f"{paths.get(term.id, term.id)}.related", f"unknown term {other!r}")
        for term in terms
        for other in term.related
        if other not in known
    ]


def check_change(final: Mapping[str, Term], *, paths: Mapping[str, str]) -> None:
    """Raise InvalidGlossaryFile if the glossary ``final``, after writing the terms in
    ``paths``, breaks a rule: a word of two terms, an unknown related term."""
    # Terms being written come last, so a clash is reported where the new input is.
    ordered = sorted(final.values(), key=lambda term: term.id in paths)
    problems = word_problems(ordered, paths=paths)
    problems += unknown_related(
        (final[term_id] for term_id in paths), known=final.keys(), paths=paths
    )
    if problems:
        raise InvalidGlossaryFile(problems, source="the change")


def require_known_departments(
    *, given: Collection[str], known: Collection[str], where: str
) -> None:
    """422 naming the known departments when ``given`` (found at ``where``) names another."""
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InvalidInput(
            f"unknown department {', '.join(map(repr, unknown))} in {where}; "
            f"known: {', '.join(sorted(known))}",
            details=[{"path": where, "message": f"unknown department {u!r}"} for u in unknown],
        )
