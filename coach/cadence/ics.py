"""Calendar invites (iCalendar, RFC 5545/5546) for planned 1:1 conversations.

An invite is a VCALENDAR with METHOD:REQUEST and one VEVENT whose DTSTART/DTEND carry a TZID
backed by an embedded VTIMEZONE, so Outlook, Google and Apple show the local time correctly.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress

from coach.cadence.core import as_utc
from coach.cadence.workdays import is_working_day

PRODID = "-//Gesprekscoach//Gesprekscoach 1:1//NL"
_EMAIL_RE = re.compile(r"^[^\s@<>\"(),;:\\\[\]]+@[^\s@<>\"(),;:\\\[\]]+\.[^\s@<>\"(),;:\\\[\]]+$")


def _check_email(email: str | None, what: str) -> str | None:
    """Reject addresses that could break the calendar line (CR/LF, spaces, no @)."""
    if email is None:
        return None
    email = email.strip()
    if not _EMAIL_RE.match(email):
        raise ValueError(f"{what} is not a valid e-mail address")
    return email


def _address(email: str, *, attendee: bool) -> vCalAddress:
    addr = vCalAddress(f"mailto:{email}")
    if attendee:
        addr.params["ROLE"] = "REQ-PARTICIPANT"
        addr.params["PARTSTAT"] = "NEEDS-ACTION"
        addr.params["RSVP"] = "TRUE"
        addr.params["CUTYPE"] = "INDIVIDUAL"
    return addr


def _default_uid(
    start_utc: datetime, summary: str, organizer: str | None, attendee: str | None
) -> str:
    """Stable UID: re-sending the same invite updates the event instead of duplicating it."""
    seed = "|".join([start_utc.isoformat(), summary, organizer or "", attendee or ""])
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32] + "@gesprekscoach"


@dataclass(frozen=True, kw_only=True)
class InviteEvent:
    """The 1:1 an invite asks for: when (aware `start`, shown in `tz`), how long, its title
    and agenda text. Who sends it and to whom is the invite's part (`make_invite`)."""

    start: datetime
    duration_minutes: int
    summary: str
    description: str
    tz: str = "Europe/Amsterdam"
    location: str | None = None


