"""What matters now for one employee: recent signals and onboarding, each with its evidence.

Pure over the rows the brief already loaded. A signal is a sentence in a recent note, 1:1
summary, check-in answer or open action item that coach.signals recognises, or a low energy or
werkgeluk score (1-2 of 5) in a recent check-in. Every piece of evidence keeps its source so
the agenda line can cite it and say in one line why it is there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from coach.i18n import t
from coach.prep.models import Citation
from coach.prep.wording import short_date
from coach.signals import FAMILIES, Advice, Family, advice, families_in
from coach.storage.models import ActionItem, CheckIn
from coach.topics import split_sentences

SIGNAL_DAYS = 60
"""Evidence older than this is history, not what matters now."""
LOW_SCORE = 2
"""A check-in score of 1 or 2 out of 5 is a wellbeing signal."""
_QUOTE = 90


class TextRow(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Evidence:
    family: Family
    quote: str
    reason: str  # one line: where and when ("energie 2/5 in de check-in van 28 nov")
    date: dt.date
    citation: Citation | None


@dataclass(frozen=True)
class Attention:
    """One signal family with its evidence (newest first) and how to raise it carefully."""

    family: Family
    evidence: tuple[Evidence, ...]
    advice: Advice


def _quote(text: str) -> str:
    text = " ".join(text.split()).strip("'\"")
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1].rsplit(" ", 1)[0] + "…"


def _from_text(text: str, reason: str, day: dt.date, cite: Citation | None) -> Iterable[Evidence]:
    for sentence in split_sentences(text):
        for family in sorted(families_in(sentence)):
            yield Evidence(family, _quote(sentence), reason, day, cite)


def _from_checkin(found: tuple[CheckIn, dt.date], today: dt.date, lang: str) -> list[Evidence]:
    c, day = found
    cite = Citation("checkin", c.id, day)
    date = short_date(day, lang, today)
    out: list[Evidence] = []
    for field, value in (("energy", c.energy), ("werkgeluk", c.werkgeluk)):
        if value is not None and value <= LOW_SCORE:
            reason = t(f"prep_reason_checkin_{field}", lang, score=value, date=date)
            out.append(Evidence("wellbeing", reason, reason, day, cite))
    reason = t("prep_reason_checkin", lang, date=date)
    for name in ("hard", "discuss", "wins", "learn"):
        out += _from_text(str(getattr(c, name) or ""), reason, day, cite)
    return out


def find_attention(
    *,
    notes: Sequence[TextRow],
    meetings: Sequence[tuple[int, dt.date, str]],
    actions: Sequence[ActionItem],
    meeting_dates: dict[int, dt.date],
    checkin: tuple[CheckIn, dt.date] | None,
    today: dt.date,
    lang: str,
) -> list[Attention]:
    """Signal families with evidence from the last SIGNAL_DAYS days (open items: any age),
    most evidence first, then the most recent; notes are newest first."""
    since = today - dt.timedelta(days=SIGNAL_DAYS)
    evidence: list[Evidence] = []
    if checkin is not None and since <= checkin[1] <= today:
        evidence += _from_checkin(checkin, today, lang)
    for n in notes:
        if n.date < since:
            break
        if n.date <= today:
            reason = t("prep_reason_note", lang, date=short_date(n.date, lang, today))
            evidence += _from_text(n.text, reason, n.date, Citation("note", n.id, n.date))
    for mid, day, summary in meetings:
        if since <= day < today:
            reason = t("prep_reason_meeting", lang, date=short_date(day, lang, today))
            evidence += _from_text(summary, reason, day, Citation("meeting", mid, day))
    for a in actions:
        day = meeting_dates.get(a.meeting_id or -1, today)
        cite = Citation("meeting", a.meeting_id, day) if a.meeting_id in meeting_dates else None
        evidence += _from_text(a.text, t("prep_reason_action", lang), day, cite)
    by_family: dict[Family, list[Evidence]] = {}
    for e in evidence:
        by_family.setdefault(e.family, []).append(e)
    out = [
        Attention(f, tuple(sorted(ev, key=lambda e: -e.date.toordinal())), advice(f, lang))
        for f, ev in by_family.items()
    ]
    order = {f: i for i, f in enumerate(FAMILIES)}
    out.sort(key=lambda a: (-len(a.evidence), -a.evidence[0].date.toordinal(), order[a.family]))
    return out
