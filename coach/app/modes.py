"""The four modes, shown as chat profiles. Adding a guided flow is one function.

Every mode has an intro (sent when a thread starts) and a message handler. Until a feature
module provides its own flow, prepare/rehearse/debrief explain themselves and answer like the
general coach. To plug in a flow: `MODES["prepare"] = replace(MODES["prepare"], handle=fn)`
where `fn(turn)` is an async function.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import chainlit as cl

from coach.app import runtime
from coach.app.flows import chat
from coach.app.state import SessionState
from coach.i18n import t


@dataclass(frozen=True)
class Turn:
    """One user message in a session; what a mode handler gets."""

    state: SessionState
    text: str
    message: cl.Message


Handler = Callable[[Turn], Awaitable[None]]


async def coach_answer(turn: Turn) -> None:
    """General chat: with a capable model the agent answers (its checked, cited text); else,
    or when nothing it wrote passes, understood, composed from the right sources, cited."""
    state = turn.state
    if runtime.container().llm.is_capable:
        from coach.app.agent_view import agent_answer

        language = await chat.reply_language_of(state, turn.text)
        if await agent_answer(state.manager_id, language, turn.text):
            await chat.keep_language(language)
            return
    await chat.answer(state, turn.text)


@dataclass(frozen=True)
class Mode:
    id: str
    starter_keys: tuple[str, ...]
    handle: Handler = coach_answer

    def label(self, lang: str) -> str:
        return t(f"mode_{self.id}_label", lang)

    def description(self, lang: str) -> str:
        return t(f"mode_{self.id}_desc", lang)

    def intro(self, lang: str, name: str) -> str:
        return t(f"mode_{self.id}_intro", lang, name=name)

    def starters(self, lang: str) -> list[cl.Starter]:
        out = []
        for key in self.starter_keys:
            message = t(key, lang)
            label_key = f"{key}_label"
            label = t(label_key, lang) if _has_key(label_key) else message
            out.append(cl.Starter(label=label, message=message))
        return out


def _has_key(key: str) -> bool:
    from coach.i18n import catalogue

    return key in catalogue()


MODES: dict[str, Mode] = {
    "coach": Mode("coach", ("starter_coach_1", "starter_coach_2", "starter_coach_3")),
    "prepare": Mode("prepare", ("starter_prepare_1",)),
    "rehearse": Mode("rehearse", ("starter_rehearse_1",)),
    "debrief": Mode("debrief", ("starter_debrief_1",)),
}
DEFAULT_MODE = "coach"


def mode_of(profile: str | None) -> Mode:
    return MODES.get(profile or DEFAULT_MODE, MODES[DEFAULT_MODE])


def chat_profiles(lang: str) -> list[cl.ChatProfile]:
    return [
        cl.ChatProfile(
            name=m.id,
            display_name=m.label(lang),
            markdown_description=m.description(lang),
            starters=m.starters(lang),
            default=m.id == DEFAULT_MODE,
        )
        for m in MODES.values()
    ]
