"""Working days for planning 1:1s: Monday to Friday, minus the Dutch public holidays on which
most organisations are closed.

Skipped: Nieuwjaarsdag, Tweede Paasdag, Koningsdag (26 April when the 27th is a Sunday),
Bevrijdingsdag in lustrum years (the year most collective agreements give it off),
Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede Kerstdag. Goede Vrijdag is a working
day for most and is not skipped. Pure functions, no data files.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def dutch_public_holidays(year: int) -> frozenset[date]:
    sunday = easter(year)
    kings = date(year, 4, 27)
    days = {
        date(year, 1, 1),
        sunday + timedelta(days=1),  # Tweede Paasdag
        kings - timedelta(days=1) if kings.weekday() == 6 else kings,
        sunday + timedelta(days=39),  # Hemelvaartsdag
        sunday + timedelta(days=50),  # Tweede Pinksterdag
        date(year, 12, 25),
        date(year, 12, 26),
    }
    if year % 5 == 0:
        days.add(date(year, 5, 5))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in dutch_public_holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
