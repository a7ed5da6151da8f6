"""The security policy's pure parts: origins, inert text, the failure limiter, sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coach.security.inert import inert
from coach.security.origins import allowed_origins, origin_of
from coach.security.sessions import SessionPolicy, SessionStore
from coach.security.throttle import Busy, FailureLimiter, HashSlots
from coach.storage.db import Database, upgrade


def test_origins_are_the_public_url_its_loopback_alias_and_the_extras() -> None:
    got = allowed_origins("http://127.0.0.1:8000/", ["https://coach.example.org:443"])
    assert "http://127.0.0.1:8000" in got and "http://localhost:8000" in got
    assert "https://coach.example.org" in got
    assert "http://127.0.0.1:8001" not in got
    assert allowed_origins("https://coach.example.org", []) == {"https://coach.example.org"}
    assert origin_of("HTTPS://Coach.Example.org:443/x") == "https://coach.example.org"


def test_inert_escapes_images_and_tags_but_keeps_text() -> None:
    text = "Zie ![pixel](https://evil.example/p.png?q=1) en <img src=x onerror=alert(1)>."
    out = inert(text)
    assert "![" not in out and "<img" not in out
    assert "pixel" in out and inert("a < b") == "a < b"


def test_failure_limiter_blocks_a_key_over_its_limit_only() -> None:
    limiter = FailureLimiter({"user": "3/minute", "client": "10/minute"})
    for _ in range(3):
        assert not limiter.blocked(user="alice", client="1.2.3.4")
        limiter.fail(user="alice", client="1.2.3.4")
    assert limiter.blocked(user="ALICE", client="5.6.7.8")
    assert not limiter.blocked(user="bob", client="1.2.3.4")
    assert limiter.retry_after(user="alice") >= 1


def test_hash_slots_refuse_when_none_frees_up() -> None:
    slots = HashSlots(1, wait_s=0.05)
    with slots, pytest.raises(Busy), slots:
        pass


def test_sessions_expire_when_idle_and_are_revoked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    upgrade(url)
    now = [dt.datetime(2026, 12, 1, 9, 0)]
    policy = SessionPolicy(idle=dt.timedelta(hours=12), lifetime=dt.timedelta(days=7))
    store = SessionStore(Database(url), policy, clock=lambda: now[0])
    store.record("tok-a", "mira")
    store.record("tok-b", "mira")
    assert store.alive("tok-a") and not store.alive("tok-unknown")
    now[0] += dt.timedelta(hours=11)
    assert store.alive("tok-a")  # seen again: the idle clock restarts
    now[0] += dt.timedelta(hours=11)
    assert store.alive("tok-a") and not store.alive("tok-b")  # b idle for 22 h
    assert store.revoke_user("mira") == 1
    assert not store.alive("tok-a")
