"""The one container of the running app, built on first use from the environment."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from functools import lru_cache
from zoneinfo import ZoneInfo

from coach.chat.agent import ChatAgent
from coach.chat.commands import CommandService
from coach.chat.service import ChatService
from coach.chat.tools import CoachTools
from coach.container import Container, build_container
from coach.settings import Settings


@lru_cache(maxsize=1)
def container() -> Container:
    return build_container(Settings())


def warm_up() -> threading.Thread:
    """Load the embedding model, open Chroma and (re)build the knowledge index in the
    background, so the login page is served at once; a first question that needs one of
    these waits for it there (the knowledge base syncs under its own lock)."""

    def work() -> None:
        try:
            c = container()
            c.embedder.encode(["warm up"])
            c.knowledge.sync()
            _ = c.index
        except Exception:  # noqa: BLE001 - the first question retries and reports clearly
            logging.getLogger(__name__).warning("background warm-up failed", exc_info=True)

    thread = threading.Thread(target=work, name="coach-warm-up", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=1)
def chat() -> ChatService:
    return ChatService.from_container(container())


@lru_cache(maxsize=1)
def commands() -> CommandService:
    return CommandService(container())


def today() -> dt.date:
    """Today in the manager's time zone (the app's one clock)."""
    return dt.datetime.now(ZoneInfo(container().settings.timezone)).date()


def coach_tools(manager_id: int, language: str) -> CoachTools:
    """The agent's tools for one answer (a fresh ledger of sources each time)."""
    from coach.cadence.service import CadenceService
    from coach.prep.service import PrepService

    c = container()
    return CoachTools(
        db=c.db,
        retriever=c.retriever,
        knowledge=c.knowledge,
        prep=PrepService(c),
        cadence=CadenceService(c),
        manager_id=manager_id,
        language=language,
        today=today,
    )


@lru_cache(maxsize=1)
def agent() -> ChatAgent:
    return ChatAgent(container().llm, today=today)


def set_manager_language(manager_id: int, language: str) -> None:
    """Remember the language a manager chose in the chat settings."""
    from coach.storage.models import Manager

    with container().db.session() as s:
        m = s.get(Manager, manager_id)
        if m is not None:
            m.language = language
