"""Calendar invites: round trip through icalendar, time zones, escaping, slot suggestions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from coach.cadence import InviteEvent, make_invite, parse_invite, suggest_slots

AMS = ZoneInfo("Europe/Amsterdam")
NY = ZoneInfo("America/New_York")
STAMP = datetime(2026, 1, 1, 12, tzinfo=UTC)

AGENDA = (
    "Agenda voor ons gesprek:\n"
    "1. Hoe gaat het met je energie en werkgeluk?\n"
    "2. Resultaten; wat ging goed, wat was lastig?\n"
    "3. Ontwikkeling: cursus 'Coachend leidinggeven' – café-overleg, één idee\n"
    "Groeten, Zoë"
)


EVENT = InviteEvent(
    start=datetime(2026, 5, 12, 10, 0, tzinfo=AMS),
    duration_minutes=45,
    summary="1-op-1 Jeroen & Zoë",
    description=AGENDA,
)


def _invite(
    event: InviteEvent = EVENT,
    *,
    organizer_email: str | None = "manager@voorbeeld.nl",
    attendee_email: str | None = "zoe@voorbeeld.nl",
    uid: str | None = None,
) -> bytes:
    return make_invite(
        event,
        organizer_email=organizer_email,
        attendee_email=attendee_email,
        dtstamp=STAMP,
        uid=uid,
    )


def test_round_trip_fields() -> None:
    data = _invite(replace(EVENT, location="Kamer 3.14"))
    info = parse_invite(data)
    assert info["method"] == "REQUEST"
    assert info["summary"] == "1-op-1 Jeroen & Zoë"
    assert info["description"] == AGENDA
    assert info["location"] == "Kamer 3.14"
    assert info["organizer"] == "manager@voorbeeld.nl"
    assert info["attendees"] == ["zoe@voorbeeld.nl"]
    assert info["start"] == datetime(2026, 5, 12, 10, 0, tzinfo=AMS)
    assert info["end"] - info["start"] == timedelta(minutes=45)
    assert info["duration_minutes"] == 45
    assert info["uid"].endswith("@gesprekscoach")


def test_raw_structure_with_icalendar() -> None:
    data = _invite()
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.rstrip().endswith("END:VCALENDAR")
    assert "METHOD:REQUEST\r\n" in text
    assert "DTSTART;TZID=Europe/Amsterdam:20260512T100000" in text
    assert "DTEND;TZID=Europe/Amsterdam:20260512T104500" in text
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))

    cal = Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0"
    events = list(cal.walk("VEVENT"))
    timezones = list(cal.walk("VTIMEZONE"))
    assert len(events) == 1
    assert [str(tz["tzid"]) for tz in timezones] == ["Europe/Amsterdam"]
    event = events[0]
    for prop in ("uid", "dtstamp", "dtstart", "dtend", "summary", "description"):
        assert prop in event, prop
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert event["dtstart"].dt.utcoffset() == timedelta(hours=2)  # CEST in May
    assert event["dtstamp"].dt == STAMP
    # The VTIMEZONE must describe the offset in force at the event.
    assert timezones[0].to_tz().utcoffset(datetime(2026, 5, 12, 10)) == timedelta(hours=2)


def test_description_newlines_and_special_characters_are_escaped_on_the_wire() -> None:
    text = _invite().decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    line = next(ln for ln in unfolded.split("\r\n") if ln.startswith("DESCRIPTION:"))
    assert "\\n" in line and "\\;" in line and "één" in line and "Zoë" in line


def test_start_in_other_zone_is_shown_in_requested_tz() -> None:
    start = datetime(2026, 5, 12, 4, 0, tzinfo=NY)  # 10:00 in Amsterdam
    info = parse_invite(_invite(replace(EVENT, start=start, tz="Europe/Amsterdam")))
    assert info["tzid"] == "Europe/Amsterdam"
    assert info["start"].replace(tzinfo=None) == datetime(2026, 5, 12, 10, 0)
    assert info["start"] == start

    info = parse_invite(_invite(replace(EVENT, start=start, tz="America/New_York")))
    assert info["tzid"] == "America/New_York"
    assert info["timezones"] == ["America/New_York"]
    assert info["start"].replace(tzinfo=None) == datetime(2026, 5, 12, 4, 0)


def test_duration_is_exact_across_dst_change() -> None:
    # 01:30 CET on 29 March 2026; clocks jump 02:00 -> 03:00, so one hour ends at 03:30 CEST.
    start = datetime(2026, 3, 29, 1, 30, tzinfo=AMS)
    info = parse_invite(_invite(replace(EVENT, start=start, duration_minutes=60)))
    assert info["end"].replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)
    assert info["duration_minutes"] == 60
    assert info["end"].astimezone(UTC) - info["start"].astimezone(UTC) == timedelta(hours=1)


def test_uid_is_stable_or_given() -> None:
    assert parse_invite(_invite())["uid"] == parse_invite(_invite())["uid"]
    other = parse_invite(_invite(replace(EVENT, start=datetime(2026, 5, 13, 10, tzinfo=AMS))))[
        "uid"
    ]
    assert other != parse_invite(_invite())["uid"]
    assert parse_invite(_invite(uid="abc-123@example"))["uid"] == "abc-123@example"


def test_optional_people_and_location() -> None:
    info = parse_invite(_invite(organizer_email=None, attendee_email=None))
    assert info["organizer"] is None
    assert info["attendees"] == []
    assert info["location"] is None


@pytest.mark.parametrize(
    "bad",
    ["no-at-sign", "a@b.nl\r\nATTENDEE:mailto:evil@x.nl", "two words@x.nl", "x@y"],
)
def test_rejects_bad_email(bad: str) -> None:
    with pytest.raises(ValueError):
        _invite(attendee_email=bad)


def test_rejects_naive_start_and_bad_duration() -> None:
    with pytest.raises(ValueError):
        _invite(replace(EVENT, start=datetime(2026, 5, 12, 10)))
    with pytest.raises(ValueError):
        _invite(replace(EVENT, duration_minutes=0))


def test_summary_injection_stays_inside_one_property() -> None:
    info = parse_invite(_invite(replace(EVENT, summary="Hoi\r\nATTENDEE:mailto:evil@x.nl")))
    assert info["attendees"] == ["zoe@voorbeeld.nl"]


# --- suggest_slots -----------------------------------------------------------------------


def test_suggest_slots_skips_weekend() -> None:
    friday = datetime(2026, 5, 15, 16, tzinfo=AMS)
    slots = suggest_slots(after=friday, tz="Europe/Amsterdam", count=3)
    assert [s.date().isoformat() for s in slots] == ["2026-05-18", "2026-05-19", "2026-05-20"]
    assert all(s.hour == 10 and s.minute == 0 and s.tzinfo is not None for s in slots)
    assert all(s.weekday() < 5 for s in slots)


def test_suggest_slots_across_dst_keep_local_hour() -> None:
    after = datetime(2026, 3, 26, 12, tzinfo=AMS)  # Thursday before the change
    slots = suggest_slots(after=after, tz="Europe/Amsterdam", count=3, hour=9)
    assert [s.date().isoformat() for s in slots] == ["2026-03-27", "2026-03-30", "2026-03-31"]
    assert [s.hour for s in slots] == [9, 9, 9]
    assert [s.utcoffset() for s in slots] == [
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2),
    ]
    assert slots[0].astimezone(UTC).hour == 8 and slots[1].astimezone(UTC).hour == 7


def test_suggest_slots_uses_local_date_of_after() -> None:
    # Sunday 23:30 UTC is already Monday 01:30 in Amsterdam: first slot is Tuesday.
    after = datetime(2026, 5, 17, 23, 30, tzinfo=UTC)
    slots = suggest_slots(after=after, tz="Europe/Amsterdam", count=1)
    assert slots[0].date().isoformat() == "2026-05-19"
    ny = suggest_slots(after=after, tz="America/New_York", count=1, hour=14)
    assert ny[0].date().isoformat() == "2026-05-18"
    assert ny[0].utcoffset() == timedelta(hours=-4)


def test_suggest_slots_arguments() -> None:
    after = datetime(2026, 5, 15, 16, tzinfo=AMS)
    assert suggest_slots(after=after, tz="Europe/Amsterdam", count=0) == []
    assert len(suggest_slots(after=after, tz="Europe/Amsterdam", count=12)) == 12
    with pytest.raises(ValueError):
        suggest_slots(after=after, tz="Europe/Amsterdam", hour=24)
    with pytest.raises(ValueError):
        suggest_slots(after=after, tz="Europe/Amsterdam", count=-1)
