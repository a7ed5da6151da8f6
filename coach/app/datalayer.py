"""Chainlit's SQLAlchemy data layer on our own database, plus a local file store.

Adaptations, all kept here so the rest of the app never sees them:
- SQLite cannot bind a Python list or dict (Chainlit issue #2528: thread tags, step modes),
  so on SQLite those values are JSON-encoded before they reach the driver.
- Without a storage client Chainlit drops every element (our source citations); a small
  file store under <data dir>/files keeps them (0600 files in 0700 folders), served by an
  authenticated route.
- An element is keyed by its owner even before Chainlit has linked a new thread to its user
  (Chainlit then wrote "unknown/...", and the owner got 404 after a reload).
- An unknown thread is "not found" (404), not a ValueError (500).
- Chainlit's update_thread reads the metadata, merges and writes it back in separate
  statements; two writes to one thread at once (a flow keeping its state while Chainlit names
  the thread) lost a key. Writes to one thread are taken one at a time in this process; one
  thread is served by one process (its socket session), so that is where they meet.
- Ownership look-ups for the feedback routes (coach/app/security_routes.py).
"""

from __future__ import annotations

import asyncio
import os
import weakref
from pathlib import Path
from typing import Any

import aiofiles
from chainlit.context import context
from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient

from coach.storage import chat_threads
from coach.storage.chat_threads import bind_value, element_file, read_rows
from coach.storage.db import SECURE_DELETE, async_url, sqlite_pragmas

FILES_ROUTE = "/coach/files"


class LocalStorageClient(BaseStorageClient):
    """Element contents as files; the key starts with the owner's Chainlit user id."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)

    def path_for(self, object_key: str) -> Path | None:
        """The file for `<user id>/<element id>[/<name>]`, or None for an unsafe key."""
        return element_file(self.root, object_key)

    async def upload_file(
        self,
        object_key: str,
        data: bytes | str,
        mime: str = "application/octet-stream",
        overwrite: bool = True,
        content_disposition: str | None = None,
    ) -> dict[str, Any]:
        path = self.path_for(object_key)
        if path is None:
            return {}
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        async with aiofiles.open(path, "wb") as f:
            await f.write(raw)
        return {"object_key": object_key, "url": await self.get_read_url(object_key)}

    async def delete_file(self, object_key: str) -> bool:
        path = self.path_for(object_key)
        if path is None or not path.is_file():
            return False
        path.unlink()
        return True

    async def get_read_url(self, object_key: str) -> str:
        return f"{FILES_ROUTE}/" + "/".join(object_key.split("/")[:2])

    async def close(self) -> None:
        return None


class CoachDataLayer(SQLAlchemyDataLayer):
    """SQLAlchemyDataLayer that binds lists and dicts safely on SQLite and Postgres."""

    def __init__(self, sync_url: str, storage: BaseStorageClient | None = None) -> None:
        url = async_url(sync_url)
        self.is_sqlite = url.startswith("sqlite")
        connect_args = {"timeout": 30} if self.is_sqlite else None
        super().__init__(conninfo=url, connect_args=connect_args, storage_provider=storage)
        if self.is_sqlite:  # threads deleted in the sidebar leave no text in free pages
            sqlite_pragmas(self.engine.sync_engine, SECURE_DELETE)
        self._thread_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def update_thread(
        self,
        thread_id: str,
        name: str | None = None,
        user_id: str | None = None,
        metadata: dict[str, Any] | None = None,
        tags: list[str] | None = None,
    ) -> None:
        lock = self._thread_locks.get(thread_id)
        if lock is None:
            lock = self._thread_locks[thread_id] = asyncio.Lock()
        async with lock:  # a read-merge-write: never two at once on one thread
            await super().update_thread(thread_id, name, user_id, metadata, tags)

    async def execute_sql(self, query: str, parameters: dict) -> list[dict[str, Any]] | int | None:
        parameters = {k: bind_value(v, self.is_sqlite) for k, v in parameters.items()}
        result = await super().execute_sql(query, parameters)
        if isinstance(result, list):
            read_rows(result, self.is_sqlite)
        return result

    async def _get_user_id_by_thread(self, thread_id: str) -> str | None:
        """The thread's user, or (a new thread not linked yet) the session's own user."""
        found = await super()._get_user_id_by_thread(thread_id)
        if found:
            return found
        try:
            user = context.session.user
        except Exception:  # noqa: BLE001 - no Chainlit context (CLI, tests): no session user
            return None
        user_id = getattr(user, "id", None)
        return str(user_id) if user_id else None

    async def get_thread_author(self, thread_id: str) -> str:
        """ "" for an unknown thread: Chainlit's ACL check then answers 404, not 500."""
        try:
            return await super().get_thread_author(thread_id)
        except ValueError:
            return ""

    async def step_owner(self, step_id: str) -> str | None:
        return await chat_threads.owner_of(self.execute_sql, "step", step_id)

    async def feedback_owner(self, feedback_id: str) -> str | None:
        return await chat_threads.owner_of(self.execute_sql, "feedback", feedback_id)

    async def get_thread_name(self, thread_id: str) -> str | None:
        return await chat_threads.thread_name(self.execute_sql, thread_id)

    async def get_thread_metadata(self, thread_id: str) -> dict[str, Any]:
        return await chat_threads.thread_metadata(self.execute_sql, thread_id)


def build_data_layer(sync_url: str, files_dir: Path) -> CoachDataLayer:
    return CoachDataLayer(sync_url, LocalStorageClient(files_dir))
