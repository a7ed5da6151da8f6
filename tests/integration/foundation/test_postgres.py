"""Migrations, repositories and search on a real PostgreSQL started here on loopback.

The server is started by tests/integration/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from coach.container import Overrides, build_container
from coach.embeddings import Embedder
from coach.settings import Settings
from coach.storage import repo

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


def test_postgres_migrations_repo_and_search(
    pg_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    c = build_container(
        Settings(data_dir=tmp_path, llm="fake", db={"url": pg_url}),  # type: ignore[arg-type]
        Overrides(embedder=embedder),
    )
    c.migrate()
    c.migrate()  # idempotent
    tables = set(inspect(c.db.engine).get_table_names())
    assert {"managers", "notes", "action_items", "threads", "steps"} <= tables
    with c.db.session() as s:
        a = repo.add_manager(s, "alice", password_hash=None).id
        b = repo.add_manager(s, "bob", password_hash=None).id
        repo.add_person(s, a, "Sanne")
        repo.add_person(s, b, "Sanne")
    note = c.notes.add(a, "Sanne", "Sanne wil doorgroeien naar teamlead.")
    c.notes.add(b, "Sanne", "Bob's geheime notitie over doorgroeien.")
    hits = c.retriever.search(a, "doorgroeien teamlead", k=5)
    assert [h.note_id for h in hits] == [note.id]
    c.db.engine.dispose()
