"""Choosing the authored line: from the pools the rules name, never twice, never an echo.

Deterministic per session: the choice among fresh candidates is seeded by the session's seed
and the turn number, so a scripted rehearsal replays the same way and two sessions differ.
For listening moves (empathy, reflections) outside agreement and stalemate, a short
acknowledgement of the move is put in front of the scenario's line, as people do ("Ja,
precies. ..."); both parts count as used.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from coach.gate import words
from coach.rehearsal import rules
from coach.rehearsal.dialogue import Dialogue, slots

ECHO_SHARE = 0.6  # a line made mostly of the manager's own words is an echo


@dataclass(frozen=True)
class Choice:
    text: str
    parts: tuple[str, ...]  # the raw authored lines used (for the no-repeat bookkeeping)
    pool: str


def fill(line: str, values: Mapping[str, str]) -> str | None:
    """The line with its slots filled, or None when a slot has no value on this card."""
    if any(not values.get(name) for name in slots(line)):
        return None
    return line.format_map(dict(values))


def echoes(line: str, manager_text: str) -> bool:
    toks = words(line)
    said = set(words(manager_text))
    if len(toks) < 3:
        return False
    return sum(t in said for t in toks) / len(toks) >= ECHO_SHARE


def _fresh(
    pool: list[str],
    used: Collection[str],
    values: Mapping[str, str],
    manager_text: str,
    last: str | None,
) -> list[tuple[str, str]]:
    out = []
    for raw in pool:
        text = fill(raw, values)
        if text is None or raw in used or text == last or echoes(text, manager_text):
            continue
        out.append((raw, text))
    return out


def choose(
    dialogue: Dialogue,
    state: rules.PersonaState,
    move: rules.Move,
    *,
    language: str,
    values: Mapping[str, str],
    used: Collection[str],
    manager_text: str,
    last: str | None,
    seed: int,
    turn: int,
) -> Choice:
    """The line for this state and move; raises LookupError only when a session has used up
    every line it could say (hundreds of turns)."""
    from coach.rehearsal.state import band as band_of

    band = band_of(state.tension)
    rng = random.Random(f"{seed}:{turn}")
    for name, pool_band in rules.pool_chain(state.phase, band, move):
        fresh = _fresh(dialogue.pool(name, pool_band, language), used, values, manager_text, last)
        if not fresh:
            continue
        raw, text = rng.choice(fresh)
        if move in rules.LISTENING and name in ("band", "exploration"):
            acks = _fresh(dialogue.pool(move, band, language), used, values, manager_text, last)
            if acks:
                ack_raw, ack = rng.choice(acks)
                return Choice(f"{ack} {text}", (ack_raw, raw), name)
        return Choice(text, (raw,), name)
    for name in ("band", *rules.AUTHORED_MOVES):  # anything unused, any band, rather than a repeat
        for b in ("low", "medium", "high"):
            fresh = _fresh(dialogue.pool(name, b, language), used, values, manager_text, last)
            if fresh:
                raw, text = rng.choice(fresh)
                return Choice(text, (raw,), name)
    raise LookupError("every authored line of this scenario has been used")
