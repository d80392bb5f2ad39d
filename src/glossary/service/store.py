"""Terms as stored: rows read into values with their revision, and the glossary's state."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from glossary.matching.model import Meaning, Status, Term, Usage
from glossary.models import (
    GlossaryState,
    MeaningRow,
    TermRow,
    TermTextRow,
)


def aware(moment: datetime) -> datetime:
    """A stored time, UTC-aware (SQLite gives it back without a zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StoredTerm:
    """A term as stored: the value plus its revision (the ETag) and audit fields."""

    term: Term
    revision: int
    created_at: datetime
    updated_at: datetime
    updated_by: str

    @property
    def etag(self) -> str:
        """The strong ETag of this revision."""
        return f'"{self.revision}"'


def glossary_version(*, session: Session) -> int:
    """The glossary's version number; every write bumps it."""
    return int(session.exec(select(GlossaryState.version).where(GlossaryState.id == 1)).one())


def glossary_languages(*, session: Session) -> tuple[str, ...]:
    """The glossary's languages, the default first."""
    languages = session.exec(select(GlossaryState.languages).where(GlossaryState.id == 1)).one()
    return tuple(languages)


def glossary_ignore(*, session: Session) -> tuple[str, ...]:
    """The names and phrases the whole glossary ignores (``Campaign Monitor``)."""
    ignore = session.exec(select(GlossaryState.ignore).where(GlossaryState.id == 1)).one()
    return tuple(ignore)


def load_terms(session: Session, ids: Collection[str] | None = None) -> dict[str, StoredTerm]:
    """The stored terms (every one, or those of ``ids``) by id, in id order."""
    term_query = select(TermRow)
    text_query = select(TermTextRow).order_by(col(TermTextRow.id))
    meaning_query = select(MeaningRow).order_by(col(MeaningRow.position))
    if ids is not None:
        term_query = term_query.where(col(TermRow.id).in_(ids))
        text_query = text_query.where(col(TermTextRow.term_id).in_(ids))
        meaning_query = meaning_query.where(col(MeaningRow.term_id).in_(ids))
    texts: dict[str, list[TermTextRow]] = defaultdict(list)
    for text_row in session.exec(text_query):
        texts[text_row.term_id].append(text_row)
    meanings: dict[str, list[MeaningRow]] = defaultdict(list)
    for meaning_row in session.exec(meaning_query):
        meanings[meaning_row.term_id].append(meaning_row)
    rows = session.exec(term_query.order_by(col(TermRow.id)))
    return {row.id: _stored_term(row, texts[row.id], meanings[row.id]) for row in rows}


def _localized_texts(rows: Iterable[TermTextRow], kind: str) -> dict[str, tuple[str, ...]]:
    result: dict[str, list[str]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.position):
        if row.kind == kind:
            result[row.language].append(row.text)
    return {language: tuple(texts) for language, texts in result.items()}


def _stored_term(row: TermRow, texts: list[TermTextRow], meanings: list[MeaningRow]) -> StoredTerm:
    term = Term(
        id=row.id,
        labels=_localized_texts(texts, "label"),
        forms=_localized_texts(texts, "form"),
        meanings=tuple(
            Meaning(
                department=m.department_id,
                definition=dict(m.definition),
                prefer={lang: tuple(v) for lang, v in m.prefer.items()},
                cues={lang: tuple(v) for lang, v in m.cues.items()},
            )
            for m in meanings
        ),
        related=tuple(row.related),
        tags=tuple(row.tags),
        status=Status(row.status),
        usage=Usage(row.usage),
        note=row.note,
        ignore=tuple(row.ignore),
        pos=tuple(row.pos),
    )
    return StoredTerm(
        term=term,
        revision=row.revision,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        updated_by=row.updated_by,
    )


def all_terms(session: Session) -> dict[str, Term]:
    """Every term's value by id."""
    return {term_id: stored.term for term_id, stored in load_terms(session).items()}
