"""The typed views of a team member that the team service hands out.

TypedDicts, not dataclasses: the CLI prints them as JSON as they are (`person list --json`,
`person export`), so the keys and their order are the output format.
"""

from __future__ import annotations

from typing import TypedDict

from coach.storage.models import TranscriptLine


class PersonRow(TypedDict):
    """One team member as the services hand it out and the CLI prints it (--json, export)."""

    id: int
    name: str
    role: str
    email: str | None
    language: str
    start_date: str | None  # ISO date
    cadence_days: int
    meeting_minutes: int
    pronouns: str


class NoteRow(TypedDict):
    id: int
    date: str
    source: str
    text: str


class MeetingRow(TypedDict):
    id: int
    held_at: str
    summary: str


class ActionItemRow(TypedDict):
    id: int
    text: str
    owner: str
    due: str | None
    status: str


class CheckInRow(TypedDict):
    submitted_at: str
    energy: int | None
    werkgeluk: int | None
    wins: str
    hard: str
    discuss: str
    learn: str


class RehearsalRow(TypedDict):
    id: int
    created_at: str
    scenario: str
    transcript: list[TranscriptLine]


class ThreadRow(TypedDict):
    name: str
    created_at: str
    messages: list[dict[str, str]]


class PersonExport(TypedDict):
    """Everything stored about one person (a data-subject request), as JSON."""

    person: PersonRow
    notes: list[NoteRow]
    meetings: list[MeetingRow]
    action_items: list[ActionItemRow]
    checkins: list[CheckInRow]
    rehearsals: list[RehearsalRow]
    chat_threads: list[ThreadRow]
