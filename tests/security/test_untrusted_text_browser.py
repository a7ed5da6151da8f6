"""Finding 4: a Markdown image or <img> in a note is never fetched by the manager's browser
(Chromium, the real page): the text is made inert and the page's CSP allows no remote image.
The note carries the URL of a local "pixel" server that counts every request.

Runs last in the tier (tests/security/conftest.py): Playwright's sync API keeps an event
loop in the main thread that later async tests would trip over.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

from e2e.conftest import Server, browser_page, free_port, send
from e2e.conftest import login as e2e_login

from security.conftest import cli


class _Pixel(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        _Pixel.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


def test_a_notes_image_is_not_fetched_by_the_browser(app: Server, browser: Any) -> None:
    pixel = HTTPServer(("127.0.0.1", free_port()), _Pixel)
    threading.Thread(target=pixel.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{pixel.server_port}/p.png?leak=sanne"
    note = f"Sanne stuurde dit ![logo]({url}) en <img src='{url}'> mee."
    assert cli(app, "note", "add", "Sanne", note, "--manager", "demo").returncode == 0
    with browser_page(browser) as page:
        e2e_login(page, app.url)
        page.wait_for_selector("#chat-input", timeout=120_000)
        send(page, "/notities Sanne")
        page.get_by_text("Sanne stuurde dit").first.wait_for(timeout=120_000)
        page.wait_for_timeout(2000)
        images = page.evaluate("() => document.querySelectorAll('img[src*=\"p.png\"]').length")
    pixel.shutdown()
    assert _Pixel.hits == []
    assert images == 0
