"""After an erase: make the deleted rows unrecoverable from the database files.

SQLite runs with secure_delete (coach.storage.db: freed cells are zeroed as they are
deleted); the WAL still holds the earlier page images, so it is checkpointed and truncated.
PostgreSQL keeps deleted tuples on their pages until they are rewritten: VACUUM FULL rewrites
the tables an erase touches (a short exclusive lock; fine for a team-sized database). The
server's own WAL archive and backups are the operator's (docs/security.md).
"""

from __future__ import annotations

from sqlalchemy import text

from coach.storage.db import Database

ERASE_TABLES = (
    "notes",
    "meetings",
    "action_items",
    "note_chunks",
    "checkins",
    "checkin_links",
    "rehearsals",
    "people",
    "imported_files",
    "steps",
    "elements",
    "feedbacks",
    "threads",
)


def compact(db: Database) -> None:
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as con:
            fts = con.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = 'note_chunks_fts'")
            ).first()
            if fts is not None:  # FTS5 keeps deleted terms in its segments until merged
                con.execute(text("INSERT INTO note_chunks_fts(note_chunks_fts) VALUES('optimize')"))
                con.commit()
            con.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
            present = {
                r[0]
                for r in con.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                )
            }
            for table in ERASE_TABLES:
                if table in present:
                    con.execute(text(f'VACUUM FULL "{table}"'))
