"""The ASGI guard on a bare Starlette app: origin refusal, session check, cookie hardening."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from coach.app.guard import Guard
from coach.security.sessions import SessionPolicy, SessionStore
from coach.storage.db import Database, upgrade

OWN = "http://127.0.0.1:8000"


def _client(tmp_path: Path, secure: bool = False) -> tuple[TestClient, SessionStore]:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    upgrade(url)
    store = SessionStore(Database(url), SessionPolicy(dt.timedelta(hours=12), dt.timedelta(days=7)))

    async def login(request: Request) -> Response:
        r = JSONResponse({"ok": True})
        r.set_cookie("access_token", "tok-" + request.query_params["u"], httponly=True)
        return r

    async def user(request: Request) -> Response:
        return JSONResponse({"cookie": request.cookies.get("access_token")})

    app = Starlette(
        routes=[
            Route("/login", login, methods=["POST"]),
            Route("/user", user, methods=["GET", "POST"]),
        ]
    )
    guarded = Guard(
        app,
        origins=frozenset({OWN}),
        sessions=store,
        secure_cookie=secure,
        username_of=lambda token: token.removeprefix("tok-"),
    )
    return TestClient(guarded, base_url=OWN), store


def test_foreign_origin_may_read_nothing_and_change_nothing(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    assert client.post("/user", headers={"Origin": "http://127.0.0.1:9"}).status_code == 403
    assert client.post("/user", headers={"Origin": OWN}).status_code == 200
    r = client.get("/user", headers={"Origin": "http://127.0.0.1:9"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    assert "img-src 'self' data:" in r.headers["content-security-policy"]


def test_issued_tokens_are_recorded_hardened_and_revocable(tmp_path: Path) -> None:
    client, store = _client(tmp_path, secure=True)
    r = client.post("/login", params={"u": "mira"})
    cookie = r.headers["set-cookie"]
    assert "SameSite=strict" in cookie and "Secure" in cookie
    assert store.count("mira") == 1
    assert client.get("/user", cookies={"access_token": "tok-mira"}).json()["cookie"] == "tok-mira"
    store.revoke_user("mira")
    r = client.get("/user", cookies={"access_token": "tok-mira"})
    assert r.json()["cookie"] is None  # the app sees no login
    assert "access_token=;" in r.headers["set-cookie"]
    forged = client.get("/user", headers={"Authorization": "Bearer tok-eve"})
    assert forged.json()["cookie"] is None


def test_jwt_renewal_route_is_gone(tmp_path: Path) -> None:
    client, _ = _client(tmp_path)
    assert client.post("/auth/jwt", headers={"Authorization": "Bearer x"}).status_code == 404
