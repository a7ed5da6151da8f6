"""Issue 14 line 5 on PostgreSQL: after an erase no table or index file of the database holds
the person's text. Deleted tuples stay on their pages until the table is rewritten, so the
erase runs VACUUM FULL on the tables it touched; this test reads the server's files (the
database's folder under base/, after a CHECKPOINT writes every page out) for a marker string.
The server's WAL is out of scope (docs/security.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from coach.auth import create_manager
from coach.container import Overrides, build_container
from coach.embeddings import Embedder
from coach.settings import Settings
from coach.storage import repo

pytestmark = pytest.mark.integration
MARKER = "zqxpgmarker2207"


def _files_with_marker(db_dir: Path) -> list[str]:
    return sorted(
        p.name for p in db_dir.iterdir() if p.is_file() and MARKER.encode() in p.read_bytes()
    )


def test_erase_leaves_no_trace_in_the_postgres_files(
    pg_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    settings = Settings(data_dir=tmp_path / "data", llm="fake")
    settings.db.url = pg_url
    c = build_container(settings, Overrides(embedder=embedder))
    c.migrate()
    mid = create_manager(c.db, "mira", "password-1").id
    with c.db.session() as s:
        repo.add_person(s, mid, "Sanne de Vries")
        repo.add_person(s, mid, "Thomas Bakker")
    c.notes.add(mid, "Sanne", f"Sanne vertelde over {MARKER} en haar slaap.")
    c.notes.add(mid, "Thomas", "Thomas wil een cursus volgen.")
    with c.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
        root = Path(str(con.execute(text("SHOW data_directory")).scalar_one()))
        oid = con.execute(
            text("SELECT oid FROM pg_database WHERE datname = current_database()")
        ).scalar_one()
        con.execute(text("CHECKPOINT"))
    db_dir = root / "base" / str(oid)
    assert _files_with_marker(db_dir), "the marker never reached the database files"

    c.team.erase(mid, "Sanne")
    with c.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
        con.execute(text("CHECKPOINT"))
    assert _files_with_marker(db_dir) == []
    assert [h.text for h in c.notes.list(mid, "Thomas")] == ["Thomas wil een cursus volgen."]
