"""Explicit dependency injection: one frozen container built at start-up.

Tests build their own container with a fake LLM and real parts everywhere else.
Heavy parts (embedding model, Chroma client) load lazily on first use; the imports of the
retrieval, notes and knowledge modules are only for the type checker, so building a
container stays cheap for CLI commands that never search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from coach.embeddings import Embedder, build_embedder
from coach.llm import LLMClient
from coach.settings import Settings
from coach.storage.db import Database, upgrade

if TYPE_CHECKING:
    from coach.knowledge.service import KnowledgeBase
    from coach.notes.service import NotesService
    from coach.retrieval.index import EmbeddedGuard, NoteIndex
    from coach.retrieval.service import Retriever


@dataclass(frozen=True)
class Overrides:
    embedder: Embedder | None = None
    llm: LLMClient | None = None
    chroma_client: Any = None  # a chromadb client (chromadb has no public client type)


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

    @property
    def embedded_chroma(self) -> bool:
        return self.overrides.chroma_client is None and not self.settings.chroma.host

    @cached_property
    def chroma_guard(self) -> EmbeddedGuard | None:
        """Writer lock and generation file of an embedded store (None for a Chroma server)."""
        if not self.embedded_chroma:
            return None
        from coach.retrieval.index import EmbeddedGuard

        return EmbeddedGuard(self.settings.chroma_path)

    @cached_property
    def chroma(self) -> Any:
        if self.overrides.chroma_client is not None:
            return self.overrides.chroma_client
        from coach.retrieval.index import make_client

        _ = self.chroma_guard  # read the generation before the client reads the store
        c = self.settings.chroma
        return make_client(self.settings.chroma_path, c.host, c.port)

    @cached_property
    def index(self) -> NoteIndex:
        from coach.retrieval.index import NoteIndex, make_client

        reconnect = None
        if self.embedded_chroma:
            path = self.settings.chroma_path

            def reconnect() -> Any:
                return make_client(path, fresh=True)

        return NoteIndex(self.chroma, self.embedder, guard=self.chroma_guard, reconnect=reconnect)

    @cached_property
    def retriever(self) -> Retriever:
        from coach.retrieval.service import Retriever

        return Retriever(self.db, self.index, self.settings.retrieval_mode)

    @cached_property
    def notes(self) -> NotesService:
        from coach.notes.service import NotesService

        return NotesService(self.db, self.index)

    @cached_property
    def knowledge(self) -> KnowledgeBase:
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
