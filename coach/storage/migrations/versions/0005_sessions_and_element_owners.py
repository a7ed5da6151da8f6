"""login_sessions, and elements stored under "unknown/" re-keyed to their thread's owner

Chainlit keys an element file by the thread's user id, and when the thread is not linked to
its user yet (the first answer of a new chat) it writes "unknown/<element id>/<name>": after a
reload the owner got 404 on those cited notes and exports. The keys are rewritten here; the
files follow at start-up (`coach.storage.chat_threads.relocate_files`), since a migration
does not know the data dir.

Revision ID: 0005
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_login_sessions_username", "login_sessions", ["username"])
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            'SELECT e."id", e."objectKey", t."userId" FROM elements e '
            'JOIN threads t ON t."id" = e."threadId" '
            'WHERE e."objectKey" LIKE \'unknown/%\' AND t."userId" IS NOT NULL'
        )
    ).fetchall()
    for element_id, key, user_id in rows:
        new_key = f"{user_id}/" + str(key).split("/", 1)[1]
        bind.execute(
            sa.text('UPDATE elements SET "objectKey" = :k WHERE "id" = :i'),
            {"k": new_key, "i": element_id},
        )
        bind.execute(
            sa.text(
                'UPDATE elements SET "url" = replace("url", :old, :new) '
                'WHERE "id" = :i AND "url" IS NOT NULL'
            ),
            {"old": "/unknown/", "new": f"/{user_id}/", "i": element_id},
        )


def downgrade() -> None:
    op.drop_index("ix_login_sessions_username", table_name="login_sessions")
    op.drop_table("login_sessions")
