"""Chroma adapter. One collection per manager: isolation by construction, not by filter.

A metadata filter on a big shared collection costs far more than the vector search and a
forgotten filter would leak; a collection per manager makes a cross-manager hit impossible.
We always pass our own vectors, so Chroma never loads its (downloading) default model.

Several processes on one embedded (PersistentClient) store: a Chroma process keeps its own
in-memory view and never sees another process's writes (measured: stale ids, then
"Error finding id" or a record without metadata), and a stale writer could persist its old
view over a newer one. So embedded mode allows one writer at a time (a file lock in the
Chroma folder) and keeps a generation counter in a file beside it: every process compares
it before each read and write and, when another process wrote, opens a fresh Chroma system
(~0.1 s). A Chroma server (`chroma run`, COACH_CHROMA__HOST) needs none of this.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from coach.embeddings import Embedder
from coach.retrieval.text import chunk_text

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from chromadb.api.types import QueryResult, Where
    from chromadb.base_types import LiteralValue, LogicalOperator, WhereOperator


def make_client(
    path: Path | None, host: str | None = None, port: int = 8001, *, fresh: bool = False
) -> ClientAPI:
    """A Chroma client; `fresh` drops this process's cached embedded system for the path, so
    the new client reads what other processes wrote."""
    import chromadb  # imported here: ~1.5 s, and most CLI commands never touch the index
    from chromadb.config import Settings as ChromaClientSettings

    settings = ChromaClientSettings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    if fresh:
        from chromadb.api.shared_system_client import SharedSystemClient

        # The old system is not stopped: handles elsewhere (the knowledge base) keep working.
        SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def chroma_where(field: str, op: WhereOperator, value: LiteralValue) -> Where:
    """One metadata condition, typed as Chroma's filter grammar."""
    condition: dict[WhereOperator | LogicalOperator, LiteralValue] = {op: value}
    return {field: condition}


class EmbeddedGuard:
    """One writer at a time on an embedded store, and a generation file that tells a
    process when another one wrote (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._lock_file = folder / "coach-writer.lock"
        self._gen_file = folder / "coach-generation"
        self.seen = self.generation()

    def generation(self) -> int:
        try:
            return int(self._gen_file.read_text(encoding="ascii") or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def stale(self) -> bool:
        return self.generation() != self.seen

    @contextlib.contextmanager
    def writing(self, refresh: Callable[[], None]) -> Iterator[None]:
        fd = os.open(self._lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if self.stale():
                refresh()
            yield
            new = self.generation() + 1
            tmp = self._gen_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(str(new), encoding="ascii")
            tmp.replace(self._gen_file)
            self.seen = new
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


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
    ord: int
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

    def __init__(
        self,
        client: ClientAPI,
        embedder: Embedder,
        *,
        guard: EmbeddedGuard | None = None,
        reconnect: Callable[[], ClientAPI] | None = None,
    ) -> None:
        self.client = client
        self.embedder = embedder
        # Collection handles, so a query makes one Chroma call.
        self._collections: dict[int, Collection] = {}
        self._lock = threading.Lock()
        self._guard = guard
        self._reconnect = reconnect

    def _refresh(self) -> None:
        """Another process wrote to the embedded store: a fresh system, fresh handles."""
        with self._lock:
            if self._reconnect is not None:
                self.client = self._reconnect()
            self._collections.clear()
            if self._guard is not None:
                self._guard.seen = self._guard.generation()

    def _fresh(self) -> None:
        if self._guard is not None and self._guard.stale():
            self._refresh()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        if self._guard is None:
            yield
            return
        with self._guard.writing(self._refresh):
            yield

    def _name(self, manager_id: int) -> str:
        return f"notes-m{manager_id}-{self.embedder.name}"

    def collection(self, manager_id: int) -> Collection:
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

    def upsert_batches(self, manager_id: int, chunks: Sequence[NoteChunk], batch: int) -> None:
        """Bulk write (import, reindex): the next batch is encoded on a worker thread while
        this one is written to Chroma, so the encoder (native code, GIL released) is not
        idle during the write."""
        parts = [chunks[i : i + batch] for i in range(0, len(chunks), batch)]
        if not parts:
            return
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode") as pool:
            pending = pool.submit(self.embedder.encode, [c.text for c in parts[0]])
            for i, part in enumerate(parts):
                vectors = pending.result()
                if i + 1 < len(parts):
                    pending = pool.submit(self.embedder.encode, [c.text for c in parts[i + 1]])
                self.upsert_vectors(manager_id, part, vectors)

    def upsert_vectors(
        self, manager_id: int, chunks: Sequence[NoteChunk], vectors: np.ndarray
    ) -> None:
        with self._writing():
            self._upsert(self.collection(manager_id), chunks, vectors)

    @staticmethod
    def _upsert(col: Collection, chunks: Sequence[NoteChunk], vectors: np.ndarray) -> None:
        for start in range(0, len(chunks), 4000):
            part = chunks[start : start + 4000]
            col.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[start : start + 4000],
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
        with self._writing():
            self.collection(manager_id).delete(where=chroma_where("note_id", "$eq", note_id))

    def delete_person(self, manager_id: int, person_id: int) -> None:
        with self._writing():
            self.collection(manager_id).delete(where=chroma_where("person_id", "$eq", person_id))

    def _forget(self, manager_id: int) -> None:
        with self._lock:
            self._collections.pop(manager_id, None)

    def reopen(self, manager_id: int) -> None:
        """Another process changed this manager's vectors: take a fresh handle."""
        self._forget(manager_id)

    def drop_manager(self, manager_id: int) -> None:
        with self._writing():
            self._forget(manager_id)
            with contextlib.suppress(Exception):  # an absent collection is fine
                self.client.delete_collection(self._name(manager_id))

    def count(self, manager_id: int) -> int:
        self._fresh()
        return int(self.collection(manager_id).count())

    def _query(
        self, manager_id: int, vector: np.ndarray, k: int, where: Where | None
    ) -> QueryResult:
        return self.collection(manager_id).query(
            query_embeddings=vector.reshape(1, -1),
            n_results=k,  # Chroma returns fewer when the collection holds fewer
            where=where,
            include=["metadatas", "distances"],
        )

    def query(
        self,
        manager_id: int,
        vector: np.ndarray,
        k: int,
        *,
        person_id: int | None = None,
        since: dt.date | None = None,
    ) -> list[VectorHit]:
        clauses: list[Where] = []
        if person_id is not None:
            clauses.append(chroma_where("person_id", "$eq", person_id))
        if since is not None:
            clauses.append(chroma_where("date", "$gte", since.toordinal()))
        where: Where | None = None
        if len(clauses) == 1:
            where = clauses[0]
        elif clauses:
            where = {"$and": clauses}
        self._fresh()
        try:
            res = self._query(manager_id, vector, k, where)
        except Exception:  # noqa: BLE001 - e.g. `coach reindex` in another process recreated it
            self.reopen(manager_id)
            res = self._query(manager_id, vector, k, where)
        hits = []
        metadatas, distances = res["metadatas"] or [[]], res["distances"] or [[]]
        for cid, meta, dist in zip(res["ids"][0], metadatas[0], distances[0], strict=True):
            note, _, ord_ = str(cid).partition(":")
            if meta is None or not (note.isdigit() and ord_.isdigit()):
                continue  # a record another process is deleting right now
            hits.append(VectorHit(cid, int(note), int(ord_), float(dist)))
        return hits
