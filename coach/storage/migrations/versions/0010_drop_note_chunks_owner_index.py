"""note_chunks: drop the owner-only index that 0009's (owner, length) index makes redundant

Migration 0004 indexed the passages' manager_id; 0009 added an index on (manager_id,
n_terms), whose leading column serves every lookup by owner the first one served, and
covers the per-search statistics (passage count and mean length) besides. The first index
only cost a write per passage (each note's save, import and reindex).

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_note_chunks_manager_id", table_name="note_chunks")


def downgrade() -> None:
    op.create_index("ix_note_chunks_manager_id", "note_chunks", ["manager_id"])
