"""term statistics

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 11:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "term_stat",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("term_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "term_id", "department"),
    )


def downgrade() -> None:
    op.drop_table("term_stat")
