"""Agreements in plain notes are read page by page, newest first, until three are found: the
same notes as reading the whole history, on a real SQLite database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coach.bench import PARTS, parse_parts
from coach.chat.answers import _AGREED, _agreed_in_notes
from coach.chat.sources import sentences
from coach.storage import repo
from coach.storage.db import Database, upgrade

START = dt.date(2025, 1, 1)


def _db(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'agreements.db'}"
    upgrade(url)
    return Database(url)


def _whole_history(db: Database, mid: int, pid: int, since: dt.date | None) -> list[int]:
    """The reference: every note read, plain ones since `since` with an agreement, three."""
    with db.session() as s:
        return [
            n.id
            for n in repo.list_notes(s, mid, person_id=pid)
            if n.meeting_id is None
            and (since is None or n.date >= since)
            and any(_AGREED.search(x) for x in sentences(n.text))
        ][:3]


@pytest.mark.parametrize("since", [None, START + dt.timedelta(days=20)])
def test_agreements_beyond_the_first_page_are_found_as_in_the_whole_history(
    tmp_path: Path, since: dt.date | None
) -> None:
    db = _db(tmp_path)
    with db.session() as s:
        mid = repo.add_manager(s, "m", password_hash=None).id
        pid = repo.add_person(s, mid, "Sanne de Vries").id
        other = repo.add_person(s, mid, "Priya Shah").id
        meeting = repo.add_meeting(s, mid, pid, dt.datetime(2025, 3, 1, 10), summary="1:1")
        day = lambda n: START + dt.timedelta(days=n)  # noqa: E731
        items = [(day(i), f"Sanne had het over de planning ({i}).") for i in range(130)]
        # Agreements only in old notes, beyond the first pages of the newest-first read.
        agreed = "We hebben afgesproken dat ze minder uren maakt."
        items += [(day(n), agreed) for n in (3, 5, 7, 30)]
        repo.add_notes(s, mid, pid, items)
        repo.add_notes(s, mid, other, [(day(200), "Ik neem de planning op me.")])
        attached = repo.add_notes(s, mid, pid, [(day(201), "Afgesproken: rust.")])
        attached[0].meeting_id = meeting.id
    expected = _whole_history(db, mid, pid, since)
    with db.session() as s:
        found = _agreed_in_notes(s, mid, pid, since)
        got = [n.id for n, _ in found]
        assert all(_AGREED.search(" ".join(agreed)) for _, agreed in found)
    assert got == expected
    assert len(got) == (3 if since is None else 1)
    db.engine.dispose()


def test_bench_parts_are_checked() -> None:
    assert parse_parts(None) == frozenset(PARTS)
    assert parse_parts(" Chat, search ") == {"chat", "search"}
    with pytest.raises(ValueError, match="unknown part"):
        parse_parts("chat,speed")
