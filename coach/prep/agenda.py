"""Suggested agenda with time boxes that fill the usual meeting length (pure arithmetic).

Order is priority: the opening, then what matters now (signals about wellbeing, flight risk or
conflict; onboarding for a new hire; what the employee asked to discuss), then the themes that
need attention, then routine (open actions, what happened since the last 1:1) and the close.
Blocks move in steps of five minutes so the plan stays readable; when the meeting is too
short for every block, routine goes first, never a signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["opening", "signal", "onboarding", "actions", "topic", "since_last", "close"]

MIN_TOTAL = 30
MAX_TOTAL = 45
STEP = 5
DEFAULT_MINUTES = 45
"""The usual 1:1 length when nothing else is known: what a planned invite books."""


@dataclass(frozen=True)
class AgendaBlock:
    kind: BlockKind
    minutes: int
    topic: str | None = None
    key: str = ""  # which signal family / "discuss" for the employee's own item


def plan_agenda(
    *,
    n_actions: int,
    n_overdue: int,
    topics: Sequence[str],
    n_recent: int,
    signals: Sequence[tuple[str, str]] = (),
    onboarding: bool = False,
    discuss: tuple[str | None] | None = None,
    lo: int = MIN_TOTAL,
    hi: int = MAX_TOTAL,
) -> list[AgendaBlock]:
    """Blocks in conversation order whose minutes sum to a value in [lo, hi].

    `signals` are (family, topic) pairs, most pressing first; `discuss` is the topic of the
    employee's own "wil bespreken" (None inside when it has none), or None without one.
    """
    blocks: list[AgendaBlock] = [AgendaBlock("opening", 5)]
    blocks += [AgendaBlock("signal", 10, topic, family) for family, topic in signals[:2]]
    if onboarding:
        blocks.append(AgendaBlock("onboarding", 10, "onboarding"))
    if discuss is not None:
        blocks.append(AgendaBlock("topic", 10, discuss[0], "discuss"))
    blocks += [AgendaBlock("topic", 10, t) for t in topics[:2]]
    if n_actions:
        heavy = n_actions > 3 or n_overdue >= 2
        blocks.append(AgendaBlock("actions", 10 if heavy else 5))
    if n_recent:
        blocks.append(AgendaBlock("since_last", 10 if n_recent > 3 else 5))
    blocks.append(AgendaBlock("close", 5))
    return fit_minutes(_drop_to_fit(blocks, hi), lo, hi)


_DROP_ORDER: tuple[BlockKind, ...] = ("since_last", "topic", "actions")


def _drop_to_fit(blocks: list[AgendaBlock], hi: int) -> list[AgendaBlock]:
    """Leave out routine blocks (since_last, then the last theme, then the actions, which the
    brief lists anyway) until five minutes each fit; signals, onboarding, the employee's own
    item and the close stay."""
    out = list(blocks)
    for kind in _DROP_ORDER:
        while len(out) * STEP > hi:
            idx = [i for i, b in enumerate(out) if b.kind == kind and b.key != "discuss"]
            if not idx:
                break
            out.pop(idx[-1])
    return out


def fit_minutes(blocks: list[AgendaBlock], lo: int, hi: int) -> list[AgendaBlock]:
    """Trim (routine and later themes first) or stretch (signals, then themes) to [lo, hi]."""
    minutes = [b.minutes for b in blocks]
    trim_order = [
        i
        for kind in ("since_last", "actions", "topic", "onboarding", "signal")
        for i in reversed(range(len(blocks)))
        if blocks[i].kind == kind
    ]
    while sum(minutes) > hi:
        for i in trim_order:
            if minutes[i] > STEP:
                minutes[i] -= STEP
                break
        else:
            break  # every block at five minutes: _drop_to_fit keeps this within hi
    grow = [i for i, b in enumerate(blocks) if b.kind in ("signal", "onboarding", "topic")] or [
        i for i, b in enumerate(blocks) if b.kind == "opening"
    ]
    k = 0
    while sum(minutes) < lo and grow:
        minutes[grow[k % len(grow)]] += STEP
        k += 1
    return [AgendaBlock(b.kind, m, b.topic, b.key) for b, m in zip(blocks, minutes, strict=True)]
