"""Prepare flow (before the 1:1): a cited brief, follow-up questions, and the right words.

Hooks called from coach/app/main.py: `install()` (the Prepare mode's handler), `start(state)`
(the person picker in a new Prepare thread), `resume(metadata)` and `intercept(state,
message)` ("bereid mijn gesprek met Sanne voor" / "prepare my 1:1 with Sanne" and
/formulering in any mode). The person of the current brief is kept in the user session and
the thread metadata (key "prep"), so follow-up questions still work after a restart. The
manager always comes from the signed-in session; buttons carry only a person id, and every
lookup is scoped by that manager.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import chainlit as cl

from coach.app import runtime
from coach.app.flows.prep_view import (
    METADATA_KEY,
    PrepPerson,
    advice_markdown,
    brief_markdown,
    stored_person,
)
from coach.app.modes import MODES, Turn
from coach.app.session import person_button
from coach.app.state import SessionState
from coach.app.threads import keep
from coach.chat.service import check_message
from coach.errors import UserError
from coach.i18n import t
from coach.prep.intent import parse_phrasing, parse_prep_intent
from coach.prep.models import Citation
from coach.prep.narrate import narrate
from coach.prep.service import PrepService
from coach.prep.sources import source_panels

PICK_ACTION = "prep_person"
NAME_MAX_WORDS = 4


def install() -> None:
    """Make the Prepare profile run this flow."""
    MODES["prepare"] = replace(MODES["prepare"], handle=handle)


def _service() -> PrepService:
    return runtime.container().prep


# --- session state ----------------------------------------------------------------------


def current_person() -> PrepPerson | None:
    return stored_person(cl.user_session.get(METADATA_KEY))


async def _remember(person: PrepPerson) -> None:
    """Keep the person in the session and, once the thread exists, in its metadata."""
    await keep(METADATA_KEY, person.to_dict())


def resume(metadata: dict[str, Any]) -> None:
    """A resumed thread goes on with the person of its last brief."""
    person = stored_person(metadata.get(METADATA_KEY))
    cl.user_session.set(METADATA_KEY, person.to_dict() if person else None)


# --- rendering --------------------------------------------------------------------------


def _load_panels(
    manager_id: int, citations: Sequence[Citation], lang: str, ref: dt.date | None
) -> list[cl.Text]:
    """Blocking: one side panel per citation, named exactly like its marker in the text."""
    c = runtime.container()
    records = c.prep.sources(manager_id, citations, lang, knowledge=c.loaded_knowledge())
    return [
        cl.Text(name=p.name, content=p.content, display="page")
        for p in source_panels(citations, records, lang, ref)
    ]


async def send_brief(manager_id: int, lang: str, ref: str | int) -> None:
    """Build, render and send the brief for one person; they become the thread's person."""
    brief = await asyncio.to_thread(_service().build, manager_id, ref, language=lang)
    brief = await asyncio.to_thread(narrate, runtime.container().llm, brief)
    panels = await asyncio.to_thread(
        _load_panels, manager_id, brief.citations(), lang, brief.generated_for
    )
    await cl.Message(content=brief_markdown(brief, lang), elements=panels).send()  # type: ignore[arg-type]
    await _remember(PrepPerson(brief.person.id, brief.person.name))


async def _followup(state: SessionState, person: PrepPerson, question: str) -> None:
    # Answered in the question's language, as in the Coach chat.
    lang = await asyncio.to_thread(
        runtime.chat().answer_language, state.manager_id, question, state.language
    )
    answer = await asyncio.to_thread(
        _service().followup, state.manager_id, person.id, question, lang
    )
    panels = await asyncio.to_thread(_load_panels, state.manager_id, answer.citations, lang, None)
    await cl.Message(content=answer.text, elements=panels).send()  # type: ignore[arg-type]
    await _remember(person)


def _team(manager_id: int) -> list[tuple[int, str]]:
    return [(p["id"], p["name"]) for p in runtime.container().team.list_people(manager_id)]


async def ask_person(manager_id: int, lang: str, lead: str | None = None) -> None:
    """Which person? One button per team member (or how to add someone to an empty team)."""
    people = await asyncio.to_thread(_team, manager_id)
    if not people:
        await cl.Message(content=t("prepare_no_team", lang)).send()
        return
    actions = [
        cl.Action(name=PICK_ACTION, payload={"person_id": pid}, label=name, icon="user")
        for pid, name in people
    ]
    text = t("prepare_ask_person", lang)
    await cl.Message(content=f"{lead}\n\n{text}" if lead else text, actions=actions).send()


async def _brief_or_ask(state: SessionState, name: str | None) -> None:
    if name is None:
        await ask_person(state.manager_id, state.language)
        return
    try:
        await send_brief(state.manager_id, state.language, name)
    except UserError as e:
        if e.key != "person_not_found":
            raise
        await ask_person(state.manager_id, state.language, t(e.key, state.language, **e.params))


# --- hooks ------------------------------------------------------------------------------


async def start(state: SessionState) -> None:
    """A new Prepare thread: ask whom to prepare for."""
    if state.mode == "prepare":
        await ask_person(state.manager_id, state.language)


async def intercept(state: SessionState, message: cl.Message) -> bool:
    """A prep request or /formulering in any other mode; False for anything else.

    In Prepare mode the mode handler sees every message, so nothing is intercepted there.
    """
    if state.mode == "prepare":
        return False
    text = check_message(message.content or "")
    command = getattr(message, "command", None)
    if command or text.lstrip().startswith("/"):
        planned = parse_phrasing(text, command)
        if planned is None:
            return False
        await cl.Message(content=advice_markdown(planned, state.language)).send()
        return True
    intent = parse_prep_intent(text)
    if intent is None:
        return False
    await _brief_or_ask(state, intent.name)
    return True


async def handle(turn: Turn) -> None:
    """Prepare mode: phrasing check, a new brief, a follow-up question, or a name."""
    state, text = turn.state, turn.text
    planned = parse_phrasing(text, getattr(turn.message, "command", None))
    if planned is not None:
        await cl.Message(content=advice_markdown(planned, state.language)).send()
        return
    intent = parse_prep_intent(text)
    if intent is not None:
        await _brief_or_ask(state, intent.name)
        return
    person = current_person()
    if person is not None:
        try:
            await _followup(state, person, text)
        except UserError as e:
            if e.key != "person_not_found":
                raise
            cl.user_session.set(METADATA_KEY, None)
            await ask_person(state.manager_id, state.language, t(e.key, state.language, **e.params))
        return
    words = text.strip().rstrip(".!").split()
    if 0 < len(words) <= NAME_MAX_WORDS and "?" not in text:  # maybe just a name: "Sanne"
        await _brief_or_ask(state, " ".join(words))
    else:
        await ask_person(state.manager_id, state.language)


@person_button(PICK_ACTION, "prepare_ask_person")
async def on_pick(action: cl.Action, state: SessionState, person_id: int) -> None:
    lang = state.language
    try:
        await send_brief(state.manager_id, lang, person_id)
    except UserError as e:
        await cl.Message(content=t(e.key, lang, **e.params)).send()
