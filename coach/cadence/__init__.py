"""Deterministic 1:1 rhythm: cadence arithmetic and calendar invites (no storage access)."""

from coach.cadence.core import (
    MIN_PER_YEAR,
    Cadence,
    Status,
    as_utc,
    compute_cadence,
    due_people,
    local_date,
)
from coach.cadence.ics import PRODID, InviteEvent, make_invite, parse_invite, suggest_slots

__all__ = [
    "MIN_PER_YEAR",
    "PRODID",
    "Cadence",
    "InviteEvent",
    "Status",
    "as_utc",
    "compute_cadence",
    "due_people",
    "local_date",
    "make_invite",
    "parse_invite",
    "suggest_slots",
]
