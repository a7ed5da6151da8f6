"""The rules of the persona's state, in one place: move, tension, openness, phase, pool.

1. The manager's turn is one MOVE, read from coach.analytics.analyze (priority order in
   `classify`): silence, reproach (judging, generalising, an accusing "you", or a "why
   didn't you"), proposal, premature advice, complex reflection, empathy, simple reflection,
   SBI feedback, off-topic, open question, closed question; anything else is a statement.
2. TENSION (0-10) moves by TENSION_EFFECT, scaled by difficulty as in state.py (a hard
   persona escalates fast and calms slowly). Reproach raises it, reflection and empathy
   lower it. A proposal lowers it when the persona is ready for one, else raises it.
3. OPENNESS (0-10) moves by OPENNESS_EFFECT; an open question right after empathy or a
   reflection opens the person up further (AFTER_LISTENING). Gains scale by difficulty.
4. PHASE: opening (before the first turn) -> reaction -> exploration (openness >= 4 and
   tension < 7) -> agreement (a proposal made when ready: openness >= 5, tension <= 5, in
   exploration). Stalemate when tension >= 9 and openness <= 1; it lifts once tension falls
   below 7. A reproach that pushes tension to 7 or more ends an agreement.
5. POOL: which lines answer, in order of preference (`pool_chain`): agreement and stalemate
   lines in those phases; the move's own reactions for moves that hurt; the scenario's
   exploration and band lines for moves that help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from coach.analytics import UtteranceAnalysis
from coach.rehearsal import state as tension_rules

Move = Literal[
    "open_question",
    "closed_question",
    "simple_reflection",
    "complex_reflection",
    "empathy",
    "reproach",
    "premature_advice",
    "sbi_feedback",
    "proposal",
    "off_topic",
    "silence",
    "statement",
]
Phase = Literal["opening", "reaction", "exploration", "agreement", "stalemate"]
PLAYED_PHASES: tuple[Phase, ...] = ("reaction", "exploration", "agreement", "stalemate")
MOVES: tuple[Move, ...] = get_args(Move)
# The moves with their own authored reactions (moves.yaml); "statement" has none.
AUTHORED_MOVES: tuple[Move, ...] = tuple(m for m in MOVES if m != "statement")
HURTS: frozenset[Move] = frozenset(
    {"reproach", "premature_advice", "closed_question", "off_topic", "silence"}
)
LISTENING: frozenset[Move] = frozenset({"empathy", "simple_reflection", "complex_reflection"})

TENSION_EFFECT: dict[Move, float] = {
    "reproach": 2.0,
    "premature_advice": 1.5,
    "off_topic": 1.0,
    "closed_question": 0.5,
    "silence": 0.5,
    "sbi_feedback": 0.0,
    "statement": 0.0,
    "open_question": -0.5,
    "simple_reflection": -1.0,
    "complex_reflection": -1.5,
    "empathy": -1.5,
}
PROPOSAL_READY, PROPOSAL_EARLY = -1.0, 1.0
OPENNESS_EFFECT: dict[Move, float] = {
    "reproach": -2.0,
    "premature_advice": -1.0,
    "off_topic": -0.5,
    "closed_question": 0.0,
    "silence": 0.0,
    "statement": 0.0,
    "proposal": 0.0,
    "sbi_feedback": 0.5,
    "open_question": 0.5,
    "simple_reflection": 1.0,
    "empathy": 1.0,
    "complex_reflection": 1.5,
}
AFTER_LISTENING = 1.5  # extra openness for an open question right after a listening move
START_OPENNESS: dict[str, float] = {"easy": 3.0, "medium": 2.0, "hard": 1.0}
OPENNESS_GAIN: dict[str, float] = {"easy": 1.5, "medium": 1.0, "hard": 0.75}
EXPLORE_OPENNESS, EXPLORE_MAX_TENSION = 4.0, 7.0
READY_OPENNESS, READY_MAX_TENSION = 5.0, 5.0
STALEMATE_TENSION, STALEMATE_OPENNESS = 9.0, 1.0
_NEGATION = re.compile(r"(?i)\b(niet|nooit|geen|not|never|no)\b|n't\b")
SILENCE_MAX_WORDS = 2
OFF_TOPIC_MAX_WORDS = 12  # an aside; a long turn that names the weekend is about work


@dataclass(frozen=True)
class PersonaState:
    """Where the persona stands after a turn: tension and openness on 0-10 (clamped), the
    phase they put it in, and the manager's move that led here (None before the first)."""

    tension: float
    openness: float
    phase: Phase
    last_move: Move | None = None


def start(difficulty: str) -> PersonaState:
    return PersonaState(
        tension_rules.start_tension(difficulty), START_OPENNESS[difficulty], "opening"
    )


