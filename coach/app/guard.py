"""The app's front door, one ASGI middleware around Chainlit's server (REST and Socket.IO):

- Origin: a request that changes state, and every socket connection, carrying an Origin
  other than the app's own (public URL plus configured extras) gets 403; CORS is limited to
  the same list (Chainlit's `allow_origins = ["*"]` echoed any origin with credentials).
- Sessions: a login token counts only while coach.security.sessions has it; a revoked,
  idle or unknown token is stripped from the request (Chainlit then sees no login) and its
  cookie cleared. Logout revokes the token; POST /auth/jwt (silent renewal) is gone.
- Cookies: the login cookie is SameSite=Strict, and Secure when the public URL is https.
- Every page gets a Content-Security-Policy (img-src 'self' data:) and no-sniff headers.

Chainlit stays unpatched: this wraps `chainlit.server.app`, and coach/app/security_routes.py
replaces three of its routes.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from coach.security.sessions import SessionStore

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

AUTH_COOKIE = "access_token"  # Chainlit's default (CHAINLIT_AUTH_COOKIE_NAME)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_PREFIXES = ("/assets/", "/public/", "/checkin/")
PUBLIC_PATHS = frozenset({"/favicon", "/logo", "/health"})
# The identity provider posts here itself (form_post); Chainlit checks its state cookie.
CROSS_ORIGIN_POSTS = frozenset({"/auth/oauth/azure-ad-hybrid/callback"})
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' data: blob:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_SAMESITE = re.compile(rb"samesite=\w+", re.IGNORECASE)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _token(headers: dict[str, str]) -> str | None:
    """The login token as Chainlit reads it: the cookie (maybe in chunks), else Bearer."""
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # noqa: BLE001 - a malformed cookie header carries no token
        cookie = SimpleCookie()
    if AUTH_COOKIE in cookie:
        return cookie[AUTH_COOKIE].value
    chunks: list[str] = []
    while f"{AUTH_COOKIE}_{len(chunks)}" in cookie:
        chunks.append(cookie[f"{AUTH_COOKIE}_{len(chunks)}"].value)
    if chunks:
        return "".join(chunks)
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _strip_credentials(scope: Scope) -> None:
    """Remove the login cookie(s) and Bearer header, so Chainlit treats it as logged out."""
    kept = []
    for k, v in scope.get("headers", []):
        name = k.lower()
        if name == b"authorization":
            continue
        if name == b"cookie":
            parts = [
                p for p in v.decode("latin-1").split(";") if not p.strip().startswith(AUTH_COOKIE)
            ]
            v = ";".join(parts).strip().encode("latin-1")
            if not v:
                continue
        kept.append((k, v))
    scope["headers"] = kept


def _issued_token(raw: bytes) -> str | None:
    """The token in a Set-Cookie header that sets (not deletes) the login cookie."""
    name, _, rest = raw.partition(b"=")
    if name.strip().decode("latin-1") != AUTH_COOKIE:
        return None
    value = rest.split(b";", 1)[0].strip().strip(b'"')
    return value.decode("latin-1") or None


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        origins: frozenset[str],
        sessions: SessionStore,
        secure_cookie: bool,
        username_of: Callable[[str], str | None],
    ) -> None:
        self.app = app
        self.origins = origins
        self.sessions = sessions
        self.secure_cookie = secure_cookie
        self.username_of = username_of  # token -> username (the signed JWT's identifier)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        path = str(scope.get("path", ""))
        method = str(scope.get("method", "GET")).upper()
        origin = headers.get("origin")
        socket = scope["type"] == "websocket" or "/ws/socket.io" in path
        foreign = origin is not None and origin.lower() not in self.origins
        if origin == "null" and path.startswith("/checkin/"):
            # The check-in page sends no referrer, so its own form posts carry Origin: null;
            # a check-in is authorised by its link token and CSRF field, never by a cookie.
            foreign = False
        if foreign and path not in CROSS_ORIGIN_POSTS and (socket or method not in SAFE_METHODS):
            await _refuse(scope, receive, send, 403, b"origin not allowed")
            return
        if path == "/auth/jwt":  # Chainlit's silent renewal of any valid token
            await _refuse(scope, receive, send, 404, b"not found")
            return
        clear = False
        public = path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)
        token = None if public else _token(headers)
        if token is not None:
            if path == "/logout" and method == "POST":
                await asyncio.to_thread(self.sessions.revoke, token)
                _strip_credentials(scope)
                clear = True
            elif not await asyncio.to_thread(self.sessions.alive, token):
                _strip_credentials(scope)
                clear = True
        await self.app(scope, receive, self._wrap_send(send, scope, clear))

    def _wrap_send(self, send: Send, scope: Scope, clear: bool) -> Send:
        if scope["type"] != "http":
            return send

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = []
                for k, v in message.get("headers", []):
                    if k.lower() == b"set-cookie" and v.startswith(AUTH_COOKIE.encode()):
                        token = _issued_token(v)
                        if token is not None:
                            await self._record(token)
                        v = self._harden(v)
                    out.append((k, v))
                if clear:
                    out.append((b"set-cookie", self._harden(_expired_cookie())))
                names = {k.lower() for k, _ in out}
                if b"content-security-policy" not in names:
                    out.append((b"content-security-policy", CSP.encode()))
                out.append((b"x-content-type-options", b"nosniff"))
                out.append((b"referrer-policy", b"same-origin"))
                message["headers"] = out
            await send(message)

        return wrapped

    async def _record(self, token: str) -> None:
        username = self.username_of(token)
        if username:
            await asyncio.to_thread(self.sessions.record, token, username)

    def _harden(self, raw: bytes) -> bytes:
        raw = _SAMESITE.sub(b"SameSite=strict", raw)
        if b"samesite" not in raw.lower():
            raw += b"; SameSite=strict"
        if self.secure_cookie and b"secure" not in raw.lower():
            raw += b"; Secure"
        return raw


def _expired_cookie() -> bytes:
    return f"{AUTH_COOKIE}=; Max-Age=0; Path=/; HttpOnly".encode()


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, body: bytes) -> None:
    if scope["type"] == "websocket":
        await receive()  # the websocket.connect message
        await send({"type": "websocket.close", "code": 1008})
        return
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"%d" % len(body))],
        }
    )
    await send({"type": "http.response.body", "body": body})
