"""The session's state as every flow reads it: one key, one check, one payload parser."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

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


PersonHandler = Callable[[cl.Action, SessionState, int], Awaitable[None]]


def person_button(name: str, stale_key: str) -> Callable[[PersonHandler], PersonHandler]:
    """Register the button `name` that carries a person id: its handler gets the session state
    and the id; without state nothing happens, without a valid id the message `stale_key` is
    said."""

    def register(handler: PersonHandler) -> PersonHandler:
        async def on_action(action: cl.Action) -> None:
            state = current_state()
            if state is None:
                return
            person_id = person_id_of(action)
            if person_id is None:
                await cl.Message(content=t(stale_key, state.language)).send()
                return
            await handler(action, state, person_id)

        cl.action_callback(name)(on_action)
        return handler

    return register
