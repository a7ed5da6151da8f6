"""Finding 6, made deterministic against the running app: an element stored before Chainlit
has linked a new thread to its user.

Chainlit links a new thread to its user in `init_thread`, a background task started by the
first interaction (`asyncio.create_task` in `call_action` and `process_message`), while the
callback itself runs on. On an idle machine the link wins the race, so the plain tests pass
either way; when another process is writing to the database (an ingest, a CLI command, the
check-in job) the link waits for the write lock while the callback's element is keyed by
`SELECT "userId" FROM threads` - still no user - as "unknown/<id>". After a reload the owner
got 404 on it. Here the test itself is that other writer: it holds SQLite's write lock
(BEGIN IMMEDIATE; readers go on in WAL mode) while the manager presses the first button of a
new Voorbereiden thread, until the brief's element file is on disk, and then lets go.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from e2e.conftest import Server

from security.conftest import data_dir, login, prep_thread, stored_threads, token_of

HOLD_MAX_S = 25.0  # below the app's 30 s SQLite busy timeout: the app's writes only wait


@contextlib.contextmanager
def writer_holding(db: Path) -> Iterator[None]:
    """Another process with an open write transaction on the app's database."""
    conn = sqlite3.connect(db, timeout=60, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
    finally:
        conn.rollback()
        conn.close()


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.is_dir() else set()


async def _new_file(root: Path, before: set[Path], timeout: float) -> set[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = _files(root) - before
        if new:
            return new
        await asyncio.sleep(0.1)
    return set()


def _elements_of(srv: Server, token: str, file_ids: set[str]) -> list[dict[str, Any]]:
    """After a reload: the elements of the owner's thread that holds these element files."""
    for thread in stored_threads(srv, token, first=20):
        elements = list(thread.get("elements") or [])
        if file_ids & {str(e.get("id")) for e in elements}:
            return elements
    raise AssertionError(f"no thread of the owner holds the elements {sorted(file_ids)}")


async def test_a_brief_stored_while_the_database_is_busy_stays_with_its_owner(
    app: Server,
) -> None:
    chat, token, sanne = await prep_thread(app)
    files = data_dir(app) / "files"
    before = _files(files)
    with writer_holding(data_dir(app) / "coach.db"):
        click = asyncio.create_task(chat.click(sanne, timeout=180))
        stored = await _new_file(files, before, HOLD_MAX_S)
    await click
    await chat.close()
    assert stored, "the brief's element was not stored while another writer held the database"

    elements = _elements_of(app, token, {p.name for p in stored})
    urls = [str(e["url"]) for e in elements if e.get("url")]
    assert urls, "the brief stored no element"
    for url in urls:
        r = httpx.get(app.url + url, cookies={"access_token": token}, timeout=30)
        assert r.status_code == 200, f"owner got {r.status_code} on {url} after a reload"
        assert "/unknown/" not in url, url
    eve = token_of(login(app, "eve", "eve-password-1"))
    for url in urls:
        r = httpx.get(app.url + url, cookies={"access_token": eve}, timeout=30)
        assert r.status_code in (403, 404), f"another manager got {r.status_code} on {url}"
