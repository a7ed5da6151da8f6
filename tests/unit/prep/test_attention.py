"""What matters now: signals from check-ins, notes, 1:1s and open items, with their reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coach.prep.attention import SIGNAL_DAYS, find_attention
from coach.storage.models import ActionItem, CheckIn

TODAY = dt.date(2026, 11, 30)


@dataclass(frozen=True)
class Row:
    id: int
    date: dt.date
    text: str


def _checkin(**answers: object) -> tuple[CheckIn, dt.date]:
    c = CheckIn(id=7, energy=answers.pop("energy", 4), werkgeluk=answers.pop("werkgeluk", 4))
    for k in ("wins", "hard", "discuss", "learn"):
        setattr(c, k, answers.get(k, ""))
    return c, dt.date(2026, 11, 28)


def test_low_energy_score_is_a_wellbeing_signal_with_a_dated_reason() -> None:
    found = find_attention(
        notes=[],
        meetings=[],
        actions=[],
        meeting_dates={},
        checkin=_checkin(energy=2),
        today=TODAY,
        lang="nl",
    )
    assert [a.family for a in found] == ["wellbeing"]
    assert found[0].evidence[0].reason == "energie 2/5 in de check-in van 28 nov"
    assert found[0].evidence[0].citation is not None
    assert found[0].advice.source == "playbook-overbelasting-burnout"


def test_old_notes_are_history_and_hard_negatives_raise_nothing() -> None:
    old = TODAY - dt.timedelta(days=SIGNAL_DAYS + 5)
    notes = [
        Row(3, TODAY - dt.timedelta(days=2), "Ik ga ervoor zorgen dat de planning klaar is."),
        Row(2, TODAY - dt.timedelta(days=3), "We will quit the old tool."),
        Row(1, old, "Ze kijkt rond naar een andere baan."),
    ]
    found = find_attention(
        notes=notes,
        meetings=[],
        actions=[],
        meeting_dates={},
        checkin=None,
        today=TODAY,
        lang="en",
    )
    assert found == []


def test_open_item_and_note_evidence_most_first() -> None:
    notes = [Row(5, TODAY - dt.timedelta(days=4), "A recruiter approached Kim again.")]
    item = ActionItem(id=1, text="Talk about the job offer Kim got", meeting_id=9)
    found = find_attention(
        notes=notes,
        meetings=[(9, TODAY - dt.timedelta(days=20), "Tension with Daan about reviews.")],
        actions=[item],
        meeting_dates={9: TODAY - dt.timedelta(days=20)},
        checkin=None,
        today=TODAY,
        lang="en",
    )
    assert [a.family for a in found] == ["flight_risk", "conflict"]
    assert [e.citation.kind for e in found[0].evidence if e.citation] == ["note", "meeting"]
    assert found[0].evidence[0].reason == "note of 26 Nov"
