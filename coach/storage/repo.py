"""Per-manager repository functions.

Ownership is enforced here, in one place: every function takes the manager's id and every
query filters on it. There is no global query for people data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coach.errors import NotFound as NotFound  # re-exported: repo.NotFound is the same class
from coach.storage.models import (
    ActionItem,
    CheckIn,
    ImportedFile,
    Manager,
    Meeting,
    Note,
    Person,
    utcnow,
)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- managers -------------------------------------------------------------------------


def get_manager(s: Session, username: str) -> Manager:
    m = s.scalar(select(Manager).where(Manager.username == username))
    if m is None:
        raise NotFound("manager", username)
    return m


def list_managers(s: Session) -> list[Manager]:
    return list(s.scalars(select(Manager).order_by(Manager.id)))


def find_manager(s: Session, username: str) -> Manager | None:
    return s.scalar(select(Manager).where(Manager.username == username))


def add_manager(
    s: Session,
    username: str,
    *,
    password_hash: str | None,
    display_name: str = "",
    language: str = "nl",
    email: str | None = None,
) -> Manager:
    m = Manager(
        username=username,
        password_hash=password_hash,
        display_name=display_name or username,
        language=language,
        email=email,
    )
    s.add(m)
    s.flush()
    return m


# --- people ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonDetails:
    """What a manager says about a team member besides the name; None: not given.

    One record for adding and changing a person (the CLI's options, the chat command, the
    demo loader): a new person gets the column defaults for what is not given, a change
    keeps what is stored. The team service checks and trims what a manager types."""

    role: str | None = None
    email: str | None = None  # "" clears it
    start_date: dt.date | None = None
    cadence_days: int | None = None
    meeting_minutes: int | None = None
    language: str | None = None
    pronouns: str | None = None
    profile: str | None = None


def set_person_details(p: Person, d: PersonDetails) -> None:
    """Write what `d` gives onto a person, new or stored; what it leaves None stays as it is
    (a new person keeps the column defaults). Its fields are Person's columns by name."""
    for name, value in asdict(d).items():
        if value is not None:
            setattr(p, name, (value or None) if name == "email" else value)  # "" clears it


def add_person(
    s: Session, manager_id: int, name: str, details: PersonDetails = PersonDetails()
) -> Person:
    """A new person in one INSERT: what `details` gives, the column defaults for the rest."""
    p = Person(manager_id=manager_id, name=name)
    set_person_details(p, details)
    s.add(p)
    s.flush()
    return p


def list_people(s: Session, manager_id: int) -> list[Person]:
    return list(
        s.scalars(select(Person).where(Person.manager_id == manager_id).order_by(Person.name))
    )


def get_person(s: Session, manager_id: int, person_id: int) -> Person:
    p = s.scalar(select(Person).where(Person.manager_id == manager_id, Person.id == person_id))
    if p is None:
        raise NotFound("person", person_id)
    return p


def find_person(s: Session, manager_id: int, ref: str) -> Person:
    """By id, exact name, or a unique case-insensitive prefix of the name or first name."""
    people = list_people(s, manager_id)
    if ref.isdigit():
        for p in people:
            if p.id == int(ref):
                return p
    low = ref.strip().lower()
    exact = [p for p in people if p.name.lower() == low]
    if len(exact) == 1:
        return exact[0]
    first = [p for p in people if p.name.lower().split()[0] == low] if low else []
    if len(first) == 1:
        return first[0]
    prefix = [p for p in people if low and p.name.lower().startswith(low)]
    if len(prefix) == 1:
        return prefix[0]
    raise NotFound("person", ref)


Owned = TypeVar("Owned", Note, Meeting, ActionItem, CheckIn)


def _add_for_person(s: Session, manager_id: int, person_id: int, rows: list[Owned]) -> list[Owned]:
    """Store rows about one of the manager's people; someone else's person is NotFound.

    The one place a note, meeting, action item or check-in gets its owner and person: one
    ownership check and one flush, also for a bulk import."""
    get_person(s, manager_id, person_id)
    for row in rows:
        row.manager_id, row.person_id = manager_id, person_id
    s.add_all(rows)
    s.flush()
    return rows


def delete_person(s: Session, manager_id: int, person_id: int) -> None:
    s.delete(get_person(s, manager_id, person_id))
    s.flush()


# --- notes ----------------------------------------------------------------------------


def add_note(
    s: Session,
    manager_id: int,
    person_id: int,
    text: str,
    *,
    date: dt.date,
    source: str = "typed",
    meeting_id: int | None = None,
) -> Note:
    """A note of the manager's on `date`: the caller's day (the services ask their clock for
    the manager's today; storage has no clock of its own)."""
    n = Note(
        text=text,
        date=date,
        source=source,
        meeting_id=meeting_id,
        content_hash=text_hash(text),
    )
    return _add_for_person(s, manager_id, person_id, [n])[0]


def add_notes(
    s: Session,
    manager_id: int,
    person_id: int,
    items: list[tuple[dt.date, str]],
    *,
    source: str = "imported",
) -> list[Note]:
    """Bulk insert for imports: one ownership check, one flush."""
    notes = [
        Note(text=text, date=date, source=source, content_hash=text_hash(text))
        for date, text in items
    ]
    return _add_for_person(s, manager_id, person_id, notes)


