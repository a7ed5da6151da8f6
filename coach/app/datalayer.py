"""Chainlit's SQLAlchemy data layer on our own database, plus a local file store.

Two adaptations, both kept here so the rest of the app never sees them:
- SQLite cannot bind a Python list or dict (Chainlit issue #2528: thread tags, step modes),
  so on SQLite those values are JSON-encoded before they reach the driver.
- Without a storage client Chainlit drops every element (our source citations); a small
  file store under <data dir>/files keeps them, served by an authenticated route.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aiofiles
from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient

from coach.storage.chat_threads import as_dict, element_file
from coach.storage.db import async_url

FILES_ROUTE = "/coach/files"


class LocalStorageClient(BaseStorageClient):
    """Element contents as files; the key starts with the owner's Chainlit user id."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

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
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = data.encode("utf-8") if isinstance(data, str) else data
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


def _encode(value: Any, sqlite: bool) -> Any:
    """Dicts always (asyncpg wants JSON text too); lists only on SQLite (Postgres: ARRAY)."""
    if isinstance(value, dict) or (sqlite and isinstance(value, list)):
        return json.dumps(value)
    return value


class CoachDataLayer(SQLAlchemyDataLayer):
    """SQLAlchemyDataLayer that binds lists and dicts safely on SQLite and Postgres."""

    def __init__(self, sync_url: str, storage: BaseStorageClient | None = None) -> None:
        url = async_url(sync_url)
        self.is_sqlite = url.startswith("sqlite")
        connect_args = {"timeout": 30} if self.is_sqlite else None
        super().__init__(conninfo=url, connect_args=connect_args, storage_provider=storage)

    async def execute_sql(self, query: str, parameters: dict) -> list[dict[str, Any]] | int | None:
        parameters = {k: _encode(v, self.is_sqlite) for k, v in parameters.items()}
        result = await super().execute_sql(query, parameters)
        if self.is_sqlite and isinstance(result, list):
            for row in result:
                for key in ("thread_tags", "tags", "step_tags"):
                    if isinstance(row.get(key), str):
                        row[key] = _decode_list(row[key])
                for key in ("thread_metadata", "step_metadata", "step_generation"):
                    if isinstance(row.get(key), str):
                        row[key] = _decode_json(row[key])
        return result

    async def get_thread_metadata(self, thread_id: str) -> dict[str, Any]:
        """The stored metadata of one thread (a dict, whatever the dialect returns)."""
        rows = await self.execute_sql(
            'SELECT "metadata" FROM threads WHERE "id" = :id', {"id": thread_id}
        )
        if not isinstance(rows, list) or not rows:
            return {}
        return as_dict(rows[0].get("metadata"))


def _decode_list(raw: str) -> Any:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return [raw]
    return value if isinstance(value, list) else [raw]


def _decode_json(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return None


def build_data_layer(sync_url: str, files_dir: Path) -> CoachDataLayer:
    return CoachDataLayer(sync_url, LocalStorageClient(files_dir))
