from __future__ import annotations

import pytest

from coach.prep.agenda import MAX_TOTAL, MIN_TOTAL, AgendaBlock, fit_minutes, plan_agenda


@pytest.mark.parametrize("n_actions", [0, 1, 4])
@pytest.mark.parametrize("n_overdue", [0, 2])
@pytest.mark.parametrize("topics", [[], ["energy"], ["energy", "ambitions"]])
@pytest.mark.parametrize("n_recent", [0, 2, 8])
def test_minutes_always_fit_30_to_45(
    n_actions: int, n_overdue: int, topics: list[str], n_recent: int
) -> None:
    blocks = plan_agenda(
        n_actions=n_actions, n_overdue=min(n_overdue, n_actions), topics=topics, n_recent=n_recent
    )
    total = sum(b.minutes for b in blocks)
    assert MIN_TOTAL <= total <= MAX_TOTAL
    assert blocks[0].kind == "opening" and blocks[-1].kind == "close"
    assert all(b.minutes > 0 and b.minutes % 5 == 0 for b in blocks)
    assert [b.topic for b in blocks if b.kind == "topic"] == topics[:2]
    assert any(b.kind == "actions" for b in blocks) == bool(n_actions)


def test_busy_agenda_is_trimmed_from_recent_events_first() -> None:
    blocks = plan_agenda(n_actions=5, n_overdue=3, topics=["energy", "werkgeluk"], n_recent=6)
    minutes = {b.kind if b.kind != "topic" else b.topic: b.minutes for b in blocks}
    assert sum(minutes.values()) == 45
    assert minutes["since_last"] == 5 and minutes["energy"] == 10 and minutes["werkgeluk"] == 10


def test_thin_agenda_stretches_the_themes() -> None:
    blocks = fit_minutes([AgendaBlock("opening", 5), AgendaBlock("topic", 10, "energy")], 30, 45)
    assert [b.minutes for b in blocks] == [5, 25]
    only_opening = fit_minutes([AgendaBlock("opening", 5), AgendaBlock("close", 5)], 30, 45)
    assert sum(b.minutes for b in only_opening) == 30


# --- issue 17: what matters now first, the usual length -----------------------------------


def test_signals_come_right_after_the_opening_then_onboarding_and_own_item() -> None:
    blocks = plan_agenda(
        n_actions=2,
        n_overdue=1,
        topics=["ambitions"],
        n_recent=2,
        signals=[("wellbeing", "wellbeing")],
        onboarding=True,
        discuss=("development",),
    )
    kinds = [(b.kind, b.topic) for b in blocks]
    assert kinds[:4] == [
        ("opening", None),
        ("signal", "wellbeing"),
        ("onboarding", "onboarding"),
        ("topic", "development"),
    ]
    assert kinds[-1] == ("close", None)


@pytest.mark.parametrize("length", [30, 45, 60])
def test_agenda_fills_the_meeting_length_exactly(length: int) -> None:
    blocks = plan_agenda(
        n_actions=6,
        n_overdue=3,
        topics=["energy", "werkgeluk"],
        n_recent=9,
        signals=[("wellbeing", "wellbeing"), ("conflict", "collaboration")],
        onboarding=True,
        discuss=(None,),
        lo=length,
        hi=length,
    )
    assert sum(b.minutes for b in blocks) == length
    kinds = [b.kind for b in blocks]
    assert kinds.count("signal") == 2 and "onboarding" in kinds and "close" in kinds
    assert ("actions" in kinds) == (length > 30)
    assert any(b.key == "discuss" for b in blocks)  # the employee's own item is never dropped
