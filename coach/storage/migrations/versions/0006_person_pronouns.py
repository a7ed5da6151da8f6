"""people.pronouns: how a person is referred to ("zij/haar", "he/him"), for the rehearsal card

Empty for everyone until the manager fills it in; the rehearsal then shows "not filled in"
rather than guessing from a name.

Revision ID: 0006
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pronouns", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("pronouns")