def classify(
    a: UtteranceAnalysis,
    *,
    proposal: bool,
    off_topic: bool,
    silence_word: bool,
    empathy: bool = False,
) -> Move:
    """The one move of a manager turn. The markers (proposal, off-topic, a bare "ok") come
    from the dialogue content; everything else from coach.analytics."""
    words = a.text.split()
    if not any(ch.isalpha() for ch in a.text) or (len(words) <= SILENCE_MAX_WORDS and silence_word):
        return "silence"
    if len(words) <= 1 and a.question is None and a.reflection is None and not a.empathy:
        return "silence"
    if a.judging_words or a.generalising_words or a.you_statements:
        return "reproach"
    if a.why_question and _NEGATION.search(a.text):
        return "reproach"  # "Waarom heb je dat niet eerder gezegd?" asks for a defence
    if proposal:
        return "proposal"
    if a.premature_advice:
        return "premature_advice"
    if a.reflection == "complex":
        return "complex_reflection"
    if a.empathy or empathy:
        return "empathy"
    if a.reflection == "simple":
        return "simple_reflection"
    if a.is_feedback:
        return "sbi_feedback"
    if off_topic and len(words) <= OFF_TOPIC_MAX_WORDS:
        return "off_topic"
    if a.question == "open":
        return "open_question"
    if a.question == "closed":
        return "closed_question"
    return "statement"


def ready_for_proposal(s: PersonaState) -> bool:
    return (
        s.phase in ("exploration", "agreement")
        and s.openness >= READY_OPENNESS
        and s.tension <= READY_MAX_TENSION
    )


def tension_effect(s: PersonaState, move: Move) -> float:
    if move == "proposal":
        return PROPOSAL_READY if ready_for_proposal(s) else PROPOSAL_EARLY
    return TENSION_EFFECT[move]


def step(s: PersonaState, move: Move, difficulty: str) -> PersonaState:
    """The state after one manager move (pure)."""
    effect = tension_effect(s, move)
    factor = tension_rules.UP[difficulty] if effect > 0 else tension_rules.DOWN[difficulty]
    tension = _clamp(s.tension + effect * factor)
    gain = OPENNESS_EFFECT[move]
    if move == "open_question" and s.last_move in LISTENING:
        gain += AFTER_LISTENING
    openness = _clamp(s.openness + (gain * OPENNESS_GAIN[difficulty] if gain > 0 else gain))
    return PersonaState(tension, openness, _phase(s, move, tension, openness), move)


def _phase(s: PersonaState, move: Move, tension: float, openness: float) -> Phase:
    if tension >= STALEMATE_TENSION and openness <= STALEMATE_OPENNESS:
        return "stalemate"
    if s.phase == "stalemate" and tension >= EXPLORE_MAX_TENSION:
        return "stalemate"
    if move == "proposal" and ready_for_proposal(s):
        return "agreement"
    if s.phase == "agreement" and tension < EXPLORE_MAX_TENSION:
        return "agreement"
    if openness >= EXPLORE_OPENNESS and tension < EXPLORE_MAX_TENSION:
        return "exploration"
    return "reaction"


def _clamp(value: float) -> float:
    return round(min(tension_rules.MAX_TENSION, max(tension_rules.MIN_TENSION, value)), 2)


def pool_chain(phase: str, band: str, move: Move) -> list[tuple[str, str]]:
    """The pools a line is drawn from, best first: (pool name, band) for Dialogue.pool."""
    own = [] if move == "statement" else [(move, band)]
    others = [(move, b) for b in tension_rules.BANDS if b != band and move != "statement"]
    if phase == "agreement":
        return [("agreement", band), ("band", "low"), *own]
    if phase == "stalemate":
        return [("stalemate", band), *own, ("band", "high")]
    if move in HURTS or (move == "proposal" and phase != "exploration"):
        return [*own, ("band", band), *others]
    helping = [("exploration", band)] if phase == "exploration" else []
    return [*helping, ("band", band), *own, *others]


@lru_cache(maxsize=1)
def reachable_states() -> frozenset[tuple[Phase, str]]:
    """(phase, band) pairs the rules reach from the start of some difficulty: a search over
    move sequences, merging states that agree to the nearest point (so it may miss a rare
    state but never reports one that cannot happen: every state it holds was played)."""
    seen: set[tuple[object, ...]] = set()
    found: set[tuple[Phase, str]] = set()
    todo = [(d, start(d)) for d in tension_rules.DIFFICULTIES]
    while todo:
        difficulty, s = todo.pop()
        key = (difficulty, s.phase, round(s.tension), round(s.openness), s.last_move in LISTENING)
        if key in seen:
            continue
        seen.add(key)
        if s.phase != "opening":
            found.add((s.phase, tension_rules.band(s.tension)))
        todo += [(difficulty, step(s, move, difficulty)) for move in MOVES]
    return frozenset(found)
