"""Account reads the app's login adapter calls (coach.auth), and the container's one clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coach import auth
from coach.container import Overrides, build_container
from coach.settings import Settings
from coach.storage.db import Database, upgrade


def _db(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'accounts.db'}"
    upgrade(url)
    return Database(url)


def test_oauth_account_is_created_once_and_found_by_username(tmp_path: Path) -> None:
    db = _db(tmp_path)
    first = auth.oauth_account(db, "mira@example.org", "Mira de Boer", "Mira@example.org")
    again = auth.oauth_account(db, "mira@example.org", "Someone Else", "other@example.org")
    assert again.id == first.id and again.display_name == "Mira de Boer"
    assert auth.account_of(db, "mira@example.org") == (first.id, "nl", "Mira de Boer")
    assert auth.account_of(db, "nobody@example.org") is None


def test_set_language_is_remembered_and_a_missing_account_is_left_alone(tmp_path: Path) -> None:
    db = _db(tmp_path)
    m = auth.create_manager(db, "kees", "a-long-password")
    auth.set_language(db, m.id, "en")
    auth.set_language(db, m.id + 99, "en")
    assert auth.account_of(db, "kees") == (m.id, "en", "kees")


def test_the_container_clock_reaches_the_services_in_the_managers_time_zone(
    tmp_path: Path,
) -> None:
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)  # already 2 March in Amsterdam
    settings = Settings(data_dir=tmp_path, llm="fake", timezone="Europe/Amsterdam")
    c = build_container(settings, Overrides(now=lambda: late))
    assert c.today() == dt.date(2026, 3, 2)
    assert c.followup.today() == dt.date(2026, 3, 2)
    assert c.prep.now() == late
    assert c.commands.today() == dt.date(2026, 3, 2)
