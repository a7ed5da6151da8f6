"""Team service: add and list people; export or erase everything about one person.

Erasure covers every row about the person (notes, meetings, action items, check-ins and
their links by cascade; rehearsals played against their persona explicitly, because a
rehearsal without a person is kept) and their vectors. Chat threads are the manager's own
conversation history; the manager deletes those in the chat's sidebar.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from coach.container import Container
from coach.errors import UserError
from coach.storage import repo
from coach.storage.models import Person, RehearsalSession
from coach.team.lookup import person_or_error


def person_dict(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role,
        "email": p.email,
        "language": p.language,
        "start_date": p.start_date.isoformat() if p.start_date else None,
        "cadence_days": p.cadence_days,
    }


class TeamService:
    def __init__(self, c: Container) -> None:
        self.c = c

    def add_person(
        self,
        manager_id: int,
        name: str,
        *,
        role: str = "",
        email: str | None = None,
        start_date: dt.date | None = None,
        cadence_days: int | None = None,
        language: str = "nl",
    ) -> dict[str, Any]:
        name = " ".join(name.split())
        if not name:
            raise UserError("person_name_empty")
        try:
            with self.c.db.session() as s:
                p = repo.add_person(
                    s,
                    manager_id,
                    name,
                    role=role.strip(),
                    email=email,
                    start_date=start_date,
                    cadence_days=cadence_days or self.c.settings.cadence_days,
                    language=language if language in ("nl", "en") else "nl",
                )
                return person_dict(p)
        except IntegrityError:
            raise UserError("person_exists", name=name) from None

    def list_people(self, manager_id: int) -> list[dict[str, Any]]:
        with self.c.db.session() as s:
            return [person_dict(p) for p in repo.list_people(s, manager_id)]

    def find(self, manager_id: int, ref: str) -> dict[str, Any]:
        with self.c.db.session() as s:
            return person_dict(person_or_error(s, manager_id, ref))

    def export(self, manager_id: int, ref: str) -> dict[str, Any]:
        """Everything stored about one person, for a data-subject request."""
        with self.c.db.session() as s:
            p = person_or_error(s, manager_id, ref)
            return {
                "person": person_dict(p),
                "notes": [
                    {"id": n.id, "date": n.date.isoformat(), "source": n.source, "text": n.text}
                    for n in repo.list_notes(s, manager_id, person_id=p.id)
                ],
                "meetings": [
                    {"id": m.id, "held_at": m.held_at.isoformat(), "summary": m.summary}
                    for m in repo.list_meetings(s, manager_id, p.id)
                ],
                "action_items": [
                    {
                        "id": a.id,
                        "text": a.text,
                        "owner": a.owner,
                        "due": a.due_date.isoformat() if a.due_date else None,
                        "status": a.status,
                    }
                    for a in repo.list_action_items(s, manager_id, person_id=p.id)
                ],
                "checkins": [
                    {
                        "submitted_at": ci.submitted_at.isoformat(),
                        "energy": ci.energy,
                        "werkgeluk": ci.werkgeluk,
                        "wins": ci.wins,
                        "hard": ci.hard,
                        "discuss": ci.discuss,
                        "learn": ci.learn,
                    }
                    for ci in repo.list_checkins(s, manager_id, p.id)
                ],
                "rehearsals": [
                    {
                        "id": r.id,
                        "created_at": r.created_at.isoformat(),
                        "scenario": r.scenario,
                        "transcript": r.transcript,
                    }
                    for r in s.scalars(
                        select(RehearsalSession)
                        .where(
                            RehearsalSession.manager_id == manager_id,
                            RehearsalSession.person_id == p.id,
                        )
                        .order_by(RehearsalSession.id)
                    )
                ],
            }

    def erase(self, manager_id: int, ref: str) -> str:
        """Delete the person, all rows about them (cascade) and their vectors."""
        with self.c.db.session() as s:
            p = person_or_error(s, manager_id, ref)
            name = p.name
            s.execute(
                delete(RehearsalSession).where(
                    RehearsalSession.manager_id == manager_id, RehearsalSession.person_id == p.id
                )
            )
            self.c.index.delete_person(manager_id, p.id)
            s.delete(p)
        self.c.retriever.invalidate(manager_id)
        return name
