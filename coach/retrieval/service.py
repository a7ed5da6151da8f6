"""Retrieval service: hybrid search over one manager's notes.

search() only ever reads the manager's own collection and their own SQL rows, so no
query or filter can reach another manager's passages.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Literal

from coach.retrieval.bm25 import BM25Index, rrf
from coach.retrieval.index import NoteChunk, NoteIndex, note_chunks
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import Note


@dataclass(frozen=True)
class Passage:
    note_id: int
    person_id: int
    person: str
    date: dt.date
    source: str
    text: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return {
            "note_id": self.note_id,
            "person_id": self.person_id,
            "person": self.person,
            "date": self.date.isoformat(),
            "source": self.source,
            "text": self.text,
            "score": round(self.score, 5),
        }


class _Bm25Cache:
    """Per-manager BM25 over SQL notes, rebuilt lazily after any write."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[int, tuple[BM25Index, list[NoteChunk]]] = {}

    def invalidate(self, manager_id: int) -> None:
        with self._lock:
            self._data.pop(manager_id, None)

    def get(self, db: Database, manager_id: int) -> tuple[BM25Index, list[NoteChunk]]:
        with self._lock:
            hit = self._data.get(manager_id)
            if hit is not None:
                return hit
        with db.session() as s:
            chunks = [
                c
                for n in repo.list_notes(s, manager_id)
                for c in note_chunks(n.id, n.person_id, n.date, n.source, n.text)
            ]
        built = (BM25Index([c.text for c in chunks]), chunks)
        with self._lock:
            self._data[manager_id] = built
        return built


Mode = Literal["hybrid", "vector", "bm25"]


class Retriever:
    def __init__(self, db: Database, index: NoteIndex, mode: Mode = "hybrid") -> None:
        self.db = db
        self.index = index
        self.mode = mode
        self._bm25 = _Bm25Cache()

    def invalidate(self, manager_id: int) -> None:
        self._bm25.invalidate(manager_id)

    def search(
        self,
        manager_id: int,
        query: str,
        *,
        person_id: int | None = None,
        since: dt.date | None = None,
        k: int = 5,
    ) -> list[Passage]:
        query = query.strip()
        if not query:
            return []
        depth = max(4 * k, 20)
        rankings: list[list[str]] = []
        texts: dict[str, str] = {}
        if self.mode in ("hybrid", "vector"):
            vec = self.index.embedder.encode([query])[0]
            hits = self.index.query(manager_id, vec, depth, person_id=person_id, since=since)
            rankings.append([h.chunk_id for h in hits])
        if self.mode in ("hybrid", "bm25"):
            bm25, chunks = self._bm25.get(self.db, manager_id)
            ranked: list[str] = []
            for i, _score in bm25.top(query, depth * 3):
                c = chunks[i]
                if person_id is not None and c.person_id != person_id:
                    continue
                if since is not None and c.date < since:
                    continue
                ranked.append(c.chunk_id)
                texts[c.chunk_id] = c.text
                if len(ranked) >= depth:
                    break
            rankings.append(ranked)
        fused = rrf(rankings)[: k * 3]
        note_ids = sorted({int(cid.split(":")[0]) for cid, _ in fused})
        with self.db.session() as s:
            notes: dict[int, Note] = repo.notes_by_ids(s, manager_id, note_ids)
            names = {n.id: n.person.name for n in notes.values()}
        out: list[Passage] = []
        seen: set[int] = set()
        for cid, score in fused:
            note_id = int(cid.split(":")[0])
            note = notes.get(note_id)
            if note is None or note_id in seen:  # stale index entry or second chunk of a note
                continue
            seen.add(note_id)
            text = texts.get(cid) or _chunk_text(note, cid)
            out.append(
                Passage(
                    note.id, note.person_id, names[note.id], note.date, note.source, text, score
                )
            )
            if len(out) >= k:
                break
        return out


def _chunk_text(note: Note, chunk_id: str) -> str:
    idx = int(chunk_id.split(":")[1])
    chunks = note_chunks(note.id, note.person_id, note.date, note.source, note.text)
    return chunks[idx].text if idx < len(chunks) else note.text
