"""Retrieval service: hybrid search over one manager's notes.

Keywords are searched in the database (coach/storage/search.py) and vectors in the manager's
own Chroma collection; reciprocal rank fusion merges the two. Passages are read back from
SQL, so a vector whose note is gone (erased by another process a moment ago) is dropped,
and no query or filter can reach another manager's passages.

Every search reads the manager's `notes_version` (bumped in each note write's transaction):
when it moved since this process last looked, the Chroma handle is reopened first, so a
write by the CLI or another replica is found by the very next search here.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from coach.jsonable import jsonable
from coach.retrieval.bm25 import rrf
from coach.retrieval.index import NoteIndex
from coach.storage import search as keyword
from coach.storage.db import Database

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)
Mode = Literal["hybrid", "vector", "bm25"]
Key = tuple[int, int]  # (note id, chunk ord)


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
        return {**jsonable(self), "score": round(self.score, 5)}


# The SQL keyword query runs on a worker thread while this one embeds the query text
# (ONNX Runtime and the database drivers release the GIL): the hybrid costs little more.
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="keyword")


class Retriever:
    def __init__(self, db: Database, index: NoteIndex, mode: Mode = "hybrid") -> None:
        self.db = db
        self.index = index
        self.mode = mode
        self._versions: dict[int, int] = {}  # notes_version this process last searched at
        self._lock = threading.Lock()

    def invalidate(self, manager_id: int) -> None:
        """Older write paths call this after a write; the SQL version now tells every
        process, so all that is left is to check the handle on the next search."""
        with self._lock:
            self._versions.pop(manager_id, None)

    def _keyword(
        self, manager_id: int, query: str, depth: int, person_id: int | None, since: dt.date | None
    ) -> tuple[int, list[Key]]:
        with self.db.session() as s:
            version = keyword.notes_version(s, manager_id)
            if self.mode == "vector":
                return version, []
            ranked = keyword.keyword_ranking(
                s, manager_id, query, depth, person_id=person_id, since=since
            )
        return version, ranked

    def _check_version(self, manager_id: int, version: int) -> bool:
        """True when the notes moved since this process last looked (the handle reopened)."""
        with self._lock:
            seen = self._versions.get(manager_id)
            self._versions[manager_id] = version
        if seen is not None and seen != version:
            self.index.reopen(manager_id)
            return True
        return False

    def _vector(
        self,
        manager_id: int,
        vector: np.ndarray,
        depth: int,
        person_id: int | None,
        since: dt.date | None,
    ) -> list[Key]:
        try:
            hits = self.index.query(manager_id, vector, depth, person_id=person_id, since=since)
        except Exception:  # noqa: BLE001 - a broken vector store must not break search
            log.warning("vector search failed; keyword results only", exc_info=True)
            return []
        return [(h.note_id, h.ord) for h in hits]

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
        lexical = _POOL.submit(self._keyword, manager_id, query, depth, person_id, since)
        # The vector side (embedding and Chroma query) runs here while the keyword query
        # runs on the worker; when the version read with the keywords shows that another
        # process changed the notes, the handle is reopened and the vector query repeated.
        vector = None
        rankings: list[list[Key]] = []
        if self.mode in ("hybrid", "vector"):
            vector = self.index.embedder.encode([query])[0]
            rankings.append(self._vector(manager_id, vector, depth, person_id, since))
        version, keyword_keys = lexical.result()
        if self._check_version(manager_id, version) and vector is not None:
            rankings[0] = self._vector(manager_id, vector, depth, person_id, since)
        rankings.append(keyword_keys)
        fused = rrf(rankings)
        with self.db.session() as s:
            stored = keyword.chunks_by_key(s, manager_id, [key for key, _ in fused])
        out: list[Passage] = []
        seen: set[int] = set()
        for key, score in fused:
            hit = stored.get(key)
            # A vector hit without its row in SQL is stale (erased elsewhere): skip it.
            if hit is None or hit.note_id in seen:
                continue
            seen.add(hit.note_id)
            out.append(
                Passage(
                    hit.note_id, hit.person_id, hit.person, hit.date, hit.source, hit.text, score
                )
            )
            if len(out) >= k:
                break
        return out


class NoteStore(Protocol):
    """What a service that writes or erases notes needs: the vector index, and the retriever
    whose cache it clears afterwards. The container satisfies it and builds each part only
    when first asked, so a service that never writes never loads the embedding model."""

    @property
    def index(self) -> NoteIndex: ...
    @property
    def retriever(self) -> Retriever: ...
