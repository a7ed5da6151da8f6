"""Debrief flow (after the 1:1): pick the person, paste or upload notes, review, save, follow up.

Hooks called from coach/app/main.py: `install()` (the Debrief mode's handler), `start(state)`,
`resume(state, metadata)` and `intercept(state, message)` (`/acties` in any mode, uploads in
Debrief mode). The review state is a plain dict in the user session and in the thread
metadata (key "debrief"), so a resumed thread re-shows the list and can finish the review.
The manager always comes from the signed-in session; button payloads carry only indexes,
item ids and a revision token, and every lookup is scoped by that manager.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import chainlit as cl
from chainlit.logger import logger

from coach.app import runtime
from coach.app.auth import manager_of
from coach.app.flows.debrief_stop import install_stop
from coach.app.flows.debrief_view import (
    KEEP,
    METADATA_KEY,
    ActionSpec,
    DebriefState,
    ItemOp,
    add_item,
    analysis_markdown,
    apply,
    open_items_actions,
    open_items_markdown,
    parse_due_answer,
    parse_owner,
    person_phrase,
    review_actions,
    review_markdown,
)
from coach.app.flows.debrief_view import actions_command as parse_actions_command
from coach.app.modes import MODES, Turn, coach_answer
from coach.app.session import current_state, person_id_of
from coach.app.state import SessionState
from coach.app.threads import as_turn, keep, once_per_session, rename_after_action
from coach.errors import UserError
from coach.followup.message import format_date
from coach.followup.service import FollowupDraft, FollowupService
from coach.i18n import normalise_language, t

REVIEW_MSG = "debrief_review_msg"
ACTIONS_MSG = "debrief_actions_msg"
ACTIONS_FILTER = "debrief_actions_filter"
ASK_TIMEOUT = 600
NAME_MAX = 40
QUESTION_MAX = 200


def install() -> None:
    """Make the Debrief profile run this flow (and say "stopped" in the user's language)."""
    MODES["debrief"] = replace(MODES["debrief"], handle=handle)
    install_stop()


# --- session helpers --------------------------------------------------------------------


async def _who() -> tuple[int, str]:
    """(manager id, language); the id comes from the signed-in user, never from a payload."""
    state = current_state()
    if state is not None:
        return state.manager_id, state.language
    found = await asyncio.to_thread(manager_of, runtime.container(), cl.user_session.get("user"))
    if found is None:
        raise ConnectionRefusedError("unknown manager")
    return found[0], normalise_language(found[1])


def _load() -> DebriefState:
    return DebriefState.from_dict(cl.user_session.get(METADATA_KEY))


async def _store(d: DebriefState) -> None:
    """Keep the flow state in the session and in the thread metadata (survives a restart)."""
    await keep(METADATA_KEY, d.to_dict())


def _service() -> FollowupService:
    return runtime.container().followup


def _today() -> dt.date:
    return runtime.today()


def _action(spec: ActionSpec) -> cl.Action:
    return cl.Action(
        name=spec.name, payload=spec.payload, label=spec.label, icon=spec.icon, tooltip=spec.tooltip
    )


async def _say(text: str, **kwargs: Any) -> cl.Message:
    return await cl.Message(content=text, **kwargs).send()


async def _show(key: str, content: str, specs: list[ActionSpec], *, fresh: bool) -> None:
    """Send a message with buttons, or update the one sent before in place."""
    msg = cl.user_session.get(key)
    actions = [_action(s) for s in specs]
    if fresh or not isinstance(msg, cl.Message):
        msg = await _say(content, actions=actions)
    else:
        await msg.remove_actions()
        msg.content, msg.actions = content, actions
        await msg.update()
    cl.user_session.set(key, msg)


async def _show_review(d: DebriefState, lang: str, *, fresh: bool = False) -> None:
    await _show(REVIEW_MSG, review_markdown(d, lang), review_actions(d, lang), fresh=fresh)


# --- choosing the person ----------------------------------------------------------------


def _team(manager_id: int) -> list[tuple[int, str]]:
    return [(p["id"], p["name"]) for p in runtime.container().team.list_people(manager_id)]


def _person(manager_id: int, ref: str | int) -> tuple[int, str]:
    p = runtime.container().team.find(manager_id, ref)
    return p["id"], p["name"]


async def _picker(manager_id: int, lang: str, key: str = "debrief_pick_person") -> None:
    team = await asyncio.to_thread(_team, manager_id)
    if not team:
        await _say(t("cadence_empty", lang))
        return
    actions = [
        cl.Action(name="debrief_person", payload={"person_id": pid}, label=name, icon="user")
        for pid, name in team
    ]
    await _say(t(key, lang), actions=actions)


async def _select(manager_id: int, lang: str, ref: str | int, pending: str = "") -> None:
    """Start the debrief with this person; analyse at once when notes are already waiting."""
    person_id, name = await asyncio.to_thread(_person, manager_id, ref)
    d = DebriefState(stage="notes", person_id=person_id, person=name, text=pending)
    await _store(d)
    if pending:
        await _analyse(manager_id, lang, d, pending)
    else:
        await _say(t("debrief_ask_notes", lang, name=name))


@cl.action_callback("debrief_person")
async def on_person(action: cl.Action) -> None:
    manager_id, lang = await _who()
    person_id = person_id_of(action)
    if person_id is None:
        await _say(t("debrief_stale", lang))
        return
    d = _load()
    pending = d.text if d.stage == "person" else ""
    try:
        await _select(manager_id, lang, person_id, pending)
    except UserError as e:
        await _say(t(e.key, lang, **e.params))
        return
    rename_after_action(action, t("debrief_thread_name", lang, name=_load().person))


# --- analysing ----------------------------------------------------------------------------


async def _analyse(manager_id: int, lang: str, d: DebriefState, text: str) -> None:
    assert d.person_id is not None
    day = _today()
    svc = _service()
    result = await asyncio.to_thread(svc.analyse, manager_id, d.person_id, text, day)
    known = await asyncio.to_thread(svc.open_items, manager_id, d.person_id)
    d.text = text
    d.start_review(result, day, {i.id: (i.text, i.due) for i in known})
    await _store(d)
    await _say(analysis_markdown(d, lang))
    await _show_review(d, lang, fresh=True)


def _looks_like_name(text: str) -> bool:
    return len(text) <= NAME_MAX and "\n" not in text and not text.rstrip().endswith("?")


async def handle(turn: Turn) -> None:
    """A typed message in Debrief mode."""
    manager_id, lang, text = turn.state.manager_id, turn.state.language, turn.text
    d = _load()
    name = person_phrase(text)
    if name:
        await _select(manager_id, lang, name)
    elif d.stage == "notes":
        await _analyse(manager_id, lang, d, text)
    elif d.stage == "review":
        await _say(t("debrief_review_pending", lang, name=d.person))
        await _show_review(d, lang, fresh=True)
    elif _looks_like_name(text):
        await _select(manager_id, lang, text)
    elif text.rstrip().endswith("?") and len(text) <= QUESTION_MAX:
        await coach_answer(turn)
    else:  # notes before a person was chosen: keep them and ask who it was with
        await _store(DebriefState(stage="person", text=text))
        await _picker(manager_id, lang, "debrief_pick_for_notes")


# --- uploads and /acties ----------------------------------------------------------------


def _read(f: cl.File) -> bytes:
    if f.path:
        with open(f.path, "rb") as fh:
            return fh.read()
    return f.content if isinstance(f.content, bytes) else (f.content or "").encode("utf-8")


def _upload_text(f: cl.File) -> str:
    """Text of one uploaded file, checked again on the server (type, size, encoding)."""
    return runtime.container().followup.read_transcript(f.name, _read(f))


async def _uploads(state: SessionState, message: cl.Message, files: list[cl.File]) -> None:
    texts = [await asyncio.to_thread(_upload_text, f) for f in files]
    text = "\n\n".join(texts)
    typed = (message.content or "").strip()
    d = _load()
    ref = person_phrase(typed) or (typed if typed and _looks_like_name(typed) else None)
    if ref:
        await _select(state.manager_id, state.language, ref, text)
    elif d.stage in ("notes", "review") and d.person_id is not None:
        combined = f"{typed}\n\n{text}" if typed else text
        await _analyse(state.manager_id, state.language, replace(d, stage="notes"), combined)
    else:
        await _store(DebriefState(stage="person", text=text))
        await _picker(state.manager_id, state.language, "debrief_pick_for_notes")


async def _open_items(manager_id: int, lang: str, *, done: str | None, fresh: bool) -> None:
    ref = cl.user_session.get(ACTIONS_FILTER) or None
    items = await asyncio.to_thread(_service().open_items, manager_id, ref)
    text = open_items_markdown(items, lang, done=done)
    await _show(ACTIONS_MSG, text, open_items_actions(items, lang), fresh=fresh)


async def intercept(state: SessionState, message: cl.Message) -> bool:
    """`/acties [naam]` in any mode, and uploads in Debrief mode; False for anything else.

    A UserError propagates to the caller, which answers it in the session's language.
    """
    files = [cast(cl.File, e) for e in message.elements or [] if isinstance(e, cl.File)]
    if files and state.mode == "debrief":
        await _uploads(state, message, files)
        return True
    if files:
        return False
    arg = parse_actions_command(getattr(message, "command", None), message.content or "")
    if arg is None:
        return False
    if arg:  # check the name first, so a typo gets the friendly "unknown person" answer
        await asyncio.to_thread(_person, state.manager_id, arg)
    cl.user_session.set(ACTIONS_FILTER, arg)
    await _open_items(state.manager_id, state.language, done=None, fresh=True)
    return True


@cl.action_callback("debrief_done")
async def on_done(action: cl.Action) -> None:
    manager_id, lang = await _who()
    try:
        item_id = int(action.payload["item_id"])
        view = await asyncio.to_thread(_service().mark_done, manager_id, item_id)
    except (KeyError, TypeError, ValueError):
        await _say(t("debrief_stale", lang))
        return
    except UserError as e:
        await _say(t(e.key, lang, **e.params))
        return
    await _open_items(manager_id, lang, done=view.text, fresh=False)


# --- reviewing ----------------------------------------------------------------------------


async def _ask(prompt: str, lang: str) -> str | None:
    """One typed answer. A bare "-" (keep) would show as an empty bullet in the chat, so its
    echo is replaced by a readable "- (ongewijzigd)"."""
    res = await cl.AskUserMessage(content=prompt, timeout=ASK_TIMEOUT).send()
    if not res:
        return None
    answer = str(res.get("output", "")).strip()
    if answer == KEEP:
        echo = dict(res)
        echo["output"] = t("debrief_kept_echo", lang)
        try:
            await cl.context.emitter.update_step(cast(Any, echo))
        except Exception:  # noqa: BLE001 - a cosmetic echo must never break the review
            logger.exception("debrief: could not update the keep echo")
    return answer


async def _end_task() -> None:
    """An answer to AskUserMessage restarts Chainlit's task indicator; an action callback has
    nobody to stop it (the spinner that never ended), so the callback ends it itself."""
    try:
        await cl.context.emitter.task_end()
    except Exception:  # noqa: BLE001 - the UI indicator must never break the flow
        logger.exception("debrief: could not end the task indicator")


async def _edit(d: DebriefState, index: int, lang: str) -> None:
    """New text, owner and due date, one question each; '-' keeps what is there."""
    item = d.items[index]
    n = index + 1
    answer = await _ask(t("debrief_edit_text", lang, n=n, text=item.text, keep=KEEP), lang)
    if answer is None:
        return
    if answer and answer != KEEP:
        item.text = answer
    answer = await _ask(t("debrief_edit_owner", lang, name=d.person.split()[0], keep=KEEP), lang)
    if answer and answer != KEEP:
        item.owner = parse_owner(answer, d.person)
    current = format_date(item.due_date, lang) if item.due_date else "-"
    answer = await _ask(t("debrief_edit_due", lang, due=current, keep=KEEP), lang)
    if answer and answer != KEEP:
        await _set_due(d, index, answer, lang)
    item.status = "accepted"


async def _set_due(d: DebriefState, index: int, answer: str, lang: str) -> None:
    understood, due = parse_due_answer(answer, d.day)
    if not understood:
        await _say(t("debrief_due_unknown", lang, answer=answer))
        return
    item = d.items[index]
    item.due = due.isoformat() if due else None
    item.due_left_empty = due is None


def _current(payload: dict[str, Any]) -> DebriefState | None:
    """The state the button belongs to, or None for a button of an older/finished review."""
    d = _load()
    if d.stage != "review" or payload.get("rev") != d.rev:
        return None
    return d


ReviewHandler = Callable[[cl.Action, DebriefState, str], Awaitable[None]]


def _review_button(name: str) -> Callable[[ReviewHandler], ReviewHandler]:
    """Register the review button `name`: its handler gets the review it belongs to and the
    language; a button of an older or finished review is answered as stale."""

    def register(handler: ReviewHandler) -> ReviewHandler:
        async def on_action(action: cl.Action) -> None:
            _, lang = await _who()
            d = _current(action.payload)
            if d is None:
                await _say(t("debrief_stale", lang))
                return
            await handler(action, d, lang)

        cl.action_callback(name)(on_action)
        return handler

    return register


async def _store_and_show(action: cl.Action, d: DebriefState, lang: str) -> None:
    """Keep and show the changed review, unless another click finished or replaced it while
    this one waited for an answer."""
    if _current(action.payload) is None:
        return
    await _store(d)
    await _show_review(d, lang)


@_review_button("debrief_resume")
async def on_resume_review(action: cl.Action, d: DebriefState, lang: str) -> None:
    await action.remove()
    await _show_review(d, lang, fresh=True)


@cl.action_callback("debrief_item")
async def on_item(action: cl.Action) -> None:
    _, lang = await _who()
    d = _current(action.payload)
    op = str(action.payload.get("op", ""))
    try:
        index = int(action.payload.get("index", -1))
    except (TypeError, ValueError):
        index = -1
    if d is None or not 0 <= index < len(d.items):
        await _say(t("debrief_stale", lang))
        return
    try:
        if op == "edit":
            await _edit(d, index, lang)
        elif op == "due":
            answer = await _ask(t("debrief_due_ask", lang, text=d.items[index].text), lang)
            if answer is not None:
                await _set_due(d, index, answer, lang)
        elif op in ("accept", "drop", "restore", "nodue", "link_update", "link_done", "unlink"):
            apply(d, index, cast(ItemOp, op))
    finally:
        if op in ("edit", "due"):
            await _end_task()
    await _store_and_show(action, d, lang)


@_review_button("debrief_add")
async def on_add(action: cl.Action, d: DebriefState, lang: str) -> None:
    """Add an item the extractor missed: text, owner and due date, one question each."""
    try:
        text = await _ask(t("debrief_add_text", lang, keep=KEEP), lang)
        if not text or text == KEEP:
            return
        who = await _ask(t("debrief_add_owner", lang, name=d.person.split()[0]), lang)
        owner = parse_owner(who or "", d.person) if who and who != KEEP else ""
        when = await _ask(t("debrief_add_due", lang), lang)
        due = None
        if when and when != KEEP:
            understood, due = parse_due_answer(when, d.day)
            if not understood:
                await _say(t("debrief_due_unknown", lang, answer=when))
        add_item(d, text, owner, due)
    finally:
        await _end_task()
    await _store_and_show(action, d, lang)


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    return _SLUG_RE.sub("-", name.lower()).strip("-") or "1-1"


@cl.action_callback("debrief_save")
async def on_save(action: cl.Action) -> None:
    manager_id, lang = await _who()
    d = _current(action.payload)
    if d is None or d.person_id is None:
        await _say(t("debrief_stale", lang))
        return
    result = d.to_result()
    svc = _service()
    try:
        d.meeting_id = await asyncio.to_thread(
            svc.save, manager_id, d.person_id, d.day, d.text, result
        )
    except UserError as e:
        await _say(t(e.key, lang, **e.params))
        return
    d.stage = "saved"
    await _store(d)
    await _show_review(d, lang)
    # The message is for the employee: in the language of the 1:1's notes (its action items
    # are in it), not the manager's app language, as `coach followup` writes it.
    draft = await asyncio.to_thread(svc.draft, manager_id, d.person_id, d.day, result)
    await _send_draft(d, draft, lang)


def _ensure_files_dir() -> None:
    """Chainlit keeps element bytes under <cwd>/.files/<session>, creating only the last level;
    any Chainlit server stopping in the same folder removes .files, so recreate it first."""
    files_dir = getattr(cl.context.session, "files_dir", None)
    if files_dir is not None:
        Path(files_dir).mkdir(parents=True, exist_ok=True)


def _left_out_note(draft: FollowupDraft, first: str, lang: str) -> str:
    """The visible note to the manager about what the message leaves out, or ""."""
    left = draft.left_out
    if not left:
        return ""
    from coach.followup.privacy import special_kinds

    kinds = sorted({k for text in left for k in special_kinds(text)})
    names = ", ".join(t(f"debrief_kind_{k}", lang) for k in kinds)
    items = " ".join(f'"{x.rstrip(".")}".' for x in left)
    return "> " + t("debrief_left_out", lang, kinds=names, items=items, name=first)


async def _send_draft(d: DebriefState, draft: FollowupDraft, lang: str) -> None:
    """Two messages: what was saved (and left out) with the mail link and the .ics invite,
    then the message itself as plain text, last, because Chainlit puts its copy button under
    the last message of a turn only: the button then copies exactly the message."""
    first = d.person.split()[0]
    head = [t("debrief_saved", lang, name=d.person, count=len(d.kept_items()))]
    note = _left_out_note(draft, first, lang)
    if note:
        head += ["", note]
    head += ["", f"[{t('debrief_mailto_label', lang, name=first)}]({draft.mailto})"]
    elements: list[Any] = []
    if draft.ics:
        _ensure_files_dir()
        name = t("debrief_ics_filename", lang, slug=_slug(d.person))
        elements.append(
            cl.File(name=name, content=draft.ics, mime="text/calendar", display="inline")
        )
        head += ["", t("debrief_ics_hint", lang)]
    head += ["", t("debrief_draft_below", lang, name=first)]
    async with as_turn():
        await _say("\n".join(head), elements=elements)
        await _say(draft.message)


# --- thread start and resume ------------------------------------------------------------


async def start(state: SessionState) -> None:
    """A new Debrief thread: a fresh review state and the person picker."""
    if state.mode != "debrief":
        return
    cl.user_session.set(METADATA_KEY, DebriefState().to_dict())
    await _picker(state.manager_id, state.language)


async def resume(state: SessionState, metadata: dict[str, Any]) -> None:
    """Rebuild the flow from the thread metadata; an unfinished review is shown again."""
    d = DebriefState.from_dict(metadata.get(METADATA_KEY))
    cl.user_session.set(METADATA_KEY, d.to_dict())
    if state.mode != "debrief" and d.stage != "review":
        return
    if not once_per_session("debrief_resume"):
        return
    try:
        if d.stage == "review":
            # Buttons sent while Chainlit resumes a thread are clickable, but updates to such
            # a message do not reach the page; so the review itself is sent from a button.
            go_on = cl.Action(
                name="debrief_resume",
                payload={"rev": d.rev},
                label=t("debrief_btn_resume", state.language),
                icon="list-checks",
            )
            await _say(t("debrief_resume_review", state.language, name=d.person), actions=[go_on])
        elif d.stage == "notes":
            await _say(t("debrief_ask_notes", state.language, name=d.person))
    except Exception:  # noqa: BLE001 - a failed reminder must never block the resumed chat
        logger.exception("debrief resume failed")
