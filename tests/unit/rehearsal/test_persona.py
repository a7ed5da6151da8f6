"""Persona: generic from the scenario, or built from a team member's profile and notes."""

from __future__ import annotations

import datetime as dt

import pytest

from coach.container import Container
from coach.rehearsal import Persona
from coach.storage import repo


def test_generic_persona_from_scenario(container: Container, managers: tuple[int, int]) -> None:
    p = container.rehearsal.persona(managers[0], "burnout", language="nl")
    assert (p.name, p.role) == ("Mark", "Teamleider klantenservice")
    assert p.concerns[0] == "Wil niet zwak overkomen"
    assert p.person_id is None and p.recent_events == []
    assert p.label == "Simulatie"
    en = container.rehearsal.persona(managers[0], "conflict", language="en")
    assert en.name == "Joe" and en.label == "Simulation"


def _team(container: Container, manager_id: int) -> int:
    with container.db.session() as s:
        person = repo.add_person(
            s,
            manager_id,
            "Sanne de Vries",
            repo.PersonDetails(role="Data-analist", profile="Zorgvuldig en loyaal."),
        )
        for day in range(1, 7):
            text = f"Notitie {day}. Tweede zin die niet meegaat."
            repo.add_note(s, manager_id, person.id, text, date=dt.date(2026, 11, day))
        repo.add_note(s, manager_id, person.id, "Lang " + "woord " * 60, date=dt.date(2026, 11, 10))
        return person.id


def test_persona_from_team_member(container: Container, managers: tuple[int, int]) -> None:
    pid = _team(container, managers[0])
    p = container.rehearsal.persona(managers[0], "burnout", "Sanne", language="nl")
    assert (p.name, p.role, p.style, p.person_id) == (
        "Sanne de Vries",
        "Data-analist",
        "Zorgvuldig en loyaal.",
        pid,
    )
    # Latest five notes, newest first, first sentence only, long ones clipped.
    assert len(p.recent_events) == 5
    assert p.recent_events[0].startswith("Lang woord") and p.recent_events[0].endswith("…")
    assert len(p.recent_events[0]) <= 140
    assert p.recent_events[1:] == ["Notitie 6.", "Notitie 5.", "Notitie 4.", "Notitie 3."]
    assert p.concerns == container.rehearsal.persona(managers[0], "burnout").concerns


def test_other_manager_cannot_use_the_person(
    container: Container, managers: tuple[int, int]
) -> None:
    _team(container, managers[0])
    with pytest.raises(repo.NotFound):
        container.rehearsal.persona(managers[1], "burnout", "Sanne")


def test_persona_round_trip_and_edit(container: Container, managers: tuple[int, int]) -> None:
    p = container.rehearsal.persona(managers[0], "praise", language="en")
    card = p.to_dict()
    assert card["label"] == "Simulation"
    card["name"] = "  Ahmed B.  "
    card["recent_events"] = ["Kept the client", "  "]
    edited = Persona.from_dict(card)
    assert edited.name == "Ahmed B."
    assert edited.recent_events == ["Kept the client"]
    assert Persona.from_dict(p.to_dict()) == p


def test_pronouns_role_and_tenure_come_from_the_record(
    container: Container, managers: tuple[int, int]
) -> None:
    """The card once said "he/his" for Sanne: pronouns are the person's, never the scenario's."""
    from coach.rehearsal.persona import save_pronouns

    with container.db.session() as s:
        pid = repo.add_person(
            s,
            managers[0],
            "Sanne de Vries",
            repo.PersonDetails(role="Analist", start_date=dt.date(2021, 3, 1)),
        ).id
    today = dt.date(2026, 12, 1)
    p = container.rehearsal.persona(managers[0], "underperformance", "Sanne", "en", today=today)
    assert (p.pronouns, p.role, p.facts["tenure"]) == ("", "Analist", "five years")
    assert not any(w in " ".join(p.concerns).split() for w in ("he", "his", "him"))
    save_pronouns(container.db, managers[0], pid, " she/her ")
    with pytest.raises(repo.NotFound):
        save_pronouns(container.db, managers[1], pid, "they/them")
    again = container.rehearsal.persona(managers[0], "underperformance", "Sanne", "nl", today=today)
    assert (again.pronouns, again.facts["tenure"]) == ("she/her", "vijf jaar")
    assert Persona.from_dict(again.to_dict()) == again


def test_no_start_date_no_invented_tenure(container: Container, managers: tuple[int, int]) -> None:
    with container.db.session() as s:
        repo.add_person(s, managers[0], "Tom")
    p = container.rehearsal.persona(managers[0], "declined-promotion", "Tom", "nl")
    assert "tenure" not in p.facts  # lines that name a tenure are skipped for Tom
    generic = container.rehearsal.persona(managers[0], "declined-promotion", language="nl")
    assert (generic.pronouns, generic.facts) == ("zij/haar", {"tenure": "zes jaar"})
