"""Real SQLite (migrated by Alembic), real embedded Chroma and the real embedding model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import inspect

from coach.container import Container
from coach.errors import UserError
from coach.storage import repo

pytestmark = pytest.mark.integration


def _manager_with_person(c: Container, username: str, person: str) -> tuple[int, int]:
    with c.db.session() as s:
        m = repo.add_manager(s, username, password_hash=None)
        p = repo.add_person(s, m.id, person, role="Analist")
        return m.id, p.id


def test_migrations_create_our_tables_and_chainlits(container: Container) -> None:
    tables = set(inspect(container.db.engine).get_table_names())
    assert {"managers", "people", "meetings", "notes", "action_items", "checkins"} <= tables
    assert {"users", "threads", "steps", "elements", "feedbacks"} <= tables
    steps = {col["name"] for col in inspect(container.db.engine).get_columns("steps")}
    assert {"command", "modes", "defaultOpen", "autoCollapse"} <= steps


def test_search_finds_note_and_edit_delete_follow(container: Container) -> None:
    mid, pid = _manager_with_person(container, "anna", "Sanne de Vries")
    n1 = container.notes.add(mid, "Sanne", "Sanne slaapt slecht door de hoge werkdruk.")
    container.notes.add(mid, "Sanne", "De roadmap voor Q3 is goedgekeurd door het MT.")
    hits = container.retriever.search(mid, "werkdruk en slaap", k=2)
    assert hits[0].note_id == n1.id
    assert hits[0].person == "Sanne de Vries" and hits[0].date == dt.date.today()

    container.notes.edit(mid, n1.id, "Sanne gaat een cursus Python volgen.")
    hits = container.retriever.search(mid, "cursus Python", k=1)
    assert hits[0].note_id == n1.id and "Python" in hits[0].text
    col = container.index.collection(mid)
    record = col.get(ids=[f"{n1.id}:0"], include=["embeddings", "documents"])
    want = container.index.embedder.encode(["Sanne gaat een cursus Python volgen."])[0]
    assert float(np.dot(record["embeddings"][0], want)) > 0.999  # the edited text's vector
    assert record["documents"] == [None]  # the text itself lives in SQL only

    container.notes.delete(mid, n1.id)
    assert all(h.note_id != n1.id for h in container.retriever.search(mid, "cursus", k=5))
    assert col.get(where={"note_id": {"$eq": n1.id}})["ids"] == []


def test_person_and_since_filters(container: Container) -> None:
    mid, _ = _manager_with_person(container, "bert", "Sanne")
    with container.db.session() as s:
        repo.add_person(s, mid, "Joost")
    old = container.notes.add(
        mid, "Sanne", "Deadline gemist voor het dashboard.", date=dt.date(2025, 1, 5)
    )
    new = container.notes.add(
        mid, "Joost", "Deadline gemist voor de migratie.", date=dt.date(2026, 5, 1)
    )
    joost = container.retriever.search(mid, "deadline gemist", person_id=new.person_id)
    assert [h.note_id for h in joost] == [new.id]
    recent = container.retriever.search(mid, "deadline gemist", since=dt.date(2026, 1, 1))
    assert [h.note_id for h in recent] == [new.id]
    both = container.retriever.search(mid, "deadline gemist")
    assert {h.note_id for h in both} == {old.id, new.id}


@pytest.mark.parametrize("mode", ["hybrid", "vector", "bm25"])
def test_no_manager_ever_sees_another_managers_notes(container: Container, mode: str) -> None:
    container.retriever.mode = mode  # type: ignore[assignment]
    a, _ = _manager_with_person(container, "alice", "Sanne")
    b, pb = _manager_with_person(container, "bob", "Sanne")
    secret = "Geheim: Bob's Sanne krijgt een reorganisatiebericht over haar afdeling."
    container.notes.add(b, "Sanne", secret)
    container.notes.add(a, "Sanne", "Alice's Sanne wil graag een training volgen.")
    for query in ("reorganisatiebericht afdeling", secret, "Sanne", "geheim"):
        for person in (None, pb):
            hits = container.retriever.search(a, query, person_id=person, k=10)
            assert all("Geheim" not in h.text for h in hits)
    with container.db.session() as s:
        ids = [n.id for n in repo.list_notes(s, b)]
        assert repo.notes_by_ids(s, a, ids) == {}
        with pytest.raises(repo.NotFound):
            repo.get_note(s, a, ids[0])


def test_reindex_rebuilds_from_sql(container: Container) -> None:
    mid, _ = _manager_with_person(container, "carl", "Priya")
    container.notes.add(mid, "Priya", "Priya wants to become tech lead next year.")
    container.index.drop_manager(mid)
    assert container.index.count(mid) == 0
    assert container.notes.reindex(mid) == 1
    assert container.index.count(mid) == 1
    assert container.retriever.search(mid, "tech lead ambition", k=1)


def test_bad_note_input_is_refused_and_nothing_written(container: Container) -> None:
    mid, _ = _manager_with_person(container, "dora", "Sanne")
    with pytest.raises(UserError) as e:
        container.notes.add(mid, "Sanne", "   ")
    assert e.value.key == "note_empty"
    with pytest.raises(UserError) as e:
        container.notes.add(mid, "Niemand", "tekst")
    assert e.value.key == "person_not_found"
    with container.db.session() as s:
        assert repo.count_notes(s, mid) == 0


def test_index_failure_rolls_back_sql(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    mid, _ = _manager_with_person(container, "emma", "Sanne")

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("chroma down")

    monkeypatch.setattr(container.index, "upsert", boom)
    with pytest.raises(RuntimeError):
        container.notes.add(mid, "Sanne", "Dit mag niet half opgeslagen worden.")
    with container.db.session() as s:
        assert repo.count_notes(s, mid) == 0


def test_search_survives_the_collection_being_rebuilt_elsewhere(container: Container) -> None:
    """`coach reindex` in another process drops and recreates a manager's collection; the
    server's cached collection handle must not break its searches."""
    from coach.retrieval.index import NoteIndex

    mid, _ = _manager_with_person(container, "anna", "Sanne de Vries")
    note = container.notes.add(mid, "Sanne", "Sanne wil een cursus Python volgen.")
    assert container.retriever.search(mid, "cursus Python", k=1)[0].note_id == note.id
    other = NoteIndex(container.chroma, container.embedder)  # like another process
    other.drop_manager(mid)
    with container.db.session() as s:
        rows = repo.list_notes(s, mid)
        from coach.retrieval.index import note_chunks

        chunks = [c for n in rows for c in note_chunks(n.id, n.person_id, n.date, n.source, n.text)]
    other.upsert(mid, chunks)
    hits = container.retriever.search(mid, "cursus Python", k=1)
    assert hits and hits[0].note_id == note.id


