"""Suggested agenda with time boxes for a 30-45 minute 1:1 (pure arithmetic, no I/O).

Shape: opening/check-in, open actions, one or two themes that need attention, recent events,
wrap-up with agreements. Blocks move in steps of five minutes so the plan stays readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["opening", "actions", "topic", "recent", "wrapup"]

MIN_TOTAL = 30
MAX_TOTAL = 45
STEP = 5


@dataclass(frozen=True)
class AgendaBlock:
    kind: BlockKind
    minutes: int
    topic: str | None = None


def plan_agenda(
    *,
    n_actions: int,
    n_overdue: int,
    topics: Sequence[str],
    n_recent: int,
    lo: int = MIN_TOTAL,
    hi: int = MAX_TOTAL,
) -> list[AgendaBlock]:
    """Blocks in conversation order whose minutes sum to a value in [lo, hi]."""
    blocks: list[AgendaBlock] = [AgendaBlock("opening", 5)]
    if n_actions:
        heavy = n_actions > 3 or n_overdue >= 2
        blocks.append(AgendaBlock("actions", 10 if heavy else 5))
    blocks += [AgendaBlock("topic", 10, t) for t in topics[:2]]
    if n_recent:
        blocks.append(AgendaBlock("recent", 10 if n_recent > 3 else 5))
    blocks.append(AgendaBlock("wrapup", 5))
    return fit_minutes(blocks, lo, hi)


def fit_minutes(blocks: list[AgendaBlock], lo: int, hi: int) -> list[AgendaBlock]:
    """Trim (recent, actions, later themes first) or stretch (themes first) to fit [lo, hi]."""
    minutes = [b.minutes for b in blocks]
    trim_order = [
        i
        for kind in ("recent", "actions", "topic")
        for i in reversed(range(len(blocks)))
        if blocks[i].kind == kind
    ]
    while sum(minutes) > hi:
        for i in trim_order:
            if minutes[i] > STEP:
                minutes[i] -= STEP
                break
        else:
            break  # nothing left to trim; cannot happen with the blocks plan_agenda makes
    grow = [i for i, b in enumerate(blocks) if b.kind == "topic"] or [
        i for i, b in enumerate(blocks) if b.kind == "opening"
    ]
    k = 0
    while sum(minutes) < lo and grow:
        minutes[grow[k % len(grow)]] += STEP
        k += 1
    return [AgendaBlock(b.kind, m, b.topic) for b, m in zip(blocks, minutes, strict=True)]
