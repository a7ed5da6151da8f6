"""Finding 5: login guesses are slowed down, and the answer time does not reveal usernames.

This module runs its own app: it locks the test client out on purpose."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator

import pytest
from e2e.conftest import Server

from security.conftest import login, served


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {
        "COACH_SECURITY__LOGIN_USER_LIMIT": "5/15minutes",
        "COACH_SECURITY__LOGIN_CLIENT_LIMIT": "12/15minutes",
    }
    users = ("alice", "bob", "carol")
    with served(tmp_path_factory, "coach-login", env=env, users=users, demo=False) as srv:
        yield srv


def _elapsed(srv: Server, user: str) -> float:
    start = time.perf_counter()
    assert login(srv, user, "wrong-password").status_code == 401
    return time.perf_counter() - start


def test_unknown_user_takes_as_long_as_a_known_one(guarded: Server) -> None:
    known = [_elapsed(guarded, "carol") for _ in range(3)]
    unknown = [_elapsed(guarded, f"nobody{i}") for i in range(3)]
    # before: 4 ms against ~200 ms; a dummy argon2 verify makes them the same order
    assert statistics.median(unknown) > 0.5 * statistics.median(known)


def test_guessing_one_username_gets_429_but_others_still_log_in(guarded: Server) -> None:
    statuses = [login(guarded, "alice", f"guess-{i}").status_code for i in range(7)]
    assert statuses[:5] == [401] * 5
    assert statuses[5:] == [429, 429]
    blocked = login(guarded, "alice", "alice-password-1")
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    assert login(guarded, "bob", "bob-password-1").status_code == 200


def test_spraying_many_usernames_from_one_client_gets_429(guarded: Server) -> None:
    # alice's guesses above already count for this client (7 answers, 5 failures counted)
    statuses = [login(guarded, f"spray{i}", "x-password").status_code for i in range(10)]
    assert 429 in statuses
    assert statuses[-1] == 429
