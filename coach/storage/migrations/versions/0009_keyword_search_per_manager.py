"""note_chunks_fts (SQLite): the owner in the index, so ranking counts the manager's own passages

FTS5's bm25() counts how many passages hold a word over the whole table, every manager's
passages together: one manager's ranking moved with another's notes (a small side channel)
and a word common in someone else's notes lost weight in yours. The index now also holds
each passage's manager id as its own column, so the manager's passages, and how many of them
hold a word, are counted inside the index (FTS5 intersects the two lists), and the search
ranks by Okapi BM25 over the manager's own passages, as PostgreSQL does. The row vocabulary
of 0008 counted over every manager and is no longer read. A covering index gives each
manager's passage count and mean length without reading the passages.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = ("note_chunks_ai", "note_chunks_ad", "note_chunks_au")


def _fts(columns: str) -> list[str]:
    """The FTS5 table over `columns` of note_chunks, its sync triggers and a full rebuild."""
    new = ", ".join(f"new.{c}" for c in columns.split(", "))
    old = ", ".join(f"old.{c}" for c in columns.split(", "))
    return [
        f"CREATE VIRTUAL TABLE note_chunks_fts USING fts5({columns}, "
        "content='note_chunks', content_rowid='id')",
        "CREATE TRIGGER note_chunks_ai AFTER INSERT ON note_chunks BEGIN "
        f"INSERT INTO note_chunks_fts(rowid, {columns}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER note_chunks_ad AFTER DELETE ON note_chunks BEGIN "
        f"INSERT INTO note_chunks_fts(note_chunks_fts, rowid, {columns}) "
        f"VALUES ('delete', old.id, {old}); END",
        "CREATE TRIGGER note_chunks_au AFTER UPDATE ON note_chunks BEGIN "
        f"INSERT INTO note_chunks_fts(note_chunks_fts, rowid, {columns}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO note_chunks_fts(rowid, {columns}) VALUES (new.id, {new}); END",
        "INSERT INTO note_chunks_fts(note_chunks_fts) VALUES ('rebuild')",
    ]


def _drop_fts() -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS note_chunks_vocab")
    op.execute("DROP TABLE IF EXISTS note_chunks_fts")


def upgrade() -> None:
    op.create_index("ix_note_chunks_manager_terms", "note_chunks", ["manager_id", "n_terms"])
    if op.get_bind().dialect.name == "sqlite":
        _drop_fts()
        for statement in _fts("terms, manager_id"):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_fts()
        for statement in _fts("terms"):
            op.execute(statement)
        op.execute("CREATE VIRTUAL TABLE note_chunks_vocab USING fts5vocab(note_chunks_fts, row)")
    op.drop_index("ix_note_chunks_manager_terms", table_name="note_chunks")
