"""Real SQLite (migrated by Alembic), real embedded Chroma and the real embedding model."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import inspect

from coach.container import Container
from coach.errors import UserError
from coach.storage import repo
from coach.storage.db import Database, upgrade

pytestmark = pytest.mark.integration


DAY = dt.date(2026, 3, 2)  # the day a note was written (any past day)


def _manager_with_person(c: Container, username: str, person: str) -> tuple[int, int]:
    with c.db.session() as s:
        m = repo.add_manager(s, username, password_hash=None)
        p = repo.add_person(s, m.id, person, repo.PersonDetails(role="Analist"))
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
    assert hits[0].person == "Sanne de Vries" and hits[0].date == container.today()

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


def _sqlite_db(tmp_path: Path, revision: str = "head") -> Database:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(url, revision)
    return Database(url)


def _okapi(docs: dict[int, list[str]], query: list[str]) -> list[int]:
    """Okapi BM25 (k1 1.5, b 0.75, IDF ln(1 + (N - df + .5) / (df + .5))) by hand."""
    n, avgdl = len(docs), sum(map(len, docs.values())) / len(docs)
    df = {w: sum(w in d for d in docs.values()) for w in query}
    scores = {}
    for key, d in docs.items():
        score = 0.0
        for w in query:
            tf = d.count(w)
            if tf:
                idf = math.log(1 + (n - df[w] + 0.5) / (df[w] + 0.5))
                score += idf * tf * 2.5 / (tf + 1.5 * (0.25 + 0.75 * len(d) / avgdl))
        if score:
            scores[key] = score
    return sorted(scores, key=lambda k: (-scores[k], k))


def test_sqlite_ranking_is_okapi_bm25_over_the_managers_own_passages(tmp_path: Path) -> None:
    """Another manager's notes do not move this manager's ranking (FTS5's bm25() counted
    every manager's passages: here the other manager's many 'planning' notes made the
    manager's one 'planning' note rank below the 'dashboard' one), and the ranking is the
    Okapi formula computed by hand, also when the pool FTS5 hands over is cut short."""
    from coach.retrieval.text import tokenize
    from coach.storage import search

    db = _sqlite_db(tmp_path)
    texts = [
        "Planning voor het kwartaal besproken.",
        "Het dashboard loopt achter.",
        "Het dashboard is af, nu de demo.",
        "Koffie gedronken en bijgepraat.",
        "Dashboard en planning lopen allebei achter, planning vooral.",
    ]
    with db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None).id
        p = repo.add_person(s, m, "Sanne").id
        ids = [repo.add_note(s, m, p, t, date=DAY).id for t in texts]
    query = "planning dashboard"
    with db.session() as s:
        before = search.keyword_ranking(s, m, query, 10)
    docs = {i: tokenize(t) for i, t in zip(ids, texts, strict=True)}
    assert [note for note, _ in before] == _okapi(docs, tokenize(query))
    assert before[1][0] == ids[0]  # the one 'planning' note above the two 'dashboard' ones

    with db.session() as s:
        other = repo.add_manager(s, "olaf", password_hash=None).id
        q = repo.add_person(s, other, "Piet").id
        for i in range(40):
            repo.add_note(s, other, q, f"Planning van week {i} rond.", date=DAY)
    with db.session() as s:
        assert search.keyword_ranking(s, m, query, 10) == before
        assert search.held_by(s, m, ["planning", "dashboard"]) == {"planning": 2, "dashboard": 3}
        assert search.held_by(s, other, ["planning", "dashboard"]) == {
            "planning": 40,
            "dashboard": 0,
        }

    db.engine.dispose()


def test_sqlite_ranking_with_more_passages_than_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With more matching passages than the pool (10 x depth at the least), FTS5 picks the
    pool and the pool is ranked exactly: here the same best passages as with no cut."""
    from coach.storage import search

    db = _sqlite_db(tmp_path)
    with db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None).id
        p = repo.add_person(s, m, "Sanne").id
        for i in range(15):
            filler = " ".join(f"punt{j}" for j in range(i))
            repo.add_note(s, m, p, f"Het dashboard {filler}.", date=DAY)
    with db.session() as s:
        whole = search.keyword_ranking(s, m, "dashboard", 15)
        monkeypatch.setattr(search, "POOL", 1)
        cut = search.keyword_ranking(s, m, "dashboard", 1)
    assert len(whole) == 15 and cut == whole[:1]
    db.engine.dispose()


