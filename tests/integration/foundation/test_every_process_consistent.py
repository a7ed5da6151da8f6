"""Every process sees every write at once (issue 15, line 2): keyword search in SQL, the
notes version, the embedded-store generation file, and stale vector hits dropped.

The second process is the real `coach` CLI in a subprocess on the same data dir, the case
that used to break the running app ("Error finding id", a record without metadata).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete

from coach.chat.service import ChatService
from coach.chat.understand import ConversationState
from coach.container import Container, Overrides, build_container
from coach.embeddings import Embedder, MiniLMEmbedder
from coach.settings import Settings
from coach.storage import repo
from coach.storage.models import Note

pytestmark = pytest.mark.integration
BIN = Path(sys.executable).parent


DAY = dt.date(2026, 3, 2)  # the day a note was written (any past day)


@pytest.fixture
def app_process(tmp_path: Path, embedder: Embedder) -> Container:
    """This process plays the running app; its ONNX export is shared with the CLI's cache."""
    data = tmp_path / "data"
    if isinstance(embedder, MiniLMEmbedder) and embedder.onnx_file is not None:
        embedder.encode(["warm"])  # the export exists from here on
        (data / "models").mkdir(parents=True)
        shutil.copy(embedder.onnx_file, data / "models" / embedder.onnx_file.name)
    c = build_container(Settings(data_dir=data, llm="fake"), Overrides(embedder=embedder))
    c.migrate()
    with c.db.session() as s:
        m = repo.add_manager(s, "mira", password_hash=None)
        repo.add_person(s, m.id, "Sanne")
    return c


def _cli(c: Container, *args: str) -> str:
    env = {**os.environ, "COACH_DATA_DIR": str(c.settings.data_dir), "COACH_LANG": "en"}
    done = subprocess.run(
        [str(BIN / "coach"), *args, "-m", "mira"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _manager(c: Container) -> int:
    with c.db.session() as s:
        return repo.get_manager(s, "mira").id


def test_a_cli_write_and_erase_are_seen_by_the_next_search_here(app_process: Container) -> None:
    c = app_process
    mid = _manager(c)
    c.notes.add(mid, "Sanne", "Sanne wil graag een training presenteren volgen.")
    assert len(c.retriever.search(mid, "training presenteren")) == 1  # handles are open now
    _cli(c, "note", "add", "Sanne", "Sanne maakt zich zorgen over de reorganisatie.")
    hits = c.retriever.search(mid, "zorgen reorganisatie", k=1)
    assert [h.text for h in hits] == ["Sanne maakt zich zorgen over de reorganisatie."]
    c.retriever.mode = "vector"  # the vectors themselves, not only the SQL keywords
    hits = c.retriever.search(mid, "zorgen over de reorganisatie", k=1)
    assert hits and "reorganisatie" in hits[0].text
    c.retriever.mode = "hybrid"
    _cli(c, "person", "erase", "Sanne", "--yes")
    assert c.retriever.search(mid, "zorgen reorganisatie") == []
    assert c.retriever.search(mid, "training presenteren") == []
    assert c.index.count(mid) == 0  # this process's view of the vectors moved on too


def test_keyword_search_reads_sql_and_drops_vectors_whose_note_is_gone(
    container: Container,
) -> None:
    c = container
    with c.db.session() as s:
        mid = repo.add_manager(s, "mira", password_hash=None).id
        pid = repo.add_person(s, mid, "Sanne").id
    kept = c.notes.add(mid, pid, "Sanne leidt de retrospective van het dashboardteam.")
    gone = c.notes.add(mid, pid, "Sanne leidt ook de planning van het dashboardteam.")
    with c.db.session() as s:  # another process deleting the row, vectors left behind
        s.execute(delete(Note).where(Note.id == gone.id))
    for mode in ("hybrid", "vector", "bm25"):
        c.retriever.mode = mode  # type: ignore[assignment]
        hits = c.retriever.search(mid, "dashboardteam planning retrospective", k=5)
        assert [h.note_id for h in hits] == [kept.id], mode
    with c.db.session() as s:  # written in SQL only: found by the keywords at once
        repo.add_note(s, mid, pid, "Quarterly budget overview for the platform team.", date=DAY)
    c.retriever.mode = "bm25"
    assert [h.text for h in c.retriever.search(mid, "budget platform")] == [
        "Quarterly budget overview for the platform team."
    ]


def test_an_edit_replaces_the_keywords_in_the_same_transaction(container: Container) -> None:
    c = container
    with c.db.session() as s:
        mid = repo.add_manager(s, "mira", password_hash=None).id
        pid = repo.add_person(s, mid, "Sanne").id
    note = c.notes.add(mid, pid, "Sanne wil naar de conferentie in Utrecht.")
    c.notes.edit(mid, note.id, "Sanne wil een mentor binnen het team.")
    c.retriever.mode = "bm25"
    assert c.retriever.search(mid, "conferentie Utrecht") == []
    assert [h.note_id for h in c.retriever.search(mid, "mentor")] == [note.id]


def _note_ids(c: Container, mid: int) -> dict[str, int]:
    with c.db.session() as s:
        return {n.text: n.id for n in s.query(Note).filter(Note.manager_id == mid)}


def test_the_apps_chat_finds_a_cli_note_and_never_cites_a_cli_delete(
    app_process: Container,
) -> None:
    """The running app's chat (not only its retriever) holds open Chroma handles while the
    CLI adds and then deletes a note in its own process on the same data dir."""
    c = app_process
    mid = _manager(c)
    chat = ChatService.from_container(c)
    kept = "Sanne wil graag een training presenteren volgen."
    c.notes.add(mid, "Sanne", kept)
    question = "Waar maakt Sanne zich zorgen over rond de reorganisatie?"
    first = chat.draft(mid, question, "nl", ConversationState())  # handles are open now
    assert [s.text for s in first.sources if s.note_id is not None] == [kept]

    added = "Sanne maakt zich zorgen over de reorganisatie van het team."
    _cli(c, "note", "add", "Sanne", added)
    found = chat.draft(mid, question, "nl", ConversationState())
    new_id = _note_ids(c, mid)[added]
    assert new_id in [s.note_id for s in found.sources], found.sources

    _cli(c, "note", "delete", str(new_id))
    after = chat.draft(mid, question, "nl", ConversationState())
    cited = [s for s in after.sources if s.note_id is not None]
    assert [s.text for s in cited] == [kept], cited
    assert all(added not in line for line in after.body.splitlines())
    assert new_id not in {h.note_id for h in c.retriever.search(mid, "reorganisatie", k=10)}
