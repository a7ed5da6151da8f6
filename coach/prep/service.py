"""Pre-meeting prep: a cited brief for one employee, and cited answers to follow-up questions.

Deterministic on purpose (the default LLM is too weak to be trusted with facts): every line
is built from this manager's rows or the knowledge base, and says where it came from. The
brief reads each table once and never touches the vector index, so it stays fast on long
histories; only `followup` searches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from coach.cadence.core import (
    Cadence,
    compute_cadence,
    is_onboarding,
    local_date,
    onboarding_interval,
)
from coach.clock import Clock, today_in, utc_now
from coach.i18n import normalise_language
from coach.knowledge.entries import KNOWLEDGE_DIR
from coach.prep import plan
from coach.prep import sections as build
from coach.prep.agenda import DEFAULT_MINUTES
from coach.prep.attention import find_attention
from coach.prep.coverage import Dated, coverage
from coach.prep.models import GAP_DAYS, Answer, Brief, Citation
from coach.prep.questions import banks_by_topic, load_banks
from coach.prep.sources import SourceKey, SourceRecord, load_sources
from coach.storage import repo
from coach.storage.models import ActionItem, CheckIn, Manager, Meeting, Note, Person
from coach.team.lookup import PersonRef, person_or_error

if TYPE_CHECKING:
    from coach.knowledge.service import KnowledgeBase
    from coach.retrieval.service import Retriever
    from coach.settings import Settings
    from coach.storage.db import Database


@dataclass(frozen=True)
class NoteRow:
    """The columns of a note the brief needs (a projection: no ORM objects, no joins)."""

    id: int
    date: dt.date
    source: str
    meeting_id: int | None
    content_hash: str
    text: str


@dataclass(frozen=True)
class PrepData:
    """Everything one brief reads, loaded in one session with one query per table."""

    person: Person
    notes: list[NoteRow]
    meetings: list[tuple[Meeting, dt.date]]  # (meeting, local date), newest first
    actions: list[ActionItem]
    checkin: tuple[CheckIn, dt.date] | None


def load_notes(s: Session, manager_id: int, person_id: int, until: dt.date) -> list[NoteRow]:
    """One person's notes up to `until`, newest first, filtered on the manager's id."""
    q = (
        select(Note.id, Note.date, Note.source, Note.meeting_id, Note.content_hash, Note.text)
        .where(Note.manager_id == manager_id, Note.person_id == person_id, Note.date <= until)
        .order_by(Note.date.desc(), Note.id.desc())
    )
    return [NoteRow(*row) for row in s.execute(q)]


class SearchParts(Protocol):
    """What `followup` searches, read only when first asked (the container satisfies it and
    builds each part lazily; prep never imports the container itself)."""

    @property
    def retriever(self) -> Retriever: ...
    @property
    def knowledge(self) -> KnowledgeBase: ...


@dataclass(frozen=True)
class PrepService:
    """The brief reads settings and the database only; `followup` also searches, so the
    retriever and the knowledge base come as `search` parts that load only when first asked."""

    settings: Settings
    db: Database
    _: KW_ONLY
    search: SearchParts | None = None
    now: Clock = utc_now

    # --- public API ---------------------------------------------------------------------

    def build(
        self,
        manager_id: int,
        person_ref: str | int,
        *,
        today: dt.date | None = None,
        language: str | None = None,
    ) -> Brief:
        """The brief for one employee as of `today` (default: today in the settings' zone)."""
        today = today or today_in(self.now, self.settings.timezone)
        with self.db.session() as s:
            lang = self._language(s, manager_id, language)
            data = self._load(s, manager_id, person_ref, today)
            return self._assemble(data, today, lang)

    def sources(
        self,
        manager_id: int,
        citations: Sequence[Citation],
        language: str,
        knowledge: KnowledgeBase | None = None,
    ) -> dict[SourceKey, SourceRecord]:
        """The records behind `citations`, this manager's rows only; `knowledge` is the
        knowledge base when it is already loaded (None: the Markdown files are read)."""
        return load_sources(
            self.db, self.settings.timezone, knowledge, manager_id, citations, language
        )

    def followup(
        self,
        manager_id: int,
        person_ref: str | int,
        question: str,
        language: str | None = None,
    ) -> Answer:
        """Answer a question about one employee from their notes plus one question bank."""
        with self.db.session() as s:
            lang = self._language(s, manager_id, language)
            person = person_or_error(s, manager_id, person_ref)
            ref = PersonRef(person.id, person.name)
        if self.search is None:
            raise RuntimeError("PrepService.followup needs a retriever and a knowledge base")
        passages = self.search.retriever.search(manager_id, question, person_id=ref.id, k=3)
        return build.followup_answer(self.search.knowledge, ref, question, passages, lang)

    # --- loading ------------------------------------------------------------------------

    def _language(self, s: Session, manager_id: int, language: str | None) -> str:
        if language:
            return normalise_language(language, self.settings.default_language)
        m = s.get(Manager, manager_id)
        default = self.settings.default_language
        return normalise_language(m.language if m else None, default)

    def _load(self, s: Session, manager_id: int, ref: str | int, today: dt.date) -> PrepData:
        tz = self.settings.timezone
        person = person_or_error(s, manager_id, ref)
        meetings = [
            (m, local_date(m.held_at, tz)) for m in repo.list_meetings(s, manager_id, person.id)
        ]
        actions = repo.list_action_items(s, manager_id, person_id=person.id, status="open")
        checkin = next(
            (
                (c, local_date(c.submitted_at, tz))
                for c in repo.list_checkins(s, manager_id, person.id)
                if local_date(c.submitted_at, tz) <= today
            ),
            None,
        )
        notes = load_notes(s, manager_id, person.id, today)
        return PrepData(person, notes, meetings, actions, checkin)

    # --- assembling ---------------------------------------------------------------------

    def _cadence(self, data: PrepData, today: dt.date, onboarding: bool) -> Cadence:
        tz = self.settings.timezone
        start_of_today = dt.datetime.combine(today, dt.time(0, 0), tzinfo=ZoneInfo(tz))
        return compute_cadence(
            [m.held_at for m, _ in data.meetings],
            target_days=data.person.cadence_days or self.settings.cadence_days,
            now=start_of_today,
            tz=tz,
            start_date=data.person.start_date,
            onboarding=onboarding,
        )

    def _assemble(self, data: PrepData, today: dt.date, lang: str) -> Brief:
        person = data.person
        past = [(m, d) for m, d in data.meetings if d < today]
        last = past[0] if past else None
        since = last[1] if last else None
        dated = [Dated("note", n.id, n.date, n.text, n.content_hash) for n in data.notes] + [
            Dated("meeting", m.id, d, m.summary, "", tuple(m.topics or ())) for m, d in past
        ]
        statuses = coverage(dated, today)
        since_last = build.since_last(since_last_rows(data.notes, since, today), since, lang)
        open_actions = build.open_actions(
            data.actions, {m.id: d for m, d in data.meetings}, person.name, today, lang
        )
        new_hire = is_onboarding(person.start_date, len(past), today)
        cadence = self._cadence(data, today, onboarding_interval(person.start_date, today))
        meeting_dates = {m.id: d for m, d in data.meetings}
        attention = find_attention(
            notes=data.notes,
            meetings=[(m.id, d, m.summary or "") for m, d in past],
            actions=data.actions,
            meeting_dates=meeting_dates,
            checkin=data.checkin,
            today=today,
            lang=lang,
        )
        # Straight from the Markdown: touching c.knowledge would load the embedding model.
        banks = banks_by_topic(load_banks(KNOWLEDGE_DIR), lang)
        sections = {
            "since_last": since_last,
            "open_actions": open_actions,
            "topic_coverage": build.topic_coverage(statuses, today, lang),
            "checkin": build.checkin(data.checkin, today, lang),
            "cadence": build.cadence(cadence, data.meetings, today, lang),
        }
        agenda, questions = plan.agenda_and_questions(
            person_name=person.name.split()[0],
            statuses=statuses,
            since_last=since_last,
            open_actions=open_actions,
            checkin=data.checkin,
            recent_texts=[n.text for n in since_last_rows(data.notes, since, today)],
            banks=banks,
            never_met=last is None,
            today=today,
            lang=lang,
            attention=attention,
            onboarding=plan.Onboarding(person.start_date, len(past)) if new_hire else None,
            minutes=person.meeting_minutes or DEFAULT_MINUTES,
        )
        sections["agenda"] = agenda
        sections["questions"] = questions
        return Brief(PersonRef(person.id, person.name), lang, today, sections)


MAX_SINCE = 8


def since_last_rows(notes: list[NoteRow], since: dt.date | None, today: dt.date) -> list[NoteRow]:
    """Loose notes (not a meeting's own record) after the last 1:1, newest first.

    Without any 1:1 yet, the notes of the last GAP_DAYS days stand in.
    """
    start = since if since is not None else today - dt.timedelta(days=GAP_DAYS + 1)
    out: list[NoteRow] = []
    for n in notes:  # newest first
        if n.date <= start:
            break
        if n.meeting_id is None and n.date <= today:
            out.append(n)
            if len(out) >= MAX_SINCE:
                break
    return out
