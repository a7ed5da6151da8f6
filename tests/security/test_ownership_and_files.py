"""Findings 6 and 8 (feedback) and the loose ends: elements belong to their owner from the
first answer on, feedback only on your own messages, 404 for an unknown thread, private
file modes."""

from __future__ import annotations

import stat
import uuid

import httpx
from e2e.conftest import Server

from security.conftest import (
    Chat,
    cli,
    data_dir,
    login,
    prep_thread,
    stored_threads,
    token_of,
)


async def _answered_chat(app: Server) -> tuple[Chat, str]:
    token = token_of(login(app))
    chat = Chat(app, token)
    await chat.connect()
    reply = await chat.say("Hoe gaat het met de werkdruk van Sanne?")
    assert reply
    return chat, token


def _thread_elements(app: Server, token: str) -> list[dict[str, object]]:
    """The stored elements of the newest thread, as the sidebar loads them after a reload."""
    return list(stored_threads(app, token)[0].get("elements") or [])


async def test_first_answer_sources_are_served_to_their_owner(app: Server) -> None:
    chat, token = await _answered_chat(app)
    await chat.close()
    urls = [str(e["url"]) for e in _thread_elements(app, token) if e.get("url")]
    assert urls, "the answer cited no stored source"
    for url in urls:
        assert "/unknown/" not in url
        r = httpx.get(app.url + url, cookies={"access_token": token}, timeout=30)
        assert r.status_code == 200
    other = token_of(login(app, "eve", "eve-password-1"))
    assert httpx.get(app.url + urls[0], cookies={"access_token": other}).status_code == 404


async def test_a_thread_started_by_a_button_keeps_its_elements_for_its_owner(app: Server) -> None:
    """Finding 6 as it was seen: a Voorbereiden thread whose first interaction is the person
    button stored the brief's elements under "unknown/" (the thread had no user yet), and
    after a reload their owner got 404 on them."""
    chat, token, sanne = await prep_thread(app)
    await chat.click(sanne)
    await chat.close()
    stored = _thread_elements(app, token)
    urls = [str(e["url"]) for e in stored if e.get("url")]
    assert urls, "the brief stored no element"
    for url in urls:
        assert "/unknown/" not in url, url
        r = httpx.get(app.url + url, cookies={"access_token": token}, timeout=30)
        assert r.status_code == 200, url


async def test_feedback_on_another_managers_message_is_refused(app: Server) -> None:
    chat, token = await _answered_chat(app)
    answer = next(m for m in chat.messages if m.get("type") == "assistant_message")
    await chat.close()
    eve = token_of(login(app, "eve", "eve-password-1"))
    body = {"feedback": {"forId": answer["id"], "value": 0}, "sessionId": str(uuid.uuid4())}
    r = httpx.put(app.url + "/feedback", json=body, cookies={"access_token": eve}, timeout=30)
    assert r.status_code == 404
    mine = httpx.put(app.url + "/feedback", json=body, cookies={"access_token": token}, timeout=30)
    assert mine.status_code == 200
    feedback_id = mine.json()["feedbackId"]
    gone = httpx.request(
        "DELETE",
        app.url + "/feedback",
        json={"feedbackId": feedback_id},
        cookies={"access_token": eve},
        timeout=30,
    )
    assert gone.status_code == 404


def test_unknown_thread_is_404(app: Server) -> None:
    token = token_of(login(app))
    r = httpx.get(
        f"{app.url}/project/thread/{uuid.uuid4()}", cookies={"access_token": token}, timeout=30
    )
    assert r.status_code == 404


def test_data_files_are_private(app: Server) -> None:
    """The data dir is 0700; every file holding people's data in it is 0600 (the cached
    public model weights under models/ are not personal data), also the files a CLI command
    writes while the app runs."""
    for args in (
        ("person", "add", "Tijs Tijdelijk", "--manager", "demo"),
        ("note", "add", "Tijs", "Tijs begint volgende week.", "--manager", "demo"),
        ("person", "erase", "Tijs Tijdelijk", "--yes", "--manager", "demo"),
    ):
        done = cli(app, *args)
        assert done.returncode == 0, done.stderr
    root = data_dir(app)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    personal = [root / "coach.db", root / "chroma", root / "files", root / "secrets"]
    files = [
        p
        for top in personal
        for p in ([top] if top.is_file() else top.rglob("*"))
        if p.is_file() and not p.is_symlink()
    ]
    assert (root / "coach.db") in files and any("chroma" in str(p) for p in files)
    assert [p for p in files if stat.S_IMODE(p.stat().st_mode) & 0o077] == []


async def test_an_empty_upload_gets_a_clear_message(app: Server) -> None:
    token = token_of(login(app))
    chat = Chat(app, token)
    await chat.connect()
    r = httpx.post(
        f"{app.url}/project/file",
        params={"session_id": chat.session_id},
        files={"file": ("leeg.txt", b"", "text/plain")},
        cookies={"access_token": token},
        headers={"Accept-Language": "nl-NL,nl;q=0.9"},
        timeout=30,
    )
    await chat.close()
    assert r.status_code == 400
    assert r.json()["detail"] == "In dit bestand staat geen tekst."
