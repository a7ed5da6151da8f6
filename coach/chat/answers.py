"""Composed, cited answers per kind of question: plain typed functions over our own data.

Each method returns an `Answer` (Markdown lines that cite by source name, plus the sources).
They are the deterministic chat (coach/chat/service.py picks one per intent) and the tools a
capable model's agent calls, so both tiers cite the same rows. Every read takes the manager's
id; nothing here can reach another manager's data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from coach.cadence.core import compute_cadence, local_date
from coach.chat.sources import (
    Answer,
    Source,
    checkin_name,
    flat,
    knowledge_source,
    note_name,
    note_source,
    quote,
    sentences,
)
from coach.clock import Clock, utc_now
from coach.i18n import t
from coach.storage import repo
from coach.storage.db import Database
from coach.topics import TOPIC_LABELS, classify, tokens

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coach.knowledge.entries import Entry
    from coach.knowledge.service import KnowledgeBase
    from coach.retrieval.service import Retriever
    from coach.storage.models import ActionItem, CheckIn, Meeting, Note, Person

TERMS = Path(__file__).parent / "data" / "topic_terms.yaml"
MANAGER_READS = ("manager", "both")
QUESTIONS_MIN, QUESTIONS_MAX = 3, 5
_AGREED = re.compile(
    r"\b(afgesproken|afspra\w*|ik neem|ik kom|ik praat|beloofd|toegezegd|agreed|agree|"
    r"i will|i'll|i talk|promised|we sit down|spr(?:eken|aken|eekt|eek|ak)\b[^.?!]{0,40}\baf)\b",
    re.IGNORECASE,
)
_QUESTION_LINE = re.compile(r"^\s*(?:\d+[.)]|[-*])\s+(.+\?)\s*$")


@lru_cache(maxsize=1)
def topic_terms() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TERMS.read_text(encoding="utf-8"))
    return data


def expanded_query(question: str, topic: str, language: str) -> str:
    """The question plus the words notes use for the topic (query expansion), in both
    languages: a Dutch manager may keep English notes about an expat, and the other way."""
    terms = topic_terms().get(topic) or {}
    words = " ".join(
        str(terms.get(lang, "")) for lang in (language, "en" if language == "nl" else "nl")
    )
    return f"{question} {words} {TOPIC_LABELS[topic][language]}".strip()


def on_topic(sentence: str, topic: str, language: str) -> bool:
    """Does this sentence speak about the topic (its own words or a related topic's)?"""
    terms = topic_terms().get(topic) or {}
    wanted = {topic, *terms.get("related", [])}
    if classify(sentence) & wanted:
        return True
    vocab = {w for lang in ("nl", "en") for w in str(terms.get(lang, "")).split()}
    return any(w in vocab for w in tokens(sentence))


def _status(item: ActionItem, today: dt.date, lang: str) -> str:
    parts = [
        t(f"chat_item_{item.status}", lang) if item.status in ("open", "done") else item.status
    ]
    parts.append(
        t("chat_owner_manager" if item.owner == "manager" else "chat_owner_employee", lang)
    )
    if item.due_date:
        parts.append(t("chat_item_due", lang, date=item.due_date.isoformat()))
        if item.status == "open" and item.due_date < today:
            parts.append(t("chat_item_overdue", lang, days=(today - item.due_date).days))
    return ", ".join(parts)


def _agreed_in_notes(
    s: Session, manager_id: int, person_id: int, since: dt.date | None, *, want: int = 3
) -> list[tuple[Note, list[str]]]:
    """The newest plain notes (not attached to a 1:1) since `since` with agreement sentences,
    at most `want`: read page by page, newest first, so a long history is not read whole."""
    found: list[tuple[Note, list[str]]] = []
    page, offset = 50, 0
    while True:
        batch = repo.list_notes(
            s, manager_id, person_id=person_id, since=since, with_meeting=False,
            limit=page, offset=offset,
        )  # fmt: skip
        for n in batch:
            agreed = [x for x in sentences(n.text) if _AGREED.search(x)]
            if agreed:
                found.append((n, agreed))
                if len(found) >= want:
                    return found
        if len(batch) < page:
            return found
        offset += page


@dataclass(frozen=True)
class Answers:
    """The composers, with the few collaborators they read from."""

    db: Database
    retriever: Retriever
    knowledge: KnowledgeBase
    timezone: str = "Europe/Amsterdam"
    now: Clock = utc_now

    def today(self) -> dt.date:
        return local_date(self.now(), self.timezone)

    # --- agreements ----------------------------------------------------------------------

    def agreements(self, manager_id: int, person_id: int, lang: str, *, last: int = 1) -> Answer:
        """What was agreed in the last 1:1(s): the agreement sentences of the notes and every
        action item with owner, status and due date; then what is still open from before."""
        out = Answer()
        today = self.today()
        with self.db.session() as s:
            person = repo.get_person(s, manager_id, person_id)
            meetings = repo.list_meetings(s, manager_id, person_id)
            items = repo.list_action_items(s, manager_id, person_id=person_id)
            notes = {
                n.meeting_id: n
                for n in repo.list_notes(s, manager_id, person_id=person_id, with_meeting=True)
            }
            by_meeting: dict[int | None, list[ActionItem]] = {}
            for it in items:
                by_meeting.setdefault(it.meeting_id, []).append(it)

            def meeting_source(m: Meeting) -> tuple[str, dt.date]:
                day = local_date(m.held_at, self.timezone)
                note = notes.get(m.id)
                mine = by_meeting.get(m.id, [])
                listing = "\n".join(f"- {it.text} ({_status(it, today, lang)})" for it in mine)
                body = (note.text if note else m.summary) + (
                    f"\n\n**{t('chat_items_heading', lang)}**\n{listing}" if listing else ""
                )
                refs = ([f"note:{note.id}"] if note else []) + [f"action:{it.id}" for it in mine]
                name = out.add(
                    Source(
                        "note",
                        note_name(person.name, day),
                        body,
                        note.id if note else None,
                        refs=tuple(refs),
                        person_id=person.id,
                    )
                )
                return name, day

            # Agreements written in plain notes (not attached to a 1:1) since the last 1:1s
            # shown, or the latest ones when there is no 1:1 yet: newest first, at most three.
            days = [local_date(m.held_at, self.timezone) for m in meetings[:last]]
            since = min(days) if days else None
            in_notes = _agreed_in_notes(s, manager_id, person_id, since)
            if not meetings and not in_notes:
                out.lines.append(t("chat_no_meetings", lang, name=person.name))
                return out
            shown: set[int] = set()
            for m in meetings[:last]:
                name, day = meeting_source(m)
                out.lines.append(f"**{t('chat_last_meeting', lang, date=day.isoformat())}**")
                note = notes.get(m.id)
                agreed = [
                    x for x in sentences(note.text if note else m.summary) if _AGREED.search(x)
                ]
                if agreed:
                    out.lines.append(f'- {name}: "{quote(agreed, 400)}"')
                for it in by_meeting.get(m.id, []):
                    shown.add(it.id)
                    out.lines.append(f"- {it.text} ({_status(it, today, lang)}) · {name}")
                if not agreed and not by_meeting.get(m.id):
                    out.lines.append(t("chat_nothing_agreed", lang))
            if in_notes:
                if meetings:
                    out.lines.append("")
                out.lines.append(f"**{t('chat_note_agreements', lang)}**")
                for note, agreed in in_notes:
                    name = out.add(note_source(person.name, person.id, note))
                    out.lines.append(f'- {name}: "{quote(agreed, 400)}"')
            older = [it for it in items if it.status == "open" and it.id not in shown]
            if older:
                out.lines.append("")
                out.lines.append(f"**{t('chat_still_open', lang)}**")
                meeting_of = {m.id: m for m in meetings}
                for it in older:
                    held = meeting_of.get(it.meeting_id) if it.meeting_id else None
                    cite = f" · {meeting_source(held)[0]}" if held is not None else ""
                    out.lines.append(f"- {it.text} ({_status(it, today, lang)}){cite}")
        return out

    # --- how someone is doing ------------------------------------------------------------

    def topic_status(
        self,
        manager_id: int,
        person_id: int,
        topic: str | None,
        question: str,
        lang: str,
        *,
        k: int = 8,
        shown: int = 4,
    ) -> Answer:
        """How the person is doing on a topic: their notes (topic-aware retrieval: the query
        is expanded with the topic's words, sentences kept when they speak about it) and
        their latest check-ins. Without a topic: the latest notes and check-in."""
        out = Answer()
        with self.db.session() as s:
            person = repo.get_person(s, manager_id, person_id)
            checkins = repo.list_checkins(s, manager_id, person_id)[:2]
            if topic:
                passages = self.retriever.search(
                    manager_id, expanded_query(question, topic, lang), person_id=person_id, k=k
                )
                full = repo.notes_by_ids(s, manager_id, [p.note_id for p in passages])
                picked: list[tuple[Note, list[str]]] = []
                for p in passages:
                    note = full.get(p.note_id)
                    if note is None:
                        continue
                    hits = [x for x in sentences(note.text) if on_topic(x, topic, lang)]
                    if hits:
                        picked.append((note, hits))
                # Sentences on the topic itself outrank those on a related topic; then recency.
                picked.sort(
                    key=lambda nh: (sum(topic in classify(x) for x in nh[1]) > 0, nh[0].date),
                    reverse=True,
                )
                picked = picked[:shown]
            else:
                recent = repo.list_notes(s, manager_id, person_id=person_id, limit=3)
                picked = [(n, sentences(n.text)) for n in recent]
            label = TOPIC_LABELS[topic][lang].lower() if topic else None
            heading = (
                t("chat_status_topic", lang, name=person.name, topic=label)
                if label
                else t("chat_status_general", lang, name=person.name)
            )
            out.lines.append(f"**{heading}**")
            for note, hits in picked:
                name = out.add(note_source(person.name, person.id, note))
                out.lines.append(f'- {name}: "{quote(hits)}"')
            for ci in checkins:
                line = self._checkin_line(out, person, ci, topic, lang)
                if line:
                    out.lines.append(line)
            if len(out.lines) == 1:
                out.lines.append(
                    t("chat_status_nothing", lang, name=person.name, topic=label or "-")
                )
        return out

    def _checkin_line(
        self, out: Answer, person: Person, ci: CheckIn, topic: str | None, lang: str
    ) -> str:
        day = local_date(ci.submitted_at, self.timezone)
        answers = [
            ("wins", ci.wins),
            ("hard", ci.hard),
            ("discuss", ci.discuss),
            ("learn", ci.learn),
        ]
        scores = []
        if ci.energy is not None and topic in (None, "energy", "wellbeing"):
            scores.append(t("chat_checkin_energy", lang, score=ci.energy))
        if ci.werkgeluk is not None and topic in (None, "werkgeluk"):
            scores.append(t("chat_checkin_werkgeluk", lang, score=ci.werkgeluk))
        said = [v for _k, v in answers if v and (topic is None or on_topic(v, topic, lang))]
        if not scores and not said:
            return ""
        body = "\n".join(
            [*scores, *(f"{t(f'chat_checkin_{k}', lang)}: {v}" for k, v in answers if v)]
        )
        name = out.add(
            Source(
                "checkin",
                checkin_name(t("chat_checkin_label", lang), person.name, day),
                body,
                refs=(f"checkin:{ci.id}",),
                person_id=person.id,
            )
        )
        quoted = " ".join(f'"{flat(v)}"' for v in said[:2])
        return f"- {name}: {'; '.join(scores)}{' ' if scores and quoted else ''}{quoted}"

    # --- what to ask ---------------------------------------------------------------------

    def question_bank(self, topic: str | None, question: str, lang: str) -> Entry | None:
        """The knowledge base's question bank for the topic (or the best match)."""
        for e in self.knowledge.entries().values():
            if e.kind == "question-bank" and e.topic == topic and e.language == lang:
                return e
        hits = self.knowledge.search(question, language=lang, k=1, kinds=("question-bank",))
        return self.knowledge.get(hits[0].entry_id, lang) if hits else None

    def questions_for(
        self, manager_id: int, person_id: int | None, topic: str | None, question: str, lang: str
    ) -> Answer:
        """3-5 questions from the knowledge base for the topic, the ones closest to what the
        notes about the person say first, with the note that makes them relevant."""
        out = Answer()
        entry = self.question_bank(topic, question, lang)
        if entry is None:
            out.lines.append(t("chat_no_knowledge", lang))
            return out
        bank = [
            m.group(1).strip()
            for line in entry.body.splitlines()
            if (m := _QUESTION_LINE.match(line))
        ]
        context = Answer()
        if person_id is not None and entry.topic in TOPIC_LABELS:
            context = self.topic_status(manager_id, person_id, entry.topic, question, lang, shown=2)
        said = set(tokens(" ".join(s.text for s in context.sources)))
        ranked = sorted(range(len(bank)), key=lambda i: (-len(set(tokens(bank[i])) & said), i))[
            : QUESTIONS_MAX if said else QUESTIONS_MAX - 1
        ]
        name = out.add(knowledge_source(entry))
        out.lines.append(f"**{t('chat_questions_heading', lang)}** ({name})")
        for i in sorted(ranked[: max(QUESTIONS_MIN, len(ranked))]):
            out.lines.append(f"- {bank[i]}")
        notes = [s for s in context.sources if s.kind == "note"]
        if notes:
            why = next(line for line in context.lines if notes[0].name in line)
            out.add(notes[0])
            out.lines.append("")
            out.lines.append(f"**{t('chat_questions_because', lang)}**")
            out.lines.append(why)
        return out

    # --- how to approach -----------------------------------------------------------------

    def approach(self, question: str, lang: str, *, k: int = 2) -> Answer:
        """Manager-facing knowledge only (playbooks, methods, pitfalls, phrasings): the best
        section of each entry, in whole sentences."""
        out = Answer()
        hits = self.knowledge.search(question, language=lang, k=k, audiences=MANAGER_READS)
        if not hits:
            out.lines.append(t("chat_no_knowledge", lang))
        for h in hits:
            entry = self.knowledge.get(h.entry_id, lang)
            if entry is None:
                continue
            name = out.add(knowledge_source(entry))
            body = h.text.split("\n", 2)[-1] if h.text.count("\n") >= 2 else h.text
            section = f" ({h.heading})" if h.heading else ""
            out.lines.append(f"- {name}{section}: {quote(sentences(body), 420)}")
        return out

    # --- rhythm --------------------------------------------------------------------------

    def cadence(self, manager_id: int, person_id: int, lang: str) -> Answer:
        """When the last 1:1 was, when the next is due, and how many were held this year."""
        out = Answer()
        with self.db.session() as s:
            person = repo.get_person(s, manager_id, person_id)
            meetings = repo.list_meetings(s, manager_id, person_id)
            c = compute_cadence(
                [m.held_at for m in meetings],
                target_days=person.cadence_days,
                now=self.now(),
                tz=self.timezone,
                start_date=person.start_date,
            )
            if not meetings:
                out.lines.append(t("chat_cadence_none", lang, name=person.name))
            else:
                last = meetings[0]
                found = repo.list_notes(
                    s, manager_id, person_id=person_id, meeting_id=last.id, limit=1
                )
                note = found[0] if found else None
                day = local_date(last.held_at, self.timezone)
                name = out.add(
                    Source(
                        "note",
                        note_name(person.name, day),
                        note.text if note else last.summary,
                        note.id if note else None,
                        refs=(f"note:{note.id}",) if note else (),
                        person_id=person.id,
                    )
                )
                out.lines.append(
                    t("chat_cadence_last", lang, name=person.name, date=day.isoformat())
                    + f" · {name}"
                )
            key = "chat_cadence_overdue" if c.overdue_days > 0 else "chat_cadence_due"
            out.lines.append(
                t(
                    key,
                    lang,
                    date=c.next_due.isoformat(),
                    days=max(c.overdue_days, c.due_in_days),
                    every=c.target_days,
                )
            )
            out.lines.append(
                t("chat_cadence_year", lang, count=c.count_this_year, minimum=c.min_per_year)
            )
        return out
