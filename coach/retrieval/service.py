"""Retrieval service: hybrid search over one manager's notes.

search() only ever reads the manager's own collection and their own SQL rows, so no
query or filter can reach another manager's passages.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from coach.retrieval.bm25 import BM25Index, rrf
from coach.retrieval.index import NoteChunk, NoteIndex, note_chunks
from coach.storage import repo
from coach.storage.db import Database


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


@dataclass(frozen=True)
class _Corpus:
    """One manager's passages in memory: BM25 index, chunks by id, person names."""

    bm25: BM25Index
    chunks: list[NoteChunk]
    by_id: dict[str, NoteChunk]
    names: dict[int, str]
    built_at: float


class _CorpusCache:
    """Per-manager corpus built from SQL, rebuilt after any write in this process and at
    most `ttl_s` seconds old, so writes by another process (the CLI) are seen soon."""

    def __init__(self, ttl_s: float = 30.0) -> None:
        self._lock = threading.Lock()
        self._data: dict[int, _Corpus] = {}
        self._ttl = ttl_s

    def invalidate(self, manager_id: int) -> None:
        with self._lock:
            self._data.pop(manager_id, None)

    def get(self, db: Database, manager_id: int) -> _Corpus:
        with self._lock:
            hit = self._data.get(manager_id)
            if hit is not None and time.monotonic() - hit.built_at < self._ttl:
                return hit
        with db.session() as s:
            names = {p.id: p.name for p in repo.list_people(s, manager_id)}
            chunks = [
                c
                for n in repo.list_notes(s, manager_id)
                for c in note_chunks(n.id, n.person_id, n.date, n.source, n.text)
            ]
        built = _Corpus(
            BM25Index([c.text for c in chunks]),
            chunks,
            {c.chunk_id: c for c in chunks},
            names,
            time.monotonic(),
        )
        with self._lock:
            self._data[manager_id] = built
        return built


Mode = Literal["hybrid", "vector", "bm25"]


_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bm25")


def _bm25_ranking(
    corpus: _Corpus, query: str, depth: int, person_id: int | None, since: dt.date | None
) -> list[str]:
    ranked: list[str] = []
    for i, _score in corpus.bm25.top(query, depth * 3):
        c = corpus.chunks[i]
        if person_id is not None and c.person_id != person_id:
            continue
        if since is not None and c.date < since:
            continue
        ranked.append(c.chunk_id)
        if len(ranked) >= depth:
            break
    return ranked


class Retriever:
    def __init__(self, db: Database, index: NoteIndex, mode: Mode = "hybrid") -> None:
        self.db = db
        self.index = index
        self.mode = mode
        self._corpus = _CorpusCache()

    def invalidate(self, manager_id: int) -> None:
        self._corpus.invalidate(manager_id)

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
        corpus = self._corpus.get(self.db, manager_id)
        depth = max(4 * k, 20)
        # BM25 runs on a worker thread while this one embeds the query and asks Chroma
        # (ONNX Runtime and Chroma release the GIL): the hybrid costs little more than vectors.
        lexical = (
            _POOL.submit(_bm25_ranking, corpus, query, depth, person_id, since)
            if self.mode in ("hybrid", "bm25")
            else None
        )
        rankings: list[list[str]] = []
        if self.mode in ("hybrid", "vector"):
            vec = self.index.embedder.encode([query])[0]
            hits = self.index.query(manager_id, vec, depth, person_id=person_id, since=since)
            rankings.append([h.chunk_id for h in hits])
        if lexical is not None:
            rankings.append(lexical.result())
        out: list[Passage] = []
        seen: set[int] = set()
        for cid, score in rrf(rankings):
            hit = corpus.by_id.get(cid)
            # A vector hit the corpus does not know is stale (deleted in SQL): skip it.
            if hit is None or hit.note_id in seen:
                continue
            seen.add(hit.note_id)
            name = corpus.names.get(hit.person_id, "")
            out.append(
                Passage(hit.note_id, hit.person_id, name, hit.date, hit.source, hit.text, score)
            )
            if len(out) >= k:
                break
        return out
