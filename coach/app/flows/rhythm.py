"""Rhythm flow: the daily nudge, planning a 1:1 (.ics), the team overview and check-in links.

Hooks called from coach/app/main.py: `install()` at import (check-in routes), `nudge(state)`
in on_chat_start and `handle_command(state, message)` in on_message. Action payloads carry
only person ids and a slot time; the manager always comes from the signed-in user, and every
lookup is scoped by that manager, so a forged payload cannot reach another team. Nothing here
needs per-session state beyond the language, so resumed threads work without extra metadata.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

import chainlit as cl
from chainlit.logger import logger
from chainlit.server import app as chainlit_app
from fastapi import FastAPI

from coach.app import runtime
from coach.app.auth import manager_of
from coach.app.flows import prep
from coach.app.flows.rhythm_view import (
    first_name,
    nudge_text,
    overview_figure,
    overview_table,
    parse_rhythm_command,
    slot_label,
)
from coach.app.session import current_state, person_id_of
from coach.app.state import SessionState
from coach.app.threads import rename_after_action
from coach.cadence.nudge import NudgeItem
from coach.checkin import routes as checkin_routes
from coach.container import Container
from coach.errors import UserError
from coach.i18n import normalise_language, t
from coach.team.rows import PersonRow

CHECKIN_DAYS = 14
_installed = False


# --- start-up ---------------------------------------------------------------------------


def mount_checkin(app: FastAPI, c: Container) -> None:
    """The employee check-in page on the app, ahead of Chainlit's catch-all UI route."""
    sec = c.settings.security
    checkin_routes.mount(
        app,
        c.checkins,
        c.settings.data_dir,
        client_limit=sec.checkin_client_limit,
        token_limit=sec.checkin_token_limit,
    )


def install() -> None:
    """Mount the check-in routes on Chainlit's FastAPI app once."""
    global _installed
    if not _installed:
        mount_checkin(chainlit_app, runtime.container())
        _installed = True


# --- helpers ----------------------------------------------------------------------------


async def _who() -> tuple[int, str]:
    """(manager id, language) of this session; the id comes from the signed-in user."""
    found = await asyncio.to_thread(manager_of, runtime.container(), cl.user_session.get("user"))
    if found is None:
        raise ConnectionRefusedError("unknown manager")
    state = current_state()
    lang = state.language if state is not None else found[1]
    return found[0], normalise_language(lang)


def _today(c: Container) -> dt.date:
    return c.today()


def _person(c: Container, manager_id: int, ref: str | int) -> PersonRow:
    """The person as TeamService shows them (UserError when not in this manager's team)."""
    return c.team.find(manager_id, ref)


def _person_id(action: cl.Action) -> int:
    person_id = person_id_of(action)
    if person_id is None:
        raise UserError("rhythm_slot_invalid")
    return person_id


# --- nudge ------------------------------------------------------------------------------


# (action name, label message, icon) of the two buttons under each nudged person
_NUDGE_BUTTONS = (
    ("rhythm_prepare", "rhythm_action_prepare", "clipboard-list"),
    ("rhythm_plan", "rhythm_action_plan", "calendar-plus"),
)


def _nudge_actions(items: list[NudgeItem], lang: str) -> list[cl.Action]:
    return [
        cl.Action(
            name=action,
            payload={"person_id": i.person_id},
            label=t(label, lang, name=first_name(i.person)),
            icon=icon,
        )
        for i in items
        for action, label, icon in _NUDGE_BUTTONS
    ]


async def nudge(state: SessionState) -> None:
    """On a new thread: list who is due or overdue, at most once per day per manager."""
    c = runtime.container()
    try:
        items = await asyncio.to_thread(c.nudges.daily, state.manager_id)
    except Exception:  # noqa: BLE001 - a failed reminder must never block the chat
        logger.exception("rhythm nudge failed")
        return
    if not items:
        return
    text = nudge_text(items, state.language, _today(c))
    await cl.Message(content=text, actions=_nudge_actions(items, state.language)).send()


# --- actions ----------------------------------------------------------------------------

NudgeHandler = Callable[[cl.Action, int, str], Awaitable[None]]


