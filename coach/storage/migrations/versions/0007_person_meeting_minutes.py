"""people.meeting_minutes: how long this person's 1:1 usually takes

The prep agenda fits this length and the invites last it. Existing people get 45 minutes,
the length every agenda and invite had until now.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("meeting_minutes", sa.Integer(), nullable=False, server_default="45")
        )


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("meeting_minutes")
