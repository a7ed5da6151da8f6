"""Knowledge index and search: one Chroma collection, incrementally synced by content hash.

Retrieval prefers the manager's language: entries in that language rank first; the other
language only fills the list. Hybrid: BM25 over the same chunks fused with the vectors.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.embeddings import Embedder
from coach.knowledge.entries import KNOWLEDGE_DIR, Entry, load_entries
from coach.retrieval.bm25 import BM25Index, rrf


@dataclass(frozen=True)
class KnowledgeChunk:
    chunk_id: str
    entry_id: str
    title: str
    language: str
    topic: str
    kind: str
    heading: str
    text: str


@dataclass(frozen=True)
class KnowledgeHit:
    entry_id: str
    title: str
    language: str
    heading: str
    text: str
    score: float

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.entry_id,
            "title": self.title,
            "language": self.language,
            "heading": self.heading,
            "text": self.text,
            "score": round(self.score, 5),
        }


def entry_chunks(e: Entry) -> list[KnowledgeChunk]:
    out = []
    for i, sec in enumerate(e.sections):
        text = f"{e.title}\n{sec.heading}\n{sec.body}".strip()
        out.append(
            KnowledgeChunk(
                f"{e.language}:{e.id}:{i}",
                e.id,
                e.title,
                e.language,
                e.topic,
                e.kind,
                sec.heading,
                text,
            )
        )
    return out


class KnowledgeBase:
    def __init__(self, client: Any, embedder: Embedder, root: Path = KNOWLEDGE_DIR) -> None:
        self.client = client
        self.embedder = embedder
        self.root = root
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], Entry] | None = None
        self._chunks: list[KnowledgeChunk] = []
        self._bm25: BM25Index | None = None
        self._synced = False

    @property
    def collection_name(self) -> str:
        return f"knowledge-{self.embedder.name}"

    def _collection(self) -> Any:
        return self.client.get_or_create_collection(
            self.collection_name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def entries(self) -> dict[tuple[str, str], Entry]:
        if self._entries is None:
            loaded = load_entries(self.root)
            self._entries = {(e.id, e.language): e for e in loaded}
            self._chunks = [c for e in loaded for c in entry_chunks(e)]
            self._bm25 = BM25Index([c.text for c in self._chunks])
        return self._entries

    def get(self, entry_id: str, language: str) -> Entry | None:
        ents = self.entries()
        return ents.get((entry_id, language)) or ents.get(
            (entry_id, "en" if language == "nl" else "nl")
        )

    def sync(self) -> int:
        """Index new or changed entries, drop removed ones; returns entries (re)indexed."""
        with self._lock:
            ents = self.entries()
            col = self._collection()
            existing = col.get(include=["metadatas"])
            indexed: dict[str, str] = {}
            for cid, meta in zip(existing["ids"], existing["metadatas"] or [], strict=False):
                indexed[cid] = str((meta or {}).get("hash", ""))
            wanted: dict[str, tuple[Entry, KnowledgeChunk]] = {}
            for e in ents.values():
                for ch in entry_chunks(e):
                    wanted[ch.chunk_id] = (e, ch)
            stale = [
                cid
                for cid, h in indexed.items()
                if cid not in wanted or wanted[cid][0].content_hash != h
            ]
            if stale:
                col.delete(ids=stale)
            todo = [
                (e, ch) for cid, (e, ch) in wanted.items() if cid not in indexed or cid in stale
            ]
            if todo:
                vectors = self.embedder.encode([ch.text for _, ch in todo])
                col.upsert(
                    ids=[ch.chunk_id for _, ch in todo],
                    embeddings=vectors,
                    documents=[ch.text for _, ch in todo],
                    metadatas=[
                        {
                            "entry_id": ch.entry_id,
                            "title": ch.title,
                            "language": ch.language,
                            "topic": ch.topic,
                            "kind": ch.kind,
                            "heading": ch.heading,
                            "hash": e.content_hash,
                        }
                        for e, ch in todo
                    ],
                )
            self._synced = True
            return len({(e.id, e.language) for e, _ in todo})

    def is_fresh(self) -> bool:
        """True when every chunk is indexed with its current content hash."""
        col = self._collection()
        existing = col.get(include=["metadatas"])
        have = {
            cid: str((m or {}).get("hash", ""))
            for cid, m in zip(existing["ids"], existing["metadatas"] or [], strict=False)
        }
        want = {
            ch.chunk_id: e.content_hash for e in self.entries().values() for ch in entry_chunks(e)
        }
        return have == want

    def search(
        self,
        query: str,
        *,
        language: str = "nl",
        k: int = 3,
        kinds: tuple[str, ...] | None = None,
        topics: tuple[str, ...] | None = None,
    ) -> list[KnowledgeHit]:
        """Best entries for a question; one hit per entry, the manager's language first."""
        if not query.strip():
            return []
        if not self._synced:
            self.sync()
        self.entries()
        assert self._bm25 is not None
        depth = 40
        vec = self.embedder.encode([query])[0]
        col = self._collection()
        res = col.query(
            query_embeddings=vec.reshape(1, -1),
            n_results=min(depth, max(1, col.count())),
            include=["metadatas"],
        )
        vector_rank = list(res["ids"][0])
        bm25_rank = [self._chunks[i].chunk_id for i, _ in self._bm25.top(query, depth)]
        by_id = {c.chunk_id: c for c in self._chunks}
        fused = rrf([vector_rank, bm25_rank])
        hits: dict[tuple[str, str], KnowledgeHit] = {}
        for cid, score in fused:
            ch = by_id.get(cid)
            if ch is None:
                continue
            if kinds and ch.kind not in kinds:
                continue
            if topics and ch.topic not in topics:
                continue
            key = (ch.entry_id, ch.language)
            if key not in hits:
                hits[key] = KnowledgeHit(
                    ch.entry_id, ch.title, ch.language, ch.heading, ch.text, score
                )
        ranked = sorted(hits.values(), key=lambda h: (h.language != language, -h.score))
        out: list[KnowledgeHit] = []
        seen: set[str] = set()
        for h in ranked:
            if h.entry_id in seen:
                continue
            seen.add(h.entry_id)
            out.append(h)
            if len(out) >= k:
                break
        return out
