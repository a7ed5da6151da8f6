"""Planning a 1:1 from the chat: three slots to choose from and the invite for the chosen one.

The invite goes to the employee, so it is written in the employee's language and carries only
the agenda lines of the prep brief (no note text, no source markers).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING

from coach.cadence.core import as_utc, local_date
from coach.cadence.ics import InviteEvent, make_invite, suggest_slots
from coach.clock import Clock
from coach.errors import UserError
from coach.i18n import t
from coach.prep.models import Brief
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import Manager

if TYPE_CHECKING:
    from coach.prep.service import PrepService

SLOT_COUNT = 3
SLOT_HOUR = 10


@dataclass(frozen=True)
class Invite:
    """A ready .ics file for one planned 1:1."""

    filename: str
    data: bytes
    person_id: int
    person: str
    attendee: str | None
    start: dt.datetime
    agenda: tuple[str, ...]


def agenda_lines(brief: Brief) -> list[str]:
    """The agenda of a brief as plain lines: '10 min · Opening ...'."""
    return [
        f"{t('prep_minutes', brief.language, n=i.extra.get('minutes', 0))} · {i.text}"
        for i in brief.section("agenda")
    ]


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "person"


@dataclass(frozen=True)
class PlanningService:
    """Slots and invites in the manager's time zone; the agenda comes from the prep brief."""

    db: Database
    prep: PrepService
    _: KW_ONLY
    timezone: str
    now: Clock

    def slots(self, now: dt.datetime | None = None) -> list[dt.datetime]:
        """The next three working days at 10:00 in the configured time zone."""
        moment = now or self.now()
        return suggest_slots(after=moment, tz=self.timezone, count=SLOT_COUNT, hour=SLOT_HOUR)

    def invite(
        self,
        manager_id: int,
        person_id: int,
        start: dt.datetime,
        *,
        now: dt.datetime | None = None,
    ) -> Invite:
        """The invite for a 1:1 with one of the manager's people at `start` (aware, future).

        A stored e-mail address that a calendar line cannot carry is left out rather than failing
        the whole invite (`attendee` is then None).
        """
        if start.tzinfo is None or start.tzinfo.utcoffset(start) is None:
            raise UserError("rhythm_slot_invalid")
        if as_utc(start) <= as_utc(now or self.now()):
            raise UserError("rhythm_slot_past")
        tz = self.timezone
        with self.db.session() as s:
            try:
                person = repo.get_person(s, manager_id, person_id)
            except repo.NotFound:
                raise UserError("person_not_found", name=str(person_id)) from None
            manager = s.get(Manager, manager_id)
            p_name, p_email, lang = person.name, person.email, person.language
            minutes = person.meeting_minutes
            m_name = (manager.display_name or manager.username) if manager else ""
            m_email = manager.email if manager else None
        day = local_date(start, tz)
        brief = self.prep.build(manager_id, person_id, today=day, language=lang)
        lines = agenda_lines(brief)
        description = "\n".join([t("rhythm_invite_agenda", brief.language), *lines])
        summary = t("rhythm_invite_summary", brief.language, person=p_name, manager=m_name)

        event = InviteEvent(
            start=start, duration_minutes=minutes, summary=summary, description=description, tz=tz
        )

        def invite(organizer: str | None, attendee: str | None) -> bytes:
            return make_invite(
                event, organizer_email=organizer, attendee_email=attendee, dtstamp=self.now()
            )

        data = b""
        attendee: str | None = None
        tries = ((m_email, p_email), (None, p_email), (m_email, None), (None, None))
        for organizer, guest in tries:
            try:
                data, attendee = invite(organizer, guest), guest
                break
            except ValueError:  # an address the calendar line cannot carry: leave it out
                continue
        filename = f"1op1-{_slug(p_name)}-{day.isoformat()}.ics"
        return Invite(filename, data, person_id, p_name, attendee, start, tuple(lines))