def make_invite(
    event: InviteEvent,
    *,
    organizer_email: str | None,
    attendee_email: str | None,
    dtstamp: datetime,
    uid: str | None = None,
    sequence: int = 0,
) -> bytes:
    """Build an invite for one 1:1 conversation; returns the .ics file bytes (UTF-8, CRLF).

    The event's `start` must be aware. The end is computed on the UTC timeline, so a meeting
    that spans a DST change still lasts exactly `duration_minutes`. `dtstamp` is the moment
    the invite is made (the caller's injected clock); `sequence` increases when an invite is
    updated.
    """
    start, duration_minutes, tz = event.start, event.duration_minutes, event.tz
    summary, location = event.summary, event.location
    if start.tzinfo is None or start.tzinfo.utcoffset(start) is None:
        raise ValueError("start must be an aware datetime")
    if duration_minutes <= 0:
        raise ValueError("duration_minutes must be positive")
    organizer = _check_email(organizer_email, "organizer_email")
    attendee = _check_email(attendee_email, "attendee_email")
    zone = ZoneInfo(tz)
    start_utc = as_utc(start)
    end_utc = start_utc + timedelta(minutes=duration_minutes)
    stamp = as_utc(dtstamp)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "REQUEST")

    first = start_utc.date() - timedelta(days=366)
    last = end_utc.date() + timedelta(days=366)
    cal.add_component(Timezone.from_tzid(tz, first_date=first, last_date=last))

    vevent = Event()
    vevent.add("uid", uid or _default_uid(start_utc, summary, organizer, attendee))
    vevent.add("dtstamp", stamp.replace(microsecond=0))
    vevent.add("dtstart", start_utc.astimezone(zone).replace(microsecond=0))
    vevent.add("dtend", end_utc.astimezone(zone).replace(microsecond=0))
    vevent.add("summary", summary)
    vevent.add("description", event.description)
    if location:
        vevent.add("location", location)
    if organizer:
        vevent.add("organizer", _address(organizer, attendee=False))
    if attendee:
        vevent.add("attendee", _address(attendee, attendee=True))
    vevent.add("sequence", sequence)
    vevent.add("status", "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    cal.add_component(vevent)
    data: bytes = cal.to_ical()
    return data


class Invite(TypedDict):
    """An invite read back: start and end as the calendar holds them (aware datetimes for a
    timed event), duration_minutes in real elapsed time, e-mail addresses without mailto:."""

    method: str
    uid: str
    summary: str
    description: str
    location: str | None
    start: datetime | date | None
    end: datetime | date | None
    duration_minutes: int | None
    tzid: str | None
    organizer: str | None
    attendees: list[str]
    timezones: list[str]


def _email_of(value: object) -> str:
    text = str(value)
    return text[7:] if text.lower().startswith("mailto:") else text


def parse_invite(data: bytes) -> Invite:
    """Read an invite back (used by tests and to show an uploaded invite).

    Returns method, uid, summary, description, location, start, end (aware datetimes),
    duration_minutes (real elapsed time), tzid, organizer, attendees (plain e-mail addresses)
    and the TZIDs of the embedded VTIMEZONEs.
    """
    cal = Calendar.from_ical(data)
    events = [c for c in cal.walk("VEVENT")]
    if len(events) != 1:
        raise ValueError(f"expected exactly one VEVENT, found {len(events)}")
    event = events[0]
    dtstart = event.get("dtstart")
    dtend = event.get("dtend")
    raw_attendees = event.get("attendee")
    if raw_attendees is None:
        attendee_list: list[object] = []
    elif isinstance(raw_attendees, list):
        attendee_list = raw_attendees
    else:
        attendee_list = [raw_attendees]
    organizer = event.get("organizer")
    start_value = dtstart.dt if dtstart is not None else None
    end_value = dtend.dt if dtend is not None else None
    duration: int | None = None
    if isinstance(start_value, datetime) and isinstance(end_value, datetime):
        # Subtract on the UTC timeline: same-tzinfo subtraction in Python ignores DST.
        duration = int((as_utc(end_value) - as_utc(start_value)).total_seconds() // 60)
    return {
        "method": str(cal.get("method", "")),
        "uid": str(event.get("uid", "")),
        "summary": str(event.get("summary", "")),
        "description": str(event.get("description", "")),
        "location": str(event["location"]) if "location" in event else None,
        "start": start_value,
        "end": end_value,
        "duration_minutes": duration,
        "tzid": dtstart.params.get("TZID") if dtstart is not None else None,
        "organizer": _email_of(organizer) if organizer is not None else None,
        "attendees": [_email_of(a) for a in attendee_list],
        "timezones": [str(tz.get("tzid")) for tz in cal.walk("VTIMEZONE")],
    }


def suggest_slots(*, after: datetime, tz: str, count: int = 3, hour: int = 10) -> list[datetime]:
    """The next `count` working days (Mon-Fri without Dutch public holidays, from the day
    after `after`) at `hour` local time. Returns aware datetimes in `tz`."""
    if not 0 <= hour <= 23:
        raise ValueError("hour must be between 0 and 23")
    if count < 0:
        raise ValueError("count must not be negative")
    zone = ZoneInfo(tz)
    day: date = as_utc(after).astimezone(zone).date()
    slots: list[datetime] = []
    while len(slots) < count:
        day += timedelta(days=1)
        if not is_working_day(day):
            continue
        wall = datetime.combine(day, time(hour), tzinfo=zone)
        # Normalise through UTC so an hour inside a DST gap becomes a real instant.
        slots.append(as_utc(wall).astimezone(zone))
    return slots


__all__ = ["PRODID", "make_invite", "parse_invite", "suggest_slots"]
