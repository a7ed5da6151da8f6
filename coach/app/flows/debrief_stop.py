"""The stop button says "stopped" in the user's language.

Chainlit 2.12 answers the stop button with a hard-coded English "Task manually stopped."
(chainlit/socket.py, `stop`, before `on_stop` runs; it is no translation key, so
.chainlit/translations cannot change it). We register our own Socket.IO "stop" handler in its
place: the same steps (message, cancel the running task, call `on_stop`) with the message from
our catalogue. It lives with the debrief flow because stopping a hanging review is where
managers met it; it applies to every mode.
"""

from __future__ import annotations

import chainlit as cl

from coach.app.session import current_state
from coach.app.state import SessionState
from coach.i18n import normalise_language, t


def stop_language(state: SessionState | None, browser_language: str | None) -> str:
    """The session's language, else the browser's (normalised to nl/en)."""
    if state is not None:
        return state.language
    return normalise_language(browser_language)


async def localised_stop(sid: str) -> None:
    from chainlit.config import config
    from chainlit.context import init_ws_context
    from chainlit.session import WebsocketSession

    session = WebsocketSession.get(sid)
    if not session:
        return
    init_ws_context(session)
    lang = stop_language(current_state(), getattr(session, "language", None))
    await cl.Message(content=t("task_stopped", lang)).send()
    if session.current_task:
        session.current_task.cancel()
    if config.code.on_stop:
        await config.code.on_stop()


def install_stop() -> None:
    """Replace Chainlit's "stop" handler (imported first, so ours is the one that stays)."""
    import chainlit.socket  # noqa: F401 - registers Chainlit's handlers, which we override
    from chainlit.server import sio

    sio.on("stop")(localised_stop)
