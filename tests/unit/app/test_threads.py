"""Thread bookkeeping: a flow's once-per-session reminder is per session, and not written into
the thread metadata (the next tab that opens the thread gets the reminder again)."""

from __future__ import annotations

import chainlit as cl
from chainlit.context import init_http_context

from coach.app.threads import once_per_session


async def test_once_per_session_is_once_per_session_and_not_in_the_user_session() -> None:
    init_http_context()
    assert once_per_session("rehearse_resume")
    assert not once_per_session("rehearse_resume")  # the browser reconnected: no second one
    assert once_per_session("debrief_resume")  # each key on its own
    session = cl.context.session
    persisted = session.to_persistable()  # what Chainlit writes into the thread metadata
    assert not any("resume" in str(k) for k in persisted), persisted

    init_http_context()  # another tab, another session, on the same thread
    assert cl.context.session is not session
    assert once_per_session("rehearse_resume")
