"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 07:46:32.129019
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("prefix", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "department",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    state = op.create_table(
        "glossary_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "term",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("usage", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("related", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("term", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_term_status"), ["status"], unique=False)

    op.create_table(
        "term_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("glossary_version", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("term_history", schema=None) as batch_op:
        batch_op.create_index(
            "ix_term_history_term_revision", ["term_id", "revision"], unique=False
        )

    op.create_table(
        "meaning",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.String(length=128), nullable=False),
        sa.Column("department_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("prefer", sa.JSON(), nullable=False),
        sa.Column("cues", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
        ),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("term_id", "department_id", name="uq_meaning_department"),
    )
    with op.batch_alter_table("meaning", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meaning_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index("ix_meaning_term_id", ["term_id"], unique=False)

    op.create_table(
        "term_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.String(length=128), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("norm", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["term_id"], ["term.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "language", "norm", name="uq_term_text_kind_language_norm"),
    )
    with op.batch_alter_table("term_text", schema=None) as batch_op:
        batch_op.create_index("ix_term_text_term_id", ["term_id"], unique=False)

    # The glossary's one version row: every write bumps it in its own transaction.
    op.bulk_insert(
        state,
        [{"id": 1, "version": 0, "languages": ["sv", "en"], "updated_at": datetime.now(UTC)}],
    )


def downgrade() -> None:
    with op.batch_alter_table("term_text", schema=None) as batch_op:
        batch_op.drop_index("ix_term_text_term_id")

    op.drop_table("term_text")
    with op.batch_alter_table("meaning", schema=None) as batch_op:
        batch_op.drop_index("ix_meaning_term_id")
        batch_op.drop_index(batch_op.f("ix_meaning_department_id"))

    op.drop_table("meaning")
    with op.batch_alter_table("term_history", schema=None) as batch_op:
        batch_op.drop_index("ix_term_history_term_revision")

    op.drop_table("term_history")
    with op.batch_alter_table("term", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_term_status"))

    op.drop_table("term")
    op.drop_table("glossary_state")
    op.drop_table("department")
    op.drop_table("api_key")
