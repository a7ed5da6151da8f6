"""Saved rehearsals per manager: the transcript, the debrief figures, and the trend over time.

Every function takes the manager's id and filters on it (ownership in one place, like
coach.storage.repo); another manager's rehearsal is simply "not found".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coach.rehearsal.debrief import Debrief
from coach.rehearsal.engine import RehearsalSession
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import RehearsalSession as RehearsalRow
from coach.storage.models import TranscriptLine


@dataclass(frozen=True)
class StoredRehearsal:
    """One saved rehearsal as the history and the trend chart see it."""

    id: int
    created_at: dt.datetime
    scenario: str
    difficulty: str
    language: str
    person_id: int | None
    transcript: list[TranscriptLine]
    debrief: Debrief

    @property
    def rq_ratio(self) -> float | None:
        return self.debrief.measures.reflection_to_question

    @property
    def open_share(self) -> float | None:
        return self.debrief.open_share

    @property
    def talk_share(self) -> float | None:
        return self.debrief.measures.talk_share


def _stored(row: RehearsalRow) -> StoredRehearsal:
    return StoredRehearsal(
        id=row.id,
        created_at=row.created_at,
        scenario=row.scenario,
        difficulty=row.difficulty,
        language=row.language,
        person_id=row.person_id,
        transcript=list(row.transcript or []),
        debrief=Debrief.from_dict(dict(row.metrics or {})),
    )


def save(db: Database, manager_id: int, session: RehearsalSession, debrief: Debrief) -> int:
    """Store a finished rehearsal; a persona's person must belong to this manager."""
    with db.session() as s:
        person_id = session.persona.person_id
        if person_id is not None:
            repo.get_person(s, manager_id, person_id)
        row = RehearsalRow(
            manager_id=manager_id,
            person_id=person_id,
            scenario=session.scenario_id,
            difficulty=session.difficulty,
            language=session.language,
            transcript=[
                {"speaker": t.speaker, "text": t.text, "source": t.source, "tension": t.tension}
                for t in session.turns
            ],
            metrics=debrief.to_dict(),
        )
        s.add(row)
        s.flush()
        return row.id


def history(db: Database, manager_id: int, limit: int = 50) -> list[StoredRehearsal]:
    """This manager's most recent rehearsals, oldest first (the order a trend is read in)."""
    with db.session() as s:
        q = (
            select(RehearsalRow)
            .where(RehearsalRow.manager_id == manager_id)
            .order_by(RehearsalRow.created_at.desc(), RehearsalRow.id.desc())
            .limit(limit)
        )
        return [_stored(r) for r in reversed(list(s.scalars(q)))]


def _owned(s: Session, manager_id: int, rehearsal_id: int) -> RehearsalRow:
    row = s.scalar(
        select(RehearsalRow).where(
            RehearsalRow.manager_id == manager_id, RehearsalRow.id == rehearsal_id
        )
    )
    if row is None:
        raise repo.NotFound("rehearsal", rehearsal_id)
    return row


def get(db: Database, manager_id: int, rehearsal_id: int) -> StoredRehearsal:
    with db.session() as s:
        return _stored(_owned(s, manager_id, rehearsal_id))


def delete(db: Database, manager_id: int, rehearsal_id: int) -> None:
    """Remove one saved rehearsal (its transcript, the card in it and its figures)."""
    with db.session() as s:
        s.delete(_owned(s, manager_id, rehearsal_id))