def get_note(s: Session, manager_id: int, note_id: int) -> Note:
    n = s.scalar(select(Note).where(Note.manager_id == manager_id, Note.id == note_id))
    if n is None:
        raise NotFound("note", note_id)
    return n


def list_notes(
    s: Session,
    manager_id: int,
    *,
    person_id: int | None = None,
    since: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
    meeting_id: int | None = None,
    with_meeting: bool | None = None,
) -> list[Note]:
    """Newest first. `meeting_id`: only that 1:1's notes; `with_meeting`: only notes attached
    to a 1:1 (True) or only plain notes (False)."""
    q = select(Note).where(Note.manager_id == manager_id)
    if person_id is not None:
        q = q.where(Note.person_id == person_id)
    if since is not None:
        q = q.where(Note.date >= since)
    if meeting_id is not None:
        q = q.where(Note.meeting_id == meeting_id)
    if with_meeting is not None:
        q = q.where(Note.meeting_id.is_not(None) if with_meeting else Note.meeting_id.is_(None))
    q = q.order_by(Note.date.desc(), Note.id.desc())
    if limit:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    return list(s.scalars(q))


def notes_by_ids(s: Session, manager_id: int, ids: list[int]) -> dict[int, Note]:
    if not ids:
        return {}
    rows = s.scalars(select(Note).where(Note.manager_id == manager_id, Note.id.in_(ids)))
    return {n.id: n for n in rows}


def count_notes(s: Session, manager_id: int) -> int:
    return s.scalar(select(func.count(Note.id)).where(Note.manager_id == manager_id)) or 0


# --- meetings and action items ----------------------------------------------------------


def add_meeting(
    s: Session,
    manager_id: int,
    person_id: int,
    held_at: dt.datetime,
    *,
    summary: str = "",
    topics: list[str] | None = None,
) -> Meeting:
    m = Meeting(held_at=held_at, summary=summary, topics=topics or [])
    return _add_for_person(s, manager_id, person_id, [m])[0]


def list_meetings(s: Session, manager_id: int, person_id: int | None = None) -> list[Meeting]:
    q = select(Meeting).where(Meeting.manager_id == manager_id)
    if person_id is not None:
        q = q.where(Meeting.person_id == person_id)
    return list(s.scalars(q.order_by(Meeting.held_at.desc())))


def add_action_item(
    s: Session,
    manager_id: int,
    person_id: int,
    text: str,
    *,
    owner: str = "employee",
    owner_name: str | None = None,
    due_date: dt.date | None = None,
    status: str = "open",
    meeting_id: int | None = None,
) -> ActionItem:
    a = ActionItem(
        text=text, owner=owner, owner_name=owner_name, due_date=due_date, meeting_id=meeting_id
    )
    _set_status(a, status)
    return _add_for_person(s, manager_id, person_id, [a])[0]


def _set_status(a: ActionItem, status: str) -> None:
    """`done_at` is when the item was marked done; None while it is not done."""
    a.status = status
    a.done_at = utcnow() if status == "done" else None


def list_action_items(
    s: Session, manager_id: int, *, person_id: int | None = None, status: str | None = None
) -> list[ActionItem]:
    q = select(ActionItem).where(ActionItem.manager_id == manager_id)
    if person_id is not None:
        q = q.where(ActionItem.person_id == person_id)
    if status is not None:
        q = q.where(ActionItem.status == status)
    return list(s.scalars(q.order_by(ActionItem.due_date.is_(None), ActionItem.due_date)))


def set_action_status(s: Session, manager_id: int, item_id: int, status: str) -> ActionItem:
    a = s.scalar(
        select(ActionItem).where(ActionItem.manager_id == manager_id, ActionItem.id == item_id)
    )
    if a is None:
        raise NotFound("action item", item_id)
    _set_status(a, status)
    s.flush()
    return a


# --- check-ins --------------------------------------------------------------------------


def add_checkin(s: Session, manager_id: int, person_id: int, **answers: object) -> CheckIn:
    return _add_for_person(s, manager_id, person_id, [CheckIn(**answers)])[0]


def list_checkins(s: Session, manager_id: int, person_id: int) -> list[CheckIn]:
    q = select(CheckIn).where(CheckIn.manager_id == manager_id, CheckIn.person_id == person_id)
    return list(s.scalars(q.order_by(CheckIn.submitted_at.desc())))


# --- imports ----------------------------------------------------------------------------


def find_import(s: Session, manager_id: int, sha256: str) -> ImportedFile | None:
    return s.scalar(
        select(ImportedFile).where(
            ImportedFile.manager_id == manager_id, ImportedFile.sha256 == sha256
        )
    )


def record_import(
    s: Session, manager_id: int, sha256: str, filename: str, note_id: int | None
) -> ImportedFile:
    f = ImportedFile(manager_id=manager_id, sha256=sha256, filename=filename, note_id=note_id)
    s.add(f)
    s.flush()
    return f