def test_passages_are_read_back_by_their_notes_not_the_managers_whole_index(
    tmp_path: Path,
) -> None:
    """Reading the fused hits back looks up the notes named, whatever the manager holds
    (a walk over the manager's passage index cost ~10 ms a search at 10k notes), and
    gives nothing of another manager's notes."""
    from sqlalchemy import event

    from coach.storage import search

    db = _sqlite_db(tmp_path)
    with db.session() as s:
        mira = repo.add_manager(s, "mira", password_hash=None).id
        other = repo.add_manager(s, "otto", password_hash=None).id
        p = repo.add_person(s, mira, "Sanne").id
        q = repo.add_person(s, other, "Joost").id
        mine = [
            repo.add_note(s, mira, p, f"Notitie {i} over het dashboard.", date=DAY).id
            for i in range(60)
        ]
        theirs = repo.add_note(s, other, q, "Joost zijn notitie.", date=DAY).id
    statements: list[tuple[str, object]] = []

    def seen(_c: object, _cur: object, sql: str, params: object, *_a: object) -> None:
        statements.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", seen)
    with db.session() as s:
        # as many keys as a fused search hands over (two rankings of 20)
        keys = [(n, 0) for n in mine[:39]] + [(theirs, 0)]
        got = search.chunks_by_key(s, mira, keys)
    event.remove(db.engine, "before_cursor_execute", seen)
    assert sorted(got) == keys[:39]  # not the other manager's note
    assert got[(mine[3], 0)].person == "Sanne"
    sql, params = next((q, a) for q, a in statements if "note_chunks" in q)
    with db.engine.connect() as conn:
        plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
    assert not any("ix_note_chunks_manager" in step for step in plan), plan
    assert any("note_chunks USING INDEX ix_note_chunks_note_id" in step for step in plan), plan
    db.engine.dispose()


def test_passages_are_found_by_owner_through_one_index(tmp_path: Path) -> None:
    """0010 drops the owner-only index: the (owner, length) index of 0009 serves the owner's
    statistics (covering, no table read), and a downgrade brings the old index back."""
    from alembic import command
    from sqlalchemy import inspect

    from coach.storage.db import alembic_config

    def indexes(db: Database) -> set[str]:
        return {str(i["name"]) for i in inspect(db.engine).get_indexes("note_chunks")}

    url = f"sqlite:///{tmp_path / 'coach.db'}"
    db = _sqlite_db(tmp_path, "0009")
    assert "ix_note_chunks_manager_id" in indexes(db)
    db.engine.dispose()
    upgrade(url)
    db = Database(url)
    assert "ix_note_chunks_manager_id" not in indexes(db)
    assert "ix_note_chunks_manager_terms" in indexes(db)
    with db.engine.connect() as conn:
        plan = [
            row[3]
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT count(*), avg(n_terms) FROM note_chunks "
                "WHERE manager_id = 1"
            )
        ]
    assert any("COVERING INDEX ix_note_chunks_manager_terms" in step for step in plan), plan
    db.engine.dispose()
    command.downgrade(alembic_config(url), "0009")
    db = Database(url)
    assert "ix_note_chunks_manager_id" in indexes(db)
    db.engine.dispose()


