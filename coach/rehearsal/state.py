"""Tension: the one number that makes the persona harder or easier to talk to.

Rules (kept here so they can be read and tested in one place):
- Start by difficulty: easy 3, medium 5, hard 7, on a 0-10 scale.
- Each manager turn moves it by the effect of its move (rules.TENSION_EFFECT; negative =
  calming). Difficulty scales the move asymmetrically: an easy persona calms fast and
  escalates slowly, a hard one the other way round (UP/DOWN factors below). The result is
  clamped to 0..10.
- Band: low when tension <= 3, high when >= 7, else medium. The band picks the tone line in
  the prompt and the scenario's authored band lines.
"""

from __future__ import annotations

from typing import Literal

Difficulty = Literal["easy", "medium", "hard"]
Band = Literal["low", "medium", "high"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
BANDS: tuple[Band, ...] = ("low", "medium", "high")
START_TENSION: dict[str, float] = {"easy": 3.0, "medium": 5.0, "hard": 7.0}
# Factor for escalating (positive) and calming (negative) effects.
UP: dict[str, float] = {"easy": 0.5, "medium": 1.0, "hard": 1.5}
DOWN: dict[str, float] = {"easy": 1.5, "medium": 1.0, "hard": 0.5}
MIN_TENSION, MAX_TENSION = 0.0, 10.0


def start_tension(difficulty: str) -> float:
    if difficulty not in START_TENSION:
        raise ValueError(f"difficulty must be one of {DIFFICULTIES}, not {difficulty!r}")
    return START_TENSION[difficulty]


def scaled_delta(effect: int, difficulty: str) -> float:
    factor = UP[difficulty] if effect > 0 else DOWN[difficulty]
    return effect * factor


def next_tension(tension: float, effect: int, difficulty: str) -> float:
    moved = tension + scaled_delta(effect, difficulty)
    return round(min(MAX_TENSION, max(MIN_TENSION, moved)), 1)


def band(tension: float) -> Band:
    if tension <= 3:
        return "low"
    if tension >= 7:
        return "high"
    return "medium"
