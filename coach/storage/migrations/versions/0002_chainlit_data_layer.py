"""Chainlit 2.12 data-layer tables (users, threads, steps, elements, feedbacks).

Chainlit's SQLAlchemyDataLayer creates no tables and only logs SQL errors, so a drifted
schema silently drops messages. The columns follow what Chainlit 2.12 writes, including the
newer step fields (command, modes, defaultOpen, autoCollapse) and element props.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _types() -> tuple[sa.types.TypeEngine, sa.types.TypeEngine]:
    if op.get_bind().dialect.name == "postgresql":
        return postgresql.JSONB(), postgresql.ARRAY(sa.Text())
    return sa.JSON(), sa.Text()


def upgrade() -> None:
    json_t, tags_t = _types()
    op.create_table(
        "users",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("identifier", sa.Text(), nullable=False, unique=True),
        sa.Column("metadata", json_t, nullable=False),
        sa.Column("createdAt", sa.Text()),
    )
    op.create_table(
        "threads",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("createdAt", sa.Text()),
        sa.Column("name", sa.Text()),
        sa.Column("userId", sa.Text(), sa.ForeignKey("users.id", ondelete="CASCADE")),
        sa.Column("userIdentifier", sa.Text()),
        sa.Column("tags", tags_t),
        sa.Column("metadata", json_t),
    )
    op.create_index("ix_threads_userId", "threads", ["userId"])
    op.create_table(
        "steps",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column(
            "threadId",
            sa.Text(),
            sa.ForeignKey("threads.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("parentId", sa.Text()),
        sa.Column("streaming", sa.Boolean(), nullable=False),
        sa.Column("waitForAnswer", sa.Boolean()),
        sa.Column("isError", sa.Boolean()),
        sa.Column("metadata", json_t),
        sa.Column("tags", tags_t),
        sa.Column("input", sa.Text()),
        sa.Column("output", sa.Text()),
        sa.Column("createdAt", sa.Text()),
        sa.Column("command", sa.Text()),
        sa.Column("start", sa.Text()),
        sa.Column("end", sa.Text()),
        sa.Column("generation", json_t),
        sa.Column("showInput", sa.Text()),
        sa.Column("language", sa.Text()),
        sa.Column("indent", sa.Integer()),
        sa.Column("defaultOpen", sa.Boolean()),
        sa.Column("autoCollapse", sa.Boolean()),
        sa.Column("modes", json_t),
        sa.Column("icon", sa.Text()),
    )
    op.create_index("ix_steps_threadId", "steps", ["threadId"])
    op.create_table(
        "elements",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("threadId", sa.Text(), sa.ForeignKey("threads.id", ondelete="CASCADE")),
        sa.Column("type", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("chainlitKey", sa.Text()),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("display", sa.Text()),
        sa.Column("objectKey", sa.Text()),
        sa.Column("size", sa.Text()),
        sa.Column("page", sa.Integer()),
        sa.Column("language", sa.Text()),
        sa.Column("forId", sa.Text()),
        sa.Column("mime", sa.Text()),
        sa.Column("props", json_t),
        sa.Column("path", sa.Text()),
        sa.Column("autoPlay", sa.Boolean()),
        sa.Column("playerConfig", json_t),
    )
    op.create_table(
        "feedbacks",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("forId", sa.Text(), nullable=False),
        sa.Column(
            "threadId",
            sa.Text(),
            sa.ForeignKey("threads.id", ondelete="CASCADE"),
            nullable=True,  # Chainlit's Feedback.threadId is optional
        ),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text()),
    )


def downgrade() -> None:
    for table in ("feedbacks", "elements", "steps", "threads", "users"):
        op.drop_table(table)
