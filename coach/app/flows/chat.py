"""The Coach chat in Chainlit: parse, call ChatService, render (no logic here).

The conversation state (who "haar" is, the last intent and topic, a pending "did you mean")
lives in the thread metadata under "chat", so a follow-up still resolves after a restart or
when the manager reopens the thread from the history. A suggestion is a button.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

import chainlit as cl
from chainlit.data import get_data_layer

from coach.app import runtime
from coach.app.datalayer import CoachDataLayer
from coach.app.render import source_elements
from coach.app.session import current_state
from coach.app.threads import keep
from coach.chat.service import Draft
from coach.chat.understand import ConversationState
from coach.i18n import t

if TYPE_CHECKING:
    from coach.app.state import SessionState

METADATA_KEY = "chat"
PICK = "chat_pick_person"


async def _state() -> ConversationState:
    raw = cl.user_session.get(METADATA_KEY)
    if raw is None:  # a new session on an old thread (restart, reopened): read the thread
        layer = get_data_layer()
        session = cl.context.session
        if isinstance(layer, CoachDataLayer) and getattr(session, "thread_id", None):
            raw = (await layer.get_thread_metadata(session.thread_id)).get(METADATA_KEY)
    return ConversationState.from_dict(raw)


async def _send(draft: Draft, manager_id: int) -> None:
    service = runtime.chat()
    actions = [
        cl.Action(
            name=PICK,
            payload={"person_id": p.id},
            label=t("chat_did_you_mean_button", draft.language, name=p.name),
        )
        for p in draft.suggestions
    ]
    msg = cl.Message(
        content="", elements=source_elements(draft.sources, draft.language), actions=actions
    )  # type: ignore[arg-type]
    async for piece in service.stream(draft):
        await msg.stream_token(piece)
    await msg.send()
    await keep(METADATA_KEY, draft.state.to_dict())


async def reply_language_of(state: SessionState, text: str) -> str:
    """The language to answer `text` in: its own, else this conversation's, else the app's."""
    chat_state = await _state()
    return await asyncio.to_thread(
        runtime.chat().answer_language, state.manager_id, text, state.language, chat_state
    )


async def keep_language(language: str) -> None:
    """The agent answered in `language`: a one-word next turn stays in it."""
    await keep(METADATA_KEY, replace(await _state(), language=language).to_dict())


async def answer(state: SessionState, text: str) -> None:
    """One typed question in the Coach chat."""
    chat_state = await _state()
    draft = await asyncio.to_thread(
        runtime.chat().draft, state.manager_id, text, state.language, chat_state
    )
    await _send(draft, state.manager_id)


@cl.action_callback(PICK)
async def pick_person(action: cl.Action) -> None:
    """ "Ja, Sanne de Vries": answer the question that had the typo, about that person."""
    state = current_state()
    if state is None:
        return
    chat_state = await _state()
    person_id = action.payload.get("person_id") if isinstance(action.payload, dict) else None
    if not isinstance(person_id, int) or not chat_state.pending_question:
        return
    chosen = replace(chat_state, pending_id=person_id)
    confirm = t("chat_confirm_word", state.language)
    draft = await asyncio.to_thread(
        runtime.chat().draft, state.manager_id, confirm, state.language, chosen
    )
    await action.remove()
    await _send(draft, state.manager_id)
