"""A term as people read it, in one language: its label, its other words, whether it is
ambiguous, and each department's meaning (the glossary's pages and ``glossary lookup``)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from glossary.matching.findings import ReportedMeaning
from glossary.matching.messages import pick, reported_meaning
from glossary.matching.model import Glossary, Term, Usage
from glossary.matching.text import fold

# Swedish alphabet: å, ä and ö are letters of their own after z ("{|}" follow "z" in ASCII).
_SWEDISH_LAST = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"})


def label_key(label: str, lang: str) -> str:
    """The sort key of a label in ``lang``: folded as the checker folds words, accents
    ignored, but in Swedish å, ä and ö after z."""
    folded = fold(label)
    if lang == "sv":
        folded = folded.translate(_SWEDISH_LAST)
    bare = unicodedata.normalize("NFD", folded)
    return "".join(c for c in bare if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class TermView:
    """A term as the pages and `glossary lookup` show it."""

    id: str
    label: str
    other_labels: tuple[str, ...]
    kind: str
    sides: tuple[ReportedMeaning, ...]
    related: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]


def term_view(term: Term, glossary: Glossary, lang: str) -> TermView:
    """What a reader needs of a term, in ``lang`` where the glossary has it."""
    order = glossary.languages
    label = pick(term.labels, lang, order)[0]
    others = tuple(sorted({w for ws in term.labels.values() for w in ws} - {label}))
    departments = {m.department for m in term.meanings}
    kind = (
        "deprecated"
        if term.usage is Usage.DEPRECATED
        else "ambiguous"
        if len(departments) > 1
        else "known"
    )
    sides = tuple(reported_meaning(m, glossary, lang) for m in term.meanings)
    terms = {t.id: t for t in glossary.terms}
    related = tuple(
        (rid, pick(terms[rid].labels, lang, order)[0]) for rid in term.related if rid in terms
    )
    return TermView(term.id, label, others, kind, sides, related, term.tags)
