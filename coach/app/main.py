"""Chainlit entry point (`chainlit run coach/app/main.py`, via `coach serve`).

Handlers only parse input, call a service (blocking work in a thread) and render; the
coaching logic lives in coach/chat and the feature modules.
"""

from __future__ import annotations

import asyncio
from typing import Any

import chainlit as cl
from chainlit.input_widget import InputWidget, Select
from chainlit.logger import logger
from chainlit.oauth_providers import get_configured_oauth_providers
from chainlit.server import sio
from chainlit.types import ThreadDict

from coach.app import files_route, runtime, security_routes
from coach.app.auth import manager_of, oauth_login, password_login
from coach.app.datalayer import CoachDataLayer, build_data_layer
from coach.app.flows import debrief, prep, rehearse, rhythm, team
from coach.app.modes import Turn, chat_profiles, mode_of
from coach.app.session import STATE_KEY, current_state
from coach.app.state import SessionState, from_metadata, pick_language
from coach.chat.commands import COMMAND_IDS, Action, parse_command
from coach.chat.service import check_message
from coach.errors import UserError
from coach.i18n import t
from coach.storage.chat_threads import as_dict

# Engine.IO closes the socket on any message over 1,000,000 bytes without a word, so a 1 MB
# paste vanished and the chat hung. Accept up to uvicorn's websocket limit (16 MiB); the
# handler then answers in the user's language (check_message) and keeps what was typed.
SOCKET_MAX_BYTES = 16 * 1024 * 1024 - 64 * 1024
sio.eio.max_http_buffer_size = SOCKET_MAX_BYTES
_settings = runtime.container().settings
_data_layer = build_data_layer(_settings.database_url, _settings.data_dir / "files")
files_route.install(_data_layer)
security_routes.harden(runtime.container(), _data_layer)
rhythm.install()
debrief.install()
prep.install()
rehearse.install()
runtime.warm_up()  # models and the knowledge index load while the login page is served


@cl.data_layer
def data_layer() -> CoachDataLayer:
    return _data_layer


@cl.password_auth_callback
async def login(username: str, password: str) -> cl.User | None:
    return await password_login(runtime.container(), username, password)


if get_configured_oauth_providers():

    @cl.oauth_callback
    async def oauth(
        provider_id: str,
        token: str,
        raw_user_data: dict[str, Any],
        default_user: cl.User,
        id_token: str | None = None,
    ) -> cl.User | None:
        return await oauth_login(runtime.container(), provider_id, raw_user_data, default_user)


@cl.set_chat_profiles
async def profiles(user: cl.User | None, language: str | None = None) -> list[cl.ChatProfile]:
    return chat_profiles(pick_language(language, default=_settings.default_language))


async def _manager() -> tuple[int, str, str]:
    user = cl.user_session.get("user")
    found = await asyncio.to_thread(manager_of, runtime.container(), user)
    if found is None:
        raise ConnectionRefusedError("unknown manager")
    return found


def _browser_language() -> str | None:
    return getattr(cl.context.session, "language", None)


def _state() -> SessionState:
    state = current_state()
    assert state is not None, "session state missing"
    return state


async def _remember(state: SessionState) -> None:
    """Keep the state in the session and in the thread metadata (survives a restart)."""
    cl.user_session.set(STATE_KEY, state)
    cl.user_session.set("coach", state.to_metadata()["coach"])
    session = cl.context.session
    if getattr(session, "has_first_interaction", False):
        await _data_layer.update_thread(session.thread_id, metadata=state.to_metadata())


async def _send_controls(state: SessionState) -> None:
    ids = COMMAND_IDS[state.language]
    icons: dict[Action, str] = {"person": "user-plus", "note": "notebook-pen", "notes": "list"}
    commands: list[Any] = [
        {
            "id": ids[action],
            "icon": icon,
            "description": t(f"cmd_{action}_desc", state.language),
            "button": False,
            "persistent": False,
        }
        for action, icon in icons.items()
    ]
    await cl.context.emitter.set_commands(commands)
    widgets: list[InputWidget] = [
        Select(
            id="language",
            label=t("settings_language_label", state.language),
            items={t(f"language_{code}", state.language): code for code in ("nl", "en")},
            initial_value=state.language,
        )
    ]
    await cl.ChatSettings(widgets).send()


@cl.on_chat_start
async def start() -> None:
    manager_id, stored_lang, name = await _manager()
    lang = pick_language(_browser_language(), stored_lang, default=_settings.default_language)
    mode = mode_of(cl.context.session.chat_profile)
    state = SessionState(manager_id, mode.id, lang)
    await _remember(state)
    await _send_controls(state)
    await cl.Message(content=mode.intro(lang, name)).send()
    await rhythm.nudge(state)
    await debrief.start(state)
    await prep.start(state)
    await rehearse.start(state)


@cl.on_chat_resume
async def resume(thread: ThreadDict) -> None:
    manager_id, stored_lang, _ = await _manager()
    fallback = pick_language(_browser_language(), stored_lang, default=_settings.default_language)
    metadata = as_dict(thread.get("metadata"))
    state = from_metadata(
        metadata,
        manager_id=manager_id,
        mode=cl.context.session.chat_profile,
        fallback_language=fallback,
    )
    await _remember(state)
    await _send_controls(state)
    await debrief.resume(state, metadata)
    prep.resume(metadata)
    await rehearse.resume(state, metadata)


@cl.on_settings_update
async def settings_update(values: dict[str, Any]) -> None:
    state = _state()
    lang = pick_language(values.get("language"), default=state.language)
    if lang == state.language:
        return
    state = SessionState(state.manager_id, state.mode, lang)
    await asyncio.to_thread(runtime.set_manager_language, state.manager_id, lang)
    await _remember(state)
    await _send_controls(state)
    await cl.Message(content=t("language_switched", lang)).send()


async def _uploads(state: SessionState, message: cl.Message) -> None:
    files = [e for e in message.elements if isinstance(e, cl.File)]
    person = parse_command(message.command, message.content)
    ref = person.argument if person else message.content
    for f in files:
        data = await asyncio.to_thread(_read, f)
        try:
            reply = await asyncio.to_thread(
                runtime.commands().add_file, state.manager_id, ref, f.name, data, state.language
            )
        except UserError as e:
            reply = f"{f.name}: {t(e.key, state.language, **e.params)}"
        await cl.Message(content=reply).send()


def _read(f: cl.File) -> bytes:
    if f.path:
        with open(f.path, "rb") as fh:
            return fh.read()
    return f.content if isinstance(f.content, bytes) else (f.content or "").encode("utf-8")


@cl.on_message
async def on_message(message: cl.Message) -> None:
    state = _state()
    try:
        if await rehearse.intercept(state, message):
            return
        if await team.intercept(state, message):
            return
        if await debrief.intercept(state, message):
            return
        if await prep.intercept(state, message):
            return
        if any(isinstance(e, cl.File) for e in message.elements or []):
            await _uploads(state, message)
            return
        text = check_message(message.content)
        cmd = parse_command(message.command, text)
        if await rhythm.handle_command(state, message):
            pass
        elif cmd is not None:
            reply = await asyncio.to_thread(
                runtime.commands().run, state.manager_id, cmd, state.language
            )
            await cl.Message(content=reply).send()
        else:
            await mode_of(state.mode).handle(Turn(state, text, message))
    except UserError as e:
        await cl.Message(content=t(e.key, state.language, **e.params)).send()
    except Exception:  # noqa: BLE001 - the session must keep working after any failure
        logger.exception("message handling failed")
        await cl.Message(content=t("app_error", state.language)).send()
    finally:
        await _remember(state)
