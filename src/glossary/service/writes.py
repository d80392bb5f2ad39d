"""Writes of terms: the write lock and its notification, rows, words, meanings and history."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, text, update
from sqlmodel import Session, col, select

from glossary import rules
from glossary.matching.model import Term
from glossary.models import (
    GlossaryState,
    HistoryRow,
    MeaningRow,
    TermRow,
    TermTextRow,
    utcnow,
)
from glossary.service.store import StoredTerm, glossary_version
from glossary.terms_file import term_to_dict

#: The PostgreSQL channel that announces every write, and the session key that marks one.
CHANNEL = "glossary_changed"


WROTE = "glossary_written"


def begin_write(session: Session) -> int:
    """Bump the version first: on SQLite this takes the write lock, on PostgreSQL the row lock,
    so writers are serialized and every read after it sees the latest committed state."""
    session.exec(
        update(GlossaryState)
        .where(col(GlossaryState.id) == 1)
        .values(version=GlossaryState.version + 1, updated_at=utcnow())
    )
    version = glossary_version(session=session)
    session.info[WROTE] = version
    if session.get_bind().dialect.name == "postgresql":
        # Delivered at commit to every process that listens: they rebuild at once.
        notify = text("SELECT pg_notify(:channel, :version)")
        session.execute(notify, {"channel": CHANNEL, "version": str(version)})
    return version


def _term_rows(term: Term) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    texts = [
        {
            "term_id": term.id,
            "kind": kind,
            "language": language,
            "position": position,
            "text": value,
            "norm": rules.label_key(value),
        }
        for kind, localized in (("label", term.labels), ("form", term.forms))
        for language, values in localized.items()
        for position, value in enumerate(values)
    ]
    meanings = [
        {
            "term_id": term.id,
            "department_id": meaning.department,
            "position": position,
            "definition": dict(meaning.definition),
            "prefer": {lang: list(v) for lang, v in meaning.prefer.items()},
            "cues": {lang: list(v) for lang, v in meaning.cues.items()},
        }
        for position, meaning in enumerate(term.meanings)
    ]
    return texts, meanings


def _write_children(session: Session, terms: Sequence[Term]) -> None:
    texts: list[dict[str, Any]] = []
    meanings: list[dict[str, Any]] = []
    for term in terms:
        term_texts, term_meanings = _term_rows(term)
        texts += term_texts
        meanings += term_meanings
    if texts:
        session.execute(TermTextRow.__table__.insert(), texts)  # type: ignore[attr-defined]
    if meanings:
        session.execute(MeaningRow.__table__.insert(), meanings)  # type: ignore[attr-defined]


def delete_children(session: Session, term_ids: Collection[str]) -> None:
    """Delete the words and meanings of ``term_ids`` (before they are written anew or deleted)."""
    session.exec(delete(TermTextRow).where(col(TermTextRow.term_id).in_(term_ids)))
    session.exec(delete(MeaningRow).where(col(MeaningRow.term_id).in_(term_ids)))


def _last_revision(session: Session, term_id: str) -> int:
    last = session.exec(
        select(func.max(HistoryRow.revision)).where(HistoryRow.term_id == term_id)
    ).one()
    return int(last or 0)


def record(
    session: Session,
    *,
    term_id: str,
    revision: int,
    version: int,
    action: str,
    actor: str,
    before: Term | None,
    after: Term | None,
) -> None:
    """Add the history entry of one change of a term."""
    session.add(
        HistoryRow(
            term_id=term_id,
            revision=revision,
            glossary_version=version,
            action=action,
            actor=actor,
            at=utcnow(),
            before=term_to_dict(before) if before else None,
            after=term_to_dict(after) if after else None,
        )
    )


def _put_term_row(session: Session, term: Term, *, revision: int, actor: str) -> None:
    now = utcnow()
    row = session.get(TermRow, term.id)
    if row is None:
        row = TermRow(
            id=term.id,
            created_at=now,
            status=term.status,
            usage=term.usage,
            tags=[],
            related=[],
            ignore=[],
            pos=[],
            updated_at=now,
            updated_by=actor,
        )
    row.revision = revision
    row.status = term.status.value
    row.usage = term.usage.value
    row.note = term.note
    row.tags = list(term.tags)
    row.related = list(term.related)
    row.ignore = list(term.ignore)
    row.pos = list(term.pos)
    row.updated_at = now
    row.updated_by = actor
    session.add(row)


def store_terms(
    session: Session,
    terms: Sequence[Term],
    *,
    previous: Mapping[str, StoredTerm],
    version: int,
    actor: str,
    action: str,
) -> None:
    """Write new states of terms: row, words, meanings, and one history entry each."""
    delete_children(session, [term.id for term in terms if term.id in previous])
    for term in terms:
        old = previous.get(term.id)
        revision = old.revision + 1 if old else _last_revision(session, term.id) + 1
        _put_term_row(session, term, revision=revision, actor=actor)
        record(
            session,
            term_id=term.id,
            revision=revision,
            version=version,
            action=action,
            actor=actor,
            before=old.term if old else None,
            after=term,
        )
    session.flush()
    _write_children(session, terms)
    session.flush()
