"""A person's details after they were added: meeting length, rhythm, pronouns, role.

Real SQLite (migrated): what `coach person set` and the prep brief read back."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.auth import create_manager
from coach.container import Container
from coach.errors import UserError
from coach.storage.repo import PersonDetails
from coach.team.service import TeamService

TODAY = dt.date(2026, 3, 10)


def _team(container: Container) -> tuple[TeamService, int]:
    mira = create_manager(container.db, "mira", "password-1").id
    service = container.team
    service.add_person(mira, "Eva Smit", PersonDetails(role="ontwikkelaar"))
    return service, mira


def test_a_new_person_gets_the_default_length(container: Container) -> None:
    service, mira = _team(container)
    assert service.find(mira, "Eva")["meeting_minutes"] == 45


def test_set_changes_what_is_given_and_keeps_the_rest(container: Container) -> None:
    service, mira = _team(container)
    p = service.update_person(
        mira, "Eva", PersonDetails(meeting_minutes=30, pronouns="  zij /  haar ")
    )
    assert (p["meeting_minutes"], p["pronouns"], p["role"]) == (30, "zij / haar", "ontwikkelaar")
    p = service.update_person(mira, "Eva Smit", PersonDetails(role="tech lead", cadence_days=14))
    assert (p["meeting_minutes"], p["role"], p["cadence_days"]) == (30, "tech lead", 14)
    assert service.export(mira, "Eva")["person"]["meeting_minutes"] == 30


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"meeting_minutes": 5}, "person_minutes_invalid"),
        ({"meeting_minutes": 600}, "person_minutes_invalid"),
        ({"cadence_days": 0}, "person_cadence_invalid"),
        ({"language": "de"}, "person_language_invalid"),
    ],
)
def test_a_wrong_value_is_refused_and_nothing_changes(
    container: Container, change: dict[str, object], key: str
) -> None:
    service, mira = _team(container)
    with pytest.raises(UserError) as refused:
        service.update_person(mira, "Eva", PersonDetails(**change))  # type: ignore[arg-type]
    assert refused.value.key == key
    p = service.find(mira, "Eva")
    assert (p["meeting_minutes"], p["cadence_days"], p["language"]) == (45, 28, "nl")


def test_another_managers_person_cannot_be_changed(container: Container) -> None:
    service, _ = _team(container)
    kees = create_manager(container.db, "kees", "password-2").id
    with pytest.raises(UserError):
        service.update_person(kees, "Eva", PersonDetails(meeting_minutes=30))


@pytest.mark.parametrize("minutes", [30, 45, 60])
def test_the_prep_agenda_fills_the_persons_meeting_length(
    container: Container, minutes: int
) -> None:
    service, mira = _team(container)
    eva = service.update_person(mira, "Eva", PersonDetails(meeting_minutes=minutes))
    container.notes.add(mira, "Eva", "Wil graag meer ontwerpwerk doen; de release was zwaar.")
    brief = container.prep.build(mira, eva["id"], today=TODAY, language="nl")
    agenda = brief.section("agenda")
    assert sum(int(i.extra["minutes"]) for i in agenda) == minutes
