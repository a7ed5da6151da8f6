"""Write path for notes: SQL is the source of truth, the index follows in the same step.

Each write runs the SQL change and the vector update inside one unit of work: if indexing
fails, the SQL transaction rolls back, so nothing is half-written. The keyword passages and
the manager's notes version are written by the flush itself (coach/storage/search.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.errors import UserError
from coach.files import decode, read_bytes
from coach.jsonable import jsonable
from coach.retrieval.index import NoteIndex, note_chunks
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import Note
from coach.team.lookup import person_or_error

MAX_NOTE_CHARS = 200_000
IMPORT_SUFFIXES = (".txt", ".md", ".docx")


@dataclass(frozen=True)
class NoteView:
    id: int
    person_id: int
    person: str
    date: dt.date
    source: str
    text: str

    @classmethod
    def of(cls, n: Note) -> NoteView:
        return cls(n.id, n.person_id, n.person.name, n.date, n.source, n.text)

    def to_dict(self) -> dict[str, object]:
        return jsonable(self)


@dataclass(frozen=True)
class ImportReport:
    imported: list[str]
    skipped: list[tuple[str, str]]  # (file name, message key)


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\x00", "").strip()
    if not text:
        raise UserError("note_empty")
    if len(text) > MAX_NOTE_CHARS:
        raise UserError("note_too_long", limit=MAX_NOTE_CHARS)
    return text


class NotesService:
    def __init__(self, db: Database, index: NoteIndex, *, today: Callable[[], dt.date]) -> None:
        self.db = db
        self.index = index
        self.today = today  # a note without a date is today's (the manager's day: the clock's)

    def add(
        self,
        manager_id: int,
        person_ref: str | int,
        text: str,
        *,
        date: dt.date | None = None,
        source: str = "typed",
        meeting_id: int | None = None,
    ) -> NoteView:
        text = clean_text(text)
        if date is None:
            date = self.today()
        with self.db.session() as s:
            person = person_or_error(s, manager_id, person_ref)
            note = repo.add_note(
                s, manager_id, person.id, text, date=date, source=source, meeting_id=meeting_id
            )
            self._index_note(manager_id, note)
            view = NoteView.of(note)
        return view

    def add_many(
        self,
        manager_id: int,
        person_id: int,
        items: Sequence[tuple[dt.date, str]],
        *,
        source: str = "imported",
        batch: int = 256,
    ) -> int:
        """Bulk ingest in one transaction, embedding in batches (the fast path for imports)."""
        texts = [(d, clean_text(t)) for d, t in items]
        with self.db.session() as s:
            notes = repo.add_notes(s, manager_id, person_id, texts, source=source)
            self._index_notes(manager_id, notes, batch)
        return len(notes)

    def edit(self, manager_id: int, note_id: int, text: str) -> NoteView:
        text = clean_text(text)
        with self.db.session() as s:
            note = self._note(s, manager_id, note_id)
            note.text = text
            note.content_hash = repo.text_hash(text)
            s.flush()
            self.index.delete_note(manager_id, note.id)
            self._index_note(manager_id, note)
            view = NoteView.of(note)
        return view

    def delete(self, manager_id: int, note_id: int) -> None:
        with self.db.session() as s:
            note = self._note(s, manager_id, note_id)
            s.delete(note)
            s.flush()
            self.index.delete_note(manager_id, note_id)

    def list(
        self, manager_id: int, person_ref: str | int | None = None, limit: int = 20
    ) -> list[NoteView]:
        with self.db.session() as s:
            person_id = person_or_error(s, manager_id, person_ref).id if person_ref else None
            return [
                NoteView.of(n)
                for n in repo.list_notes(s, manager_id, person_id=person_id, limit=limit)
            ]

    def import_files(
        self,
        manager_id: int,
        person_ref: str | int,
        files: Iterable[Path],
        *,
        max_bytes: int,
        on_progress: Callable[[Path], None] | None = None,
    ) -> ImportReport:
        """Import each file as one note; a bad or duplicate file is skipped, never half-written."""
        imported: list[str] = []
        skipped: list[tuple[str, str]] = []
        with self.db.session() as s:
            person_id = person_or_error(s, manager_id, person_ref).id
        for path in files:
            if on_progress:
                on_progress(path)
            try:
                data = read_bytes(path, max_bytes=max_bytes)  # oversized: refused unread
                text = clean_text(decode(path.name, data, max_bytes=max_bytes))
                sha = hashlib.sha256(data).hexdigest()
                with self.db.session() as s:
                    if repo.find_import(s, manager_id, sha) is not None:
                        raise UserError("file_duplicate")
                    mtime = dt.date.fromtimestamp(path.stat().st_mtime)
                    note = repo.add_note(
                        s, manager_id, person_id, text, date=mtime, source="imported"
                    )
                    repo.record_import(s, manager_id, sha, path.name, note.id)
                    self._index_note(manager_id, note)
                imported.append(path.name)
            except UserError as e:
                skipped.append((path.name, e.key))
        return ImportReport(imported, skipped)

    def reindex(self, manager_id: int, batch: int = 256) -> int:
        """Rebuild the manager's vectors from SQL (the source of truth)."""
        self.index.drop_manager(manager_id)
        with self.db.session() as s:
            notes = repo.list_notes(s, manager_id)
            self._index_notes(manager_id, notes, batch)
        return len(notes)

    def _index_notes(self, manager_id: int, notes: Sequence[Note], batch: int) -> None:
        chunks = [
            c for n in notes for c in note_chunks(n.id, n.person_id, n.date, n.source, n.text)
        ]
        self.index.upsert_batches(manager_id, chunks, batch)

    def _index_note(self, manager_id: int, note: Note) -> None:
        self.index.upsert(
            manager_id, note_chunks(note.id, note.person_id, note.date, note.source, note.text)
        )

    @staticmethod
    def _note(s, manager_id: int, note_id: int) -> Note:  # type: ignore[no-untyped-def]
        try:
            return repo.get_note(s, manager_id, note_id)
        except repo.NotFound as e:
            raise UserError("note_not_found", id=note_id) from e
