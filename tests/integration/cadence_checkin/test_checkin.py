"""Check-in links end to end: service rules and the HTTP routes on a bare FastAPI app."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coach.checkin.page import CheckinAnswers
from coach.checkin.routes import Guards, csrf_token, load_secret, make_router, mount
from coach.checkin.service import CheckinError
from coach.checkin.tokens import AttemptLimiter, hash_token
from coach.container import Container
from coach.errors import UserError
from coach.storage import repo
from coach.storage.models import CheckinLink

pytestmark = pytest.mark.integration

EVIL = '<script>alert("x")</script>'


@dataclass
class Team:
    mira: int
    kees: int
    sanne: int
    evil: int
    bram: int  # Kees's person


@pytest.fixture
def team(container: Container) -> Team:
    with container.db.session() as s:
        mira = repo.add_manager(s, "mira", password_hash=None)
        kees = repo.add_manager(s, "kees", password_hash=None)
        sanne = repo.add_person(s, mira.id, "Sanne de Vries")
        evil = repo.add_person(s, mira.id, f"{EVIL} Jansen", repo.PersonDetails(language="en"))
        bram = repo.add_person(s, kees.id, "Bram Kok")
        return Team(mira.id, kees.id, sanne.id, evil.id, bram.id)


def _token(url: str) -> str:
    return url.rsplit("/checkin/", 1)[1]


ANSWERS = CheckinAnswers(
    energy=4, werkgeluk=3, wins="Release af", hard="", discuss="Cursus", learn="SQL"
)


def test_link_stores_only_the_hash(container: Container, team: Team) -> None:
    url, link_id = container.checkins.create_link(team.mira, "Sanne")
    token = _token(url)
    with container.db.session() as s:
        link = s.get(CheckinLink, link_id)
        assert link is not None
        assert link.token_hash == hash_token(token) and token not in link.token_hash
        assert link.person_id == team.sanne and link.manager_id == team.mira


def test_public_url_is_used(container: Container, team: Team) -> None:
    container.settings.app.public_url = "https://coach.example.org/"
    url, _ = container.checkins.create_link(team.mira, "Sanne")
    assert re.fullmatch(r"https://coach\.example\.org/checkin/[A-Za-z0-9_-]{43}", url)


def test_other_managers_person_cannot_be_linked(container: Container, team: Team) -> None:
    with pytest.raises(UserError) as err:
        container.checkins.create_link(team.mira, "Bram")
    assert err.value.key == "person_not_found"
    with pytest.raises(UserError):
        container.checkins.create_link(team.mira, str(team.bram))


def test_resolve_rejects_wrong_tampered_expired_revoked(container: Container, team: Team) -> None:
    svc = container.checkins
    url, link_id = svc.create_link(team.mira, "Sanne", days_valid=2)
    token = _token(url)
    manager_id, person = svc.resolve(token)
    assert manager_id == team.mira and person.id == team.sanne and person.first_name == "Sanne"

    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (tampered, "x" * 43, "", "../../etc/passwd"):
        with pytest.raises(CheckinError) as err:
            svc.resolve(bad)
        assert err.value.reason == "invalid"

    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    with pytest.raises(CheckinError) as err:
        svc.resolve(token, now=later)
    assert err.value.reason == "expired"

    with pytest.raises(UserError):
        svc.revoke(team.kees, link_id)  # not Kees's link
    svc.resolve(token)  # still valid
    svc.revoke(team.mira, link_id)
    with pytest.raises(CheckinError) as err:
        svc.resolve(token)
    assert err.value.reason == "revoked"


def test_submit_stores_for_the_right_manager_and_is_single_use(
    container: Container, team: Team
) -> None:
    svc = container.checkins
    url, _ = svc.create_link(team.mira, "Sanne")
    svc.submit(_token(url), ANSWERS)
    with container.db.session() as s:
        rows = repo.list_checkins(s, team.mira, team.sanne)
        assert [(r.energy, r.werkgeluk, r.discuss) for r in rows] == [(4, 3, "Cursus")]
        assert repo.list_checkins(s, team.kees, team.sanne) == []
    with pytest.raises(CheckinError) as err:
        svc.submit(_token(url), ANSWERS)
    assert err.value.reason == "used"


# --- HTTP routes ----------------------------------------------------------------------------


def _guards(
    container: Container,
    per_client: AttemptLimiter | None = None,
    per_link: AttemptLimiter | None = None,
) -> Guards:
    """The guards `mount` builds from the default settings, with a limiter swapped in."""
    # `is None`, not `or`: an empty limiter has len() == 0 and is falsy.
    return Guards(
        per_client if per_client is not None else AttemptLimiter(10, 600),
        per_link if per_link is not None else AttemptLimiter(10, 600),
        load_secret(container.settings.data_dir),
    )


def _client(container: Container, limiter: AttemptLimiter | None = None) -> TestClient:
    app = FastAPI()
    app.include_router(make_router(container.checkins, _guards(container, per_client=limiter)))
    return TestClient(app)


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match is not None
    return match.group(1)


def _form(csrf: str, **extra: str) -> dict[str, str]:
    return {"csrf": csrf, "energy": "2", "werkgeluk": "5", "wins": "Demo gegeven", **extra}


def test_get_and_post_roundtrip(container: Container, team: Team) -> None:
    url, _ = container.checkins.create_link(team.mira, "Sanne")
    path = "/checkin/" + _token(url)
    client = _client(container)
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "Hoi Sanne" in r.text  # person language nl
    r = client.post(path, data=_form(_csrf(r.text), hard="<b>druk</b>"))
    assert r.status_code == 200, r.text
    assert "Bedankt" in r.text
    with container.db.session() as s:
        (row,) = repo.list_checkins(s, team.mira, team.sanne)
        assert (row.energy, row.werkgeluk, row.hard) == (2, 5, "<b>druk</b>")
    r = client.get(path)  # single use
    assert r.status_code == 410 and "Bedankt" not in r.text


def test_invalid_form_is_shown_again_with_errors(container: Container, team: Team) -> None:
    url, _ = container.checkins.create_link(team.mira, "Sanne")
    path = "/checkin/" + _token(url)
    client = _client(container)
    csrf = _csrf(client.get(path).text)
    r = client.post(path, data={"csrf": csrf, "energy": "9", "wins": "iets"})
    assert r.status_code == 422 and 'aria-invalid="true"' in r.text and "iets" in r.text
    with container.db.session() as s:
        assert repo.list_checkins(s, team.mira, team.sanne) == []


def test_page_escapes_a_malicious_name(container: Container, team: Team) -> None:
    url, _ = container.checkins.create_link(team.mira, str(team.evil))
    client = _client(container)
    r = client.get("/checkin/" + _token(url))
    assert r.status_code == 200
    assert EVIL not in r.text
    assert "&lt;script&gt;" in r.text


def test_csrf_mismatch_is_rejected(container: Container, team: Team) -> None:
    svc = container.checkins
    url, _ = svc.create_link(team.mira, "Sanne")
    other_url, _ = svc.create_link(team.mira, "Sanne")
    client = _client(container)
    path = "/checkin/" + _token(url)
    other_csrf = _csrf(client.get("/checkin/" + _token(other_url)).text)
    for csrf in ("", "0" * 64, other_csrf):
        r = client.post(path, data=_form(csrf))
        assert r.status_code == 404
    with container.db.session() as s:
        assert repo.list_checkins(s, team.mira, team.sanne) == []
    good = csrf_token(load_secret(container.settings.data_dir), _token(url))
    assert client.post(path, data=_form(good)).status_code == 200


def test_wrong_expired_revoked_and_tampered_pages(container: Container, team: Team) -> None:
    svc = container.checkins
    client = _client(container)
    url, link_id = svc.create_link(team.mira, "Sanne")
    token = _token(url)
    tampered = token[:5] + ("a" if token[5] != "a" else "b") + token[6:]
    assert client.get("/checkin/" + tampered).status_code == 404
    assert client.get("/checkin/" + "z" * 43).status_code == 404
    with container.db.session() as s:
        link = s.get(CheckinLink, link_id)
        assert link is not None
        link.expires_at = dt.datetime(2020, 1, 1)
    r = client.get("/checkin/" + token)
    assert r.status_code == 410 and "Sanne" not in r.text
    url2, link2 = svc.create_link(team.mira, "Sanne")
    svc.revoke(team.mira, link2)
    assert client.get("/checkin/" + _token(url2)).status_code == 410


def test_rate_limit_returns_429_after_n_failures(container: Container, team: Team) -> None:
    client = _client(container, AttemptLimiter(max_attempts=3, window_seconds=600))
    url, _ = container.checkins.create_link(team.mira, "Sanne")
    codes = [client.get(f"/checkin/{'q' * 40}{n:03d}").status_code for n in range(5)]
    assert codes == [404, 404, 404, 429, 429]
    r = client.get(f"/checkin/{'q' * 43}")
    assert r.status_code == 429 and r.headers["cache-control"] == "no-store"
    # a real link still opens: one guesser behind a shared address locks nobody out (issue 14)
    assert client.get("/checkin/" + _token(url)).status_code == 200


def test_rejected_posts_to_one_link_get_429_for_that_link(container: Container, team: Team) -> None:
    app = FastAPI()
    app.include_router(
        make_router(
            container.checkins,
            _guards(container, per_link=AttemptLimiter(max_attempts=2, window_seconds=600)),
        )
    )
    client = TestClient(app)
    svc = container.checkins
    url, _ = svc.create_link(team.mira, "Sanne")
    other, _ = svc.create_link(team.mira, "Sanne")
    path = "/checkin/" + _token(url)
    codes = [client.post(path, data=_form("0" * 64)).status_code for _ in range(3)]
    assert codes == [404, 404, 429]
    assert client.get(path).status_code == 429
    assert client.get("/checkin/" + _token(other)).status_code == 200


def test_secret_file_is_private_and_stable(container: Container) -> None:
    first = load_secret(container.settings.data_dir)
    path = container.settings.data_dir / "secrets" / "checkin_secret"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_secret(container.settings.data_dir) == first


def test_mount_puts_routes_before_a_catch_all(container: Container, team: Team) -> None:
    app = FastAPI()

    @app.get("/{full_path:path}")
    def spa(full_path: str) -> dict[str, str]:
        return {"spa": full_path}

    sec = container.settings.security
    mount(
        app,
        container.checkins,
        container.settings.data_dir,
        client_limit=sec.checkin_client_limit,
        token_limit=sec.checkin_token_limit,
    )
    url, _ = container.checkins.create_link(team.mira, "Sanne")
    r = TestClient(app).get("/checkin/" + _token(url))
    assert r.status_code == 200 and "Hoi Sanne" in r.text
