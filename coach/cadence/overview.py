"""Team overview for the current year: rhythm per person plus the themes discussed in 1:1s.

"Covered" means talked about in a conversation: a theme counts when coach.topics.classify
finds it in the summary of a 1:1 held this year (or in a note filed with that meeting), or
when the meeting was tagged with it. Loose notes are observations, not conversations, so they
do not count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from coach.cadence.core import as_utc, local_date
from coach.cadence.service import CadenceService
from coach.container import Container
from coach.storage import repo
from coach.storage.models import Note
from coach.topics import TOPICS, classify


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
    topics: tuple[str, ...]  # in coach.topics.TOPICS order

    @property
    def behind(self) -> bool:
        return self.count_this_year < self.min_per_year

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "person": self.person,
            "last": self.last.isoformat() if self.last else None,
            "next_due": self.next_due.isoformat(),
            "status": self.status,
            "count_this_year": self.count_this_year,
            "min_per_year": self.min_per_year,
            "topics": list(self.topics),
        }


def topics_this_year(
    c: Container, manager_id: int, now: dt.datetime | None = None
) -> dict[int, tuple[str, ...]]:
    """Per person id: the themes of this year's held 1:1s, in TOPICS order."""
    moment = as_utc(now or dt.datetime.now(dt.UTC))
    tz = c.settings.timezone
    year = local_date(moment, tz).year
    found: dict[int, set[str]] = {}
    with c.db.session() as s:
        held = {
            m.id: m
            for m in repo.list_meetings(s, manager_id)
            if as_utc(m.held_at) <= moment and local_date(m.held_at, tz).year == year
        }
        for m in held.values():
            bucket = found.setdefault(m.person_id, set())
            bucket |= classify(m.summary or "")
            bucket |= {t for t in (m.topics or []) if t in TOPICS}
        if held:
            q = select(Note.meeting_id, Note.text).where(
                Note.manager_id == manager_id, Note.meeting_id.in_(list(held))
            )
            for meeting_id, text in s.execute(q):
                if meeting_id in held:
                    found.setdefault(held[meeting_id].person_id, set()).update(classify(text))
    return {pid: tuple(t for t in TOPICS if t in seen) for pid, seen in found.items()}


def team_overview(
    c: Container, manager_id: int, now: dt.datetime | None = None
) -> list[PersonOverview]:
    """Every person in the manager's team (sorted by name) with this year's 1:1 figures."""
    moment = now or dt.datetime.now(dt.UTC)
    topics = topics_this_year(c, manager_id, moment)
    return [
        PersonOverview(
            person_id=int(row["person_id"]),
            person=str(row["person"]),
            last=dt.date.fromisoformat(row["last"]) if row["last"] else None,
            next_due=dt.date.fromisoformat(row["next_due"]),
            status=str(row["status"]),
            count_this_year=int(row["count_this_year"]),
            min_per_year=int(row["min_per_year"]),
            topics=topics.get(int(row["person_id"]), ()),
        )
        for row in CadenceService(c).team(manager_id, moment)
    ]
