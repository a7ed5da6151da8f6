"""Rehearsals against the manager's own team: the persona of a team member comes from the
database (name, role, pronouns, notes, tenure on the manager's today); a scenario's generic
persona needs neither."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from coach.errors import NotFound
from coach.rehearsal import state, store
from coach.rehearsal.debrief import Debrief, debrief
from coach.rehearsal.engine import RehearsalSession, new_session
from coach.rehearsal.persona import (
    EVENT_CHARS,
    MAX_EVENTS,
    STYLE_CHARS,
    Persona,
    clip,
    generic_persona,
    save_pronouns,
    shorten,
    tenure,
)
from coach.rehearsal.scenarios import Scenario, get_scenario
from coach.storage import repo
from coach.storage.db import Database


@dataclass(frozen=True)
class Scored:
    """A finished rehearsal's debrief, its stored id and the manager's history (the trend)."""

    debrief: Debrief
    rehearsal_id: int | None  # None: not stored (the persona's person was removed meanwhile)
    history: list[store.StoredRehearsal]


class RehearsalService:
    """Personas and new rehearsals, scoped by manager_id."""

    def __init__(self, db: Database, *, today: Callable[[], dt.date]) -> None:
        self.db = db
        self.today = today  # the manager's today (a team member's tenure)

    def persona(
        self,
        manager_id: int,
        scenario: str | Scenario,
        person_ref: str | None = None,
        language: str = "nl",
        today: dt.date | None = None,
    ) -> Persona:
        """The scenario's persona, or the manager's own team member in that scenario's situation.

        A team member keeps their own name, role, pronouns and (from the start date) tenure; the
        scenario's other facts stay, since they are the exercise. Raises repo.NotFound when
        `person_ref` is not in this manager's team.
        """
        sc = scenario if isinstance(scenario, Scenario) else get_scenario(scenario)
        base = generic_persona(sc, language)
        if not person_ref:
            return base
        with self.db.session() as s:
            person = repo.find_person(s, manager_id, person_ref)
            notes = repo.list_notes(s, manager_id, person_id=person.id, limit=MAX_EVENTS)
            events = [shorten(n.text, EVENT_CHARS) for n in notes if n.text.strip()]
            facts = dict(base.facts)
            years = tenure(person.start_date, today or self.today(), language)
            if "tenure" in facts:
                if years:
                    facts["tenure"] = years
                else:
                    del facts["tenure"]  # lines naming a tenure are skipped rather than invented
            return Persona(
                scenario_id=sc.id,
                language=language,
                name=person.name,
                role=person.role or base.role,
                background="",
                style=clip(person.profile, STYLE_CHARS),
                recent_events=events,
                concerns=base.concerns,
                person_id=person.id,
                pronouns=person.pronouns or "",
                facts=facts,
            )

    def start(
        self,
        manager_id: int,
        scenario_id: str,
        *,
        person_ref: str | None = None,
        difficulty: str = "medium",
        language: str = "nl",
        persona: Persona | None = None,
        seed: int | None = None,
    ) -> RehearsalSession:
        """Build (or take the edited) persona and open the conversation."""
        sc = get_scenario(scenario_id)
        state.start_tension(difficulty)  # validates before any database work
        chosen = persona or self.persona(manager_id, sc, person_ref, language)
        return new_session(sc, chosen, difficulty, language, seed)

    def score(self, manager_id: int, session: RehearsalSession) -> Scored | None:
        """The debrief, stored, with this manager's history (None: the manager said nothing).
        When the persona's person was removed from the team meanwhile, the debrief is not
        stored (it would bring their card back after an erase)."""
        if not session.manager_turns:
            return None
        result = debrief(session)
        try:
            rehearsal_id: int | None = store.save(self.db, manager_id, session, result)
        except NotFound:
            rehearsal_id = None
        return Scored(result, rehearsal_id, store.history(self.db, manager_id))

    def delete(self, manager_id: int, rehearsal_id: int) -> None:
        """Remove one saved rehearsal of this manager (NotFound for anyone else's)."""
        store.delete(self.db, manager_id, rehearsal_id)

    def keep_pronouns(self, manager_id: int, person_id: int, pronouns: str) -> None:
        """Pronouns edited on the card go to the person's record; a person removed meanwhile
        has no record to keep them (the card keeps the edit)."""
        with contextlib.suppress(NotFound):
            save_pronouns(self.db, manager_id, person_id, pronouns)
