"""The daily 1:1 nudge: who is due or overdue, shown at most once per day per manager.

The rule lives in SQL (`managers.nudged_on`, the manager's local date), not in a chat
session, so a second thread, a second browser tab or a server restart on the same day does
not repeat it. The claim is one conditional UPDATE, so two sessions starting at the same
moment cannot both win.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass

from sqlalchemy import CursorResult, or_, update

from coach.cadence.core import local_date
from coach.cadence.service import CadenceService, PersonCadence
from coach.clock import Clock
from coach.storage.db import Database
from coach.storage.models import Manager


@dataclass(frozen=True)
class NudgeItem:
    """One person who needs a 1:1: status is overdue, never or due."""

    person_id: int
    person: str
    status: str
    next_due: dt.date
    overdue_days: int
    last: dt.date | None


def _item(row: PersonCadence) -> NudgeItem:
    cad = row.cadence
    return NudgeItem(
        row.person.id, row.person.name, cad.status, cad.next_due, cad.overdue_days, cad.last
    )


@dataclass(frozen=True)
class NudgeService:
    """The once-a-day nudge of one manager, claimed in the manager's time zone."""

    db: Database
    cadence: CadenceService
    _: KW_ONLY
    timezone: str
    now: Clock

    def claim(self, manager_id: int, today: dt.date) -> bool:
        """Mark today's nudge as shown; True only for the first claim of `today`."""
        with self.db.session() as s:
            result = s.execute(  # an UPDATE: a cursor result, which counts its rows
                update(Manager)
                .where(
                    Manager.id == manager_id,
                    or_(Manager.nudged_on.is_(None), Manager.nudged_on != today),
                )
                .values(nudged_on=today)
            )
            return isinstance(result, CursorResult) and result.rowcount > 0

    def daily(self, manager_id: int, now: dt.datetime | None = None) -> list[NudgeItem]:
        """People to nudge about now, most urgent first; empty when nobody is due or the
        manager already got today's nudge. A day with nobody due does not use up the claim."""
        moment = now or self.now()
        due = self.cadence.due(manager_id, moment)
        if not due:
            return []
        if not self.claim(manager_id, local_date(moment, self.timezone)):
            return []
        return [_item(row) for row in due]
