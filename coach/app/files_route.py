"""An authenticated route that serves stored element contents (cited notes) to their owner."""

from __future__ import annotations

from typing import Any

from chainlit.auth import get_current_user
from chainlit.server import app
from fastapi import Depends, HTTPException
from fastapi.responses import FileResponse

from coach.app.datalayer import FILES_ROUTE, CoachDataLayer, LocalStorageClient

_installed = False


def install(layer: CoachDataLayer) -> None:
    """Add the route once, ahead of Chainlit's catch-all UI route."""
    global _installed
    storage = layer.storage_provider
    if _installed or not isinstance(storage, LocalStorageClient):
        return

    async def element_file(
        user_id: str, element_id: str, user: Any = Depends(get_current_user)
    ) -> FileResponse:
        if user is None or getattr(user, "id", None) != user_id:
            raise HTTPException(status_code=404)
        path = storage.path_for(f"{user_id}/{element_id}")
        if path is None or not path.is_file():
            raise HTTPException(status_code=404)
        return FileResponse(path, media_type="text/plain; charset=utf-8")

    app.add_api_route(FILES_ROUTE + "/{user_id}/{element_id}", element_file, methods=["GET"])
    app.router.routes.insert(0, app.router.routes.pop())
    _installed = True
