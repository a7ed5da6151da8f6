"""Erasing a person also erases the chats about them; exporting includes them.

The threads are written by Chainlit's own data layer (as the running app does) into our
migrated schema, on SQLite and PostgreSQL; the service then reads and deletes them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from chainlit.context import init_http_context
from chainlit.element import Text
from chainlit.types import Feedback
from chainlit.user import User
from sqlalchemy import text

from coach.app.datalayer import build_data_layer
from coach.auth import create_manager
from coach.container import Container, Overrides, build_container
from coach.embeddings import Embedder
from coach.settings import Settings
from coach.storage import repo
from coach.team.service import erasure_message

pytestmark = pytest.mark.integration
StepFactory = Callable[..., dict[str, Any]]  # the chainlit_step fixture (conftest.py)


@pytest.fixture(params=["sqlite", "postgres"])
def team(
    request: pytest.FixtureRequest, tmp_path: Path, embedder: Embedder
) -> tuple[Container, int, int, int]:
    settings = Settings(data_dir=tmp_path / "data", llm="fake")
    if request.param == "postgres":
        settings.db.url = request.getfixturevalue("pg_url")
    c = build_container(settings, Overrides(embedder=embedder))
    c.migrate()
    mid = create_manager(c.db, "mira", "password-1").id
    create_manager(c.db, "bob", "password-2")
    with c.db.session() as s:
        sanne = repo.add_person(s, mid, "Sanne de Vries").id
        thomas = repo.add_person(s, mid, "Thomas Bakker").id
    c.notes.add(mid, "Sanne", "Sanne wil een cursus Python volgen.")
    return c, mid, sanne, thomas


async def _chats(c: Container, sanne: int, thomas: int, make: StepFactory) -> dict[str, str]:
    """mira: a prep chat about Sanne (with a cited note file and feedback), a rehearsal
    about Thomas, a general chat that cites Sanne; bob: a chat that names Sanne."""
    init_http_context()
    layer = build_data_layer(c.settings.database_url, c.settings.data_dir / "files")
    mira = await layer.create_user(User(identifier="mira", metadata={}))
    bob = await layer.create_user(User(identifier="bob", metadata={}))
    assert mira and bob
    ids = {k: str(uuid.uuid4()) for k in ("prep", "rehearse", "general", "nudge", "typed", "bob")}
    await layer.update_thread(ids["prep"], name="Voorbereiding Sanne", user_id=mira.id)
    await layer.update_thread(
        ids["prep"], metadata={"prep": {"person_id": sanne, "name": "Sanne de Vries"}}
    )
    q = make(ids["prep"], "user_message", "Bereid mijn 1:1 met Sanne voor", "2026-11-02T10:00")
    a = make(ids["prep"], "assistant_message", "Sanne wil een cursus Python.", "2026-11-02T10:01")
    for step in (q, a):
        await layer.create_step(step)  # type: ignore[arg-type]
    await layer.upsert_feedback(Feedback(forId=a["id"], value=1))
    cited = Text(name="Sanne de Vries · 2026-11-01", content="volledige notitie", display="side")
    cited.thread_id, cited.for_id = ids["prep"], a["id"]
    await layer.create_element(cited)

    await layer.update_thread(ids["rehearse"], name="Oefenen met Thomas", user_id=mira.id)
    await layer.update_thread(ids["rehearse"], metadata={"rehearse": {"person_id": thomas}})
    await layer.create_step(make(ids["rehearse"], "user_message", "Hoi Thomas", "2026-11-03"))  # type: ignore[arg-type]

    await layer.update_thread(ids["general"], name="Werkdruk in het team", user_id=mira.id)
    answer = make(ids["general"], "assistant_message", "Zie de notitie van 1 nov.", "2026-11-04")
    await layer.create_step(answer)  # type: ignore[arg-type]
    source = Text(name="Sanne de Vries · 2026-11-01", content="de notitie", display="side")
    source.thread_id, source.for_id = ids["general"], answer["id"]
    await layer.create_element(source)
    # The coach's own messages that list the team are not a mention
    await layer.update_thread(ids["nudge"], name="Even een seintje", user_id=mira.id)
    nudge = "**Sanne de Vries**: nog geen 1-op-1; **Thomas Bakker**: nog geen 1-op-1"
    await layer.create_step(make(ids["nudge"], "assistant_message", nudge, "2026-11-04"))  # type: ignore[arg-type]
    await layer.update_thread(ids["typed"], name="Vraag over Sanne", user_id=mira.id)
    typed = make(ids["typed"], "user_message", "Hoe help ik Sanne de Vries?", "2026-11-04")
    await layer.create_step(typed)  # type: ignore[arg-type]
    await layer.update_thread(ids["bob"], name="Bob", user_id=bob.id)
    await layer.create_step(make(ids["bob"], "user_message", "Sanne de Vries?", "2026-11-05"))  # type: ignore[arg-type]
    await layer.close()
    return ids


def _threads(c: Container) -> set[str]:
    with c.db.session() as s:
        return {str(r[0]) for r in s.execute(text('SELECT "name" FROM threads'))}


def _count(c: Container, table: str) -> int:
    with c.db.session() as s:
        return int(s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


async def test_export_includes_the_chats_about_the_person(
    team: tuple[Container, int, int, int], chainlit_step: StepFactory
) -> None:
    c, mid, sanne, thomas = team
    await _chats(c, sanne, thomas, chainlit_step)
    data = c.team.export(mid, "Sanne")
    (chat,) = data["chat_threads"]
    assert chat["name"] == "Voorbereiding Sanne"
    assert [(m["from"], m["text"]) for m in chat["messages"]] == [
        ("manager", "Bereid mijn 1:1 met Sanne voor"),
        ("coach", "Sanne wil een cursus Python."),
    ]
    assert [t["name"] for t in c.team.export(mid, "Thomas")["chat_threads"]] == [
        "Oefenen met Thomas"
    ]


async def test_erase_deletes_the_chats_about_the_person_and_names_the_rest(
    team: tuple[Container, int, int, int], chainlit_step: StepFactory
) -> None:
    c, mid, sanne, thomas = team
    await _chats(c, sanne, thomas, chainlit_step)
    files = c.settings.data_dir / "files"
    assert len([p for p in files.rglob("*") if p.is_file()]) == 2  # the cited notes' content
    erased = c.team.erase(mid, "Sanne")
    assert erased.threads_deleted == 1
    # a cited note and a typed name count; the coach's nudge and bob's chat do not
    assert erased.threads_mentioning == ["Werkdruk in het team", "Vraag over Sanne"]
    assert _threads(c) == {
        "Oefenen met Thomas",
        "Werkdruk in het team",
        "Even een seintje",
        "Vraag over Sanne",
        "Bob",
    }
    # the general chat's cited note and the answer built on it go too (issue 14)
    assert _count(c, "feedbacks") == 0 and _count(c, "elements") == 0
    assert len([p for p in files.rglob("*") if p.is_file()]) == 0
    with c.db.session() as s:
        outputs = [str(r[0]) for r in s.execute(text('SELECT "output" FROM steps'))]
    assert "Zie de notitie van 1 nov." not in outputs
    assert "Hoe help ik Sanne de Vries?" in outputs  # the manager's own question stays
    message = erasure_message(erased, "nl")
    assert "chats over Sanne de Vries zijn verwijderd (1)" in message
    assert "1 notitie(s)" in message and "1 antwoord(en)" in message
    assert "noemen Sanne de Vries nog: “Werkdruk in het team”, “Vraag over Sanne”" in message


async def test_erase_keeps_the_thread_it_was_asked_in(
    team: tuple[Container, int, int, int], chainlit_step: StepFactory
) -> None:
    c, mid, sanne, thomas = team
    ids = await _chats(c, sanne, thomas, chainlit_step)
    erased = c.team.erase(mid, "Sanne", keep_thread=ids["prep"])
    assert erased.threads_deleted == 0
    assert "Voorbereiding Sanne" in _threads(c)
    assert erased.threads_mentioning == [
        "Voorbereiding Sanne",  # kept, and about her
        "Werkdruk in het team",
        "Vraag over Sanne",
    ]
    assert "verwijderd" not in erasure_message(erased, "nl")


async def test_erase_deletes_threads_with_a_command_or_export_naming_the_person(
    team: tuple[Container, int, int, int], chainlit_step: StepFactory
) -> None:
    """/notities Sanne and /exporteer Sanne (with its JSON file) are about her: deleted."""
    c, mid, sanne, thomas = team
    init_http_context()
    layer = build_data_layer(c.settings.database_url, c.settings.data_dir / "files")
    mira = await layer.get_user("mira") or await layer.create_user(User(identifier="mira"))
    assert mira
    ids = {k: str(uuid.uuid4()) for k in ("notes", "export", "other")}
    for key, typed in (("notes", "/notities Sanne"), ("export", "/exporteer sanne de vries")):
        await layer.update_thread(ids[key], name=typed, user_id=mira.id)
        await layer.create_step(chainlit_step(ids[key], "user_message", typed, "2026-11-06"))  # type: ignore[arg-type]
    reply = chainlit_step(ids["export"], "assistant_message", "Hier is het bestand.", "2026-11-06")
    await layer.create_step(reply)  # type: ignore[arg-type]
    export = Text(name="sanne-de-vries.json", content='{"email": "s@x.nl"}', display="inline")
    export.thread_id, export.for_id = ids["export"], reply["id"]
    await layer.create_element(export)
    await layer.update_thread(ids["other"], name="/notities Thomas", user_id=mira.id)
    await layer.create_step(
        chainlit_step(ids["other"], "user_message", "/notities Thomas", "2026-11-06")
    )  # type: ignore[arg-type]
    await layer.close()
    erased = c.team.erase(mid, "Sanne")
    assert erased.threads_deleted == 2
    assert _threads(c) == {"/notities Thomas"}
    assert _count(c, "elements") == 0
