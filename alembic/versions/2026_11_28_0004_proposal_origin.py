"""proposal origin, for the open-proposal quota

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(length=140), nullable=True)
        )
        batch_op.create_index("ix_proposal_status_origin", ["status", "origin"], unique=False)
    # Proposals made with a key count against that key; older anonymous ones against nobody.
    op.execute("UPDATE proposal SET origin = 'key:' || proposer WHERE proposer <> 'anonymous'")


def downgrade() -> None:
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index("ix_proposal_status_origin")
        batch_op.drop_column("origin")
