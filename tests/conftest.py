"""Shared fixtures. Tests run in the test profile: every COACH_* variable of the shell that
started pytest is dropped and `.env` is never read (coach.settings.enter_test_profile), so a
test sees only the settings it sets itself and cannot touch a configured database. Tests
never reach a network model: COACH_LLM is `fake` unless a test sets its own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
from coach.settings import enter_test_profile  # noqa: E402

enter_test_profile(os.environ)
os.environ["COACH_LLM"] = "fake"
for _var in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
    os.environ.pop(_var, None)

from coach.container import Container, Overrides, build_container  # noqa: E402
from coach.embeddings import Embedder, build_embedder  # noqa: E402
from coach.settings import Settings  # noqa: E402


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Embedder:
    """The real packaged embedding model (default setting, with its ONNX query path), loaded
    once per session."""
    return build_embedder(Settings().embeddings, cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", llm="fake")


@pytest.fixture
def container(settings: Settings, embedder: Embedder) -> Iterator[Container]:
    """Real SQLite + embedded Chroma in tmp_path, the real embedder, the fake LLM."""
    c = build_container(settings, Overrides(embedder=embedder))
    c.migrate()
    yield c
    c.db.engine.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last: Playwright's sync API keeps an event loop running in the main
    thread for the rest of the session, which breaks any later `asyncio.run`."""
    items.sort(key=lambda item: "/tests/e2e/" in str(item.path))
