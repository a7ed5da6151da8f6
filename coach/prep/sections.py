"""Builders for the brief's sections and the follow-up answer (pure: rows in, items out).

The service loads rows; these functions only word them in the manager's language and attach
the citations, so each can be tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from coach.cadence.core import Cadence
from coach.i18n import plural, t
from coach.knowledge.entries import Entry
from coach.prep.agenda import DEFAULT_MINUTES, AgendaBlock, plan_agenda
from coach.prep.attention import Attention
from coach.prep.coverage import TopicStatus, topics_of
from coach.prep.models import CORE_TOPICS, Answer, BriefItem, Citation, PersonRef
from coach.prep.questions import bank_questions, pick_questions, rank_questions
from coach.prep.render import marker
from coach.prep.wording import first_sentences, short_date, span
from coach.storage.models import ActionItem, CheckIn, Meeting
from coach.topics import TOPIC_LABELS, classify

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


class NoteLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def source(self) -> str: ...
    @property
    def text(self) -> str: ...


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


# --- agenda and questions -----------------------------------------------------------------


def agenda_topics(
    statuses: Sequence[TopicStatus],
    signalled: Iterable[str],
    *,
    n: int = 2,
    skip: Iterable[str] = (),
    gaps_only: bool = False,
) -> list[str]:
    """Up to `n` themes: gaps first (signalled in recent notes first, then GAP_PRIORITY),
    topped up with the longest-undiscussed covered themes unless `gaps_only`; themes in
    `skip` (already on the agenda) are left out."""
    sig = set(signalled)
    left_out = set(skip)
    prio = {tp: i for i, tp in enumerate(GAP_PRIORITY)}
    gaps = sorted(
        (st for st in statuses if st.gap and st.topic not in left_out),
        key=lambda st: (st.topic not in sig, prio.get(st.topic, 99)),
    )
    covered = sorted(
        (st for st in statuses if not st.gap and st.topic not in left_out),
        key=lambda st: (-(st.days_since or 0), prio.get(st.topic, 99)),
    )
    pool = gaps if gaps_only else [*gaps, *covered]
    return [st.topic for st in pool[: max(0, n)]]


@dataclass(frozen=True)
class Onboarding:
    """Why someone counts as a new hire (coach.cadence.core.is_onboarding)."""

    start_date: dt.date | None
    held: int


def _discuss(checkin: tuple[CheckIn, dt.date] | None) -> tuple[str, str | None] | None:
    """The employee's own "wil bespreken" and its first theme (None when it has none)."""
    if checkin is None:
        return None
    text = " ".join(str(checkin[0].discuss or "").split())
    if not text:
        return None
    found = topics_of(text)
    return text, next((tp for tp in (*CORE_TOPICS, "collaboration") if tp in found), None)


def agenda_and_questions(
    *,
    person_name: str,
    statuses: Sequence[TopicStatus],
    since_last: Sequence[BriefItem],
    open_actions: Sequence[BriefItem],
    checkin: tuple[CheckIn, dt.date] | None,
    recent_texts: Sequence[str],
    banks: Mapping[str, Entry],
    never_met: bool,
    today: dt.date,
    lang: str,
    attention: Sequence[Attention] = (),
    onboarding: Onboarding | None = None,
    minutes: int = DEFAULT_MINUTES,
) -> tuple[list[BriefItem], list[BriefItem]]:
    """The agenda (what matters now first, each block with a one-line reason) and the
    questions that go with it."""
    ci_texts = (
        [str(getattr(checkin[0], f) or "") for f in ("hard", "discuss", "learn")] if checkin else []
    )
    signals: Counter[str] = Counter()
    for text in [*recent_texts, *ci_texts]:
        signals.update(topics_of(text) if text else ())
    flagged = list(attention)[:2]
    discuss = _discuss(checkin)
    taken = {a.advice.topic for a in flagged} | ({discuss[1]} if discuss and discuss[1] else set())
    n_first = len(flagged) + (onboarding is not None) + (discuss is not None)
    topics = agenda_topics(
        statuses, signals, n=2 - min(n_first, 1), skip=taken, gaps_only=n_first > 0
    )
    by_topic = {st.topic: st for st in statuses}
    n_overdue = sum(1 for i in open_actions if i.extra.get("overdue"))
    blocks = plan_agenda(
        n_actions=len(open_actions),
        n_overdue=n_overdue,
        topics=topics,
        n_recent=len(since_last),
        signals=[(a.family, a.advice.topic) for a in flagged],
        onboarding=onboarding is not None,
        discuss=(discuss[1],) if discuss else None,
        lo=minutes,
        hi=minutes,
    )
    by_family: dict[str, Attention] = {a.family: a for a in flagged}
    agenda = [
        _agenda_item(
            b,
            by_family,
            by_topic,
            discuss,
            onboarding,
            open_actions,
            since_last,
            checkin,
            person_name,
            never_met,
            n_overdue,
            today,
            lang,
        )
        for b in blocks
    ]

    plan: list[tuple[str, int]] = [
        (a.advice.topic, 3 if i == 0 else 2) for i, a in enumerate(flagged)
    ]
    if onboarding is not None:
        plan.append(("onboarding", 2))
    if discuss and discuss[1]:
        plan.append((discuss[1], 2))
    plan += [(tp, 2) for tp in topics]
    recent = [tp for tp, _ in sorted(signals.items(), key=lambda kv: (-kv[1], kv[0]))]
    recent = [tp for tp in recent if tp in banks and tp not in {p for p, _ in plan}][:1]
    plan += [(tp, 1) for tp in recent]
    fill = [st.topic for st in statuses if st.gap] + list(CORE_TOPICS)
    context = "\n".join([*recent_texts, *ci_texts, *(e.quote for a in flagged for e in a.evidence)])
    picked = pick_questions(
        banks, plan, context=context, language=lang, fill_topics=fill, maximum=6
    )
    questions = [
        BriefItem(
            q.text,
            (Citation("knowledge", q.entry_id),),
            {"topic": q.topic, "entry": q.title},
        )
        for q in picked
    ]
    return agenda, questions


