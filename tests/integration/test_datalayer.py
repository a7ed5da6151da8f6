"""Chainlit's data layer on our migrated schema (SQLite and PostgreSQL).

Threads persist, reload after a restart and stay private to their manager."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from chainlit.context import init_http_context
from chainlit.element import Text
from chainlit.types import Feedback, Pagination, ThreadFilter
from chainlit.user import User

from coach.app.datalayer import LocalStorageClient, build_data_layer
from coach.app.state import SessionState, from_metadata
from coach.storage.db import upgrade

pytestmark = pytest.mark.integration
StepFactory = Callable[..., dict[str, Any]]  # the chainlit_step fixture (conftest.py)


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        u = request.getfixturevalue("pg_url")
    else:
        u = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(u)
    return u


async def test_thread_persists_reloads_and_stays_private(
    url: str, tmp_path: Path, chainlit_step: StepFactory
) -> None:
    init_http_context()
    layer = build_data_layer(url, tmp_path / "files")
    alice = await layer.create_user(User(identifier="alice", metadata={"language": "nl"}))
    bob = await layer.create_user(User(identifier="bob", metadata={}))
    assert alice and bob

    tid = str(uuid.uuid4())
    state = SessionState(manager_id=7, mode="prepare", language="en")
    await layer.update_thread(tid, name="Over Eva", user_id=alice.id, tags=["prepare"])
    await layer.update_thread(tid, metadata=state.to_metadata())
    q = chainlit_step(
        tid, "user_message", "Hoe gaat het met Eva?", "2026-01-01T10:00:00Z", command="note"
    )
    a = chainlit_step(
        tid, "assistant_message", "Eva Smit · 2026-01-01: ...", "2026-01-01T10:00:01Z"
    )
    a["modes"] = {"model": "fake"}  # a dict parameter: SQLite cannot bind it unencoded
    for step in (q, a):
        await layer.create_step(step)  # type: ignore[arg-type]
    feedback_id = await layer.upsert_feedback(Feedback(forId=str(a["id"]), value=1))
    el = Text(name="Eva Smit · 2026-01-01", content="volledige notitie", display="side")
    el.thread_id, el.for_id = tid, str(a["id"])
    await layer.create_element(el)
    bob_tid = str(uuid.uuid4())
    await layer.update_thread(bob_tid, name="Bob's", user_id=bob.id)
    await layer.create_step(
        chainlit_step(bob_tid, "user_message", "geheim", "2026-01-02T09:00:00Z")
    )  # type: ignore[arg-type]
    await layer.close()

    # a fresh data layer (as after a server restart) sees the same thread, in order
    again = build_data_layer(url, tmp_path / "files")
    thread = await again.get_thread(tid)
    assert thread is not None
    assert [s["output"] for s in thread["steps"]] == [q["output"], a["output"]]
    assert thread["tags"] == ["prepare"]
    assert thread["userIdentifier"] == "alice"
    assert await again.get_thread_author(tid) == "alice"
    restored = from_metadata(thread["metadata"], manager_id=7, mode=None, fallback_language="nl")
    assert restored == state
    (element,) = thread["elements"]
    assert element["name"] == "Eva Smit · 2026-01-01"
    storage = again.storage_provider
    assert isinstance(storage, LocalStorageClient)
    path = storage.path_for(str(element["objectKey"]))
    assert path is not None and path.read_text() == "volledige notitie"
    assert str(element["url"]).startswith(f"/coach/files/{alice.id}/")

    mine = await again.list_threads(Pagination(first=20), ThreadFilter(userId=alice.id))
    theirs = await again.list_threads(Pagination(first=20), ThreadFilter(userId=bob.id))
    assert [t["id"] for t in mine.data] == [tid]
    assert [t["id"] for t in theirs.data] == [bob_tid]
    assert all("geheim" not in s["output"] for t in mine.data for s in t["steps"])
    # the look-ups the feedback routes and a reopened chat rely on
    assert await again.step_owner(str(a["id"])) == "alice"
    assert await again.feedback_owner(feedback_id) == "alice"
    assert await again.step_owner(str(uuid.uuid4())) is None
    assert await again.get_thread_metadata(tid) == thread["metadata"]
    assert await again.get_thread_metadata(str(uuid.uuid4())) == {}
    assert await again.get_thread_name(bob_tid) == "Bob's"  # what a button's rename waits for
    assert await again.get_thread_name(str(uuid.uuid4())) is None
    await again.close()


async def test_concurrent_metadata_writes_to_one_thread_all_survive(
    url: str, tmp_path: Path
) -> None:
    """A flow keeps its state (metadata key) while Chainlit names the thread and the rename
    task renames it: each reads the metadata, merges and writes. None may lose another's key
    (it did: a prep thread resumed after a restart without its person)."""
    init_http_context()
    layer = build_data_layer(url, tmp_path / "files")
    user = await layer.create_user(User(identifier="alice", metadata={}))
    assert user
    tid = str(uuid.uuid4())
    writes = [layer.update_thread(tid, metadata={f"flow{i}": {"n": i}}) for i in range(8)]
    writes += [layer.update_thread(tid, name="Voorbereiding", user_id=user.id)]
    await asyncio.gather(*writes)
    thread = await layer.get_thread(tid)
    assert thread is not None
    metadata = thread["metadata"]
    assert {k: metadata.get(k) for k in (f"flow{i}" for i in range(8))} == {
        f"flow{i}": {"n": i} for i in range(8)
    }, metadata
    assert thread["name"] == "Voorbereiding" and thread["userIdentifier"] == "alice"
    await layer.close()


def test_file_keys_cannot_leave_the_folder(tmp_path: Path) -> None:
    store = LocalStorageClient(tmp_path)
    assert store.path_for("user-1/el-2/Eva Smit · 2026") == tmp_path / "user-1" / "el-2"
    for bad in ("../x/y", "user/..", "user", "/etc/passwd", "a/.hidden", "a\\b/c"):
        assert store.path_for(bad) is None, bad


async def test_an_element_sent_before_chainlit_links_the_thread_is_keyed_by_its_owner(
    url: str, tmp_path: Path, chainlit_step: StepFactory
) -> None:
    """Finding 6 of issue 14, made deterministic: Chainlit's init_thread links a new thread to
    its user in a background task, and an element sent before that (the first answer's
    sources, a brief started by a button) was stored under "unknown/<id>"; after a reload
    its owner got 404. The element now takes its owner from the session's user."""
    layer = build_data_layer(url, tmp_path / "files")
    alice = await layer.create_user(User(identifier="alice", metadata={}))
    assert alice
    init_http_context(user=alice)
    tid = str(uuid.uuid4())
    await layer.update_thread(tid, name="Over Eva")  # the thread exists, no user linked yet
    answer = chainlit_step(tid, "assistant_message", "Eva Smit: ...", "2026-01-01T10:00:01Z")
    await layer.create_step(answer)  # type: ignore[arg-type]
    el = Text(name="Eva Smit · 2026-01-01", content="volledige notitie", display="side")
    el.thread_id, el.for_id = tid, str(answer["id"])
    await layer.create_element(el)
    await layer.update_thread(tid, user_id=alice.id)  # init_thread catches up
    (element,) = (await layer.get_thread(tid) or {}).get("elements") or []
    assert str(element["objectKey"]).startswith(f"{alice.id}/"), element["objectKey"]
    assert str(element["url"]).startswith(f"/coach/files/{alice.id}/")
    storage = layer.storage_provider
    assert isinstance(storage, LocalStorageClient)
    path = storage.path_for(str(element["objectKey"]))
    assert path is not None and path.read_text() == "volledige notitie"
    await layer.close()
