"""Chroma adapter. One collection per manager: isolation by construction, not by filter.

A metadata filter on a big shared collection costs far more than the vector search and a
forgotten filter would leak; a collection per manager makes a cross-manager hit impossible.
We always pass our own vectors, so Chroma never loads its (downloading) default model.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from coach.embeddings import Embedder
from coach.retrieval.text import chunk_text


def make_client(path: Path | None, host: str | None = None, port: int = 8001) -> Any:
    import chromadb  # imported here: ~1.5 s, and most CLI commands never touch the index
    from chromadb.config import Settings as ChromaClientSettings

    settings = ChromaClientSettings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


@dataclass(frozen=True)
class NoteChunk:
    chunk_id: str
    note_id: int
    person_id: int
    date: dt.date
    source: str
    text: str


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    note_id: int
    distance: float


def note_chunks(
    note_id: int, person_id: int, date: dt.date, source: str, text: str
) -> list[NoteChunk]:
    return [
        NoteChunk(f"{note_id}:{i}", note_id, person_id, date, source, part)
        for i, part in enumerate(chunk_text(text))
    ]


class NoteIndex:
    """Vectors of a manager's notes in Chroma, kept in step with SQL by the notes service."""

    def __init__(self, client: Any, embedder: Embedder) -> None:
        self.client = client
        self.embedder = embedder
        self._collections: dict[int, Any] = {}  # handles, so a query makes one Chroma call
        self._lock = threading.Lock()

    def _name(self, manager_id: int) -> str:
        return f"notes-m{manager_id}-{self.embedder.name}"

    def collection(self, manager_id: int) -> Any:
        with self._lock:
            col = self._collections.get(manager_id)
            if col is None:
                col = self.client.get_or_create_collection(
                    self._name(manager_id),
                    embedding_function=None,
                    metadata={"hnsw:space": "cosine"},
                )
                self._collections[manager_id] = col
            return col

    def upsert(self, manager_id: int, chunks: Sequence[NoteChunk]) -> None:
        if not chunks:
            return
        vectors = self.embedder.encode([c.text for c in chunks])
        self.upsert_vectors(manager_id, chunks, vectors)

    def upsert_vectors(
        self, manager_id: int, chunks: Sequence[NoteChunk], vectors: np.ndarray
    ) -> None:
        col = self.collection(manager_id)
        for start in range(0, len(chunks), 4000):
            part = chunks[start : start + 4000]
            col.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[start : start + 4000],
                documents=[c.text for c in part],
                metadatas=[
                    {
                        "note_id": c.note_id,
                        "person_id": c.person_id,
                        "date": c.date.toordinal(),
                        "source": c.source,
                    }
                    for c in part
                ],
            )

    def delete_note(self, manager_id: int, note_id: int) -> None:
        self.collection(manager_id).delete(where={"note_id": {"$eq": note_id}})

    def delete_person(self, manager_id: int, person_id: int) -> None:
        self.collection(manager_id).delete(where={"person_id": {"$eq": person_id}})

    def _forget(self, manager_id: int) -> None:
        with self._lock:
            self._collections.pop(manager_id, None)

    def drop_manager(self, manager_id: int) -> None:
        self._forget(manager_id)
        with contextlib.suppress(Exception):  # an absent collection is fine
            self.client.delete_collection(self._name(manager_id))

    def count(self, manager_id: int) -> int:
        return int(self.collection(manager_id).count())

    def query(
        self,
        manager_id: int,
        vector: np.ndarray,
        k: int,
        *,
        person_id: int | None = None,
        since: dt.date | None = None,
    ) -> list[VectorHit]:
        clauses: list[dict[str, Any]] = []
        if person_id is not None:
            clauses.append({"person_id": {"$eq": person_id}})
        if since is not None:
            clauses.append({"date": {"$gte": since.toordinal()}})
        where: dict[str, Any] | None = None
        if len(clauses) == 1:
            where = clauses[0]
        elif clauses:
            where = {"$and": clauses}
        args: dict[str, Any] = {
            "query_embeddings": vector.reshape(1, -1),
            "n_results": k,  # Chroma returns fewer when the collection holds fewer
            "where": where,
            "include": ["metadatas", "distances"],
        }
        try:
            res = self.collection(manager_id).query(**args)
        except Exception:  # noqa: BLE001 - e.g. `coach reindex` in another process recreated it
            self._forget(manager_id)
            res = self.collection(manager_id).query(**args)
        return [
            VectorHit(cid, int(meta["note_id"]), float(dist))
            for cid, meta, dist in zip(
                res["ids"][0], res["metadatas"][0], res["distances"][0], strict=True
            )
        ]
