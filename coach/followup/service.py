"""After the 1:1: analyse notes or a transcript, then save what the manager accepted.

`analyse` never writes. `save` stores the meeting, its note and the accepted action items in
one SQL transaction and indexes the note inside that same unit of work, so a failure of
either leaves nothing behind (the pattern of NotesService).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from coach.cadence.workdays import next_working_day
from coach.clock import Clock, today_in, utc_now
from coach.errors import UserError
from coach.files import read_bytes
from coach.followup.assist import assist
from coach.followup.continued import OpenItem
from coach.followup.extract import ActionItemDraft, FollowupResult, extract
from coach.followup.message import compose, format_date, mailto_link
from coach.followup.transcripts import transcript_text
from coach.i18n import t
from coach.jsonable import jsonable
from coach.notes.service import clean_text
from coach.retrieval.index import note_chunks
from coach.storage import repo
from coach.storage.models import ActionItem, Manager
from coach.team.lookup import person_or_error

if TYPE_CHECKING:
    from coach.llm import LLMClient
    from coach.retrieval.service import NoteStore
    from coach.storage.db import Database

NEXT_MEETING_HOUR = 10


@dataclass(frozen=True)
class FollowupDraft:
    """The follow-up message, what it left out (special categories), a mailto: link and the
    .ics invite for the next 1:1 (None when the calendar cannot carry it)."""

    message: str
    left_out: list[str]
    mailto: str
    ics: bytes | None


@dataclass(frozen=True)
class ActionItemView:
    id: int
    person_id: int
    person: str
    text: str
    owner: str
    owner_name: str | None
    due: dt.date | None
    status: str
    meeting_id: int | None

    def to_dict(self) -> dict[str, object]:
        return jsonable(self)


def _owner_columns(owner: str) -> tuple[str, str | None]:
    """Map the extractor's owner to (owner, owner_name) columns of an action item."""
    if owner in ("manager", "employee", "both"):
        return owner, None
    if not owner:
        return "unknown", None
    return "other", owner


def summary_text(result: FollowupResult) -> str:
    """Plain-text meeting summary: one "topic: text" line per topic."""
    return "\n".join(f"{topic}: {text}" for topic, text in result.summary.items())


def next_meeting_at(meeting_date: dt.date, cadence_days: int, tz: str) -> dt.datetime:
    """The next 1:1: meeting date + cadence, moved off a weekend or public holiday to the
    next working day, at 10:00 local time (aware)."""
    day = next_working_day(meeting_date + dt.timedelta(days=max(cadence_days, 1)))
    return dt.datetime.combine(day, dt.time(NEXT_MEETING_HOUR, 0), tzinfo=ZoneInfo(tz))


