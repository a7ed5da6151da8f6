"""Team overview for the current year: rhythm per person plus the themes discussed lately.

The themes are exactly the ones the prep brief shows as covered (coach.prep.coverage over the
person's notes and held 1:1s, last GAP_DAYS days), so the overview and the brief never
disagree about what was discussed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass

from sqlalchemy import select

from coach.cadence.core import as_utc, local_date
from coach.cadence.service import CadenceService
from coach.clock import Clock
from coach.jsonable import jsonable
from coach.prep.coverage import Dated, coverage
from coach.prep.models import GAP_DAYS
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import Note


@dataclass(frozen=True)
class PersonOverview:
    """One row of the team overview (dates are the manager's local dates)."""

    person_id: int
    person: str
    last: dt.date | None
    next_due: dt.date
    status: str
    count_this_year: int
    min_per_year: int
    topics: tuple[str, ...]  # covered as in the prep brief, in CORE_TOPICS order

    @property
    def behind(self) -> bool:
        return self.count_this_year < self.min_per_year

    def to_dict(self) -> dict[str, object]:
        return jsonable(self)


@dataclass(frozen=True)
class OverviewService:
    """The team overview: rhythm per person (CadenceService) plus the themes covered lately."""

    db: Database
    cadence: CadenceService
    _: KW_ONLY
    timezone: str
    now: Clock

    def topics_this_year(
        self, manager_id: int, now: dt.datetime | None = None
    ) -> dict[int, tuple[str, ...]]:
        """Per person id: the themes the prep brief counts as covered today, in CORE_TOPICS order
        (the name is kept for callers; the window is the brief's, not the calendar year)."""
        moment = as_utc(now or self.now())
        tz = self.timezone
        today = local_date(moment, tz)
        since = today - dt.timedelta(days=GAP_DAYS)
        dated: dict[int, list[Dated]] = {}
        with self.db.session() as s:
            for m in repo.list_meetings(s, manager_id):
                day = local_date(m.held_at, tz)
                if as_utc(m.held_at) <= moment and day >= since:
                    row = Dated("meeting", m.id, day, m.summary or "", "", tuple(m.topics or ()))
                    dated.setdefault(m.person_id, []).append(row)
            q = select(Note.id, Note.person_id, Note.date, Note.text, Note.content_hash).where(
                Note.manager_id == manager_id, Note.date >= since, Note.date <= today
            )
            for nid, pid, day, text, key in s.execute(q):
                dated.setdefault(pid, []).append(Dated("note", nid, day, text, key))
        out: dict[int, tuple[str, ...]] = {}
        for pid, rows in dated.items():
            out[pid] = tuple(st.topic for st in coverage(rows, today) if not st.gap)
        return out

    def team(self, manager_id: int, now: dt.datetime | None = None) -> list[PersonOverview]:
        """Every person in the manager's team (sorted by name) with this year's 1:1 figures."""
        moment = now or self.now()
        topics = self.topics_this_year(manager_id, moment)
        return [
            PersonOverview(
                person_id=row.person.id,
                person=row.person.name,
                last=row.cadence.last,
                next_due=row.cadence.next_due,
                status=row.cadence.status,
                count_this_year=row.cadence.count_this_year,
                min_per_year=row.cadence.min_per_year,
                topics=topics.get(row.person.id, ()),
            )
            for row in self.cadence.team(manager_id, moment)
        ]
