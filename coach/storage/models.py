"""ORM models. Every row that holds data about people belongs to exactly one manager."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, TypedDict

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


# The owner columns, declared once: a row about a person belongs to one manager, and goes
# with that manager (and with the person) when either is deleted.
ManagerKey = Annotated[
    int, mapped_column(ForeignKey("managers.id", ondelete="CASCADE"), index=True)
]
PersonKey = Annotated[int, mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)]

NOTE_SOURCES = ("typed", "imported", "meeting", "checkin")
OWNERS = ("manager", "employee", "other")
ACTION_STATUSES = ("open", "done", "dropped")


class Manager(Base):
    __tablename__ = "managers"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    language: Mapped[str] = mapped_column(String(5), default="nl")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    nudged_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Bumped in the transaction of every note write (coach/storage/search.py): a process
    # that sees a new value knows its vector handles may be stale.
    notes_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("manager_id", "name", name="uq_people_manager_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[ManagerKey]
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    cadence_days: Mapped[int] = mapped_column(Integer, default=28)
    language: Mapped[str] = mapped_column(String(5), default="nl")
    profile: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # "zij/haar", "he/him", "they/them": how the rehearsal card and prompts refer to them
    pronouns: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The usual length of this person's 1:1 (the prep agenda fits it, invites last it).
    meeting_minutes: Mapped[int] = mapped_column(Integer, default=45, server_default="45")


class Meeting(Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[ManagerKey]
    person_id: Mapped[PersonKey]
    held_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC, naive
    summary: Mapped[str] = mapped_column(Text, default="")
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Note(Base):
    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_manager_person_date", "manager_id", "person_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[ManagerKey]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), nullable=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(20), default="typed")
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    person: Mapped[Person] = relationship(lazy="joined")


class SearchChunk(Base):
    """A passage of a note as the keyword index sees it, written in the note's transaction.

    SQLite keeps an FTS5 table over `terms` in step by triggers; PostgreSQL a generated
    tsvector over `text` in the chunk's language (migration 0004). The FTS5 table also holds
    the manager id, so a manager's passages are counted inside the index (migration 0009)."""

    __tablename__ = "note_chunks"
    __table_args__ = (Index("ix_note_chunks_manager_terms", "manager_id", "n_terms"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    # Looked up by owner through ix_note_chunks_manager_terms (migration 0010 dropped the
    # owner-only index it made redundant).
    manager_id: Mapped[int] = mapped_column(ForeignKey("managers.id", ondelete="CASCADE"))
    ord: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(5), default="nl")
    text: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text, default="")
    n_terms: Mapped[int] = mapped_column(Integer, default=0)


class ActionItem(Base):
    __tablename__ = "action_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[ManagerKey]
    person_id: Mapped[PersonKey]
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), nullable=True
    )
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(20), default="employee")
    owner_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class CheckIn(Base):
    __tablename__ = "checkins"
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[ManagerKey]
    person_id: Mapped[PersonKey]
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    energy: Mapped[int | None] = mapped_column(Integer, nullable=True)
    werkgeluk: Mapped[int | None] = mapped_column(Integer, nullable=True)
    wins: Mapped[str] = mapped_column(Text, default="")
    hard: Mapped[str] = mapped_column(Text, default="")
    discuss: Mapped[str] = mapped_column(Text, default="")
    learn: Mapped[str] = mapped_column(Text, default="")


class CheckinLink(Base):
    __tablename__ = "checkin_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[ManagerKey]
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ImportedFile(Base):
    """Remembers imported files by content hash so a second import is refused."""

    __tablename__ = "imported_files"
    __table_args__ = (UniqueConstraint("manager_id", "sha256", name="uq_import_manager_hash"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("managers.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(500))
    note_id: Mapped[int | None] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TranscriptLine(TypedDict):
    """One stored line of a rehearsal (coach.rehearsal.store.save writes it)."""

    speaker: str
    text: str
    source: str
    tension: float


class RehearsalSession(Base):
    __tablename__ = "rehearsals"
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[ManagerKey]
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    scenario: Mapped[str] = mapped_column(String(60))
    difficulty: Mapped[str] = mapped_column(String(10), default="medium")
    language: Mapped[str] = mapped_column(String(5), default="nl")
    transcript: Mapped[list[TranscriptLine]] = mapped_column(JSON, default=list)
    metrics: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class LoginSession(Base):
    """A live login (issue 14): the hash of the token Chainlit issued, so logout, a password
    change or `coach user sessions revoke` ends it in every process; no row, no session."""

    __tablename__ = "login_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(254), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
