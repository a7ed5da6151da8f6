"""Role-play rehearsal: practise a hard 1:1 against a persona, then get a scored debrief.

Service layer only (no UI imports): the chat app and the CLI both call these functions.
"""

from coach.rehearsal.debrief import Debrief, WeakTurn, debrief, render_debrief_markdown
from coach.rehearsal.engine import (
    RehearsalSession,
    Turn,
    arespond,
    end,
    new_session,
    respond,
    start_rehearsal,
)
from coach.rehearsal.hints import hint, parse_command
from coach.rehearsal.persona import Persona, build_persona
from coach.rehearsal.scenarios import ScenarioChoice, get_scenario, list_scenarios

__all__ = [
    "Debrief",
    "Persona",
    "RehearsalSession",
    "ScenarioChoice",
    "Turn",
    "WeakTurn",
    "arespond",
    "build_persona",
    "debrief",
    "end",
    "get_scenario",
    "hint",
    "list_scenarios",
    "new_session",
    "parse_command",
    "render_debrief_markdown",
    "respond",
    "start_rehearsal",
]