def _agenda_item(
    b: AgendaBlock,
    by_family: Mapping[str, Attention],
    by_topic: Mapping[str, TopicStatus],
    discuss: tuple[str, str | None] | None,
    onboarding: Onboarding | None,
    open_actions: Sequence[BriefItem],
    since_last: Sequence[BriefItem],
    checkin: tuple[CheckIn, dt.date] | None,
    person_name: str,
    never_met: bool,
    n_overdue: int,
    today: dt.date,
    lang: str,
) -> BriefItem:
    cites: tuple[Citation, ...] = ()
    extra: dict[str, Any] = {"minutes": b.minutes, "block": b.kind}
    if b.kind == "opening":
        if checkin is not None:
            c, day = checkin
            text = t(
                "prep_agenda_opening_checkin",
                lang,
                energy=_score(c.energy),
                werkgeluk=_score(c.werkgeluk),
            )
            cites = (Citation("checkin", c.id, day),)
            reason = t("prep_reason_checkin", lang, date=short_date(day, lang, today))
        else:
            text = t("prep_agenda_opening", lang, name=person_name)
            reason = t("prep_reason_opening", lang)
    elif b.kind == "signal":
        att = by_family[b.key]
        first = att.evidence[0]
        said = next((e for e in att.evidence if e.quote != e.reason), None)
        label = t(f"prep_signal_{att.family}", lang)
        if said is None:
            text = t("prep_agenda_signal_score", lang, signal=label, evidence=first.quote)
        else:
            text = t("prep_agenda_signal", lang, signal=label, evidence=said.quote)
        cites = _unique(
            [
                *(e.citation for e in att.evidence[:3] if e.citation is not None),
                Citation("knowledge", att.advice.source),
            ]
        )
        reason = first.reason
        extra["signal"] = att.family
        extra["advice"] = att.advice.text.format(who=person_name)
    elif b.kind == "onboarding" and onboarding is not None:
        text = t("prep_agenda_onboarding", lang, name=person_name)
        if onboarding.start_date is not None:
            reason = t(
                "prep_reason_onboarding_start",
                lang,
                date=short_date(onboarding.start_date, lang, today),
                span=span((today - onboarding.start_date).days, lang),
            )
        else:
            reason = t("prep_reason_onboarding_meetings", lang, n=onboarding.held)
    elif b.kind == "topic" and b.key == "discuss" and discuss is not None:
        text = t("prep_agenda_discuss", lang, text=discuss[0])
        if checkin is not None:
            cites = (Citation("checkin", checkin[0].id, checkin[1]),)
            reason = t("prep_reason_discuss", lang, date=short_date(checkin[1], lang, today))
        else:
            reason = ""
        extra["discuss"] = True
    elif b.kind == "topic" and b.topic is not None:
        st = by_topic[b.topic]
        status = coverage_text(st, today, lang)
        text = t("prep_agenda_topic", lang, status=status)
        cites = (st.source,) if st.source else ()
        key = "prep_reason_never" if st.last is None else "prep_reason_gap"
        reason = t(key if st.gap else "prep_reason_longest", lang)
    elif b.kind == "actions":
        text = t("prep_agenda_actions", lang, n=len(open_actions), overdue=n_overdue)
        cites = _unique(c for i in open_actions for c in i.citations)
        reason = plural("prep_reason_actions", len(open_actions), lang, overdue=n_overdue)
    elif b.kind == "since_last":
        key = "prep_agenda_recent_never" if never_met else "prep_agenda_recent"
        text = plural(key, len(since_last), lang)
        cites = _unique(c for i in since_last[:3] for c in i.citations)
        reason = t("prep_reason_since_last", lang)
    else:
        text = t("prep_agenda_wrapup", lang)
        reason = t("prep_reason_close", lang)
    if b.topic:
        extra["topic"] = b.topic
    extra["reason"] = reason
    return BriefItem(text, cites, extra)


def _unique(cites: Iterable[Citation]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, int | str], Citation] = {}
    for c in cites:
        seen.setdefault((c.kind, c.id), c)
    return tuple(seen.values())


# --- follow-up answer ---------------------------------------------------------------------


def followup_answer(
    kb: Any, person: PersonRef, question: str, passages: Sequence[Any], lang: str
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


def _question_bank_for(kb: Any, question: str, lang: str) -> Entry | None:
    topics = tuple(sorted(classify(question)))
    hits = kb.search(question, language=lang, k=1, kinds=("question-bank",), topics=topics or None)
    if not hits and topics:
        hits = kb.search(question, language=lang, k=1, kinds=("question-bank",))
    if not hits:
        return None
    entry: Entry | None = kb.get(hits[0].entry_id, lang)
    return entry
