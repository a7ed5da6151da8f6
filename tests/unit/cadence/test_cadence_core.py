"""Cadence arithmetic: local dates, DST, year boundaries, leap years, planned meetings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.cadence import MIN_PER_YEAR, Cadence, compute_cadence, due_people, local_date
from coach.cadence.core import is_onboarding

AMS = "Europe/Amsterdam"
NY = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def local(tz: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(tz))  # type: ignore[misc]


# --- local dates around DST --------------------------------------------------------------


def test_local_date_spring_forward_amsterdam() -> None:
    # 29 March 2026 is the last Sunday of March: CET (+1) before, CEST (+2) after.
    assert local_date(utc(2026, 3, 28, 23, 30), AMS) == date(2026, 3, 29)
    assert local_date(utc(2026, 3, 29, 22, 30), AMS) == date(2026, 3, 30)
    assert local_date(utc(2026, 3, 29, 21, 59), AMS) == date(2026, 3, 29)


def test_local_date_fall_back_amsterdam() -> None:
    # 25 October 2026 is the last Sunday of October: CEST (+2) before, CET (+1) after.
    assert local_date(utc(2026, 10, 24, 22, 30), AMS) == date(2026, 10, 25)
    assert local_date(utc(2026, 10, 24, 21, 30), AMS) == date(2026, 10, 24)
    assert local_date(utc(2026, 10, 25, 22, 30), AMS) == date(2026, 10, 25)
    assert local_date(utc(2026, 10, 25, 23, 30), AMS) == date(2026, 10, 26)


def test_local_date_new_york_dst() -> None:
    # New York: DST starts 8 March 2026 (EST -5 -> EDT -4), ends 1 November 2026.
    assert local_date(utc(2026, 3, 8, 4, 30), NY) == date(2026, 3, 7)
    assert local_date(utc(2026, 3, 9, 3, 30), NY) == date(2026, 3, 8)
    assert local_date(utc(2026, 3, 9, 4, 30), NY) == date(2026, 3, 9)
    assert local_date(utc(2026, 11, 2, 4, 30), NY) == date(2026, 11, 1)
    assert local_date(utc(2026, 11, 2, 5, 30), NY) == date(2026, 11, 2)


def test_last_meeting_uses_local_calendar_date() -> None:
    meeting = utc(2026, 3, 28, 23, 30)  # 00:30 on 29 March in Amsterdam, 19:30 on 28 in NY
    now = utc(2026, 4, 1, 12)
    assert compute_cadence([meeting], target_days=14, now=now, tz=AMS).last == date(2026, 3, 29)
    assert compute_cadence([meeting], target_days=14, now=now, tz=NY).last == date(2026, 3, 28)


def test_next_due_across_spring_forward_is_whole_local_days() -> None:
    meeting = local(AMS, 2026, 3, 20, 9)  # CET
    # 09:30 CEST on 3 April: exactly 14 local days later, due today.
    c = compute_cadence([meeting], target_days=14, now=utc(2026, 4, 3, 7, 30), tz=AMS)
    assert (c.next_due, c.due_in_days, c.status) == (date(2026, 4, 3), 0, "due")
    # 22:30 UTC on 3 April is already 4 April local: one day overdue (UTC dates would say 0).
    c = compute_cadence([meeting], target_days=14, now=utc(2026, 4, 3, 22, 30), tz=AMS)
    assert (c.overdue_days, c.due_in_days, c.status) == (1, -1, "overdue")


def test_next_due_across_fall_back() -> None:
    meeting = local(AMS, 2026, 10, 20, 23, 30)  # CEST, 21:30 UTC
    c = compute_cadence([meeting], target_days=7, now=utc(2026, 10, 27, 22, 59), tz=AMS)
    # 22:59 UTC on 27 Oct is 23:59 CET: still the due day.
    assert (c.last, c.next_due, c.status) == (date(2026, 10, 20), date(2026, 10, 27), "due")
    c = compute_cadence([meeting], target_days=7, now=utc(2026, 10, 27, 23, 0), tz=AMS)
    assert c.status == "overdue" and c.overdue_days == 1


def test_new_york_cadence_across_dst_start() -> None:
    meeting = local(NY, 2026, 3, 6, 21)  # Friday 21:00 EST = 02:00 UTC on 7 March
    c = compute_cadence([meeting], target_days=3, now=local(NY, 2026, 3, 9, 23, 30), tz=NY)
    assert c.last == date(2026, 3, 6)
    assert c.next_due == date(2026, 3, 9)
    assert c.status == "due" and c.due_in_days == 0
    # Same instants seen from Amsterdam: meeting on 7 March, "now" is 10 March local.
    c = compute_cadence([meeting], target_days=3, now=local(NY, 2026, 3, 9, 23, 30), tz=AMS)
    assert (c.last, c.next_due, c.due_in_days) == (date(2026, 3, 7), date(2026, 3, 10), 0)


# --- year boundary -----------------------------------------------------------------------


def test_meeting_on_new_years_eve_utc_counts_for_new_local_year() -> None:
    meeting = utc(2025, 12, 31, 23, 30)  # 00:30 on 1 January 2026 in Amsterdam
    now = utc(2026, 1, 15, 12)
    ams = compute_cadence([meeting], target_days=30, now=now, tz=AMS)
    assert ams.last == date(2026, 1, 1)
    assert ams.count_this_year == 1
    ny = compute_cadence([meeting], target_days=30, now=now, tz=NY)
    assert ny.last == date(2025, 12, 31)
    assert ny.count_this_year == 0


def test_now_just_after_local_midnight_starts_a_new_year() -> None:
    meetings = [utc(2025, 12, 31, 10), utc(2025, 6, 1, 10)]
    now = utc(2025, 12, 31, 23, 10)  # 00:10 on 1 January 2026 in Amsterdam
    assert compute_cadence(meetings, target_days=30, now=now, tz=AMS).count_this_year == 0
    assert compute_cadence(meetings, target_days=30, now=now, tz=NY).count_this_year == 2


def test_count_this_year_only_counts_held_meetings() -> None:
    now = utc(2026, 6, 1, 12)
    meetings = [
        utc(2025, 11, 1, 9),
        utc(2026, 1, 10, 9),
        utc(2026, 3, 10, 9),
        utc(2026, 6, 1, 12),  # exactly now: held
        utc(2026, 7, 1, 9),  # planned
    ]
    c = compute_cadence(meetings, target_days=42, now=now, tz=AMS)
    assert c.count_this_year == 3
    assert c.min_per_year == MIN_PER_YEAR == 4
    assert c.behind_on_year is True
    assert c.last == date(2026, 6, 1)
    assert c.planned == date(2026, 7, 1)


# --- leap years --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "target", "expected"),
    [
        (date(2028, 2, 29), 28, date(2028, 3, 28)),
        (date(2028, 2, 1), 28, date(2028, 2, 29)),
        (date(2028, 2, 29), 365, date(2029, 2, 28)),
        (date(2028, 2, 28), 1, date(2028, 2, 29)),
        (date(2027, 2, 28), 1, date(2027, 3, 1)),
        (date(2028, 1, 31), 90, date(2028, 4, 30)),
    ],
)
def test_leap_year_arithmetic(last: date, target: int, expected: date) -> None:
    meeting = local(AMS, last.year, last.month, last.day, 10)
    c = compute_cadence([meeting], target_days=target, now=meeting + timedelta(hours=1), tz=AMS)
    assert c.last == last
    assert c.next_due == expected
    assert c.due_in_days == (expected - last).days == target


def test_leap_day_meeting_late_evening_in_amsterdam() -> None:
    meeting = utc(2028, 2, 29, 23, 15)  # already 1 March 2028 local
    c = compute_cadence([meeting], target_days=28, now=utc(2028, 3, 2, 9), tz=AMS)
    assert c.last == date(2028, 3, 1)
    assert c.next_due == date(2028, 3, 29)


# --- never met, planned, due window ------------------------------------------------------


def test_never_met_is_due_today() -> None:
    now = utc(2026, 5, 4, 8)
    c = compute_cadence([], target_days=30, now=now, tz=AMS)
    assert c.status == "never"
    assert c.last is None and c.planned is None
    assert c.next_due == date(2026, 5, 4)
    assert (c.overdue_days, c.due_in_days, c.count_this_year) == (0, 0, 0)


def test_never_met_with_start_date() -> None:
    now = utc(2026, 5, 4, 8)
    past = compute_cadence([], target_days=30, now=now, start_date=date(2026, 1, 1))
    assert past.next_due == date(2026, 5, 4) and past.status == "never"
    future = compute_cadence([], target_days=30, now=now, start_date=date(2026, 6, 1))
    assert future.next_due == date(2026, 6, 1)
    assert future.due_in_days == 28 and future.status == "never"


def test_never_met_but_first_meeting_planned_keeps_never_status() -> None:
    now = utc(2026, 5, 4, 8)
    c = compute_cadence([utc(2026, 5, 6, 9)], target_days=30, now=now)
    assert c.status == "never"
    assert c.planned == date(2026, 5, 6)
    assert c.count_this_year == 0


def test_planned_meeting_before_next_due_makes_status_ok() -> None:
    now = local(AMS, 2026, 5, 10, 12)
    last = local(AMS, 2026, 4, 12, 10)  # next_due 12 May, 2 days away: due
    assert compute_cadence([last], target_days=30, now=now).status == "due"
    planned = local(AMS, 2026, 5, 12, 15)
    c = compute_cadence([last, planned], target_days=30, now=now)
    assert c.status == "ok"
    assert c.planned == date(2026, 5, 12)
    assert c.last == date(2026, 4, 12)


def test_planned_meeting_after_next_due_does_not_hide_overdue() -> None:
    now = local(AMS, 2026, 5, 10, 12)
    last = local(AMS, 2026, 3, 1, 10)  # due 31 March
    later = local(AMS, 2026, 5, 20, 10)
    c = compute_cadence([later, last], target_days=30, now=now)
    assert c.status == "overdue"
    assert c.overdue_days == 40
    assert c.planned == date(2026, 5, 20)


def test_planned_meeting_later_today_counts_as_planned() -> None:
    now = local(AMS, 2026, 5, 12, 9)
    c = compute_cadence(
        [local(AMS, 2026, 4, 12, 10), local(AMS, 2026, 5, 12, 14)], target_days=30, now=now
    )
    assert c.last == date(2026, 4, 12)
    assert c.planned == date(2026, 5, 12)
    assert c.status == "ok"


@pytest.mark.parametrize(
    ("days_since", "window", "status", "due_in"),
    [
        (20, 3, "ok", 10),
        (26, 3, "ok", 4),
        (27, 3, "due", 3),
        (30, 3, "due", 0),
        (31, 3, "overdue", -1),
        (29, 0, "ok", 1),
        (30, 0, "due", 0),
        (23, 7, "due", 7),
    ],
)
def test_due_window(days_since: int, window: int, status: str, due_in: int) -> None:
    now = local(AMS, 2026, 9, 15, 12)
    last = now - timedelta(days=days_since)
    c = compute_cadence([last], target_days=30, now=now, due_window_days=window)
    assert c.status == status
    assert c.due_in_days == due_in
    assert c.overdue_days == max(0, -due_in)


def test_naive_datetimes_are_utc() -> None:
    aware = compute_cadence([utc(2026, 3, 28, 23, 30)], target_days=10, now=utc(2026, 4, 2))
    naive = compute_cadence(
        [datetime(2026, 3, 28, 23, 30)], target_days=10, now=datetime(2026, 4, 2)
    )
    assert aware == naive
    assert naive.last == date(2026, 3, 29)


def test_meeting_exactly_at_now_is_held_and_one_second_later_is_planned() -> None:
    now = utc(2026, 2, 2, 9)
    held = compute_cadence([now], target_days=14, now=now)
    assert held.last == date(2026, 2, 2) and held.planned is None
    planned = compute_cadence([now + timedelta(seconds=1)], target_days=14, now=now)
    assert planned.last is None and planned.planned == date(2026, 2, 2)


def test_invalid_arguments() -> None:
    now = utc(2026, 1, 1)
    with pytest.raises(ValueError):
        compute_cadence([], target_days=0, now=now)
    with pytest.raises(ValueError):
        compute_cadence([], target_days=14, now=now, due_window_days=-1)
    with pytest.raises(Exception):  # noqa: B017 - ZoneInfoNotFoundError subclasses KeyError
        compute_cadence([], target_days=14, now=now, tz="Mars/Olympus_Mons")


def test_to_dict_is_json_friendly() -> None:
    c = compute_cadence(
        [utc(2026, 1, 5, 9), utc(2026, 2, 20, 9)], target_days=30, now=utc(2026, 2, 1)
    )
    d = c.to_dict()
    assert d == {
        "last": "2026-01-05",
        "next_due": "2026-02-04",
        "overdue_days": 0,
        "due_in_days": 3,
        "count_this_year": 1,
        "min_per_year": 4,
        "target_days": 30,
        "status": "due",
        "planned": "2026-02-20",
        "behind_on_year": True,
        "onboarding": False,
    }


# --- due_people --------------------------------------------------------------------------


def _c(status: str, due_in: int) -> Cadence:
    return Cadence(
        last=None if status == "never" else date(2026, 1, 1),
        next_due=date(2026, 6, 1) + timedelta(days=due_in),
        overdue_days=max(0, -due_in),
        due_in_days=due_in,
        count_this_year=1,
        min_per_year=4,
        target_days=30,
        status=status,  # type: ignore[arg-type]
    )


def test_due_people_most_overdue_first() -> None:
    cadences = {
        "ok": _c("ok", 10),
        "due2": _c("due", 2),
        "late5": _c("overdue", -5),
        "never": _c("never", 0),
        "due0": _c("due", 0),
        "late40": _c("overdue", -40),
    }
    assert due_people(cadences) == ["late40", "late5", "never", "due0", "due2"]
    assert due_people({}) == []
    assert due_people({"a": _c("ok", 1)}) == []


def test_due_people_from_computed_cadences() -> None:
    now = utc(2026, 6, 1, 10)
    cadences = {
        "anna": compute_cadence([now - timedelta(days=60)], target_days=30, now=now),
        "bram": compute_cadence([now - timedelta(days=5)], target_days=30, now=now),
        "cem": compute_cadence([], target_days=30, now=now),
        "dewi": compute_cadence([now - timedelta(days=29)], target_days=30, now=now),
        "eva": compute_cadence([now - timedelta(days=45)], target_days=30, now=now),
    }
    assert due_people(cadences) == ["anna", "eva", "cem", "dewi"]


# --- properties --------------------------------------------------------------------------


@given(
    offsets=st.lists(st.integers(min_value=-800 * 24, max_value=200 * 24), max_size=8),
    target=st.integers(min_value=1, max_value=400),
    tz=st.sampled_from([AMS, NY, "Asia/Kolkata", "Pacific/Auckland", "UTC"]),
)
def test_properties(offsets: list[int], target: int, tz: str) -> None:
    now = utc(2026, 3, 29, 1, 30)
    meetings = [now + timedelta(hours=h) for h in offsets]
    c = compute_cadence(meetings, target_days=target, now=now, tz=tz)
    today = now.astimezone(ZoneInfo(tz)).date()
    assert c.due_in_days == (c.next_due - today).days
    assert c.overdue_days == max(0, -c.due_in_days)
    held = [m for m in meetings if m <= now]
    if held:
        assert c.last == local_date(max(held), tz)
        assert c.next_due - c.last == timedelta(days=target)
        assert c.status != "never"
    else:
        assert c.status == "never" and c.last is None
    if c.status == "overdue":
        assert c.overdue_days > 0
    assert c.count_this_year <= len(held)


# --- issue 17: onboarding ---------------------------------------------------------------


def test_onboarding_shortens_the_interval_to_two_weeks() -> None:
    held = [utc(2026, 3, 2, 9)]
    c = compute_cadence(held, target_days=28, now=utc(2026, 3, 3), onboarding=True)
    assert c.onboarding and c.target_days == 14 and c.next_due == date(2026, 3, 16)
    shorter = compute_cadence(held, target_days=7, now=utc(2026, 3, 3), onboarding=True)
    assert shorter.target_days == 7  # a person's own shorter interval is kept
    routine = compute_cadence(held, target_days=28, now=utc(2026, 3, 3))
    assert not routine.onboarding and routine.next_due == date(2026, 3, 30)


def test_is_onboarding_start_date_wins_over_meeting_count() -> None:
    today = date(2026, 3, 3)
    assert is_onboarding(today - timedelta(days=20), 5, today)
    assert not is_onboarding(today - timedelta(days=90), 0, today)
    assert is_onboarding(None, 2, today) and not is_onboarding(None, 3, today)
