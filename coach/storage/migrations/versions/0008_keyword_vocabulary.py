"""note_chunks_vocab (SQLite): how many passages hold each term, read by keyword search

FTS5's bm25() gives a term held by half of all passages or more an IDF of ~0 (it clamps a
negative IDF to 1e-6), yet still scores every passage that holds it: a typed question with
a team member's name scored most of a 10k-note index (~20 ms). The search reads the term
counts from this fts5vocab view and leaves such terms out of the MATCH. The view stores
nothing of its own. PostgreSQL needs none of this.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS note_chunks_vocab "
            "USING fts5vocab(note_chunks_fts, row)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS note_chunks_vocab")
