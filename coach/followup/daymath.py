"""Calendar arithmetic for due dates (weeks, months, quarters, holidays); pure functions."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta


def next_weekday(ref: date, weekday: int) -> date:
    days = (weekday - ref.weekday()) % 7
    return ref + timedelta(days=days or 7)


def week_day(ref: date, weekday: int, weeks_ahead: int) -> date:
    monday = ref - timedelta(days=ref.weekday())
    return monday + timedelta(days=7 * weeks_ahead + weekday)


def end_of_week(ref: date) -> date:
    return week_day(ref, 4, 0 if ref.weekday() <= 4 else 1)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(ref: date, months: int) -> date:
    total = ref.month - 1 + months
    year, month = ref.year + total // 12, total % 12 + 1
    return date(year, month, min(ref.day, calendar.monthrange(year, month)[1]))


def add_workdays(ref: date, days: int) -> date:
    current = ref
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


def upcoming(ref: date, make: Callable[[int], date | None]) -> date | None:
    """First date made for ref's year or a later one that is on or after ref."""
    for year in range(ref.year, ref.year + 9):
        made = make(year)
        if made is not None and made >= ref:
            return made
    return None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def before_summer(ref: date) -> date | None:
    def make(y: int) -> date:
        july = date(y, 7, 1)
        return july - timedelta(days=(july.weekday() - 4) % 7 or 7)

    return upcoming(ref, make)


def after_summer(ref: date) -> date | None:
    return upcoming(
        ref, lambda y: date(y, 9, 1) + timedelta(days=(0 - date(y, 9, 1).weekday()) % 7)
    )


def before_christmas(ref: date) -> date | None:
    def make(y: int) -> date:
        day = date(y, 12, 24)
        while day.weekday() > 4:
            day -= timedelta(days=1)
        return day

    return upcoming(ref, make)


def quarter_of(ref: date, ahead: int) -> date:
    index = (ref.month - 1) // 3 + ahead
    return quarter_end(ref.year + index // 4, index % 4 + 1)
