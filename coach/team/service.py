"""Team service: add and list people; export or erase everything about one person.

Erasure covers every row about the person (notes, meetings, action items, check-ins and
their links by cascade; rehearsals played against their persona explicitly, because a
rehearsal without a person is kept), their vectors, and the chat threads a flow held about
them (prep, debrief, rehearsal: messages, cited sources and their files). Other threads that
mention the person are the manager's own conversations, possibly about others too: they are
named in the result so the manager can delete them in the sidebar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from coach.container import Container
from coach.errors import UserError
from coach.i18n import t
from coach.storage import chat_threads, repo
from coach.storage.models import Manager, Person, RehearsalSession
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


@dataclass(frozen=True)
class Erasure:
    name: str
    threads_deleted: int = 0
    # Names of the manager's other threads that still mention the person.
    threads_mentioning: list[str] = field(default_factory=list)


def erasure_message(e: Erasure, lang: str) -> str:
    """What the manager reads after an erasure, in their language."""
    text = t("person_erased", lang, name=e.name)
    if e.threads_deleted:
        text += " " + t("person_erased_threads", lang, name=e.name, threads=e.threads_deleted)
    if e.threads_mentioning:
        titles = ", ".join(f"“{title}”" for title in e.threads_mentioning)
        text += " " + t("person_erased_mentions", lang, name=e.name, titles=titles)
    return text


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
                "chat_threads": [
                    {
                        "name": th.name,
                        "created_at": th.created_at,
                        "messages": chat_threads.messages(s, th.id),
                    }
                    for th in chat_threads.threads_about(s, _username(s, manager_id), p.id)
                ],
            }

    def erase(self, manager_id: int, ref: str, keep_thread: str | None = None) -> Erasure:
        """Delete the person, all rows about them (cascade), their vectors and the chat
        threads about them. `keep_thread` (the thread the request was typed in) is never
        deleted; when it is about the person it is listed with the threads that mention
        them."""
        with self.c.db.session() as s:
            p = person_or_error(s, manager_id, ref)
            name, username = p.name, _username(s, manager_id)
            about_threads = chat_threads.threads_about(s, username, p.id)
            about = [th.id for th in about_threads if th.id != keep_thread]
            files = chat_threads.delete_threads(s, about)
            s.execute(
                delete(RehearsalSession).where(
                    RehearsalSession.manager_id == manager_id, RehearsalSession.person_id == p.id
                )
            )
            self.c.index.delete_person(manager_id, p.id)
            s.delete(p)
            s.flush()
            kept = [th for th in about_threads if th.id == keep_thread]
            mentioning = kept + [
                th
                for th in chat_threads.threads_mentioning(s, username, name)
                if th.id != keep_thread
            ]
        chat_threads.remove_files(self.c.settings.data_dir / "files", files)
        self.c.retriever.invalidate(manager_id)
        return Erasure(name, len(about), [th.name or th.created_at for th in mentioning])


def _username(s: Any, manager_id: int) -> str:
    m = s.get(Manager, manager_id)
    return m.username if m is not None else ""
