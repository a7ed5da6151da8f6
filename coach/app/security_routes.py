"""Chainlit routes replaced by safer ones (inserted ahead of Chainlit's own, same paths):

- POST /login: per-username and per-client back-off (429 with Retry-After) before any hash
  is computed; a login that finds no free hashing slot also gets 429.
- PUT and DELETE /feedback: only on the caller's own messages (Chainlit checked nothing, so
  any manager could write or delete feedback on another's messages by UUID).
- POST /project/file: an empty file gets 400 with a sentence in the browser's language
  (Chainlit raised a ValueError: 500).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chainlit.auth import get_current_user
from chainlit.config import config
from chainlit.server import (
    _authenticate_user,
    app,
    delete_feedback,
    update_feedback,
    upload_file,
)
from chainlit.types import DeleteFeedbackRequest, UpdateFeedbackRequest
from fastapi import Depends, HTTPException, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from coach.app.datalayer import CoachDataLayer
from coach.app.guard import Guard
from coach.app.state import pick_language
from coach.auth import set_hash_slots
from coach.container import Container
from coach.i18n import t
from coach.security.origins import allowed_origins, is_https
from coach.security.sessions import SessionPolicy, SessionStore
from coach.security.throttle import Busy, FailureLimiter

_installed = False


def _client(request: Request) -> str:
    """The peer address; uvicorn replaces it from X-Forwarded-For only for the proxies in
    `security.forwarded_allow_ips` (FORWARDED_ALLOW_IPS, set by `coach serve`)."""
    return request.client.host if request.client else "unknown"


def _too_many(retry_after: int) -> JSONResponse:
    return JSONResponse(
        {"detail": "too many attempts"},
        status_code=429,
        headers={"Retry-After": str(retry_after)},
    )


def install(layer: CoachDataLayer, limiter: FailureLimiter) -> None:
    global _installed
    if _installed:
        return

    async def login(request: Request, form_data: OAuth2PasswordRequestForm = Depends()) -> Response:
        callback = config.code.password_auth_callback
        if callback is None:
            raise HTTPException(status_code=400, detail="No auth_callback defined")
        keys = {"user": form_data.username.strip() or "-", "client": _client(request)}
        if limiter.blocked(**keys):
            return _too_many(limiter.retry_after(**keys))
        try:
            user = await callback(form_data.username, form_data.password)
        except Busy:
            return _too_many(2)
        if user is None:
            limiter.fail(**keys)
        return await _authenticate_user(request, user)

    async def put_feedback(
        request: Request,
        update: UpdateFeedbackRequest,
        current_user: Any = Depends(get_current_user),
    ) -> Any:
        owner = await layer.step_owner(update.feedback.forId)
        if update.feedback.id:
            existing = await layer.feedback_owner(update.feedback.id)
            if existing is not None:
                _require_owner(existing, current_user)
        _require_owner(owner, current_user)
        return await update_feedback(request, update, current_user)

    async def remove_feedback(
        request: Request,
        payload: DeleteFeedbackRequest,
        current_user: Any = Depends(get_current_user),
    ) -> Any:
        _require_owner(await layer.feedback_owner(payload.feedbackId), current_user)
        return await delete_feedback(request, payload, current_user)

    async def upload(
        request: Request,
        session_id: str,
        file: UploadFile,
        ask_parent_id: str | None = None,
        current_user: Any = Depends(get_current_user),
    ) -> Any:
        head = await file.read(1)
        if not head:
            lang = pick_language(request.headers.get("accept-language", "").split(",")[0])
            raise HTTPException(status_code=400, detail=t("file_empty", lang))
        await file.seek(0)
        return await upload_file(current_user, session_id, file, ask_parent_id)

    before = list(app.router.routes)
    app.add_api_route("/project/file", upload, methods=["POST"])
    app.add_api_route("/login", login, methods=["POST"])
    app.add_api_route("/feedback", put_feedback, methods=["PUT"])
    app.add_api_route("/feedback", remove_feedback, methods=["DELETE"])
    added = [r for r in app.router.routes if r not in before]
    app.router.routes[:] = added + before
    _installed = True


def _identifier(user: Any) -> str | None:
    if user is None:
        raise HTTPException(status_code=401, detail="Unauthorized")
    return str(getattr(user, "identifier", "")) or None


def _require_owner(owner: str | None, user: Any) -> None:
    """404 unless `user` owns the thing: another's feedback or step reads as one that does not
    exist, so an id reveals nothing."""
    if owner is None or owner != _identifier(user):
        raise HTTPException(status_code=404, detail="Not found")


def harden(c: Container, layer: CoachDataLayer) -> SessionStore:
    """Wire the whole security policy into Chainlit's server; called once at import of the
    app, before uvicorn builds the middleware stack."""
    settings = c.settings
    from chainlit.auth import decode_jwt
    from chainlit.server import sio
    from starlette.middleware.cors import CORSMiddleware

    sec = settings.security
    origins = allowed_origins(settings.public_url, sec.extra_origins)
    for mw in app.user_middleware:  # Chainlit's CORS from config.toml: our list instead
        if mw.cls is CORSMiddleware:
            mw.kwargs["allow_origins"] = sorted(origins)
    sio.eio.cors_allowed_origins = sorted(origins)
    policy = SessionPolicy(
        idle=dt.timedelta(hours=sec.session_idle_hours),
        lifetime=dt.timedelta(days=sec.session_max_days),
    )
    config.project.user_session_timeout = int(policy.lifetime.total_seconds())
    store = SessionStore(c.db, policy)
    set_hash_slots(sec.hash_concurrency)

    def username_of(token: str) -> str | None:
        try:
            return decode_jwt(token).identifier
        except Exception:  # noqa: BLE001 - not a token we signed
            return None

    app.add_middleware(
        Guard,
        origins=origins,
        sessions=store,
        secure_cookie=is_https(settings.public_url),
        username_of=username_of,
    )
    install(layer, FailureLimiter({"user": sec.login_user_limit, "client": sec.login_client_limit}))
    return store
