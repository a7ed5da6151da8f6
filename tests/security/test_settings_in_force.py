"""The security settings act on the running app (lines 2, 3, 4 and 8 of issue 14): extra
origins, the idle lifetime of a login, X-Forwarded-For believed from a configured proxy only,
and the check-in limits per link and per client.

This module runs its own app with small limits and a short idle lifetime."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import httpx
import pytest
from e2e.conftest import Server

from security.conftest import Chat, cli, login, me, served, token_of

IDLE_S = 7.2  # COACH_SECURITY__SESSION_IDLE_HOURS=0.002
EXTRA = "https://coach.example.org"  # COACH_SECURITY__EXTRA_ORIGINS


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {
        "COACH_SECURITY__EXTRA_ORIGINS": f'["{EXTRA}"]',
        "COACH_SECURITY__SESSION_IDLE_HOURS": "0.002",
        "COACH_SECURITY__FORWARDED_ALLOW_IPS": '["127.0.0.1"]',
        "COACH_SECURITY__LOGIN_USER_LIMIT": "100/15minutes",
        "COACH_SECURITY__LOGIN_CLIENT_LIMIT": "4/15minutes",
        "COACH_SECURITY__CHECKIN_TOKEN_LIMIT": "3/10minutes",
        "COACH_SECURITY__CHECKIN_CLIENT_LIMIT": "100/10minutes",
    }
    with served(tmp_path_factory, "coach-tuned", env=env, users=("dana",), demo=False) as srv:
        yield srv


def _login_from(srv: Server, user: str, password: str, client: str) -> httpx.Response:
    return httpx.post(
        srv.url + "/login",
        data={"username": user, "password": password},
        headers={"X-Forwarded-For": client},
        timeout=60,
    )


async def test_a_configured_extra_origin_is_let_in_and_no_other(tuned: Server) -> None:
    token = token_of(login(tuned, "dana", "dana-password-1"))
    statuses = {
        origin: httpx.post(
            tuned.url + "/project/threads",
            json={"pagination": {"first": 5}, "filter": {}},
            cookies={"access_token": token},
            headers={"Origin": origin},
            timeout=30,
        ).status_code
        for origin in (EXTRA, "https://evil.example.org", "http://127.0.0.1:9")
    }
    assert statuses == {EXTRA: 200, "https://evil.example.org": 403, "http://127.0.0.1:9": 403}
    chat = Chat(tuned, token, origin=EXTRA)
    await chat.connect()
    assert chat.sio.connected
    await chat.close()


def test_a_login_ends_after_its_idle_lifetime(tuned: Server) -> None:
    """The JWT itself would stay valid for days; the server-side session ends when idle
    (last_seen is written at most once a minute, so the idle clock is tested, not its
    sliding renewal, which tests/unit/security/test_security_policy.py covers)."""
    token = token_of(login(tuned, "dana", "dana-password-1"))
    assert me(tuned, token) == 200
    time.sleep(IDLE_S + 3)
    assert me(tuned, token) == 401
    assert me(tuned, token_of(login(tuned, "dana", "dana-password-1"))) == 200


def test_a_client_behind_the_configured_proxy_is_limited_on_its_own(tuned: Server) -> None:
    """127.0.0.1 is the configured proxy: its X-Forwarded-For names the client, so a
    sprayer behind it is locked out and a colleague behind the same proxy is not."""
    sprayer, colleague = "198.51.100.7", "203.0.113.9"
    statuses = [
        _login_from(tuned, f"nobody{i}", "x-password", sprayer).status_code for i in range(6)
    ]
    assert statuses[:4] == [401] * 4 and statuses[-1] == 429
    assert _login_from(tuned, "dana", "dana-password-1", sprayer).status_code == 429
    assert _login_from(tuned, "dana", "dana-password-1", colleague).status_code == 200


def _link(srv: Server, person: str) -> str:
    assert cli(srv, "person", "add", person, "--manager", "dana").returncode == 0
    made = cli(srv, "checkin", "link", "--person", person.split()[0], "--manager", "dana")
    assert made.returncode == 0, made.stderr
    url = re.search(r"https?://\S+/checkin/\S+", made.stdout)
    assert url, made.stdout
    return url.group(0).rstrip(".")


def test_rejected_posts_lock_that_link_only(tuned: Server) -> None:
    """COACH_SECURITY__CHECKIN_TOKEN_LIMIT=3/10minutes: a fourth post with a wrong form key
    to one link gets 429 (the link is being attacked); another link from the same client
    still opens."""
    noor, ruben = _link(tuned, "Noor Jansen"), _link(tuned, "Ruben Smit")
    statuses = [
        httpx.post(noor, data={"csrf": f"wrong-{i}"}, timeout=30).status_code for i in range(4)
    ]
    assert 429 not in statuses[:3] and statuses[3] == 429
    assert httpx.get(noor, timeout=30).status_code == 429
    other = httpx.get(ruben, timeout=30)
    assert other.status_code == 200 and 'name="csrf"' in other.text
