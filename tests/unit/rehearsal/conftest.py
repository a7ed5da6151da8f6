"""Fixtures: a real SQLite database in tmp_path and an honest fake LLM with queued replies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coach.container import Container, Overrides, build_container
from coach.llm import LLMClient, ScriptedChatModel
from coach.settings import Settings
from coach.storage import repo


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", llm="fake", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def make_llm(settings: Settings) -> Callable[..., tuple[LLMClient, ScriptedChatModel]]:
    def make(*replies: str) -> tuple[LLMClient, ScriptedChatModel]:
        model = ScriptedChatModel(replies=list(replies))
        return LLMClient(settings, model=model), model

    return make


@pytest.fixture
def container(settings: Settings) -> Container:
    c = build_container(settings, Overrides(llm=LLMClient(settings, model=ScriptedChatModel())))
    c.migrate()
    return c


@pytest.fixture
def managers(container: Container) -> tuple[int, int]:
    with container.db.session() as s:
        a = repo.add_manager(s, "mira", password_hash=None).id
        b = repo.add_manager(s, "bram", password_hash=None).id
    return a, b
