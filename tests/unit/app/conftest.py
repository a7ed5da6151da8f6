from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.auth import create_manager
from coach.container import Container, Overrides, build_container
from coach.knowledge.entries import KNOWLEDGE_DIR
from coach.knowledge.service import KnowledgeBase
from coach.llm import LLMClient, ScriptedChatModel
from coach.settings import Settings
from coach.storage.repo import PersonDetails

NOTE_DAY = dt.date(2026, 10, 5)
KNOWLEDGE_SAMPLE = ("sbi-feedback.md", "playbook-overbelasting-burnout.md", "vragen-werkgeluk.md")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A real container (SQLite, Chroma, embeddings in tmp) with the scripted fake LLM."""
    data: Path = tmp_path_factory.mktemp("app")
    settings = Settings(data_dir=data, llm="fake")
    model = ScriptedChatModel()
    c: Container = build_container(settings, Overrides(llm=LLMClient(settings, model)))
    c.migrate()
    # A small knowledge base (real entries, both languages) keeps the index build short.
    root = data / "knowledge"
    for lang in ("nl", "en"):
        (root / lang).mkdir(parents=True)
        for entry in KNOWLEDGE_SAMPLE:
            shutil.copy(KNOWLEDGE_DIR / lang / entry, root / lang / entry)
    c.__dict__["knowledge"] = KnowledgeBase(c.chroma, c.embedder, root=root)
    alice = create_manager(c.db, "alice", "password-1").id
    bob = create_manager(c.db, "bob", "password-2").id
    team = c.team
    team.add_person(alice, "Eva Smit", PersonDetails(role="developer"))
    team.add_person(alice, "Karim Doe", PersonDetails(role="designer"))
    team.add_person(bob, "Eva Jansen", PersonDetails(role="analyst"))
    c.notes.add(
        alice, "Eva Smit", "Eva wil meer ontwerpwerk en voelt zich overbelast.", date=NOTE_DAY
    )
    c.notes.add(alice, "Karim Doe", "Karim is trots op de nieuwe release.", date=NOTE_DAY)
    c.notes.add(bob, "Eva Jansen", "Geheim: Eva Jansen overweegt ontslag.", date=NOTE_DAY)
    yield {"c": c, "alice": alice, "bob": bob, "model": model}
