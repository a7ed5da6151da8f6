"""managers.nudged_on: the local date a manager last saw the due-1:1 nudge

The chat lists due and overdue people once per day per manager; the date lives in SQL so
the rule holds across threads, browser tabs and server restarts.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("managers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nudged_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("managers", schema=None) as batch_op:
        batch_op.drop_column("nudged_on")