@dataclass(frozen=True)
class FollowupService:
    """Analyse reads the database and asks the model; only `save` needs the vector index,
    so the index and the retriever come as `store` parts that load when first asked."""

    db: Database
    llm: LLMClient
    _: KW_ONLY
    store: NoteStore
    timezone: str
    max_upload_bytes: int
    now: Clock = utc_now

    def today(self) -> dt.date:
        """Today in the manager's time zone."""
        return today_in(self.now, self.timezone)

    def read_transcript(self, filename: str, data: bytes) -> str:
        """Text of an uploaded notes or transcript file, within COACH_MAX_UPLOAD_MB; a refused
        file raises UserError (its key says why, in the user's language)."""
        return transcript_text(filename, data, max_bytes=self.max_upload_bytes)

    def read_transcript_file(self, path: Path) -> str:
        """`read_transcript` for a file on disk, refused unread when missing or oversized."""
        data = read_bytes(path, max_bytes=self.max_upload_bytes)
        return self.read_transcript(path.name, data)

    # --- analyse (no writes) ------------------------------------------------------------

    def analyse(
        self,
        manager_id: int,
        person_ref: str | int,
        text: str,
        meeting_date: dt.date | None = None,
        language: str | None = None,
    ) -> FollowupResult:
        text = clean_text(text)
        with self.db.session() as s:
            person = person_or_error(s, manager_id, person_ref)
            manager = s.get(Manager, manager_id)
            known = [p.name for p in repo.list_people(s, manager_id)]
            employee_name = person.name
            manager_name = manager.display_name if manager else None
            open_items = [
                OpenItem(a.id, a.text, a.owner, a.due_date)
                for a in repo.list_action_items(s, manager_id, person_id=person.id, status="open")
            ]
        day = meeting_date or self.today()
        result = extract(
            text,
            day,
            language=language,
            employee_name=employee_name,
            manager_name=manager_name,
            known_people=known,
            open_items=open_items,
        )
        return assist(self.llm, text, result, day, employee_name=employee_name, known_people=known)

    # --- save (one unit of work) ---------------------------------------------------------

    def save(
        self,
        manager_id: int,
        person_ref: str | int,
        meeting_date: dt.date,
        text: str,
        reviewed: FollowupResult | Sequence[ActionItemDraft],
        summary: str | None = None,
        *,
        topics: Sequence[str] | None = None,
    ) -> int:
        """Store meeting + note + accepted action items atomically; returns the meeting id."""
        text = clean_text(text)
        if isinstance(reviewed, FollowupResult):
            items = list(reviewed.action_items)
            topic_list = list(topics) if topics is not None else list(reviewed.summary)
            summary_value = summary if summary is not None else summary_text(reviewed)
        else:
            items = list(reviewed)
            topic_list = list(topics or [])
            summary_value = summary or ""
        indexed_note: int | None = None
        try:
            with self.db.session() as s:
                person = person_or_error(s, manager_id, person_ref)
                meeting = repo.add_meeting(
                    s,
                    manager_id,
                    person.id,
                    self._held_at(meeting_date),
                    summary=summary_value,
                    topics=topic_list,
                )
                note = repo.add_note(
                    s,
                    manager_id,
                    person.id,
                    text,
                    date=meeting_date,
                    source="meeting",
                    meeting_id=meeting.id,
                )
                for item in items:
                    if item.existing is not None and self._continue(s, manager_id, person.id, item):
                        continue
                    owner, owner_name = _owner_columns(item.owner)
                    repo.add_action_item(
                        s,
                        manager_id,
                        person.id,
                        item.text,
                        owner=owner,
                        owner_name=owner_name,
                        due_date=item.due,
                        meeting_id=meeting.id,
                    )
                indexed_note = note.id
                self.store.index.upsert(
                    manager_id,
                    note_chunks(note.id, note.person_id, note.date, note.source, note.text),
                )
                meeting_id = meeting.id
        except BaseException:
            if indexed_note is not None:  # the SQL rolled back: its vectors must go too
                with contextlib.suppress(Exception):
                    self.store.index.delete_note(manager_id, indexed_note)
            raise
        self.store.retriever.invalidate(manager_id)
        return int(meeting_id)

    # --- action items --------------------------------------------------------------------

    def open_items(
        self, manager_id: int, person_ref: str | int | None = None
    ) -> list[ActionItemView]:
        with self.db.session() as s:
            person_id = person_or_error(s, manager_id, person_ref).id if person_ref else None
            rows = repo.list_action_items(s, manager_id, person_id=person_id, status="open")
            names = {p.id: p.name for p in repo.list_people(s, manager_id)}
            return [_view(a, names.get(a.person_id, "")) for a in rows]

    def mark_done(self, manager_id: int, item_id: int) -> ActionItemView:
        with self.db.session() as s:
            try:
                a = repo.set_action_status(s, manager_id, item_id, "done")
            except repo.NotFound as e:
                raise UserError("action_not_found", id=item_id) from e
            return _view(a, repo.get_person(s, manager_id, a.person_id).name)

    # --- follow-up message ---------------------------------------------------------------

    def draft(
        self,
        manager_id: int,
        person_ref: str | int,
        meeting_date: dt.date,
        result: FollowupResult,
        *,
        style: Literal["email", "chat"] = "email",
        language: str | None = None,
    ) -> FollowupDraft:
        """Message text, what it left out (special categories), a mailto: link and an .ics
        invite for the next 1:1 (None if no date)."""
        tz = self.timezone
        with self.db.session() as s:
            person = person_or_error(s, manager_id, person_ref)
            manager = s.get(Manager, manager_id)
            p_name, p_email, cadence = person.name, person.email, person.cadence_days
            minutes = person.meeting_minutes
            p_lang = person.language
            m_name = (manager.display_name or manager.username) if manager else ""
            m_email = manager.email if manager else None
        lang = language or result.language or p_lang
        nxt = next_meeting_at(meeting_date, cadence, tz)
        message = compose(
            result,
            language=lang,
            employee_first_name=p_name.split()[0],
            manager_first_name=m_name.split()[0] if m_name else "",
            next_meeting=nxt,
            style=style,
        )
        body = message.text
        subject = t("followup_mail_subject", lang, date=format_date(meeting_date, lang))
        from coach.cadence.ics import InviteEvent, make_invite  # icalendar: only for a draft

        event = InviteEvent(
            start=nxt,
            duration_minutes=minutes,
            summary=t("followup_invite_summary", lang, person=p_name, manager=m_name),
            description=t("followup_invite_description", lang),
            tz=tz,
        )
        ics: bytes | None
        try:
            ics = make_invite(
                event, organizer_email=m_email, attendee_email=p_email, dtstamp=self.now()
            )
        except ValueError:  # a stored e-mail address the calendar cannot carry
            ics = None
        return FollowupDraft(body, list(message.left_out), mailto_link(p_email, subject, body), ics)

    def _continue(self, s: Session, manager_id: int, person_id: int, item: ActionItemDraft) -> bool:
        """Apply a continued item to the open one it links to (new due date, or done);
        False when that item is no longer open for this person, so a new one is stored."""
        found = repo.list_action_items(s, manager_id, person_id=person_id, status="open")
        current = next((a for a in found if a.id == item.existing), None)
        if current is None:
            return False
        if item.existing_op == "done":
            repo.set_action_status(s, manager_id, current.id, "done")
        elif item.due is not None:
            current.due_date = item.due
            s.flush()
        return True

    def _held_at(self, day: dt.date) -> dt.datetime:
        """Meetings are stored as naive UTC; a bare date means 10:00 local that day."""
        local = dt.datetime.combine(day, dt.time(10, 0), tzinfo=ZoneInfo(self.timezone))
        return local.astimezone(dt.UTC).replace(tzinfo=None)


def _view(a: ActionItem, person: str) -> ActionItemView:
    return ActionItemView(
        a.id,
        a.person_id,
        person,
        a.text,
        a.owner,
        a.owner_name,
        a.due_date,
        a.status,
        a.meeting_id,
    )
