"""The one container of the running app, built on first use from the environment."""

from __future__ import annotations

from functools import lru_cache

from coach.chat.commands import CommandService
from coach.chat.service import ChatService
from coach.container import Container, build_container
from coach.settings import Settings


@lru_cache(maxsize=1)
def container() -> Container:
    return build_container(Settings())


@lru_cache(maxsize=1)
def chat() -> ChatService:
    return ChatService.from_container(container())


@lru_cache(maxsize=1)
def commands() -> CommandService:
    return CommandService(container())


def set_manager_language(manager_id: int, language: str) -> None:
    """Remember the language a manager chose in the chat settings."""
    from coach.storage.models import Manager

    with container().db.session() as s:
        m = s.get(Manager, manager_id)
        if m is not None:
            m.language = language
