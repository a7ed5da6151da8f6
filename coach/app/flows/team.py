"""Export or erase a person from the chat, in any mode.

`/exporteer Sanne` (`/export`) sends everything stored about Sanne as a JSON file;
`/wis Sanne` (`/erase`) asks for confirmation with a button, then erases every row about
Sanne, her vectors, the rehearsals against her persona and the chats about her
(coach.team.TeamService). The button carries only the person id; the manager comes from the
signed-in session and every lookup is scoped by that manager.
"""

from __future__ import annotations

import asyncio
import json
import re

import chainlit as cl

from coach.app import runtime
from coach.app.session import current_state, person_button
from coach.app.state import SessionState
from coach.errors import UserError
from coach.i18n import t
from coach.team.service import TeamService, erasure_message

_COMMAND = re.compile(r"^/(exporteer|export|wis|erase)\b\s*(.*)$", re.IGNORECASE | re.DOTALL)


def parse(text: str) -> tuple[str, str] | None:
    """("export" | "erase", name) for a typed team command, else None."""
    m = _COMMAND.match(text.strip())
    if m is None:
        return None
    action = "export" if m.group(1).lower() in ("exporteer", "export") else "erase"
    return action, " ".join(m.group(2).split())


def _service() -> TeamService:
    return runtime.container().team


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "person"


async def intercept(state: SessionState, message: cl.Message) -> bool:
    parsed = parse(message.content or "")
    if parsed is None:
        return False
    action, name = parsed
    lang = state.language
    if not name:
        await cl.Message(content=t("team_command_usage", lang)).send()
        return True
    if action == "export":
        data = await asyncio.to_thread(_service().export, state.manager_id, name)
        who = data["person"]["name"]
        body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
        file = cl.File(name=f"{_slug(who)}.json", content=body, display="inline")
        await cl.Message(content=t("team_exported", lang, name=who), elements=[file]).send()
        return True
    person = await asyncio.to_thread(_service().find, state.manager_id, name)
    actions = [
        cl.Action(
            name="team_erase",
            payload={"person_id": person["id"]},
            label=t("team_erase_button", lang, name=person["name"]),
            icon="trash-2",
        ),
        cl.Action(name="team_erase_cancel", payload={}, label=t("team_cancel_button", lang)),
    ]
    await cl.Message(
        content=t("person_erase_confirm", lang, name=person["name"]), actions=actions
    ).send()
    return True


@person_button("team_erase", "person_erase_cancelled")
async def on_erase(action: cl.Action, state: SessionState, person_id: int) -> None:
    lang = state.language
    try:
        erased = await asyncio.to_thread(
            _service().erase, state.manager_id, str(person_id), cl.context.session.thread_id
        )
    except UserError as e:
        await cl.Message(content=t(e.key, lang, **e.params)).send()
        return
    await action.remove()
    await cl.Message(content=erasure_message(erased, lang)).send()


@cl.action_callback("team_erase_cancel")
async def on_cancel(action: cl.Action) -> None:
    state = current_state()
    lang = state.language if state is not None else "nl"
    await action.remove()
    await cl.Message(content=t("person_erase_cancelled", lang)).send()
