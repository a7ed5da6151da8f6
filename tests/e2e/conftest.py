"""Browser tests: `coach demo` + `coach serve` in a subprocess, Debian Chromium via Playwright.

COACH_LLM=fake, so no test ever reaches a network model. A failing test leaves a screenshot
in test-artifacts/.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


START_TIMEOUT = 300  # a busy 2-core machine (other suites running) can take over 90 s


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"coach serve exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise TimeoutError(f"port {port} did not open in {timeout} s")


SEND_TRIES = 4


def send(page: Any, text: str) -> None:
    """Type into the composer and click send.

    Enter right after load can be lost, and so can typed text: after a thread's first
    message Chainlit moves the page to /thread/<id> and mounts a fresh, empty composer. So
    the text is typed again when the composer is empty, and sent once the button is enabled
    (it stays disabled while the previous answer is still running)."""
    box = page.locator("#chat-input")
    submit = page.locator("#chat-submit:not([disabled])")
    for attempt in range(SEND_TRIES):
        box.click()
        if box.input_value() == "":
            page.keyboard.insert_text(text)
        try:
            submit.click(timeout=15_000)
            return
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: look again
            if attempt == SEND_TRIES - 1:
                raise


def resumed(page: Any, timeout_s: float = 150) -> None:
    """Wait until Chainlit replayed a resumed thread (its `resume_thread` frame; clear
    `page.ws_frames` before opening the thread). The replay replaces the page's messages with
    the stored ones, after `on_chat_resume` ran: a message sent or a button clicked before it
    is gone from the page, unanswered (one clean-clone CI run lost a question that way)."""
    deadline = time.monotonic() + timeout_s
    while not any('"resume_thread"' in frame for frame in page.ws_frames):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no resume_thread frame in {timeout_s} s")
        page.wait_for_timeout(200)


def settled(page: Any, timeout: float = 150_000) -> None:
    """Wait until the running answer ended (Chainlit shows its stop button while a task
    runs). A click on a source chip while the answer still streams is lost in a re-render."""
    page.locator("#stop-button").wait_for(state="detached", timeout=timeout)


def shot(page: Any, name: str) -> Path:
    """A screenshot in test-artifacts/ (kept by CI as evidence of what the user saw)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page: Any, url: str, password: str = "demo-demo") -> None:
    page.goto(url + "/login")
    page.fill("#email", "demo")
    page.fill("#password", password)
    page.click("button[type=submit]")


def choose_profile(page: Any, label: str) -> None:
    """Switch the chat profile (mode), confirming the new chat if Chainlit asks."""
    page.locator("#chat-profiles").click()
    page.get_by_role("option", name=label).click()
    confirm = page.get_by_role("button", name=re.compile(r"^(Bevestigen|Confirm)$"))
    with contextlib.suppress(Exception):  # no dialog when the thread was still empty
        confirm.click(timeout=3000)


class Server:
    """`coach serve` as a subprocess that a test can restart (same data dir, same port)."""

    def __init__(self, data_dir: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = {
            **os.environ,
            "COACH_DATA_DIR": str(data_dir),
            "COACH_LLM": "fake",
            "COACH_APP__PORT": str(self.port),
            "HF_HUB_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            **(env or {}),
        }
        self.env.pop("DATABASE_URL", None)
        self.env.pop("CHAINLIT_AUTH_SECRET", None)
        self.proc: subprocess.Popen[bytes] | None = None

    def demo(self) -> None:
        subprocess.run(
            [str(BIN / "coach"), "demo"], env=self.env, cwd=ROOT, check=True, timeout=180
        )

    def start(self) -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            [str(BIN / "coach"), "serve"],
            env=self.env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_port(self.port, self.proc)
        except BaseException:
            self.stop()  # never leave a half-started server behind
            raise

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()


@contextlib.contextmanager
def demo_server(
    factory: pytest.TempPathFactory, name: str, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """`coach demo` in a fresh data dir, then `coach serve`; stopped afterwards."""
    data = factory.mktemp(name)
    srv = Server(data / "data", data / "serve.log", env=env)
    srv.demo()
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@contextlib.contextmanager
def browser_page(browser: Any, locale: str = "nl-NL") -> Iterator[Any]:
    """A page (Dutch locale unless told) that records the websocket frames it receives
    (`ws_frames`)."""
    ctx = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    frames: list[str] = []
    pg.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(str(f))))
    pg.ws_frames = frames  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        ctx.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with demo_server(tmp_path_factory, "coach-e2e") as srv:
        yield srv


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def page(browser: Any, server: Server) -> Iterator[Any]:
    with browser_page(browser) as pg:
        yield pg


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call" and report.failed:
        args = getattr(item, "funcargs", {})
        for srv in (v for v in args.values() if isinstance(v, Server)):
            with contextlib.suppress(Exception):  # what the app said: CI shows only the output
                tail = srv.log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
                report.sections.append((f"serve log {srv.log.parent.name}", "\n".join(tail)))
        pg = args.get("page") or args.get("dark_page") or args.get("english_page")
        if pg is not None:
            with contextlib.suppress(Exception):
                seen = pg.locator("body").inner_text()[-1500:]
                report.sections.append(("page text (last 1500 characters)", seen))
            ARTIFACTS.mkdir(exist_ok=True)
            # a failed screenshot must never hide the real failure
            with contextlib.suppress(Exception):
                pg.screenshot(path=str(ARTIFACTS / f"{item.name}.png"), full_page=True)
            with contextlib.suppress(Exception):
                (ARTIFACTS / f"{item.name}.html").write_text(pg.content(), encoding="utf-8")


def back_to_chat(page: Any) -> None:
    """Leave a source opened on its own page the way a user does: its back arrow."""
    page.locator("#element-view button:has(svg.lucide-arrow-left)").first.click()
    page.wait_for_selector("#chat-input")
