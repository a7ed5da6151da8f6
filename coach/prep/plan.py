"""The agenda and its questions: what matters now first, each block with a one-line reason.

Pure: the rows and the signals (coach.prep.attention) in, cited items out. Order and minutes
are coach.prep.agenda's; this module words each block in the manager's language.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.i18n import plural, t
from coach.knowledge.entries import Entry
from coach.prep.agenda import DEFAULT_MINUTES, AgendaBlock, plan_agenda
from coach.prep.attention import Attention
from coach.prep.coverage import TopicStatus, topics_of
from coach.prep.models import CORE_TOPICS, BriefItem, Citation
from coach.prep.questions import pick_questions
from coach.prep.sections import GAP_PRIORITY, _score, _unique, coverage_text
from coach.prep.wording import short_date, span
from coach.storage.models import CheckIn

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
    picked = pick_questions(banks, plan, context=context, language=lang, fill_topics=fill)
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
            reason = plural("prep_reason_onboarding_meetings", onboarding.held, lang)
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
