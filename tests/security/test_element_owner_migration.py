"""Finding 6, the migration half: elements the app stored under "unknown/<id>" before the fix
(91 of 325 in the report) are served to their thread's owner once the app has started again.

The data dir is left the way the old code left it: the database at revision 0003 (the schema
before migration 0005), a Voorbereiden thread linked to its user, and its cited note keyed
the way Chainlit's `create_element` keyed it while the thread had no user yet (objectKey
"unknown/<element id>/<name>", url "/coach/files/unknown/<element id>", the file at
files/unknown/<element id>). Then the real CLI and `coach serve` start on it (migrations at
start-up, the files follow their rows), and the owner reloads the thread over REST.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator

import httpx
import pytest
from e2e.conftest import Server

from coach.storage.db import upgrade
from security.conftest import SecurityServer, cli, data_dir, login, token_of

NOTE = "Sanne Visser · 2026-11-20: werkdruk besproken, minder overleg op vrijdag."
AT = "2026-11-20T10:00:00.000Z"


def _leave_old_state(srv: SecurityServer) -> dict[str, str]:
    """An old data dir with one thread whose cited note sits under "unknown/"."""
    root = data_dir(srv)
    root.mkdir(parents=True, mode=0o700)
    db = root / "coach.db"
    upgrade(f"sqlite:///{db}", "0003")
    ids = {k: str(uuid.uuid4()) for k in ("user", "thread", "step", "element")}
    name = "Sanne Visser · 2026-11-20"
    with sqlite3.connect(db) as conn:
        conn.execute(
            'INSERT INTO users ("id", "identifier", "metadata", "createdAt") VALUES (?, ?, ?, ?)',
            (ids["user"], "mia", json.dumps({"provider": "credentials"}), AT),
        )
        conn.execute(
            'INSERT INTO threads ("id", "createdAt", "name", "userId", "userIdentifier", '
            '"tags", "metadata") VALUES (?, ?, ?, ?, ?, ?, ?)',
            (ids["thread"], AT, "prep_person", ids["user"], "mia", '["prepare"]', "{}"),
        )
        conn.execute(
            'INSERT INTO steps ("id", "name", "type", "threadId", "streaming", "isError", '
            '"output", "createdAt", "start", "end", "metadata", "generation") '
            "VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, '{}', '{}')",
            (ids["step"], "Coach", "assistant_message", ids["thread"], f"[{name}]", AT, AT, AT),
        )
        conn.execute(
            'INSERT INTO elements ("id", "threadId", "type", "url", "chainlitKey", "name", '
            '"display", "objectKey", "forId", "mime", "props") '
            "VALUES (?, ?, 'text', ?, ?, ?, 'side', ?, ?, 'text/plain', '{}')",
            (
                ids["element"],
                ids["thread"],
                f"/coach/files/unknown/{ids['element']}",
                str(uuid.uuid4()),
                name,
                f"unknown/{ids['element']}/{name}",
                ids["step"],
            ),
        )
    stray = root / "files" / "unknown" / ids["element"]
    stray.parent.mkdir(parents=True, mode=0o700)
    stray.write_text(NOTE, encoding="utf-8")
    return ids


@pytest.fixture(scope="module")
def restarted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    base = tmp_path_factory.mktemp("coach-old-elements")
    srv = SecurityServer(base / "data", base / "serve.log")
    ids = _leave_old_state(srv)
    for user in ("mia", "eve"):
        made = cli(srv, "user", "add", user, "--password-stdin", stdin=f"{user}-password-1\n")
        assert made.returncode == 0, made.stderr
    srv.start()
    try:
        yield srv, ids
    finally:
        srv.stop()


def test_an_element_left_under_unknown_is_served_to_its_owner_after_the_upgrade(
    restarted: tuple[Server, dict[str, str]],
) -> None:
    srv, ids = restarted
    mia = token_of(login(srv, "mia", "mia-password-1"))
    thread = httpx.get(
        f"{srv.url}/project/thread/{ids['thread']}", cookies={"access_token": mia}, timeout=30
    )
    assert thread.status_code == 200, thread.text
    (element,) = thread.json()["elements"]
    url = str(element["url"])
    r = httpx.get(srv.url + url, cookies={"access_token": mia}, timeout=30)
    assert r.status_code == 200, f"owner got {r.status_code} on {url} after the restart"
    assert r.text == NOTE
    assert url == f"/coach/files/{ids['user']}/{ids['element']}"
    assert not (data_dir(srv) / "files" / "unknown" / ids["element"]).exists()
    eve = token_of(login(srv, "eve", "eve-password-1"))
    other = httpx.get(srv.url + url, cookies={"access_token": eve}, timeout=30)
    assert other.status_code in (403, 404), f"another manager got {other.status_code} on {url}"
    stray = httpx.get(
        f"{srv.url}/coach/files/unknown/{ids['element']}", cookies={"access_token": eve}
    )
    assert stray.status_code == 404
