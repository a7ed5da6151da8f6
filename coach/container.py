"""Explicit dependency injection: one frozen container built at start-up.

Tests build their own container with a fake LLM and real parts everywhere else.
Heavy parts (embedding model, Chroma client) load lazily on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from coach.embeddings import Embedder, build_embedder
from coach.llm import LLMClient
from coach.settings import Settings
from coach.storage.db import Database, upgrade


@dataclass(frozen=True)
class Overrides:
    embedder: Embedder | None = None
    llm: LLMClient | None = None
    chroma_client: Any = None


@dataclass(frozen=True)
class Container:
    settings: Settings
    overrides: Overrides = field(default_factory=Overrides)

    @cached_property
    def db(self) -> Database:
        return Database(self.settings.database_url)

    @cached_property
    def embedder(self) -> Embedder:
        return self.overrides.embedder or build_embedder(
            self.settings.embeddings, cache_dir=self.settings.data_dir / "models"
        )

    @cached_property
    def chroma(self) -> Any:
        if self.overrides.chroma_client is not None:
            return self.overrides.chroma_client
        from coach.retrieval.index import make_client

        c = self.settings.chroma
        return make_client(self.settings.chroma_path, c.host, c.port)

    @cached_property
    def index(self) -> Any:
        from coach.retrieval.index import NoteIndex

        return NoteIndex(self.chroma, self.embedder)

    @cached_property
    def retriever(self) -> Any:
        from coach.retrieval.service import Retriever

        return Retriever(self.db, self.index, self.settings.retrieval_mode)

    @cached_property
    def notes(self) -> Any:
        from coach.notes.service import NotesService

        return NotesService(self.db, self.index, self.retriever)

    @cached_property
    def knowledge(self) -> Any:
        from coach.knowledge.service import KnowledgeBase

        return KnowledgeBase(self.chroma, self.embedder)

    @cached_property
    def llm(self) -> LLMClient:
        return self.overrides.llm or LLMClient(self.settings)

    def migrate(self) -> None:
        upgrade(self.settings.database_url)


def build_container(settings: Settings, overrides: Overrides | None = None) -> Container:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Container(settings, overrides or Overrides())
