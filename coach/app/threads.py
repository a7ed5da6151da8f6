"""Thread bookkeeping shared by the flows: state kept in the thread metadata, and readable
thread names for threads that start with a button.

Chainlit names a thread after its first user message, or, when the first interaction is a
button click, after the action's id ("rehearse_scenario"), in a background task of its own.
`rename_after_action` waits for that name to land and then replaces it; a thread already
named by a typed message keeps its name. Naming is cosmetic and never fails a handler.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

import chainlit as cl
from chainlit.data import get_data_layer
from chainlit.logger import logger
from chainlit.session import BaseSession

from coach.app.datalayer import CoachDataLayer

RENAME_TRIES = 150  # Chainlit names the thread in a task of its own: 30 s on a busy machine
RENAME_WAIT_S = 0.2
_background: set[asyncio.Task[None]] = set()
_once: weakref.WeakKeyDictionary[BaseSession, set[str]] = weakref.WeakKeyDictionary()


def once_per_session(key: str) -> bool:
    """True the first time it is asked for `key` in this session. Chainlit can run
    on_chat_resume twice for one session (the browser reconnects), and a flow must not send
    its reminder, with live buttons, twice.

    Kept on the session object, not in the user session: Chainlit writes the user session
    into the thread's metadata when the tab goes, and the next tab that opened the thread
    inherited the flag and never got its reminder."""
    done = _once.setdefault(cl.context.session, set())
    if key in done:
        return False
    done.add(key)
    return True


async def keep(key: str, value: Any) -> None:
    """Keep a flow's state in the user session and, once the thread exists, in its metadata
    (Chainlit merges metadata keys), so the flow survives a server restart."""
    cl.user_session.set(key, value)
    layer = get_data_layer()
    session = cl.context.session
    if layer is not None and getattr(session, "has_first_interaction", False):
        await layer.update_thread(session.thread_id, metadata={key: value})


async def _rename(thread_id: str, placeholder: str, name: str) -> None:
    layer = get_data_layer()
    if not isinstance(layer, CoachDataLayer):
        return
    try:
        for _ in range(RENAME_TRIES):
            current = await layer.get_thread_name(thread_id)
            if current == placeholder:
                await layer.update_thread(thread_id, name=name)
                return
            if current is not None:  # named by an earlier message: keep that name
                return
            await asyncio.sleep(RENAME_WAIT_S)
    except Exception:  # noqa: BLE001 - naming is cosmetic; never fail the action for it
        logger.exception("could not rename thread")


def rename_after_action(action: cl.Action, name: str | None = None) -> None:
    """Name a thread that started with this button `name` (default: the button's label)."""
    task = asyncio.create_task(
        _rename(cl.context.session.thread_id, action.name, name or action.label)
    )
    _background.add(task)
    task.add_done_callback(_background.discard)


def as_turn() -> cl.Step:
    """The step Chainlit wraps around an on_message handler ("on_message", type "run").

    A button's callback runs without one, and the browser puts the copy and feedback buttons
    only under the last message of such a run: messages sent inside this step get them, as
    after a typed message."""
    return cl.Step(name="on_message", type="run", show_input=False)
