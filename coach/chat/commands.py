"""Team and note commands typed in the chat (/persoon, /notitie, /notities, and English).

Parsing is pure; execution calls the team and notes services and returns text from the
message catalogue, so the chat app only renders what comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, TypeAlias

from coach import files, slash
from coach.chat.service import excerpt
from coach.errors import UserError
from coach.i18n import normalise_language, t
from coach.security.inert import inert
from coach.storage.repo import PersonDetails

if TYPE_CHECKING:
    from coach.notes.service import NotesService
    from coach.team.service import TeamService

Action = Literal["person", "note", "notes"]

# The command ids shown in the composer, per language; typed, either language's id works.
COMMAND_IDS: dict[str, dict[Action, str]] = {
    "nl": {"person": "persoon", "note": "notitie", "notes": "notities"},
    "en": {"person": "person", "note": "note", "notes": "notes"},
}
ALIASES: dict[str, Action] = {
    name: action for ids in COMMAND_IDS.values() for action, name in ids.items()
}
LIST_LIMIT = 10


Command: TypeAlias = slash.Command[Action]


def parse_command(command: str | None, content: str) -> Command | None:
    """A command chosen in the composer, or typed as `/name argument`; else None."""
    return slash.parse(command, content, ALIASES)


def split_person(argument: str) -> tuple[str, str]:
    """'Naam; rol' -> (name, role); the role is optional."""
    name, _, role = argument.partition(";")
    return name.strip(), role.strip()


def split_note(argument: str) -> tuple[str, str]:
    """'Naam: tekst' -> (name, text); a missing colon is a usage error."""
    name, sep, text = argument.partition(":")
    if not sep or not name.strip():
        raise UserError("cmd_note_usage")
    return name.strip(), text.strip()


class CommandService:
    """Slash commands and uploads: a person goes to the team service, a note to the notes
    service (a provider: it opens the vector index only when a note is written or listed)."""

    def __init__(
        self,
        team: TeamService,
        *,
        notes: Callable[[], NotesService],
        max_upload_mb: int,
        today: Callable[[], dt.date],
    ) -> None:
        self.team = team
        self._notes = notes
        self.max_upload_mb = max_upload_mb
        self.today = today

    def run(self, manager_id: int, cmd: Command, language: str) -> str:
        """Blocking: execute one command and return the reply in the manager's language."""
        lang = normalise_language(language)
        if cmd.action == "person":
            name, role = split_person(cmd.argument)
            if not name:
                raise UserError("cmd_person_usage")
            p = self.team.add_person(manager_id, name, PersonDetails(role=role, language=lang))
            return t("cmd_person_added", lang, name=p["name"], role=p["role"] or "-")
        if cmd.action == "note":
            name, text = split_note(cmd.argument)
            note = self._notes().add(manager_id, name, text)
            return t("cmd_note_added", lang, name=note.person, date=note.date.isoformat())
        return self.list_notes(manager_id, cmd.argument or None, lang)

    def list_notes(self, manager_id: int, person: str | None, lang: str) -> str:
        notes = self._notes().list(manager_id, person, limit=LIST_LIMIT)
        if not notes:
            return t("cmd_notes_none", lang)
        head = t("cmd_notes_heading", lang, count=len(notes))
        rows = [
            f"- {n.date.isoformat()} · {n.person}: {inert(excerpt(n.text, 160))}" for n in notes
        ]
        return "\n".join([f"**{head}**", *rows])

    def add_file(
        self, manager_id: int, person: str, filename: str, data: bytes, language: str
    ) -> str:
        """Blocking: one uploaded file becomes one note about `person`."""
        lang = normalise_language(language)
        if not person.strip():
            raise UserError("upload_needs_person")
        text = files.decode(filename, data, max_bytes=files.max_bytes(self.max_upload_mb))
        note = self._notes().add(
            manager_id, person.strip(), text, date=self.today(), source="imported"
        )
        return t("upload_added", lang, file=filename, name=note.person)
