"""1:1 cadence arithmetic: when was the last conversation, when is the next one due.

All day arithmetic happens on *local calendar dates* in the manager's time zone, so DST changes
never shift a due date by an hour-induced day, and a meeting at 23:30 UTC on 31 December counts
for the new year in Amsterdam. Stored timestamps are UTC (aware) or naive UTC.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from coach.clock import as_utc as as_utc  # re-exported: the one UTC/local-date mechanism
from coach.clock import local_date as local_date

MIN_PER_YEAR = 4
"""Het goede gesprek: at least four real conversations per employee per year."""

ONBOARDING_DAYS = 90
"""A new hire is onboarding for the first 90 days after the start date."""
ONBOARDING_MIN_MEETINGS = 3
"""Without a start date, someone with fewer than three 1:1s is treated as onboarding."""
ONBOARDING_INTERVAL = 14
"""During onboarding the next 1:1 is due two weeks after the last (or sooner if the person's
own interval is shorter): knowledge/*/vragen-onboarding.md."""

Status = Literal["overdue", "due", "ok", "never"]

_STATUS_RANK: dict[str, int] = {"overdue": 0, "never": 1, "due": 2, "ok": 3}


@dataclass(frozen=True)
class Cadence:
    """The rhythm of one manager-employee pair as seen on the local date of `now`."""

    last: date | None
    next_due: date
    overdue_days: int
    due_in_days: int
    count_this_year: int
    min_per_year: int
    target_days: int
    status: Status
    planned: date | None = None
    onboarding: bool = False

    @property
    def behind_on_year(self) -> bool:
        """True while fewer conversations were held this year than the yearly minimum."""
        return self.count_this_year < self.min_per_year

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly dict (dates as ISO strings)."""
        return {
            "last": self.last.isoformat() if self.last else None,
            "next_due": self.next_due.isoformat(),
            "overdue_days": self.overdue_days,
            "due_in_days": self.due_in_days,
            "count_this_year": self.count_this_year,
            "min_per_year": self.min_per_year,
            "target_days": self.target_days,
            "status": self.status,
            "planned": self.planned.isoformat() if self.planned else None,
            "behind_on_year": self.behind_on_year,
            "onboarding": self.onboarding,
        }


def is_onboarding(start_date: date | None, held_count: int, today: date) -> bool:
    """Started fewer than ONBOARDING_DAYS ago, or (no start date) fewer than three 1:1s held.

    A start date wins over the meeting count: a long-standing employee whose older 1:1s were
    never recorded here is not a new hire.
    """
    if start_date is not None:
        return 0 <= (today - start_date).days < ONBOARDING_DAYS or start_date > today
    return held_count < ONBOARDING_MIN_MEETINGS


def onboarding_interval(start_date: date | None, today: date) -> bool:
    """Whether the shorter onboarding interval applies: only with a known, recent start date.

    Without a start date, "fewer than three 1:1s" marks a brief as onboarding, but it is too
    weak a sign to change someone's rhythm (a long-standing employee just added to the app).
    """
    return start_date is not None and is_onboarding(start_date, 0, today)


def compute_cadence(
    meeting_times: Sequence[datetime],
    *,
    target_days: int,
    now: datetime,
    tz: str = "Europe/Amsterdam",
    start_date: date | None = None,
    due_window_days: int = 3,
    min_per_year: int = MIN_PER_YEAR,
    onboarding: bool = False,
) -> Cadence:
    """Compute the cadence for one employee.

    - Meetings at or before `now` are held; the latest one is `last`. Later ones are planned and
      the earliest of them is `planned`.
    - `next_due = last + target_days` (local calendar days, so leap days and DST are exact).
    - Never met: the first conversation is due today (status "never"); when `start_date` (start
      of the working relation) lies in the future, it is due on that day instead.
    - Status: "never" without a held meeting; otherwise "ok" when a meeting is planned on or
      before `next_due`; "overdue" after `next_due`; "due" within `due_window_days` of it.
    - `count_this_year` counts held meetings in the local calendar year of `now`.
    - `onboarding` (the caller decides, see `is_onboarding`): the interval shortens to
      ONBOARDING_INTERVAL days.
    """
    if target_days < 1:
        raise ValueError("target_days must be at least 1")
    if due_window_days < 0:
        raise ValueError("due_window_days must not be negative")
    zone = ZoneInfo(tz)  # raises ZoneInfoNotFoundError for an unknown zone
    now_utc = as_utc(now)
    today = now_utc.astimezone(zone).date()

    held: list[date] = []
    planned_dates: list[date] = []
    for moment in meeting_times:
        moment_utc = as_utc(moment)
        day = moment_utc.astimezone(zone).date()
        (held if moment_utc <= now_utc else planned_dates).append(day)

    last = max(held) if held else None
    planned = min(planned_dates) if planned_dates else None
    count_this_year = sum(1 for day in held if day.year == today.year)
    if onboarding:
        target_days = min(target_days, ONBOARDING_INTERVAL)

    status: Status
    if last is None:
        next_due = today if start_date is None or start_date <= today else start_date
        status = "never"
    else:
        next_due = last + timedelta(days=target_days)
        if planned is not None and planned <= next_due:
            status = "ok"
        elif today > next_due:
            status = "overdue"
        elif (next_due - today).days <= due_window_days:
            status = "due"
        else:
            status = "ok"

    due_in_days = (next_due - today).days
    return Cadence(
        last=last,
        next_due=next_due,
        overdue_days=max(0, -due_in_days),
        due_in_days=due_in_days,
        count_this_year=count_this_year,
        min_per_year=min_per_year,
        target_days=target_days,
        status=status,
        planned=planned,
        onboarding=onboarding,
    )


def due_people(cadences: Mapping[str, Cadence]) -> list[str]:
    """Ids that need a conversation (overdue, due or never met), most urgent first.

    Order: fewest days left first (most overdue on top); ties go overdue, never, due; then id,
    so the list is stable.
    """
    needing = [(pid, c) for pid, c in cadences.items() if c.status != "ok"]
    needing.sort(key=lambda item: (item[1].due_in_days, _STATUS_RANK[item[1].status], item[0]))
    return [pid for pid, _ in needing]
