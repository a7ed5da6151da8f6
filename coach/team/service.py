"""Team service: add and list people; export or erase everything about one person.

Erasure covers every row about the person (notes, meetings, action items, check-ins and
their links by cascade; rehearsals played against their persona explicitly, because a
rehearsal without a person is kept), their vectors, and the chat threads a flow held about
them (prep, debrief, rehearsal: messages, cited sources and their files). Other threads that
mention the person are the manager's own conversations, possibly about others too: they are
named in the result so the manager can delete them in the sidebar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coach.errors import UserError
from coach.i18n import t
from coach.retrieval.purge import purge_person
from coach.storage import chat_threads, repo, scrub
from coach.storage.db import Database
from coach.storage.models import (
    ActionItem,
    CheckIn,
    Manager,
    Meeting,
    Note,
    Person,
    RehearsalSession,
)
from coach.storage.repo import PersonDetails
from coach.team.lookup import person_or_error
from coach.team.rows import PersonExport, PersonRow

if TYPE_CHECKING:
    from coach.retrieval.service import NoteStore


def person_dict(p: Person) -> PersonRow:
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role,
        "email": p.email,
        "language": p.language,
        "start_date": p.start_date.isoformat() if p.start_date else None,
        "cadence_days": p.cadence_days,
        "meeting_minutes": p.meeting_minutes,
        "pronouns": p.pronouns,
    }


MIN_MEETING_MINUTES, MAX_MEETING_MINUTES = 15, 240


def checked_minutes(minutes: int) -> int:
    """A 1:1 length the agenda can be planned in (steps of five minutes, see prep.agenda)."""
    if not MIN_MEETING_MINUTES <= minutes <= MAX_MEETING_MINUTES:
        raise UserError("person_minutes_invalid", low=MIN_MEETING_MINUTES, high=MAX_MEETING_MINUTES)
    return minutes


def checked_details(d: PersonDetails) -> PersonDetails:
    """The details as they are stored: text trimmed, a known language, a rhythm and a 1:1
    length that can be planned; a wrong value is a UserError and nothing is stored."""
    if d.cadence_days is not None and d.cadence_days < 1:
        raise UserError("person_cadence_invalid")
    if d.language is not None and d.language not in ("nl", "en"):
        raise UserError("person_language_invalid", language=d.language)
    return replace(
        d,
        role=None if d.role is None else d.role.strip(),
        email=None if d.email is None else d.email.strip(),
        meeting_minutes=None if d.meeting_minutes is None else checked_minutes(d.meeting_minutes),
        pronouns=None if d.pronouns is None else " ".join(d.pronouns.split())[:40],
    )


@dataclass(frozen=True)
class Erasure:
    name: str
    threads_deleted: int = 0
    # Names of the manager's other threads that still mention the person.
    threads_mentioning: list[str] = field(default_factory=list)
    # What else went: {"notes": 3, "answers": 2, "files": 4, ...} (zero counts left out).
    removed: dict[str, int] = field(default_factory=dict)


def erasure_message(e: Erasure, lang: str) -> str:
    """What the manager reads after an erasure, in their language."""
    text = t("person_erased", lang, name=e.name)
    if e.threads_deleted:
        text += " " + t("person_erased_threads", lang, name=e.name, threads=e.threads_deleted)
    if e.threads_mentioning:
        titles = ", ".join(f"“{title}”" for title in e.threads_mentioning)
        text += " " + t("person_erased_mentions", lang, name=e.name, titles=titles)
    parts = [t(f"erased_{k}", lang, n=n) for k, n in e.removed.items() if n]
    if parts:
        text += " " + t("person_erased_removed", lang, items=", ".join(parts))
    return text


class TeamService:
    def __init__(
        self,
        db: Database,
        *,
        store: NoteStore,
        data_dir: Path,
        embedded_store: Path | None,
        meeting_minutes: int,
        cadence_days: int,
    ) -> None:
        self.db = db
        self.store = store  # lazy: only an erasure needs the vector store
        self.data_dir = data_dir
        self.embedded_store = embedded_store  # the embedded Chroma folder; None for a server
        self.meeting_minutes = meeting_minutes  # defaults for a new person
        self.cadence_days = cadence_days

    def add_person(
        self, manager_id: int, name: str, details: PersonDetails = PersonDetails()
    ) -> PersonRow:
        """A new team member. A rhythm or 1:1 length not given (or 0) is the configured one;
        other details not given get the column defaults."""
        name = " ".join(name.split())
        if not name:
            raise UserError("person_name_empty")
        given = checked_details(
            replace(
                details,
                cadence_days=details.cadence_days or self.cadence_days,
                meeting_minutes=details.meeting_minutes or self.meeting_minutes,
            )
        )
        try:
            with self.db.session() as s:
                return person_dict(repo.add_person(s, manager_id, name, given))
        except IntegrityError:
            raise UserError("person_exists", name=name) from None

    def update_person(self, manager_id: int, ref: str, details: PersonDetails) -> PersonRow:
        """Change what `details` gives and keep the rest."""
        given = checked_details(details)
        with self.db.session() as s:
            p = person_or_error(s, manager_id, ref)
            repo.set_person_details(p, given)
            s.flush()
            return person_dict(p)

    def list_people(self, manager_id: int) -> list[PersonRow]:
        with self.db.session() as s:
            return [person_dict(p) for p in repo.list_people(s, manager_id)]

    def find(self, manager_id: int, ref: str | int) -> PersonRow:
        with self.db.session() as s:
            return person_dict(person_or_error(s, manager_id, ref))

    def export(self, manager_id: int, ref: str) -> PersonExport:
        """Everything stored about one person, for a data-subject request."""
        with self.db.session() as s:
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
        """Delete the person, all rows about them (cascade), their vectors and every chat
        thread about them: by flow (prep, debrief, rehearsal), by a command or an upload
        addressed to them, by an export of them. In the threads that are kept (the one the
        request was typed in, and chats that only mention them) the sources citing them and
        the answers built on those sources go. Then the files: element files, Chainlit's
        session copies, and the free pages and logs of SQLite and Chroma."""
        root = self.data_dir / "files"
        with self.db.session() as s:
            p = person_or_error(s, manager_id, ref)
            name, username, pid = p.name, _username(s, manager_id), p.id
            counts = _row_counts(s, manager_id, pid)
            about_ids = {th.id for th in chat_threads.threads_about(s, username, pid)}
            about_ids |= self._addressed(s, manager_id, username, pid)
            about = sorted(i for i in about_ids if i != keep_thread)
            kept = chat_threads.thread_by_id(s, keep_thread) if keep_thread in about_ids else None
            mentioning = ([kept] if kept else []) + [
                th
                for th in chat_threads.threads_mentioning(s, username, name)
                if th.id not in about_ids
            ]
            files = chat_threads.delete_threads(s, about)
            cited = chat_threads.elements_about(s, username, [name, _slug(name) + ".json"])
            files += chat_threads.delete_answers(
                s, [e for e, _ in cited], [step for _, step in cited]
            )
            s.execute(
                delete(RehearsalSession).where(
                    RehearsalSession.manager_id == manager_id, RehearsalSession.person_id == pid
                )
            )
            self.store.index.delete_person(manager_id, pid)
            s.delete(p)
            s.flush()
            digests = chat_threads.file_digests(root, files)
        counts["files"] = chat_threads.remove_files(root, files)
        counts["session_copies"] = chat_threads.remove_session_copies(
            self.data_dir / "app" / ".files", digests
        )
        counts["answers"] = len({step for _, step in cited if step})
        self.store.retriever.invalidate(manager_id)
        scrub.compact(self.db)
        if self.embedded_store is not None:
            purge_person(self.embedded_store, pid)
        return Erasure(name, len(about), [th.name or th.created_at for th in mentioning], counts)

    def _addressed(self, s: Session, manager_id: int, username: str, person_id: int) -> set[str]:
        """Threads with a command or an upload addressed to this person."""
        out = set()
        for m in chat_threads.addressed_messages(s, username):
            ref = m.text
            if ref.startswith("/"):
                ref = ref.partition(" ")[2]
            elif not m.command and not m.has_files:
                continue
            ref = ref.partition(":")[0].partition(";")[0].strip()
            if not ref:
                continue
            try:
                if person_or_error(s, manager_id, ref).id == person_id:
                    out.add(m.thread_id)
            except UserError:
                continue
        return out


def _slug(name: str) -> str:
    """The export's file name stem (coach/app/flows/team.py names it the same way)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "person"


def _row_counts(s: Session, manager_id: int, person_id: int) -> dict[str, int]:
    def n(model: type[Note | Meeting | ActionItem | CheckIn | RehearsalSession]) -> int:
        return int(
            s.scalar(select(func.count()).select_from(model).where(model.person_id == person_id))
            or 0
        )

    return {
        "notes": n(Note),
        "meetings": n(Meeting),
        "action_items": n(ActionItem),
        "checkins": n(CheckIn),
        "rehearsals": n(RehearsalSession),
    }


def _username(s: Session, manager_id: int) -> str:
    m = s.get(Manager, manager_id)
    return m.username if m is not None else ""
