"""Builders for the brief's sections and the follow-up answer (pure: rows in, items out).

The service loads rows; these functions only word them in the manager's language and attach
the citations, so each can be tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from coach.cadence.core import Cadence
from coach.i18n import t
from coach.knowledge.entries import Entry
from coach.prep.attention import TextRow
from coach.prep.coverage import TopicStatus
from coach.prep.models import Answer, BriefItem, Citation
from coach.prep.questions import bank_questions, rank_questions
from coach.prep.render import marker
from coach.prep.wording import first_sentences, short_date, span
from coach.storage.models import ActionItem, CheckIn, Meeting
from coach.team.lookup import PersonRef
from coach.topics import TOPIC_LABELS, classify

if TYPE_CHECKING:
    from coach.knowledge.service import KnowledgeBase
    from coach.retrieval.service import Passage

GAP_PRIORITY: tuple[str, ...] = (
    "energy",
    "werkgeluk",
    "ambitions",
    "development",
    "wellbeing",
    "feedback",
    "results",
)
"""Which gap goes on the agenda first: the 'het goede gesprek' themes beyond results lead."""

CHECKIN_FIELDS = ("wins", "hard", "discuss", "learn")


class NoteLike(TextRow, Protocol):
    @property
    def source(self) -> str: ...


def topic_label(topic: str, lang: str) -> str:
    return TOPIC_LABELS.get(topic, {}).get(lang, topic)


# --- since the last 1:1 -------------------------------------------------------------------


def since_last(rows: Iterable[NoteLike], since: dt.date | None, lang: str) -> list[BriefItem]:
    return [
        BriefItem(
            first_sentences(n.text),
            (Citation("note", n.id, n.date),),
            {"date": n.date, "source": n.source, "since": since},
        )
        for n in rows
    ]


# --- open action items --------------------------------------------------------------------


def _owner(a: ActionItem, person_name: str, lang: str) -> str:
    if a.owner == "manager":
        return t("prep_owner_you", lang)
    if a.owner == "employee":
        return person_name.split()[0]
    return a.owner_name or t("prep_owner_other", lang)


def open_actions(
    actions: Sequence[ActionItem],
    meeting_dates: Mapping[int, dt.date],
    person_name: str,
    today: dt.date,
    lang: str,
) -> list[BriefItem]:
    """Open items, past-due first; past-due ones are asked about so promises get checked."""
    ordered = sorted(
        actions,
        key=lambda a: (a.due_date is None, a.due_date or dt.date.max, a.id),
    )
    items: list[BriefItem] = []
    for a in ordered:
        owner = _owner(a, person_name, lang)
        overdue = a.due_date is not None and a.due_date < today
        if a.due_date is None:
            text = t("prep_action_nodue", lang, owner=owner, text=a.text)
        else:
            key = "prep_action_overdue" if overdue else "prep_action_due"
            due = short_date(a.due_date, lang, today)
            text = t(key, lang, owner=owner, text=a.text, due=due)
        cites: tuple[Citation, ...] = ()
        if a.meeting_id is not None and a.meeting_id in meeting_dates:
            cites = (Citation("meeting", a.meeting_id, meeting_dates[a.meeting_id]),)
        extra: dict[str, Any] = {
            "owner": a.owner,
            "due": a.due_date,
            "overdue": overdue,
            "action_id": a.id,
        }
        items.append(BriefItem(text, cites, extra))
    return items


# --- topic coverage -----------------------------------------------------------------------


def coverage_text(st: TopicStatus, today: dt.date, lang: str) -> str:
    label = topic_label(st.topic, lang)
    if st.last is None or st.days_since is None:
        return t("prep_topic_never", lang, topic=label)
    date = short_date(st.last, lang, today)
    if st.gap:
        return t("prep_topic_gap", lang, topic=label, span=span(st.days_since, lang), date=date)
    if st.days_since == 0:
        return t("prep_topic_today", lang, topic=label)
    return t("prep_topic_covered", lang, topic=label, span=span(st.days_since, lang), date=date)


def topic_coverage(statuses: Sequence[TopicStatus], today: dt.date, lang: str) -> list[BriefItem]:
    return [
        BriefItem(
            coverage_text(st, today, lang),
            (st.source,) if st.source else (),
            {"topic": st.topic, "last": st.last, "days_since": st.days_since, "gap": st.gap},
        )
        for st in statuses
    ]


# --- check-in -----------------------------------------------------------------------------


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def checkin(found: tuple[CheckIn, dt.date] | None, today: dt.date, lang: str) -> list[BriefItem]:
    if found is None:
        return []
    c, day = found
    cite = (Citation("checkin", c.id, day),)
    items = [
        BriefItem(
            t(
                "prep_checkin_scores",
                lang,
                date=short_date(day, lang, today),
                energy=_score(c.energy),
                werkgeluk=_score(c.werkgeluk),
            ),
            cite,
            {"field": "scores", "energy": c.energy, "werkgeluk": c.werkgeluk, "date": day},
        )
    ]
    for name in CHECKIN_FIELDS:
        answer = " ".join(str(getattr(c, name) or "").split())
        if answer:
            items.append(
                BriefItem(t(f"prep_checkin_{name}", lang, answer=answer), cite, {"field": name})
            )
    return items


# --- cadence ------------------------------------------------------------------------------


def cadence(
    cad: Cadence,
    meetings: Sequence[tuple[Meeting, dt.date]],
    today: dt.date,
    lang: str,
) -> list[BriefItem]:
    held = [(m, d) for m, d in meetings if d < today]
    last = held[0] if held else None
    items: list[BriefItem] = []
    if last is None:
        items.append(BriefItem(t("prep_cadence_never", lang), (), {"last": None}))
    else:
        m, d = last
        text = t(
            "prep_cadence_last",
            lang,
            date=short_date(d, lang, today),
            span=span((today - d).days, lang),
        )
        items.append(BriefItem(text, (Citation("meeting", m.id, d),), {"last": d}))
    last_cite = (Citation("meeting", last[0].id, last[1]),) if last else ()
    due = short_date(cad.next_due, lang, today)
    planned = [(m, d) for m, d in meetings if d >= today]
    extra: dict[str, Any] = {"status": cad.status, "next_due": cad.next_due}
    if planned and cad.planned is not None and cad.status == "ok":
        m, d = planned[-1]  # meetings are newest first: the last one is the earliest planned
        text = t("prep_cadence_planned", lang, date=short_date(d, lang, today))
        items.append(BriefItem(text, (Citation("meeting", m.id, d),), extra))
    elif cad.status == "never":
        items.append(BriefItem(t("prep_cadence_first", lang, date=due), (), extra))
    elif cad.status == "overdue":
        text = t("prep_cadence_overdue", lang, date=due, span=span(cad.overdue_days, lang))
        items.append(BriefItem(text, last_cite, extra))
    elif cad.due_in_days == 0:
        items.append(BriefItem(t("prep_cadence_due_today", lang, date=due), last_cite, extra))
    else:
        text = t("prep_cadence_due", lang, date=due, span=span(cad.due_in_days, lang))
        items.append(BriefItem(text, last_cite, extra))
    this_year = tuple(Citation("meeting", m.id, d) for m, d in held if d.year == today.year)
    left = cad.min_per_year - cad.count_this_year
    key = "prep_cadence_year_behind" if left > 0 else "prep_cadence_year"
    text = t(key, lang, count=cad.count_this_year, min=cad.min_per_year, left=max(0, left))
    extra = {"count_this_year": cad.count_this_year, "min_per_year": cad.min_per_year}
    items.append(BriefItem(text, this_year, extra))
    return items


def _unique(cites: Iterable[Citation]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, int | str], Citation] = {}
    for c in cites:
        seen.setdefault((c.kind, c.id), c)
    return tuple(seen.values())


# --- follow-up answer ---------------------------------------------------------------------


def followup_answer(
    kb: KnowledgeBase, person: PersonRef, question: str, passages: Sequence[Passage], lang: str
) -> Answer:
    """2-3 of the person's most relevant notes and 2-3 questions from one question bank."""
    lines: list[str] = []
    cites: list[Citation] = []
    notes = list(passages)[:3]
    if notes:
        lines.append(t("prep_followup_notes", lang, name=person.name))
        for p in notes:
            c = Citation("note", p.note_id, p.date)
            cites.append(c)
            lines.append(f"- {first_sentences(p.text)} {marker(c, lang)}")
    else:
        lines.append(t("prep_followup_no_notes", lang, name=person.name))
    lines.append("")
    entry = _question_bank_for(kb, question, lang)
    asked = rank_questions(bank_questions(entry), question, lang)[:3] if entry else []
    if entry is not None and asked:
        c = Citation("knowledge", entry.id)
        cites.append(c)
        lines.append(t("prep_followup_questions", lang, title=entry.title))
        lines += [f"- {q} {marker(c, lang)}" for q in asked]
    else:
        lines.append(t("prep_followup_no_questions", lang))
    return Answer("\n".join(lines).strip(), tuple(cites))


def _question_bank_for(kb: KnowledgeBase, question: str, lang: str) -> Entry | None:
    topics = tuple(sorted(classify(question)))
    hits = kb.search(question, language=lang, k=1, kinds=("question-bank",), topics=topics or None)
    if not hits and topics:
        hits = kb.search(question, language=lang, k=1, kinds=("question-bank",))
    if not hits:
        return None
    entry: Entry | None = kb.get(hits[0].entry_id, lang)
    return entry
