"""The one container of the running app, built on first use from the environment."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from functools import lru_cache

from coach import auth
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


def commands() -> CommandService:
    return container().commands


def today() -> dt.date:
    """Today in the manager's time zone (the app's one clock, the container's)."""
    return container().today()


def coach_tools(manager_id: int, language: str) -> CoachTools:
    """The agent's tools for one answer (a fresh ledger of sources each time)."""
    return CoachTools(parts=container(), manager_id=manager_id, language=language, today=today)


@lru_cache(maxsize=1)
def agent() -> ChatAgent:
    return ChatAgent(container().llm, today=today)


def set_manager_language(manager_id: int, language: str) -> None:
    """Remember the language a manager chose in the chat settings."""
    auth.set_language(container().db, manager_id, language)
