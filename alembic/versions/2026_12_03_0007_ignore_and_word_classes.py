"""ignore lists (per term and for the whole glossary) and a term's word classes

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The new columns and the value every existing row gets: nothing ignored, the noun meant.
COLUMNS: tuple[tuple[str, str, list[str]], ...] = (
    ("term", "ignore", []),
    ("term", "pos", ["noun"]),
    ("glossary_state", "ignore", []),
)


def upgrade() -> None:
    for table, column, value in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.JSON(), nullable=True))
        rows = sa.table(table, sa.column(column, sa.JSON()))
        op.execute(rows.update().values({column: value}))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(column, existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    for table, column, _ in reversed(COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column)
