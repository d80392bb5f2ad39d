"""SQLModel tables: glossary state, departments, terms with labels and meanings, history, keys."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


def _json(nullable: bool = False) -> Any:
    return Field(sa_column=Column(JSON, nullable=nullable))


def _timestamp(nullable: bool = False) -> Any:
    return Field(sa_column=Column(DateTime(timezone=True), nullable=nullable))


class GlossaryState(SQLModel, table=True):
    """The single row that versions the glossary; every write bumps ``version``."""

    __tablename__ = "glossary_state"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    languages: list[str] = _json()
    #: Names and phrases that contain a label but are never the term, for every term.
    ignore: list[str] = _json()
    updated_at: datetime = _timestamp()


class DepartmentRow(SQLModel, table=True):
    """A department, with its name per language."""

    __tablename__ = "department"

    id: str = Field(primary_key=True, max_length=64)
    position: int = 0
    name: dict[str, str] = _json()


class TermRow(SQLModel, table=True):
    """A term's own fields; labels, forms and meanings live in their own tables."""

    __tablename__ = "term"

    id: str = Field(primary_key=True, max_length=128)
    revision: int = 1
    status: str = Field(max_length=16, index=True)
    usage: str = Field(max_length=16)
    note: str | None = None
    tags: list[str] = _json()
    related: list[str] = _json()
    #: Names and phrases that contain a label but are never this term.
    ignore: list[str] = _json()
    #: The word classes meant (``["noun"]``, or ``["noun", "verb"]``).
    pos: list[str] = _json()
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()
    updated_by: str = Field(max_length=128)


class TermTextRow(SQLModel, table=True):
    """A label or a form of a term in one language; ``norm`` is the folded text for lookups."""

    __tablename__ = "term_text"
    __table_args__ = (
        UniqueConstraint("kind", "language", "norm", name="uq_term_text_kind_language_norm"),
        Index("ix_term_text_term_id", "term_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    term_id: str = Field(
        sa_column=Column(String(128), ForeignKey("term.id", ondelete="CASCADE"), nullable=False)
    )
    kind: str = Field(max_length=8)
    language: str = Field(max_length=16)
    position: int = 0
    text: str
    norm: str


class MeaningRow(SQLModel, table=True):
    """What one department means by a term."""

    __tablename__ = "meaning"
    __table_args__ = (
        UniqueConstraint("term_id", "department_id", name="uq_meaning_department"),
        Index("ix_meaning_term_id", "term_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    term_id: str = Field(
        sa_column=Column(String(128), ForeignKey("term.id", ondelete="CASCADE"), nullable=False)
    )
    department_id: str = Field(foreign_key="department.id", max_length=64, index=True)
    position: int = 0
    definition: dict[str, str] = _json()
    prefer: dict[str, list[str]] = _json()
    cues: dict[str, list[str]] = _json()


class HistoryRow(SQLModel, table=True):
    """One change of a term: who, when, and the term before and after (null when absent)."""

    __tablename__ = "term_history"
    __table_args__ = (Index("ix_term_history_term_revision", "term_id", "revision"),)

    id: int | None = Field(default=None, primary_key=True)
    term_id: str = Field(max_length=128)
    revision: int
    glossary_version: int
    action: str = Field(max_length=16)
    actor: str = Field(max_length=128)
    at: datetime = _timestamp()
    before: dict[str, Any] | None = _json(nullable=True)
    after: dict[str, Any] | None = _json(nullable=True)


class ApiKeyRow(SQLModel, table=True):
    """An API key: only its SHA-256 hash is stored; ``prefix`` identifies it to people."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=128, unique=True)
    role: str = Field(max_length=16)
    prefix: str = Field(max_length=16)
    key_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _timestamp()
    revoked_at: datetime | None = _timestamp(nullable=True)
    #: Department ids an editor may change meanings of; null: every department.
    departments: list[str] | None = _json(nullable=True)


class ProposalRow(SQLModel, table=True):
    """A proposed new term or change, waiting for an editor whose departments it touches."""

    __tablename__ = "proposal"
    __table_args__ = (
        Index("ix_proposal_status_term", "status", "term_id"),
        Index("ix_proposal_status_origin", "status", "origin"),
    )

    id: int | None = Field(default=None, primary_key=True)
    term_id: str = Field(max_length=128)
    #: The term's revision when proposed; null for a new term. Approval needs it unchanged.
    base_revision: int | None = None
    term: dict[str, Any] = _json()
    comment: str = ""
    status: str = Field(default="open", max_length=16)
    proposer: str = Field(max_length=128)
    #: Who counts against the open-proposal quota: ``key:<name>``, or for a proposal without
    #: a key ``address:<hash of the client address>`` (the address itself is not stored).
    origin: str | None = Field(default=None, max_length=140)
    created_at: datetime = _timestamp()
    decided_by: str | None = Field(default=None, max_length=128)
    decided_at: datetime | None = _timestamp(nullable=True)
    reason: str | None = None
    applied_revision: int | None = None


class ProposalApprovalRow(SQLModel, table=True):
    """One department's approval of a proposal: it applies once each department it touches
    has approved."""

    __tablename__ = "proposal_approval"

    proposal_id: int = Field(
        sa_column=Column(Integer, ForeignKey("proposal.id", ondelete="CASCADE"), primary_key=True)
    )
    department: str = Field(primary_key=True, max_length=64)
    by: str = Field(max_length=128)
    at: datetime = _timestamp()


class TermStatRow(SQLModel, table=True):
    """How often a term was flagged on one day, by the department the context pointed at
    ("unknown" when it did not tell). Opt-in (GLOSSARY_STATS); no checked text is kept."""

    __tablename__ = "term_stat"

    day: date = Field(primary_key=True)
    term_id: str = Field(primary_key=True, max_length=128)
    department: str = Field(primary_key=True, max_length=64)
    count: int = 0


class RateLimitWindowRow(SQLModel, table=True):
    """One caller's rate-limit window (GLOSSARY_RATE_LIMIT_STORAGE=database): hits counted by
    every worker, until ``expires_at`` (seconds since the epoch)."""

    __tablename__ = "rate_limit_window"

    caller: str = Field(primary_key=True, max_length=200)
    hits: int = 0
    expires_at: float
