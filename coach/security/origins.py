"""The origins a browser page may call the app from: its own public URL and the configured
extra ones. Every state-changing request and every socket connection from any other origin is
refused, so a page on another port of the same host cannot act as a logged-in manager."""

from __future__ import annotations

from urllib.parse import urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL, lower-case, default ports left out (as browsers do)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")


def allowed_origins(public_url: str, extra: list[str]) -> frozenset[str]:
    """The public URL's origin, its loopback aliases when it is a loopback address (the same
    app typed as localhost or 127.0.0.1), and the extra origins."""
    own = origin_of(public_url)
    out = {own, *(origin_of(e) for e in extra if e.strip())}
    parts = urlsplit(public_url)
    if (parts.hostname or "").lower() in ("127.0.0.1", "localhost", "::1"):
        port = f":{parts.port}" if parts.port else ""
        out |= {f"{parts.scheme.lower()}://{h}{port}" for h in LOOPBACK}
    return frozenset(out)


def is_https(public_url: str) -> bool:
    return urlsplit(public_url).scheme.lower() == "https"