def test_sqlite_keyword_search_leaves_out_words_half_the_passages_hold(tmp_path: Path) -> None:
    """bm25() gives such a word an IDF of ~0 but would score every passage holding it: the
    search leaves it out (same ranking, fewer passages scored) and keeps every word when
    none is left that a passage holds."""
    from coach.storage.db import Database, upgrade
    from coach.storage.search import _informative, keyword_ranking

    url = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(url)
    db = Database(url)
    with db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None).id
        p = repo.add_person(s, m, "Sanne").id
        for i in range(6):
            repo.add_note(s, m, p, f"Sanne werkte aan rapport {i}.")
        dash = repo.add_note(s, m, p, "Sanne bouwt het churn-dashboard voor Customer Care.").id
    with db.session() as s:
        assert _informative(s, ["sanne", "dashboard"]) == ["dashboard"]
        assert _informative(s, ["sanne", "churn-dashboard"]) == ["sanne", "churn-dashboard"]
        assert _informative(s, ["sanne", "werkte"]) == ["sanne", "werkte"]  # all common
        assert _informative(s, ["sanne", "planning"]) == ["sanne", "planning"]  # none held
        assert keyword_ranking(s, m, "Sanne en het dashboard", 5)[0][0] == dash
        assert len(keyword_ranking(s, m, "Sanne werkte", 10)) == 7
    db.engine.dispose()


def test_bulk_ingest_in_batches_writes_every_vector(container: Container) -> None:
    """add_many encodes the next batch while the current one is written: every note of
    every batch (the last one short) lands in Chroma with its own vector."""
    mid, pid = _manager_with_person(container, "bulk", "Sanne")
    texts = [f"Notitie {i}: Sanne oefent onderwerp {w}." for i, w in enumerate("abcde")]
    assert container.notes.add_many(mid, pid, [(dt.date(2026, 1, 1), t) for t in texts], batch=2)
    col = container.index.collection(mid)
    got = col.get(include=["embeddings", "metadatas"])
    assert len(got["ids"]) == 5
    embed = container.index.embedder.encode
    want = np.vstack([embed(texts[i : i + 2]) for i in range(0, 5, 2)])  # as it was batched
    by_note = {m["note_id"]: e for m, e in zip(got["metadatas"], got["embeddings"], strict=True)}
    with container.db.session() as s:
        ids = [n.id for n in repo.list_notes(s, mid)]
    for note_id, vector in zip(sorted(ids), want, strict=True):
        assert float(np.dot(by_note[note_id], vector)) > 0.999
