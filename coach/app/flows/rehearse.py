"""Rehearse flow: pick a scenario, a person (or a generic persona), a difficulty and the
language; check and edit the persona card; role-play; /hint and /stop; a scored debrief with
the trend chart.

Hooks called from coach/app/main.py: `install()` (the Rehearse mode's handler for the setup
steps), `start(state)`, `resume(state, metadata)` and `intercept(state, message)` (every
message while a rehearsal runs, ahead of any other flow, so "/stop" or a line that happens to
look like a prep request is part of the role-play). The setup and the running session are
plain data (rehearse_view.Setup) kept in the user session and the thread metadata, so a
rehearsal goes on after a server restart. The manager always comes from the signed-in
session; buttons carry only a scenario id, a person id or a choice, checked against the stage.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import chainlit as cl
from chainlit.logger import logger

from coach.app import runtime
from coach.app.flows.rehearse_view import (
    METADATA_KEY,
    Setup,
    apply_edits,
    difficulty_label,
    edit_help,
    language_label,
    match_difficulty,
    match_scenario,
    parse_edits,
    persona_card,
    wants_generic,
)
from coach.app.modes import MODES, Turn
from coach.app.session import current_state
from coach.app.state import SessionState
from coach.app.threads import keep, once_per_session, rename_after_action
from coach.chat.service import check_message
from coach.errors import NotFound, UserError
from coach.i18n import LANGUAGES, t
from coach.rehearsal import (
    Persona,
    RehearsalSession,
    arespond,
    end,
    hint,
    list_scenarios,
    new_session,
    parse_command,
    render_debrief_markdown,
)
from coach.rehearsal.chart import trend_figure
from coach.rehearsal.scenarios import get_scenario
from coach.rehearsal.state import DIFFICULTIES

START_WORDS = {"start", "begin", "starten", "beginnen", "go", "ok", "oké"}


def install() -> None:
    """Make the Rehearse profile run this flow."""
    MODES["rehearse"] = replace(MODES["rehearse"], handle=handle)


# --- state ------------------------------------------------------------------------------


def _setup(lang: str) -> Setup:
    return Setup.from_dict(cl.user_session.get(METADATA_KEY), lang)


async def _save(setup: Setup) -> None:
    """Keep the setup in the session and, once the thread exists, in its metadata."""
    await keep(METADATA_KEY, setup.to_dict())


async def _say(content: str, **kwargs: Any) -> None:
    await cl.Message(content=content, **kwargs).send()


# --- the setup steps ----------------------------------------------------------------------


async def ask_scenario(state: SessionState, lead: str | None = None) -> None:
    lang = state.language
    actions = [
        cl.Action(name="rehearse_scenario", payload={"scenario_id": c.id}, label=c.title)
        for c in list_scenarios(lang)
    ]
    text = t("rehearse_pick_scenario", lang)
    await _say(f"{lead}\n\n{text}" if lead else text, actions=actions)
    await _save(Setup(language=lang))


def _team(manager_id: int) -> list[tuple[int, str]]:
    return [(p["id"], p["name"]) for p in runtime.container().team.list_people(manager_id)]


async def choose_scenario(state: SessionState, scenario_id: str) -> None:
    lang = state.language
    setup = Setup(stage="person", scenario_id=scenario_id, language=lang)
    people = await asyncio.to_thread(_team, state.manager_id)
    choices: list[tuple[int | None, str, str]] = [(pid, name, "user") for pid, name in people]
    choices.append((None, t("rehearse_generic_person", lang), "drama"))  # no team member
    actions = [
        cl.Action(name="rehearse_person", payload={"person_id": pid}, label=label, icon=icon)
        for pid, label, icon in choices
    ]
    title = get_scenario(scenario_id).title.get(lang)
    await _say(t("rehearse_pick_person", lang, scenario=title), actions=actions)
    await _save(setup)


async def choose_person(state: SessionState, setup: Setup, person_id: int | None) -> None:
    setup = replace(setup, stage="difficulty", person_id=person_id)
    await _ask_difficulty(state, setup)


async def _ask_difficulty(state: SessionState, setup: Setup) -> None:
    lang = state.language
    actions = [
        cl.Action(
            name="rehearse_difficulty",
            payload={"difficulty": d},
            label=difficulty_label(d, lang),
        )
        for d in DIFFICULTIES
    ]
    other = next(x for x in LANGUAGES if x != setup.language)
    actions.append(
        cl.Action(
            name="rehearse_language",
            payload={"language": other},
            label=t("rehearse_switch_language", lang, language=language_label(other, lang)),
            icon="languages",
        )
    )
    language = language_label(setup.language, lang)
    await _say(t("rehearse_pick_difficulty", lang, language=language.lower()), actions=actions)
    await _save(setup)


def _build_persona(manager_id: int, setup: Setup) -> Persona:
    assert setup.scenario_id is not None
    ref = None if setup.person_id is None else str(setup.person_id)
    try:
        return runtime.container().rehearsal.persona(
            manager_id, setup.scenario_id, ref, setup.language
        )
    except NotFound:
        raise UserError("person_not_found", name=str(setup.person_id)) from None


async def choose_difficulty(state: SessionState, setup: Setup, difficulty: str) -> None:
    persona = await asyncio.to_thread(_build_persona, state.manager_id, setup)
    setup = replace(setup, stage="card", difficulty=difficulty, persona=persona.to_dict())
    await show_card(state, setup)


async def show_card(state: SessionState, setup: Setup, lead: str | None = None) -> None:
    lang = state.language
    assert setup.persona is not None
    card = persona_card(Persona.from_dict(setup.persona), setup, lang)
    actions = [
        cl.Action(name="rehearse_start", payload={}, label=t("rehearse_start_button", lang)),
        cl.Action(
            name="rehearse_edit", payload={}, label=t("rehearse_edit_button", lang), icon="pencil"
        ),
    ]
    await _say(f"{lead}\n\n{card}" if lead else card, actions=actions)
    await _save(setup)


def _author(session: RehearsalSession, lang: str) -> str:
    return t("rehearse_persona_author", lang, name=session.persona.name)


async def begin(state: SessionState, setup: Setup) -> None:
    assert setup.persona is not None and setup.scenario_id is not None
    session = new_session(
        setup.scenario_id,
        Persona.from_dict(setup.persona),
        setup.difficulty or "medium",
        setup.language,
    )
    setup = replace(setup, stage="running", session=session.to_dict())
    await _save(setup)
    await _say(t("rehearse_started", state.language, name=session.persona.name))
    await _say(session.turns[0].text, author=_author(session, state.language))


# --- the role-play ------------------------------------------------------------------------


def _session(setup: Setup) -> RehearsalSession:
    assert setup.session is not None
    return RehearsalSession.from_dict(setup.session)


async def play(state: SessionState, setup: Setup, text: str) -> None:
    """One manager turn while the rehearsal runs: a command or a line to the persona."""
    lang = state.language
    session = _session(setup)
    command = parse_command(text)
    if command == "hint":
        await _say(hint(session), author=t("rehearse_hint_author", lang))
        return
    if command == "stop":
        await finish(state, setup, session)
        return
    if command == "unknown":
        await _say(t("rehearse_unknown_command", lang))
        return
    try:
        turn = await arespond(runtime.container().llm, session, text)
    except UserError as e:  # too long, another language: nothing recorded, the text stays
        await _say(t(e.key, lang, **e.params))
        return
    await _save(replace(setup, session=session.to_dict()))
    await _say(turn.text, author=_author(session, lang))


async def finish(state: SessionState, setup: Setup, session: RehearsalSession) -> None:
    lang = state.language
    end(session)
    service = runtime.container().rehearsal
    scored = await asyncio.to_thread(service.score, state.manager_id, session)
    await _save(replace(setup, stage="done", session=session.to_dict()))
    again = [cl.Action(name="rehearse_again", payload={}, label=t("rehearse_again_button", lang))]
    if scored is None:
        await _say(t("rehearse_nothing_to_score", lang), actions=again)
        return
    rehearsal_id = scored.rehearsal_id
    if rehearsal_id is None:
        note = t("rehearse_person_gone", lang, name=session.persona.name)
    else:
        note = t("rehearse_saved", lang, id=rehearsal_id)
    text = f"{render_debrief_markdown(scored.debrief, lang)}\n\n{note}"
    figure = await asyncio.to_thread(trend_figure, scored.history, lang)
    if rehearsal_id is not None:
        again.append(
            cl.Action(
                name="rehearse_delete",
                payload={"rehearsal_id": rehearsal_id},
                label=t("rehearse_delete_button", lang),
                icon="trash",
            )
        )
    chart = cl.Plotly(name=t("rehearsal_chart_title", lang), figure=figure, display="inline")
    await _say(text, elements=[chart], actions=again)


# --- hooks --------------------------------------------------------------------------------


async def start(state: SessionState) -> None:
    """A new Rehearse thread: ask which conversation to rehearse."""
    cl.user_session.set(METADATA_KEY, None)
    if state.mode == "rehearse":
        await ask_scenario(state)


async def resume(state: SessionState, metadata: dict[str, Any]) -> None:
    """A resumed thread goes on where its rehearsal was. Buttons do not survive a restart,
    so an unfinished setup step is asked again; a running role-play gets a reminder."""
    raw = metadata.get(METADATA_KEY)
    cl.user_session.set(METADATA_KEY, raw if isinstance(raw, dict) else None)
    if state.mode != "rehearse" or not isinstance(raw, dict):
        return
    if not once_per_session("rehearse_resume"):
        return
    setup = _setup(state.language)
    try:
        if setup.stage == "running":
            name = _session(setup).persona.name
            await _say(t("rehearse_resumed", state.language, name=name))
        elif setup.stage == "person" and setup.scenario_id:
            await choose_scenario(state, setup.scenario_id)
        elif setup.stage == "difficulty":
            await _ask_difficulty(state, setup)
        elif setup.stage == "card" and setup.persona:
            await show_card(state, setup)
    except Exception:  # noqa: BLE001 - a failed reminder must never block the resumed chat
        logger.exception("rehearse resume failed")


async def intercept(state: SessionState, message: cl.Message) -> bool:
    """Every message of a running rehearsal in Rehearse mode; False otherwise."""
    if state.mode != "rehearse":
        return False
    setup = _setup(state.language)
    if setup.stage != "running":
        return False
    await play(state, setup, check_message(message.content or ""))
    return True


async def handle(turn: Turn) -> None:
    """Typed answers to the setup steps (the buttons do the same)."""
    state, text = turn.state, turn.text
    lang = state.language
    setup = _setup(lang)
    if setup.stage in ("scenario", "done"):
        scenario_id = match_scenario(text, list_scenarios(lang))
        if scenario_id is None:
            await ask_scenario(state, t("rehearse_setup_help", lang))
        else:
            await choose_scenario(state, scenario_id)
    elif setup.stage == "person":
        if wants_generic(text):
            await choose_person(state, setup, None)
            return
        person_id = await asyncio.to_thread(_person_id, state.manager_id, text)
        await choose_person(state, setup, person_id)
    elif setup.stage == "difficulty":
        difficulty = match_difficulty(text)
        if difficulty is None:
            await _say(t("rehearse_setup_help", lang))
        else:
            await choose_difficulty(state, setup, difficulty)
    elif setup.stage == "card":
        await _edit_or_start(state, setup, text)


def _keep_pronouns(manager_id: int, persona: Persona) -> None:
    assert persona.person_id is not None
    runtime.container().rehearsal.keep_pronouns(manager_id, persona.person_id, persona.pronouns)


def _person_id(manager_id: int, text: str) -> int:
    return int(runtime.container().team.find(manager_id, text.strip().rstrip(".!"))["id"])


async def _edit_or_start(state: SessionState, setup: Setup, text: str) -> None:
    lang = state.language
    if text.strip().lower().rstrip(".!") in START_WORDS:
        await begin(state, setup)
        return
    edits = parse_edits(text)
    if not edits:
        await _say(edit_help(lang))
        return
    assert setup.persona is not None
    persona = apply_edits(Persona.from_dict(setup.persona), edits)
    if "pronouns" in edits and persona.person_id is not None:
        await asyncio.to_thread(_keep_pronouns, state.manager_id, persona)
    fields = ", ".join(t(f"rehearse_field_{name}", lang).lower() for name in edits)
    await show_card(
        state,
        replace(setup, persona=persona.to_dict()),
        t("rehearse_edited", lang, fields=fields),
    )


# --- buttons ------------------------------------------------------------------------------


async def _on_action(action: cl.Action, stage: str) -> tuple[SessionState, Setup] | None:
    """The session state and setup when the button belongs to the current step."""
    state = current_state()
    if state is None:
        return None
    setup = _setup(state.language)
    if setup.stage != stage:
        await _say(t("rehearse_stale", state.language))
        return None
    return state, setup


StepHandler = Callable[[cl.Action, SessionState, Setup], Awaitable[None]]


def _step_button(name: str, stage: str) -> Callable[[StepHandler], StepHandler]:
    """Register the button `name` of one setup step: its handler runs only while that step is
    current (a button of an earlier step is answered as stale)."""

    def register(handler: StepHandler) -> StepHandler:
        async def on_action(action: cl.Action) -> None:
            found = await _on_action(action, stage)
            if found is not None:
                await handler(action, *found)

        cl.action_callback(name)(on_action)
        return handler

    return register


async def _guard(state: SessionState, work: Awaitable[None]) -> None:
    try:
        await work
    except UserError as e:
        await _say(t(e.key, state.language, **e.params))


@cl.action_callback("rehearse_scenario")
async def on_scenario(action: cl.Action) -> None:
    state = current_state()
    if state is None:
        return
    scenario_id = str(action.payload.get("scenario_id", ""))
    running = _setup(state.language).stage == "running"
    if running or scenario_id not in {c.id for c in list_scenarios()}:
        await _say(t("rehearse_stale", state.language))
        return
    title = get_scenario(scenario_id).title.get(state.language)
    rename_after_action(action, t("rehearse_thread_name", state.language, scenario=title))
    await choose_scenario(state, scenario_id)


@_step_button("rehearse_person", "person")
async def on_person(action: cl.Action, state: SessionState, setup: Setup) -> None:
    raw = action.payload.get("person_id")
    person_id = int(raw) if isinstance(raw, int) and not isinstance(raw, bool) else None
    await choose_person(state, setup, person_id)


@_step_button("rehearse_language", "difficulty")
async def on_language(action: cl.Action, state: SessionState, setup: Setup) -> None:
    language = str(action.payload.get("language", ""))
    if language in LANGUAGES:
        await _ask_difficulty(state, replace(setup, language=language))


@_step_button("rehearse_difficulty", "difficulty")
async def on_difficulty(action: cl.Action, state: SessionState, setup: Setup) -> None:
    difficulty = str(action.payload.get("difficulty", ""))
    if difficulty in DIFFICULTIES:
        await _guard(state, choose_difficulty(state, setup, difficulty))


@_step_button("rehearse_edit", "card")
async def on_edit(action: cl.Action, state: SessionState, setup: Setup) -> None:
    await _say(edit_help(state.language))


@_step_button("rehearse_start", "card")
async def on_start(action: cl.Action, state: SessionState, setup: Setup) -> None:
    await begin(state, setup)


@_step_button("rehearse_delete", "done")
async def on_delete(action: cl.Action, state: SessionState, setup: Setup) -> None:
    """Delete the saved rehearsal; the id is checked against the signed-in manager."""
    raw = action.payload.get("rehearsal_id")
    if not isinstance(raw, int) or isinstance(raw, bool):
        return
    try:
        await asyncio.to_thread(runtime.container().rehearsal.delete, state.manager_id, raw)
    except NotFound:
        await _say(t("rehearse_stale", state.language))
        return
    await _say(t("rehearse_deleted", state.language, id=raw))


@_step_button("rehearse_again", "done")
async def on_again(action: cl.Action, state: SessionState, setup: Setup) -> None:
    await ask_scenario(state)
