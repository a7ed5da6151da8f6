"""Scale-out is real (issue 15, line 3): PostgreSQL, a Chroma server (`chroma run`) and two
`coach serve` replicas on 127.0.0.1, each with its own data dir, as docs/deploy.md describes.

A note written through replica A is found by the next question on replica B; an erase on A
is gone on B at once (keyword search lives in PostgreSQL, vectors on the Chroma server, and
every search reads its passages back from SQL); B keeps answering while A restarts.
Chat goes over real Socket.IO sessions (the security tier's client); one login is valid on
both replicas because they share CHAINLIT_AUTH_SECRET, as the deploy guide requires.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from e2e.conftest import BIN, free_port, wait_for_port
from security.conftest import Chat, SecurityServer, cli, login, token_of

from coach.i18n import t

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
MARKER = "zebrakwarts"
SECRET = "scale-out-test-secret-0123456789abcdef0123456789abcdef"
PASSWORD = "mira-password-1"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """`chroma run` on a free loopback port (the server that ships with chromadb)."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "chroma.log").open("wb")
    proc = subprocess.Popen(
        [str(BIN / "chroma"), "run", "--path", str(path / "db"), "--host", "127.0.0.1"]
        + ["--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, proc, timeout=120)
        yield port
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)
        if proc.poll() is None:
            proc.kill()


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory,
    pg_server: Callable[[], str],
    chroma_server: int,
) -> Iterator[tuple[SecurityServer, SecurityServer]]:
    shared = {
        "COACH_DB__URL": pg_server(),
        "COACH_CHROMA__HOST": "127.0.0.1",
        "COACH_CHROMA__PORT": str(chroma_server),
    }
    servers = []
    for name in ("a", "b"):
        root: Path = tmp_path_factory.mktemp(f"replica-{name}")
        srv = SecurityServer(root / "data", root / "serve.log", env=shared)
        srv.env["CHAINLIT_AUTH_SECRET"] = SECRET
        servers.append(srv)
    a, b = servers
    made = cli(a, "user", "add", "mira", "--password-stdin", stdin=f"{PASSWORD}\n")
    assert made.returncode == 0, made.stderr
    for person in ("Sanne de Vries", "Thomas Bakker"):
        added = cli(a, "person", "add", person, "--manager", "mira")
        assert added.returncode == 0, added.stderr
    note = "Thomas is blij met het nieuwe project en werkt goed samen met het team."
    assert cli(a, "note", "add", "Thomas", note, "--manager", "mira").returncode == 0
    try:
        for srv in servers:
            srv.start()
        yield a, b
    finally:
        for srv in servers:
            srv.stop()


def _failed(text: str) -> bool:
    return any(t("app_error", lang) in text for lang in ("nl", "en"))


async def _ask(srv: SecurityServer, token: str, *questions: str, timeout: float = 180) -> list[str]:
    chat = Chat(srv, token)
    await chat.connect()
    try:
        return [await chat.say(q, timeout=timeout) for q in questions]
    finally:
        await chat.close()


async def test_two_replicas_share_every_write_and_erase_at_once(
    replicas: tuple[SecurityServer, SecurityServer],
) -> None:
    a, b = replicas
    token = token_of(login(a, "mira", PASSWORD))
    assert httpx.get(b.url + "/user", cookies={"access_token": token}, timeout=30).is_success

    chat_a = Chat(a, token)
    await chat_a.connect()
    note = (
        f"/notitie Sanne: Sanne ervaart veel werkdruk door de migratie van {MARKER}; "
        "ze slaapt slecht en wil minder overwerken."
    )
    added = await chat_a.say(note, timeout=900)
    assert "Sanne de Vries" in added and not _failed(added), added

    # B never saw the write: its answer must come from PostgreSQL and the Chroma server.
    # (A replica's first question waits for its warm-up: the models and, on the first start
    # against a new Chroma server, the knowledge index; minutes on a busy 2-core machine.)
    (found,) = await _ask(b, token, "Hoe gaat het met de werkdruk van Sanne?", timeout=900)
    assert MARKER in found, found
    (keyword,) = await _ask(b, token, f"Wat weet ik over {MARKER}?")
    assert MARKER in keyword and not _failed(keyword), keyword

    # Erase on A (the chat's /wis with its confirmation button) ...
    await chat_a.say("/wis Sanne de Vries")
    button = next(x for x in chat_a.actions if x.get("name") == "team_erase")
    await chat_a.click(button)
    await chat_a.close()
    # ... is gone on B at once: no passage by keyword or vector, no person.
    after = await _ask(
        b, token, f"Wat weet ik over {MARKER}?", "Wie heeft er veel werkdruk?", "Hoe gaat het?"
    )
    for text in after:
        assert MARKER not in text and not _failed(text), text
    (gone,) = await _ask(b, token, "Hoe gaat het met Sanne de Vries?")
    assert MARKER not in gone and "Sanne" in gone, gone  # "I don't know anyone called ..."

    # B keeps answering while A restarts; A answers again once it is back.
    a.stop()
    (during,) = await _ask(b, token, "Hoe gaat het met Thomas?")
    assert "blij met het nieuwe project" in during, during
    a.start()
    (back,) = await _ask(a, token, "Hoe gaat het met Thomas?", timeout=900)
    assert "blij met het nieuwe project" in back, back


def test_the_replicas_use_no_local_store(replicas: tuple[SecurityServer, SecurityServer]) -> None:
    """Neither replica wrote a SQLite database or an embedded Chroma into its data dir."""
    for srv in replicas:
        data = Path(srv.env["COACH_DATA_DIR"])
        local = [p.name for p in data.rglob("*") if p.suffix in (".db", ".sqlite3")]
        assert local == [], local
        assert not (data / "chroma").exists() or not any((data / "chroma").iterdir())
