"""Explicit dependency injection: one frozen container built at start-up.

Tests build their own container with a fake LLM and real parts everywhere else.
Heavy parts (embedding model, Chroma client) load lazily on first use; the imports of the
retrieval, notes and knowledge modules are only for the type checker, so building a
container stays cheap for CLI commands that never search.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from coach.clock import Clock, today_in, utc_now
from coach.embeddings import Embedder, build_embedder
from coach.files import max_bytes
from coach.llm import LLMClient
from coach.settings import Settings
from coach.storage.db import Database, upgrade

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

    from coach.cadence.nudge import NudgeService
    from coach.cadence.overview import OverviewService
    from coach.cadence.planning import PlanningService
    from coach.cadence.service import CadenceService
    from coach.chat.commands import CommandService
    from coach.checkin.service import CheckinService
    from coach.followup.service import FollowupService
    from coach.knowledge.service import KnowledgeBase
    from coach.notes.service import NotesService
    from coach.prep.service import PrepService
    from coach.rehearsal.service import RehearsalService
    from coach.retrieval.index import EmbeddedGuard, NoteIndex
    from coach.retrieval.service import Retriever
    from coach.team.service import TeamService


@dataclass(frozen=True)
class Overrides:
    embedder: Embedder | None = None
    llm: LLMClient | None = None
    chroma_client: ClientAPI | None = None  # a Chroma server's client (tests: an in-memory one)
    now: Clock | None = None  # a pinned clock (tests, evals); default the wall clock


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
    def chroma(self) -> ClientAPI:
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

            def reconnect() -> ClientAPI:
                return make_client(path, fresh=True)

        return NoteIndex(self.chroma, self.embedder, guard=self.chroma_guard, reconnect=reconnect)

    @cached_property
    def retriever(self) -> Retriever:
        from coach.retrieval.service import Retriever

        return Retriever(self.db, self.index, self.settings.retrieval_mode)

    @cached_property
    def notes(self) -> NotesService:
        from coach.notes.service import NotesService

        return NotesService(self.db, self.index, today=self.today)

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        from coach.knowledge.service import KnowledgeBase

        return KnowledgeBase(self.chroma, self.embedder)

    @cached_property
    def llm(self) -> LLMClient:
        return self.overrides.llm or LLMClient(self.settings)

    @property
    def now(self) -> Clock:
        """The one clock every service gets (the wall clock unless overridden)."""
        return self.overrides.now or utc_now

    def today(self) -> dt.date:
        """Today in the manager's time zone (settings.timezone)."""
        return today_in(self.now, self.settings.timezone)

    def loaded_knowledge(self) -> KnowledgeBase | None:
        """The knowledge base when something already loaded it, else None (never loads it:
        a caller that can read the Markdown files instead need not wait for the model)."""
        kb: KnowledgeBase | None = self.__dict__.get("knowledge")
        return kb

    # --- services (built here, so mypy checks the wiring; lazy parts stay lazy) ----------

    @cached_property
    def prep(self) -> PrepService:
        from coach.prep.service import PrepService

        return PrepService(self.settings, self.db, search=self, now=self.now)

    @cached_property
    def followup(self) -> FollowupService:
        from coach.followup.service import FollowupService

        return FollowupService(
            self.db,
            self.llm,
            store=self,
            timezone=self.settings.timezone,
            max_upload_bytes=max_bytes(self.settings.max_upload_mb),
            now=self.now,
        )

    @cached_property
    def team(self) -> TeamService:
        from coach.team.service import TeamService

        s = self.settings
        return TeamService(
            self.db,
            store=self,
            data_dir=s.data_dir,
            embedded_store=None if s.chroma.host else s.chroma_path,
            meeting_minutes=s.meeting_minutes,
            cadence_days=s.cadence_days,
        )

    @cached_property
    def commands(self) -> CommandService:
        from coach.chat.commands import CommandService

        return CommandService(
            self.team,
            notes=lambda: self.notes,
            max_upload_mb=self.settings.max_upload_mb,
            today=self.today,
        )

    @cached_property
    def cadence(self) -> CadenceService:
        from coach.cadence.service import CadenceService

        return CadenceService(
            self.db,
            cadence_days=self.settings.cadence_days,
            timezone=self.settings.timezone,
            now=self.now,
        )

    @cached_property
    def nudges(self) -> NudgeService:
        from coach.cadence.nudge import NudgeService

        return NudgeService(self.db, self.cadence, timezone=self.settings.timezone, now=self.now)

    @cached_property
    def overview(self) -> OverviewService:
        from coach.cadence.overview import OverviewService

        return OverviewService(self.db, self.cadence, timezone=self.settings.timezone, now=self.now)

    @cached_property
    def planning(self) -> PlanningService:
        from coach.cadence.planning import PlanningService

        return PlanningService(self.db, self.prep, timezone=self.settings.timezone, now=self.now)

    @cached_property
    def checkins(self) -> CheckinService:
        from coach.checkin.service import CheckinService

        return CheckinService(self.db, self.settings.app, now=self.now)

    @cached_property
    def rehearsal(self) -> RehearsalService:
        from coach.rehearsal.service import RehearsalService

        return RehearsalService(self.db, today=self.today)

    def migrate(self) -> None:
        upgrade(self.settings.database_url)


def build_container(settings: Settings, overrides: Overrides | None = None) -> Container:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Container(settings, overrides or Overrides())
