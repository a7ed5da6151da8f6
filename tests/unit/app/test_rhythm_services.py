"""Rhythm services on a real SQLite database: the yearly team overview (counts and themes),
the once-per-day nudge rule and the planned-1:1 invite."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from coach.auth import create_manager
from coach.cadence.ics import parse_invite
from coach.container import Container, build_container
from coach.errors import UserError
from coach.storage import repo
from coach.storage.models import Manager
from coach.storage.repo import PersonDetails

# 10 March 2026, 15:00 UTC (16:00 in Amsterdam)
NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


DAY = dt.date(2026, 3, 2)  # the day a note was written (any past day)


@dataclass(frozen=True)
class Team:
    mira: int
    kees: int
    eva: int
    bram: int
    noor: int


def _utc(*args: int) -> dt.datetime:
    """Naive UTC, as storage keeps meeting times."""
    return dt.datetime(*args)  # noqa: DTZ001


@pytest.fixture
def team(container: Container) -> Team:
    mira = create_manager(
        container.db, "mira", "password-1", display_name="Mira Jansen", email="mira@example.org"
    ).id
    kees = create_manager(container.db, "kees", "password-2").id
    with container.db.session() as s:
        eva = repo.add_person(
            s, mira, "Eva Smit", repo.PersonDetails(email="eva@example.org", cadence_days=28)
        )
        bram = repo.add_person(
            s, mira, "Bram de Wit", repo.PersonDetails(email="not an address", cadence_days=28)
        )
        noor = repo.add_person(
            s, mira, "Noor Bakker", repo.PersonDetails(start_date=dt.date(2026, 1, 5))
        )
        other = repo.add_person(s, kees, "Eva Jansen", repo.PersonDetails(cadence_days=28))
        # Eva: last year (not counted), New Year's Eve 23:30 UTC = 1 Jan local (counted),
        # a February 1:1 with a meeting note, and a planned 1:1 next week (not held yet).
        repo.add_meeting(s, mira, eva.id, _utc(2025, 11, 3, 9), summary="Ze was ziek.")
        repo.add_meeting(s, mira, eva.id, _utc(2025, 12, 31, 23, 30), summary="Werkdruk besproken.")
        feb = repo.add_meeting(
            s,
            mira,
            eva.id,
            _utc(2026, 2, 20, 9),
            summary="Ze wil een cursus volgen.",
            topics=["feedback"],
        )
        repo.add_note(
            s,
            mira,
            eva.id,
            "Ze droomt van een promotie.",
            date=dt.date(2026, 2, 20),
            source="meeting",
            meeting_id=feb.id,
        )
        repo.add_meeting(s, mira, eva.id, _utc(2026, 3, 16, 9), summary="Salaris en omzet.")
        # A loose observation is not a conversation: its theme does not count.
        repo.add_note(s, mira, eva.id, "Hele goede samenwerking met het team.", date=DAY)
        # Bram: one 1:1 on 1 January, long overdue by 10 March.
        repo.add_meeting(s, mira, bram.id, _utc(2026, 1, 1, 10), summary="Targets voor Q1.")
        # Another manager's person with a 1:1 this year.
        repo.add_meeting(s, kees, other.id, _utc(2026, 3, 1, 9), summary="Geheim: vertrek.")
        return Team(mira, kees, eva.id, bram.id, noor.id)


# --- overview -------------------------------------------------------------------------


def test_overview_counts_this_years_held_meetings(container: Container, team: Team) -> None:
    rows = {r.person: r for r in container.overview.team(team.mira, NOW)}
    assert list(rows) == ["Bram de Wit", "Eva Smit", "Noor Bakker"]  # sorted, own team only
    eva = rows["Eva Smit"]
    assert eva.count_this_year == 2  # 1 Jan (local) and 20 Feb; not 2025, not the planned one
    assert eva.last == dt.date(2026, 2, 20)
    assert eva.next_due == dt.date(2026, 3, 20)
    assert eva.min_per_year == 4 and eva.behind
    bram = rows["Bram de Wit"]
    assert bram.count_this_year == 1 and bram.status == "overdue"
    noor = rows["Noor Bakker"]
    assert noor.count_this_year == 0 and noor.last is None and noor.status == "never"
    assert noor.topics == ()


def test_overview_themes_come_from_this_years_conversations(
    container: Container, team: Team
) -> None:
    rows = {r.person: r for r in container.overview.team(team.mira, NOW)}
    # energy (werkdruk, 1 Jan local), development (cursus), ambitions (promotie, meeting note)
    # and the meeting's own tag feedback; not wellbeing (2025), results (planned),
    # collaboration (a loose note); in coach.topics.TOPICS order.
    assert rows["Eva Smit"].topics == ("energy", "ambitions", "development", "feedback")
    assert rows["Bram de Wit"].topics == ("results",)
    assert rows["Eva Smit"].to_dict()["topics"] == [
        "energy",
        "ambitions",
        "development",
        "feedback",
    ]


def test_overview_is_scoped_to_the_manager(container: Container, team: Team) -> None:
    theirs = container.overview.team(team.kees, NOW)
    assert [r.person for r in theirs] == ["Eva Jansen"]
    assert team.eva not in container.overview.topics_this_year(team.kees, NOW)
    assert all("vertrek" not in " ".join(r.topics) for r in container.overview.team(team.mira))


def test_overview_of_an_empty_team(container: Container) -> None:
    alone = create_manager(container.db, "solo", "password-3").id
    assert container.overview.team(alone, NOW) == []


# --- once-per-day nudge ---------------------------------------------------------------


def _nudged_on(c: Container, manager_id: int) -> dt.date | None:
    with c.db.session() as s:
        return s.scalar(select(Manager.nudged_on).where(Manager.id == manager_id))


def test_nudge_once_per_day(container: Container, team: Team) -> None:
    first = container.nudges.daily(team.mira, NOW)
    assert [i.person for i in first] == ["Bram de Wit", "Noor Bakker"]  # most overdue first
    assert first[0].status == "overdue" and first[0].overdue_days == 40
    assert first[1].status == "never"
    assert _nudged_on(container, team.mira) == dt.date(2026, 3, 10)
    # a second thread, later the same day: nothing
    assert container.nudges.daily(team.mira, NOW + dt.timedelta(hours=5)) == []
    # the next morning it comes back
    again = container.nudges.daily(team.mira, NOW + dt.timedelta(days=1))
    assert [i.person for i in again] == ["Bram de Wit", "Noor Bakker"]


def test_nudge_day_is_the_local_day(container: Container, team: Team) -> None:
    late = dt.datetime(2026, 3, 10, 22, 30, tzinfo=dt.UTC)  # 23:30 on 10 March in Amsterdam
    assert container.nudges.daily(team.mira, late)
    after_midnight = late + dt.timedelta(hours=1)  # 00:30 on 11 March local, still 10 March UTC
    assert container.nudges.daily(team.mira, after_midnight)
    assert _nudged_on(container, team.mira) == dt.date(2026, 3, 11)


def test_nudge_is_per_manager_and_survives_a_restart(container: Container, team: Team) -> None:
    assert container.nudges.daily(team.mira, NOW)
    assert _nudged_on(container, team.kees) is None
    # Kees's only person met on 1 March: nobody due, so his claim is not used up
    assert container.nudges.daily(team.kees, NOW) == []
    assert _nudged_on(container, team.kees) is None
    restarted = build_container(container.settings)
    try:
        assert restarted.nudges.daily(team.mira, NOW + dt.timedelta(minutes=1)) == []
    finally:
        restarted.db.engine.dispose()


def test_claim_is_atomic_per_day(container: Container, team: Team) -> None:
    day = dt.date(2026, 3, 10)
    assert container.nudges.claim(team.mira, day) is True
    assert container.nudges.claim(team.mira, day) is False
    assert container.nudges.claim(team.mira, day + dt.timedelta(days=1)) is True
    assert container.nudges.claim(999_999, day) is False  # unknown manager


# --- planning -------------------------------------------------------------------------


def test_plan_slots_are_three_working_days_at_ten(container: Container) -> None:
    friday = dt.datetime(2026, 3, 13, 12, 0, tzinfo=dt.UTC)
    slots = container.planning.slots(friday)
    assert [s.date() for s in slots] == [
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 17),
        dt.date(2026, 3, 18),
    ]
    assert all(s.hour == 10 and str(s.tzinfo) == "Europe/Amsterdam" for s in slots)


def test_invite_carries_the_agenda_and_the_attendee(container: Container, team: Team) -> None:
    start = container.planning.slots(NOW)[0]
    invite = container.planning.invite(team.mira, team.eva, start, now=NOW)
    data = parse_invite(invite.data)
    assert data["attendees"] == ["eva@example.org"]
    assert data["organizer"] == "mira@example.org"
    assert data["duration_minutes"] == 45  # the default length of a new person's 1:1
    assert data["start"] == start
    assert data["summary"] == "1-op-1 Eva Smit en Mira Jansen"
    lines = data["description"].splitlines()
    assert lines[0] == "Agenda:"
    assert lines[1:] == list(invite.agenda) and len(invite.agenda) >= 2
    assert all(" min · " in line for line in invite.agenda)
    assert invite.filename == "1op1-eva-smit-2026-03-11.ics"


def test_invite_leaves_out_an_unusable_address(container: Container, team: Team) -> None:
    start = container.planning.slots(NOW)[0]
    invite = container.planning.invite(team.mira, team.bram, start, now=NOW)
    assert invite.attendee is None
    data = parse_invite(invite.data)
    assert data["attendees"] == [] and data["organizer"] == "mira@example.org"


def test_invite_refuses_past_slots_and_other_teams(container: Container, team: Team) -> None:
    start = container.planning.slots(NOW)[0]
    with pytest.raises(UserError) as past:
        container.planning.invite(team.mira, team.eva, start, now=start + dt.timedelta(minutes=1))
    assert past.value.key == "rhythm_slot_past"
    with pytest.raises(UserError) as naive:
        container.planning.invite(team.mira, team.eva, start.replace(tzinfo=None), now=NOW)
    assert naive.value.key == "rhythm_slot_invalid"
    with pytest.raises(UserError) as foreign:
        container.planning.invite(team.kees, team.eva, start, now=NOW)
    assert foreign.value.key == "person_not_found"


def test_invite_and_agenda_last_the_persons_own_meeting_length(
    container: Container, team: Team
) -> None:
    container.team.update_person(team.mira, "Eva", PersonDetails(meeting_minutes=30))
    start = container.planning.slots(NOW)[0]
    invite = container.planning.invite(team.mira, team.eva, start, now=NOW)
    assert parse_invite(invite.data)["duration_minutes"] == 30
    minutes = [int(line.split(" min")[0]) for line in invite.agenda]
    assert sum(minutes) == 30, invite.agenda
