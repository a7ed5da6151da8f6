"""Migrations, repositories and search on a real PostgreSQL started here on loopback.

The server is started by tests/integration/conftest.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from coach.container import Overrides, build_container
from coach.embeddings import Embedder
from coach.settings import Settings
from coach.storage import repo
from coach.storage.db import Database, upgrade
from coach.storage.search import keyword_ranking

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


DAY = dt.date(2026, 3, 2)  # the day a note was written (any past day)


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


@pytest.fixture
def keyword_db(pg_url: str) -> Iterator[tuple[Database, int, int]]:
    """A migrated PostgreSQL database with manager mira and her report Sanne (their ids)."""
    upgrade(pg_url)
    db = Database(pg_url)
    with db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None).id
        p = repo.add_person(s, m, "Sanne").id
    yield db, m, p
    db.engine.dispose()


def test_postgres_keyword_search_meets_each_passage_in_its_own_language(
    keyword_db: tuple[Database, int, int],
) -> None:
    """A passage's tsvector is stemmed in its guessed language and a short English note can
    be guessed Dutch ("Planning meetings went well."): the query is stemmed in both languages
    and each passage compared in its own, so the English question still finds it, and a
    Dutch one finds a Dutch note by another form of the word."""
    db, m, p = keyword_db
    with db.session() as s:
        short = repo.add_note(s, m, p, "Planning meetings went well.", date=DAY).id
        dutch = repo.add_note(s, m, p, "Sanne had deze week heel veel vergaderingen.", date=DAY).id
        repo.add_note(s, m, p, "Het churn-dashboard is af.", date=DAY)
    with db.session() as s:
        assert [n for n, _ in keyword_ranking(s, m, "How was the meeting?", 5)] == [short]
        assert [n for n, _ in keyword_ranking(s, m, "te veel vergadering", 5)] == [dutch]


def test_postgres_keyword_search_ranks_the_exact_word_above_another_form(
    keyword_db: tuple[Database, int, int],
) -> None:
    """Both passages hold the stem of "meeting" once and are as long; only one holds the word
    itself, and it ranks first (the other one was written first, so a tie would put it on top)."""
    db, m, p = keyword_db
    texts = [
        "The meetings about the budget were long.",
        "The meeting about the budget was long.",
        "Sanne starts her new role in March.",
    ]
    with db.session() as s:
        other_form, exact, _ = (repo.add_note(s, m, p, text, date=DAY).id for text in texts)
    with db.session() as s:
        ranked = [n for n, _ in keyword_ranking(s, m, "Which meeting was long?", 5)]
    assert ranked == [exact, other_form]
