"""Attacks on the real running app: `coach demo` + `coach serve` on 127.0.0.1 (a free port),
REST with httpx, Socket.IO with a real python-socketio client, the CLI as a second process.

One served app for the whole tier (`app`); a module whose attacks change global state (the
login back-off locks the test client out) starts its own with `served(...)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio
from e2e.conftest import (
    BIN,
    ROOT,
    Server,
    browser,  # noqa: F401 - Debian's Chromium, the e2e tier's fixture
    wait_for_port,
)

pytestmark = pytest.mark.security
PASSWORD = "demo-demo"


START_S = 900  # a shared 2-core machine under load needs minutes for `coach demo` + serve


class SecurityServer(Server):
    """The e2e tier's `coach serve` subprocess, with patience for a busy machine."""

    def demo(self) -> None:
        subprocess.run(
            [str(BIN / "coach"), "demo"], env=self.env, cwd=ROOT, check=True, timeout=START_S
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
            wait_for_port(self.port, self.proc, timeout=START_S)
        except BaseException:
            self.stop()
            raise


@contextlib.contextmanager
def served(
    factory: pytest.TempPathFactory,
    name: str,
    env: dict[str, str] | None = None,
    users: tuple[str, ...] = (),
    demo: bool = True,
) -> Iterator[SecurityServer]:
    """`coach demo` (the login demo / demo-demo and its team), extra logins (password
    `<name>-password-1`), then `coach serve`; stopped afterwards."""
    data = factory.mktemp(name)
    srv = SecurityServer(data / "data", data / "serve.log", env=env)
    if demo:
        srv.demo()
    for user in users:
        made = cli(srv, "user", "add", user, "--password-stdin", stdin=f"{user}-password-1\n")
        assert made.returncode == 0, made.stderr
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with served(tmp_path_factory, "coach-security", users=("eve", "pat")) as srv:
        yield srv


def data_dir(srv: Server) -> Path:
    return Path(srv.env["COACH_DATA_DIR"])


def cli(srv: Server, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "coach"), *args],
        env=srv.env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def login(srv: Server, user: str = "demo", password: str = PASSWORD) -> httpx.Response:
    return httpx.post(srv.url + "/login", data={"username": user, "password": password}, timeout=60)


def token_of(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    token = response.cookies.get("access_token")
    assert token
    return token


def me(srv: Server, token: str) -> int:
    return httpx.get(srv.url + "/user", cookies={"access_token": token}, timeout=30).status_code


def stored_threads(srv: Server, token: str, first: int = 1) -> list[dict[str, Any]]:
    """The owner's newest threads as the sidebar loads them after a reload (with elements)."""
    jar = {"access_token": token}
    listed = httpx.post(
        srv.url + "/project/threads",
        json={"pagination": {"first": first}, "filter": {}},
        cookies=jar,
        timeout=30,
    ).json()["data"]
    found = []
    for thread in listed:
        r = httpx.get(f"{srv.url}/project/thread/{thread['id']}", cookies=jar, timeout=30)
        assert r.status_code == 200, r.text
        found.append(dict(r.json()))
    return found


class Chat:
    """A Chainlit chat session over a real Socket.IO connection."""

    def __init__(
        self, srv: Server, token: str, origin: str | None = None, profile: str | None = None
    ) -> None:
        self.srv = srv
        self.token = token
        self.origin = origin
        self.profile = profile
        self.actions: list[dict[str, Any]] = []
        self.sio = socketio.AsyncClient(reconnection=False)
        self.messages: list[dict[str, Any]] = []
        self.elements: list[dict[str, Any]] = []
        self.idle = asyncio.Event()
        self.thread_id = str(uuid.uuid4())
        self.session_id = str(uuid.uuid4())
        self.sio.on("new_message", self._step)
        self.sio.on("update_message", self._step)
        self.sio.on("element", lambda e: self.elements.append(e))
        self.sio.on("action", lambda a: self.actions.append(a))
        self.sio.on("task_end", lambda *_: self.idle.set())

    def _step(self, step: dict[str, Any]) -> None:
        self.messages = [m for m in self.messages if m.get("id") != step.get("id")] + [step]

    async def connect(self) -> None:
        headers = {"Cookie": f"access_token={self.token}"}
        if self.origin:
            headers["Origin"] = self.origin
        await self.sio.connect(
            self.srv.url,
            socketio_path="/ws/socket.io",
            headers=headers,
            auth={
                "sessionId": self.session_id,
                "clientType": "webapp",
                "chatProfile": self.profile,
                "threadId": None,
                "userEnv": "{}",
            },
            transports=["websocket"],
            wait_timeout=30,
        )
        await self.sio.emit("connection_successful")
        await asyncio.sleep(2)  # on_chat_start: the intro and the nudge

    async def upload(self, name: str, data: bytes, mime: str = "text/plain") -> str:
        """Upload a file into this session the way the composer does; its file id."""
        async with httpx.AsyncClient(timeout=60) as client:
            r = await client.post(
                self.srv.url + "/project/file",
                params={"session_id": self.session_id},
                files={"file": (name, data, mime)},
                cookies={"access_token": self.token},
            )
        assert r.status_code == 200, r.text
        return str(r.json()["id"])

    async def say(self, text: str, timeout: float = 120, files: tuple[str, ...] = ()) -> str:
        """Send a message (with uploaded file ids) and return the text of the coach's
        replies to it."""
        before = {m.get("id") for m in self.messages}
        self.idle.clear()
        await self.sio.emit(
            "client_message",
            {
                "message": {
                    "id": str(uuid.uuid4()),
                    "threadId": self.thread_id,
                    "name": "demo",
                    "type": "user_message",
                    "output": text,
                    "createdAt": "2026-12-01T10:00:00.000Z",
                },
                "fileReferences": [{"id": f} for f in files],
            },
        )
        await asyncio.wait_for(self.idle.wait(), timeout)
        await asyncio.sleep(0.5)
        return "\n".join(
            str(m.get("output") or "")
            for m in self.messages
            if m.get("id") not in before and m.get("type") == "assistant_message"
        )

    async def click(self, action: dict[str, Any], timeout: float = 120) -> None:
        """Press a button the way the browser does: POST /project/action for this session.
        Chainlit answers when the callback has run (a button runs no task: no task_end)."""
        async with httpx.AsyncClient(timeout=timeout) as client:
            r = await client.post(
                self.srv.url + "/project/action",
                json={"sessionId": self.session_id, "action": action},
                cookies={"access_token": self.token},
            )
        assert r.status_code == 200, r.text
        await asyncio.sleep(2)  # the thread's own bookkeeping runs in background tasks

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.sio.disconnect()


async def prep_thread(srv: Server) -> tuple[Chat, str, dict[str, Any]]:
    """A new Voorbereiden thread of `demo`, untouched: its chat, token and Sanne's button."""
    token = token_of(login(srv))
    chat = Chat(srv, token, profile="prepare")
    await chat.connect()
    picks = [a for a in chat.actions if a.get("name") == "prep_person"]
    assert picks, "the prep thread offered no person buttons"
    return chat, token, next(a for a in picks if "Sanne" in str(a.get("label")))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last (see test_untrusted_text_browser.py)."""
    items.sort(key=lambda item: "_browser" in item.path.name)