def _nudge_button(name: str) -> Callable[[NudgeHandler], NudgeHandler]:
    """Register the button `name` of a nudge: its handler gets the manager id and language; a
    UserError it raises is said in that language."""

    def register(handler: NudgeHandler) -> NudgeHandler:
        async def on_action(action: cl.Action) -> None:
            rename_after_action(action)
            manager_id, lang = await _who()
            try:
                await handler(action, manager_id, lang)
            except UserError as e:
                await cl.Message(content=t(e.key, lang, **e.params)).send()

        cl.action_callback(name)(on_action)
        return handler

    return register


@_nudge_button("rhythm_prepare")
async def on_prepare(action: cl.Action, manager_id: int, lang: str) -> None:
    """The Prepare flow's brief (cited, with source panels; the person becomes the thread's
    person for follow-up questions)."""
    await prep.send_brief(manager_id, lang, _person_id(action))


@_nudge_button("rhythm_plan")
async def on_plan(action: cl.Action, manager_id: int, lang: str) -> None:
    c = runtime.container()
    person_id = _person_id(action)
    person = await asyncio.to_thread(_person, c, manager_id, person_id)
    actions = [
        cl.Action(
            name="rhythm_slot",
            payload={"person_id": person_id, "start": slot.isoformat()},
            label=slot_label(slot, lang),
            icon="calendar",
        )
        for slot in c.planning.slots()
    ]
    text = t(
        "rhythm_plan_pick",
        lang,
        name=first_name(person["name"]),
        minutes=person["meeting_minutes"],
    )
    await cl.Message(content=text, actions=actions).send()


@_nudge_button("rhythm_slot")
async def on_slot(action: cl.Action, manager_id: int, lang: str) -> None:
    c = runtime.container()
    person_id = _person_id(action)
    try:
        start = dt.datetime.fromisoformat(str(action.payload.get("start", "")))
    except ValueError:
        raise UserError("rhythm_slot_invalid") from None
    invite = await asyncio.to_thread(c.planning.invite, manager_id, person_id, start)
    local = invite.start.astimezone(ZoneInfo(c.settings.timezone))
    when = slot_label(local, lang)
    if invite.attendee:
        text = t("rhythm_invite_ready", lang, name=invite.person, when=when, email=invite.attendee)
    else:
        text = t("rhythm_invite_ready_no_email", lang, name=invite.person, when=when)
    element = cl.File(
        name=invite.filename, content=invite.data, mime="text/calendar", display="inline"
    )
    await cl.Message(content=text, elements=[element]).send()


# --- commands ---------------------------------------------------------------------------


def _checkin_link(c: Container, manager_id: int, ref: str) -> tuple[str, str]:
    """(person name, URL) of a new single-use check-in link."""
    name = _person(c, manager_id, ref)["name"]
    url, _ = c.checkins.create_link(manager_id, ref, CHECKIN_DAYS)
    return name, url


async def _team(state: SessionState) -> None:
    c = runtime.container()
    rows = await asyncio.to_thread(c.overview.team, state.manager_id)
    lang = state.language
    elements: list[cl.Plotly] = []
    if rows:
        elements.append(
            cl.Plotly(
                name=t("rhythm_chart_name", lang),
                figure=overview_figure(rows, lang),
                display="inline",
                size="large",
            )
        )
    table = overview_table(rows, lang, _today(c))
    await cl.Message(content=table, elements=elements).send()  # type: ignore[arg-type]


async def _checkin(state: SessionState, ref: str) -> None:
    lang = state.language
    if not ref.strip():
        await cl.Message(content=t("rhythm_checkin_usage", lang)).send()
        return
    c = runtime.container()
    name, url = await asyncio.to_thread(_checkin_link, c, state.manager_id, ref.strip())
    text = t(
        "rhythm_checkin_created",
        lang,
        name=name,
        first=first_name(name),
        url=url,
        days=CHECKIN_DAYS,
    )
    await cl.Message(content=text).send()


async def handle_command(state: SessionState, message: cl.Message) -> bool:
    """Run /team, /overzicht or /checkin when the message is one; False otherwise.

    A UserError propagates to the caller, which answers it in the session's language.
    """
    cmd = parse_rhythm_command(getattr(message, "command", None), message.content or "")
    if cmd is None:
        return False
    if cmd.action == "team":
        await _team(state)
    else:
        await _checkin(state, cmd.argument)
    return True
