"""The session's state as every flow reads it: one key, one check, one payload parser."""

from __future__ import annotations

import chainlit as cl

from coach.app.state import SessionState
from coach.i18n import t

STATE_KEY = "coach_state"  # where coach/app/main.py keeps the SessionState


def current_state() -> SessionState | None:
    """This session's state; None before the chat started (a stale action, a dropped socket)."""
    state = cl.user_session.get(STATE_KEY)
    return state if isinstance(state, SessionState) else None


def person_id_of(action: cl.Action) -> int | None:
    """The person id an action button carries; None when it is missing or malformed."""
    try:
        return int(action.payload["person_id"])
    except (KeyError, TypeError, ValueError):
        return None


async def person_action(action: cl.Action, stale_key: str) -> tuple[SessionState, int] | None:
    """(state, person id) of a person button; None when the session has no state yet, or,
    said with the message `stale_key`, when the button carries no valid person id."""
    state = current_state()
    if state is None:
        return None
    person_id = person_id_of(action)
    if person_id is None:
        await cl.Message(content=t(stale_key, state.language)).send()
        return None
    return state, person_id
