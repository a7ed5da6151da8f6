"""note_chunks: keyword search in the database (SQLite FTS5 / PostgreSQL full text)

Every note's passages are stored beside it, in the note's own transaction, so every process
(the app, the CLI, N replicas) searches the same words at once. SQLite keeps an FTS5 index
(bm25 ranking) over the normalised terms by triggers; PostgreSQL a tsvector per chunk in its
language (dutch / english configuration) with a GIN index. managers.notes_version counts note
writes so a process can tell that its vector handles may be stale.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE = [
    "CREATE VIRTUAL TABLE note_chunks_fts USING fts5("
    "terms, content='note_chunks', content_rowid='id')",
    "CREATE TRIGGER note_chunks_ai AFTER INSERT ON note_chunks BEGIN "
    "INSERT INTO note_chunks_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER note_chunks_ad AFTER DELETE ON note_chunks BEGIN "
    "INSERT INTO note_chunks_fts(note_chunks_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER note_chunks_au AFTER UPDATE ON note_chunks BEGIN "
    "INSERT INTO note_chunks_fts(note_chunks_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); "
    "INSERT INTO note_chunks_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
_POSTGRES = [
    "ALTER TABLE note_chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector("
    "CASE WHEN language = 'en' THEN 'english'::regconfig ELSE 'dutch'::regconfig END, text)"
    ") STORED",
    "CREATE INDEX ix_note_chunks_tsv ON note_chunks USING gin (tsv)",
]


def upgrade() -> None:
    with op.batch_alter_table("managers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notes_version", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "note_chunks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("ord", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("n_terms", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["manager_id"], ["managers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_note_chunks_note_id", "note_chunks", ["note_id"])
    op.create_index("ix_note_chunks_manager_id", "note_chunks", ["manager_id"])
    bind = op.get_bind()
    for statement in _SQLITE if bind.dialect.name == "sqlite" else _POSTGRES:
        op.execute(statement)
    _backfill(bind)


def _backfill(bind: sa.engine.Connection) -> None:
    """Passages of the notes written before this revision, through the same chunker."""
    from coach.storage.search import chunk_rows

    notes = bind.execute(sa.text("SELECT id, manager_id, text FROM notes ORDER BY id"))
    rows = [r for note_id, mid, text in notes for r in chunk_rows(note_id, mid, text)]
    if rows:
        bind.execute(
            sa.text(
                "INSERT INTO note_chunks (note_id, manager_id, ord, language, text, terms, "
                "n_terms) VALUES (:note_id, :manager_id, :ord, :language, :text, :terms, "
                ":n_terms)"
            ),
            rows,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("note_chunks_ai", "note_chunks_ad", "note_chunks_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS note_chunks_fts")
    op.drop_index("ix_note_chunks_manager_id", table_name="note_chunks")
    op.drop_index("ix_note_chunks_note_id", table_name="note_chunks")
    op.drop_table("note_chunks")
    with op.batch_alter_table("managers", schema=None) as batch_op:
        batch_op.drop_column("notes_version")
