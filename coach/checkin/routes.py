"""HTTP routes for the employee check-in page (GET shows the form, POST stores it).

Mounted on the Chainlit server's FastAPI app by the app helper, but free of Chainlit so it is
testable on a bare FastAPI app. Defences: tokens are looked up by hash; wrong links are
counted per client and a client over the limit gets 429 for its guesses, while a real link
still opens (one guesser behind a shared address must not lock out the colleagues there);
rejected posts to a real link are counted per link. The client address is the peer's:
uvicorn takes X-Forwarded-For only from `security.forwarded_allow_ips`. The form carries a per-token
HMAC (CSRF) keyed by a secret in `<data_dir>/secrets/checkin_secret`; every response is
`no-store` with no referrer, and the page escapes everything it shows.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from limits import parse as parse_rate

from coach.checkin import page
from coach.checkin.service import CheckinError, CheckinService
from coach.checkin.tokens import AttemptLimiter

MAX_BODY = 64 * 1024
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
}


def load_secret(data_dir: Path) -> bytes:
    """The CSRF key; created once (mode 0600) so forms survive a restart."""
    path = data_dir / "secrets" / "checkin_secret"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32))
    value = path.read_text(encoding="ascii").strip()
    if len(value) < 32:
        raise RuntimeError(f"check-in secret in {path} is too short")
    return value.encode("ascii")


def csrf_token(secret: bytes, token: str) -> str:
    """HMAC of the link token: binds a form to its link without server-side state."""
    return hmac.new(secret, b"checkin-csrf:" + token.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_ok(secret: bytes, token: str, value: str) -> bool:
    return hmac.compare_digest(csrf_token(secret, token).encode(), value.encode("utf-8"))


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _lang(request: Request, fallback: str = "nl", posted: str | None = None) -> str:
    chosen = posted or request.query_params.get("lang")
    if chosen in ("nl", "en"):
        return chosen
    return page.pick_language(request.headers.get("accept-language"), default=fallback)


def _page_reason(reason: str) -> page.ErrorReason:
    return "expired" if reason == "expired" else "revoked" if reason == "revoked" else "invalid"


@dataclass(frozen=True)
class Guards:
    """What the routes keep besides the service: wrong links counted per client, rejected
    posts counted per link, and the key that signs each form (CSRF)."""

    per_client: AttemptLimiter
    per_link: AttemptLimiter
    secret: bytes


def make_router(service: CheckinService, guards: Guards) -> APIRouter:
    """The check-in routes bound to one service and its guards (`mount` builds them from the
    settings; a test passes its own)."""
    router = APIRouter()

    def limited(lang: str) -> HTMLResponse:
        return _html(page.render_error(lang=lang, reason="rate_limited"), 429)

    def failed(request: Request, reason: str, lang: str, link: str | None = None) -> HTMLResponse:
        """Count a failed attempt (per client; per link too for a post to a real link); the
        page text is the same for every reason."""
        client = _client(request)
        client_ok = guards.per_client.remaining(client) > 0 and guards.per_client.allow(client)
        link_ok = link is None or guards.per_link.allow(link)
        if not (client_ok and link_ok):
            return limited(lang)
        status = 410 if reason in ("expired", "revoked", "used") else 404
        return _html(page.render_error(lang=lang, reason=_page_reason(reason)), status)

    def form_page(
        lang: str,
        first_name: str,
        token: str,
        errors: dict[str, str] | None = None,
        values: dict[str, str] | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        html = page.render_form(
            lang=lang,
            first_name=first_name,
            action_url=f"/checkin/{token}",
            csrf=csrf_token(guards.secret, token),
            errors=errors,
            values=values,
        )
        return _html(html, status)

    def link_key(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @router.get("/checkin/{token}", response_class=HTMLResponse)
    def show(token: str, request: Request) -> HTMLResponse:
        try:
            _, person = service.resolve(token)
        except CheckinError as e:
            return failed(request, e.reason, _lang(request))
        lang = _lang(request, person.language)
        if guards.per_link.remaining(link_key(token)) <= 0:
            return limited(lang)
        return form_page(lang, person.first_name, token)

    @router.post("/checkin/{token}", response_class=HTMLResponse)
    async def submit(token: str, request: Request) -> HTMLResponse:
        body = await request.body()
        if len(body) > MAX_BODY:
            return _html(page.render_error(lang=_lang(request), reason="invalid"), 413)
        parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        form = {name: values[0] for name, values in parsed.items() if values}
        try:
            _, person = service.resolve(token)
        except CheckinError as e:
            return failed(request, e.reason, _lang(request, posted=form.get("lang")))
        lang = _lang(request, person.language, posted=form.get("lang"))
        if guards.per_link.remaining(link_key(token)) <= 0:
            return limited(lang)
        if not csrf_ok(guards.secret, token, form.get("csrf", "")):
            return failed(request, "invalid", lang, link=link_key(token))
        try:
            answers = page.parse_form(form)
        except page.CheckinFormError as e:
            return form_page(lang, person.first_name, token, e.errors, form, status=422)
        try:
            service.submit(token, answers)
        except CheckinError as e:  # revoked or used between resolve and submit
            return failed(request, e.reason, lang)
        return _html(page.render_thanks(lang=lang, first_name=person.first_name))

    return router


def attempt_limiter(rate: str) -> AttemptLimiter:
    """An AttemptLimiter from a `limits` rate string such as "10/10minutes"."""
    item = parse_rate(rate)
    return AttemptLimiter(item.amount, item.get_expiry())


def mount(
    app: FastAPI,
    service: CheckinService,
    data_dir: Path,
    *,
    client_limit: str,
    token_limit: str,
) -> None:
    """Add the check-in routes to `app`, ahead of any catch-all route it already has
    (Chainlit serves its SPA from `/{path}`, which would otherwise shadow ours). The limits
    are `security.checkin_client_limit` and `security.checkin_token_limit`."""
    before = list(app.router.routes)
    guards = Guards(
        attempt_limiter(client_limit), attempt_limiter(token_limit), load_secret(data_dir)
    )
    app.include_router(make_router(service, guards))
    added = [r for r in app.router.routes if r not in before]
    app.router.routes[:] = added + before
