"""Findings 1 and 7: another origin cannot use a manager's login; a login ends for real.

A page on another port of the same host is a different origin: before, Chainlit echoed any
Origin with credentials and Socket.IO accepted it. A token used to outlive logout, and
POST /auth/jwt renewed any valid token for 15 more days.
"""

from __future__ import annotations

import uuid

import httpx
import pytest
import socketio
from e2e.conftest import Server

from security.conftest import Chat, cli, login, me, token_of

EVIL = "http://127.0.0.1:9"  # a page on another port of the same host


def test_rest_does_not_echo_a_foreign_origin(app: Server) -> None:
    token = token_of(login(app))
    r = httpx.post(
        app.url + "/project/threads",
        json={"pagination": {"first": 5}, "filter": {}},
        cookies={"access_token": token},
        headers={"Origin": EVIL},
        timeout=30,
    )
    assert r.status_code == 403
    assert "access-control-allow-origin" not in r.headers
    pre = httpx.options(
        app.url + "/project/threads",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
        timeout=30,
    )
    assert pre.headers.get("access-control-allow-origin") != EVIL
    own = httpx.post(
        app.url + "/project/threads",
        json={"pagination": {"first": 5}, "filter": {}},
        cookies={"access_token": token},
        headers={"Origin": app.url},
        timeout=30,
    )
    assert own.status_code == 200


def _image_sources(csp: str) -> set[str]:
    """Where a page may load images from: img-src, else default-src."""
    directives = {d.split()[0].lower(): set(d.split()[1:]) for d in csp.split(";") if d.strip()}
    return directives.get("img-src", directives.get("default-src", {"*"}))


def test_login_cookie_is_strict_and_pages_carry_a_csp(app: Server) -> None:
    r = login(app)
    cookie = r.headers["set-cookie"].lower()
    assert "samesite=strict" in cookie and "httponly" in cookie
    token = token_of(r)
    assert (
        "img-src 'self' data:"
        in httpx.get(app.url + "/", timeout=30).headers["content-security-policy"]
    )
    # every page: the app, a thread, the login page, a check-in page, an API answer, a
    # static file, an unknown path; none may load an image from another host
    pages = [
        httpx.get(app.url + path, cookies={"access_token": token}, timeout=30)
        for path in (
            "/",
            "/login",
            f"/thread/{uuid.uuid4()}",
            "/checkin/not-a-real-link",
            "/user",
            "/public/coach.css",
            "/no/such/page",
        )
    ]
    pages.append(
        httpx.post(
            app.url + "/project/threads",
            json={"pagination": {"first": 5}, "filter": {}},
            cookies={"access_token": token},
            timeout=30,
        )
    )
    for page in pages:
        csp = page.headers.get("content-security-policy", "")
        assert csp, page.url
        assert _image_sources(csp) <= {"'self'", "data:", "blob:", "'none'"}, (page.url, csp)


async def test_socket_refuses_a_foreign_origin(app: Server) -> None:
    token = token_of(login(app))
    evil = Chat(app, token, origin=EVIL)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await evil.connect()
    await evil.close()
    own = Chat(app, token, origin=app.url)
    await own.connect()
    assert own.sio.connected
    await own.close()


def test_logout_revokes_the_token_and_jwt_renewal_is_gone(app: Server) -> None:
    token = token_of(login(app))
    assert me(app, token) == 200
    renew = httpx.post(
        app.url + "/auth/jwt", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    assert renew.status_code == 404
    out = httpx.post(app.url + "/logout", cookies={"access_token": token}, timeout=30)
    assert out.status_code == 200
    assert me(app, token) == 401
    bearer = httpx.get(app.url + "/user", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert bearer.status_code == 401


async def test_cli_revoke_ends_sessions_and_sockets_cannot_reconnect(app: Server) -> None:
    first, second = token_of(login(app)), token_of(login(app))
    assert me(app, first) == 200 and me(app, second) == 200
    done = cli(app, "user", "sessions", "revoke", "demo")
    assert done.returncode == 0, done.stderr
    assert me(app, first) == 401 and me(app, second) == 401
    chat = Chat(app, first)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await chat.connect()
    await chat.close()


def test_password_change_revokes_sessions(app: Server) -> None:
    token = token_of(login(app, "pat", "pat-password-1"))
    assert me(app, token) == 200
    changed = cli(app, "user", "passwd", "pat", "--password-stdin", stdin="new-password\n")
    assert changed.returncode == 0, changed.stderr
    assert me(app, token) == 401
    assert login(app, "pat", "pat-password-1").status_code == 401
    assert me(app, token_of(login(app, "pat", "new-password"))) == 200
