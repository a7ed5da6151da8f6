"""The one wall clock: services take a `Clock` so tests and evals can pin the time.

Only the wiring (the container, the CLI, the app) passes the real `utc_now`; a service asks
its injected clock and turns the moment into the manager's day with `today_in`. `as_utc` and
`local_date` live here (coach.cadence.core re-exports them) so the container can import
the clock without the calendar code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """Now, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """Aware datetime in UTC; naive input is taken to be UTC (how storage keeps it)."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def local_date(moment: dt.datetime, tz: str) -> dt.date:
    """The calendar date of `moment` in time zone `tz`."""
    return as_utc(moment).astimezone(ZoneInfo(tz)).date()


def today_in(clock: Clock, timezone: str) -> dt.date:
    """The calendar day of `clock()` in `timezone` (the manager's day, not the server's)."""
    return local_date(clock(), timezone)
