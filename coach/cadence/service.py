"""Cadence per team member, read from storage: who is due for a 1:1 and who is overdue.

Thin glue between the repository and the pure `compute_cadence`; all date rules live there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.cadence.core import (
    Cadence,
    compute_cadence,
    due_people,
    local_date,
    onboarding_interval,
)
from coach.clock import Clock
from coach.storage import repo
from coach.storage.db import Database
from coach.team.lookup import PersonRef


@dataclass(frozen=True)
class PersonCadence:
    """The rhythm of one person in the manager's team."""

    person: PersonRef
    cadence: Cadence

    def to_dict(self) -> dict[str, object]:
        """As JSON: the person first, then the cadence fields (dates as ISO strings)."""
        return {"person": self.person.name, "person_id": self.person.id, **self.cadence.to_dict()}


class CadenceService:
    """Rhythm of every person in a manager's team, in the configured time zone."""

    def __init__(self, db: Database, *, cadence_days: int, timezone: str, now: Clock) -> None:
        self.db = db
        self.cadence_days = cadence_days  # the default target for people without their own
        self.timezone = timezone
        self.now = now

    def team(self, manager_id: int, now: datetime | None = None) -> list[PersonCadence]:
        """Every person in the manager's team, sorted by name."""
        moment = now or self.now()
        tz = self.timezone
        with self.db.session() as s:
            people = repo.list_people(s, manager_id)
            meetings = repo.list_meetings(s, manager_id)
            times: dict[int, list[datetime]] = {}
            for m in meetings:
                times.setdefault(m.person_id, []).append(m.held_at)
            return [
                PersonCadence(
                    PersonRef(p.id, p.name),
                    compute_cadence(
                        times.get(p.id, []),
                        target_days=max(1, p.cadence_days or self.cadence_days),
                        now=moment,
                        tz=tz,
                        start_date=p.start_date,
                        onboarding=onboarding_interval(p.start_date, local_date(moment, tz)),
                    ),
                )
                for p in people
            ]

    def due(self, manager_id: int, now: datetime | None = None) -> list[PersonCadence]:
        """Only people who need a conversation (overdue, never met, due), most urgent first."""
        rows = {str(r.person.id): r for r in self.team(manager_id, now)}
        return [rows[pid] for pid in due_people({pid: r.cadence for pid, r in rows.items()})]
