"""`coach ask`: the Coach chat from the command line, through the same pipeline as the app."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import typer

from coach.cli.common import as_manager, friendly, lang, manager_option, print_json


@friendly
def ask(
    question: Annotated[str, typer.Argument(help="Your question, as you would type it.")],
    manager: str = manager_option(),
    language: Annotated[
        str | None,
        typer.Option("--lang", help="nl or en, for a question that does not tell its language."),
    ] = None,
    thread: Annotated[
        str | None, typer.Option("--thread", help="Continue this thread (pronouns resolve).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
) -> None:
    """Ask the coach; the thread is stored (and shown in the app) so --thread continues it."""
    from coach.chat import threads
    from coach.chat.service import ChatService
    from coach.chat.understand import ConversationState

    c, mid = as_manager(manager)
    service = ChatService.from_container(c)
    with c.db.session() as s:
        state = threads.load_state(s, manager, thread) if thread else ConversationState()
    draft = service.draft(mid, question, language or lang(), state)

    async def collect() -> str:
        return "".join([piece async for piece in service.stream(draft)])

    text = asyncio.run(collect())
    with c.db.session() as s:
        thread_id = threads.save_turn(s, manager, thread, draft.question, text, draft.state)
    if not as_json:
        typer.echo(text)
        return
    out: dict[str, Any] = {
        "thread": thread_id,
        "answer": text,
        "language": draft.language,
        "sources": [src.to_dict() for src in draft.sources],
        "person": {"id": draft.person_id, "name": draft.person} if draft.person else None,
        "intent": draft.intent,
        "topic": draft.topic,
        "suggestions": [{"id": p.id, "name": p.name} for p in draft.suggestions],
        "unknown": draft.unknown,
    }
    print_json(out)