def test_sqlite_keyword_search_leaves_out_a_large_managers_common_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word held by half of a large manager's passages adds at most ln 2 yet would have
    most passages scored: it is left out, unless no rarer word is held. Below COMMON_FROM
    passages every word counts."""
    from coach.storage import search

    db = _sqlite_db(tmp_path)
    with db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None).id
        p = repo.add_person(s, m, "Sanne").id
        for i in range(6):
            repo.add_note(s, m, p, f"Sanne werkte aan rapport {i}.", date=DAY)
        dash = repo.add_note(
            s, m, p, "Sanne bouwt het churn-dashboard voor Customer Care.", date=DAY
        ).id
    with db.session() as s:
        assert search.keyword_ranking(s, m, "Sanne en het dashboard", 5)[0][0] == dash
        assert len(search.keyword_ranking(s, m, "Sanne en het dashboard", 10)) == 7
        assert search.keyword_ranking(s, m, "planning", 10) == []  # held by none
        monkeypatch.setattr(search, "COMMON_FROM", 5)
        assert search.keyword_ranking(s, m, "Sanne en het dashboard", 10) == [(dash, 0)]
        assert search.keyword_ranking(s, m, "churn-dashboard", 10) == [(dash, 0)]
        assert len(search.keyword_ranking(s, m, "Sanne werkte", 10)) == 7  # all common
    db.engine.dispose()


def test_the_keyword_index_upgrade_keeps_every_passage_searchable(tmp_path: Path) -> None:
    """Notes written under revision 0008 (index without owners) are found after the upgrade,
    and only by their own manager."""
    from coach.storage.search import keyword_ranking

    db = _sqlite_db(tmp_path, "0008")
    with db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None).id
        other = repo.add_manager(s, "olaf", password_hash=None).id
        p = repo.add_person(s, m, "Sanne").id
        note = repo.add_note(s, m, p, "Sanne wil de cursus Python volgen.", date=DAY).id
    db.engine.dispose()
    db = _sqlite_db(tmp_path)
    with db.session() as s:
        assert keyword_ranking(s, m, "cursus Python", 5) == [(note, 0)]
        assert keyword_ranking(s, other, "cursus Python", 5) == []
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


def test_rows_about_a_person_belong_to_that_persons_manager(container: Container) -> None:
    """A note, meeting, action item or check-in is stored with the manager and person it
    was added for, and never for another manager's person (one ownership check in repo)."""
    a, pa = _manager_with_person(container, "alice", "Sanne")
    b, pb = _manager_with_person(container, "bob", "Sanne")
    held = dt.datetime(2026, 3, 2, 9)
    with container.db.session() as s:
        rows = [
            repo.add_note(s, a, pa, "Sanne wil een cursus volgen.", date=dt.date(2026, 3, 2)),
            repo.add_meeting(s, a, pa, held, summary="Cursus besproken.", topics=["groei"]),
            repo.add_action_item(s, a, pa, "Cursus zoeken", status="done"),
            repo.add_checkin(s, a, pa, energy=4, wins="Demo af."),
        ]
        assert [(r.manager_id, r.person_id) for r in rows] == [(a, pa)] * 4
        assert rows[2].done_at is not None and rows[1].topics == ["groei"]
        for add in (
            lambda: repo.add_note(s, a, pb, "Niet van Alice.", date=DAY),
            lambda: repo.add_meeting(s, a, pb, held),
            lambda: repo.add_action_item(s, a, pb, "Niet van Alice"),
            lambda: repo.add_checkin(s, a, pb, energy=1),
        ):
            with pytest.raises(repo.NotFound):
                add()
        with pytest.raises(repo.NotFound):
            repo.add_notes(s, a, pb, [(DAY, "Niet van Alice.")])
        (imported,) = repo.add_notes(s, a, pa, [(DAY, "Geïmporteerd.")])
        assert (imported.manager_id, imported.person_id, imported.source) == (a, pa, "imported")
    with container.db.session() as s:
        assert repo.list_notes(s, b) == [] and repo.list_meetings(s, b) == []
        assert repo.list_action_items(s, b) == [] and repo.list_checkins(s, b, pb) == []


def test_a_person_is_added_in_one_insert_and_changed_only_where_given(
    container: Container,
) -> None:
    """What PersonDetails gives lands in the column of that name, the rest keeps the column
    default (new) or what is stored (change); "" clears an email."""
    from dataclasses import fields

    from sqlalchemy import event

    from coach.storage.models import Person

    assert {f.name for f in fields(repo.PersonDetails)} <= set(Person.__table__.columns.keys())
    statements: list[str] = []

    def seen(_c: object, _cur: object, sql: str, *_a: object) -> None:
        statements.append(sql.split()[0])

    with container.db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None).id
        details = repo.PersonDetails(role="Analist", email="s@example.nl", cadence_days=14)
        event.listen(container.db.engine, "before_cursor_execute", seen)
        p = repo.add_person(s, m, "Sanne", details)
        event.remove(container.db.engine, "before_cursor_execute", seen)
        assert statements == ["INSERT"]
        got = (p.role, p.email, p.cadence_days, p.meeting_minutes, p.language, p.pronouns)
        assert got == ("Analist", "s@example.nl", 14, 45, "nl", "")
        repo.set_person_details(p, repo.PersonDetails(email="", meeting_minutes=30))
        s.flush()
        got = (p.role, p.email, p.cadence_days, p.meeting_minutes)
        assert got == ("Analist", None, 14, 30)
