"""Role-play rehearsal: practise a hard 1:1 against a persona, then get a scored debrief.

Service layer only (no UI imports): the chat app and the CLI both call these functions and
RehearsalService (built by the container as c.rehearsal).
"""

from coach.rehearsal.debrief import Debrief, WeakTurn, debrief, render_debrief_markdown
from coach.rehearsal.engine import (
    RehearsalSession,
    Turn,
    arespond,
    end,
    new_session,
    respond,
)
from coach.rehearsal.hints import hint, parse_command
from coach.rehearsal.persona import Persona
from coach.rehearsal.scenarios import ScenarioChoice, get_scenario, list_scenarios
from coach.rehearsal.service import RehearsalService

__all__ = [
    "Debrief",
    "Persona",
    "RehearsalService",
    "RehearsalSession",
    "ScenarioChoice",
    "Turn",
    "WeakTurn",
    "arespond",
    "debrief",
    "end",
    "get_scenario",
    "hint",
    "list_scenarios",
    "new_session",
    "parse_command",
    "render_debrief_markdown",
    "respond",
]
