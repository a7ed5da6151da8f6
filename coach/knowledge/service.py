"""Knowledge index and search: one Chroma collection, incrementally synced by content hash.

Retrieval prefers the manager's language: entries in that language rank first; the other
language only fills the list. Hybrid: BM25 over the same chunks fused with the vectors.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.embeddings import Embedder
from coach.knowledge.entries import KNOWLEDGE_DIR, Entry, load_entries
from coach.retrieval.bm25 import BM25Index, rrf
from coach.retrieval.index import chroma_where

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection


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


SITUATION = "s"  # chunk ids "<lang>:<id>:s<n>" hold one situation each


def is_situation(chunk_id: str) -> bool:
    return chunk_id.rsplit(":", 1)[-1].startswith(SITUATION)


def entry_chunks(e: Entry) -> list[KnowledgeChunk]:
    """One overview chunk (title, topic, headings, intro), one chunk per situation and one
    per section."""
    intro = e.sections[0].body if e.sections and not e.sections[0].heading else ""
    headings = "; ".join(sec.heading for sec in e.sections if sec.heading)
    situations = "\n".join(e.situations)
    overview = f"{e.title}\n{e.summary}\n{situations}\n{headings}\n{intro}".strip()
    # (chunk id suffix, heading, text). Each situation on its own: a short, question-like
    # text embeds close to a manager's question about that situation (pseudo-queries, as in
    # doc2query).
    parts = [("overview", "", overview)]
    parts += [(f"{SITUATION}{i}", "", situation) for i, situation in enumerate(e.situations)]
    parts += [
        (str(i), sec.heading, f"{e.title}\n{sec.heading}\n{sec.body}".strip())
        for i, sec in enumerate(e.sections)
    ]
    return [
        KnowledgeChunk(
            f"{e.language}:{e.id}:{suffix}",
            e.id,
            e.title,
            e.language,
            e.topic,
            e.kind,
            heading,
            text,
        )
        for suffix, heading, text in parts
    ]


class KnowledgeBase:
    def __init__(self, client: ClientAPI, embedder: Embedder, root: Path = KNOWLEDGE_DIR) -> None:
        self.client = client
        self.embedder = embedder
        self.root = root
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], Entry] | None = None
        self._chunks: list[KnowledgeChunk] = []
        self._bm25: dict[str, tuple[BM25Index, list[Entry]]] = {}
        self._synced = False

    @property
    def collection_name(self) -> str:
        return f"knowledge-{self.embedder.name}"

    def _collection(self) -> Collection:
        return self.client.get_or_create_collection(
            self.collection_name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def entries(self) -> dict[tuple[str, str], Entry]:
        if self._entries is None:
            loaded = load_entries(self.root)
            self._entries = {(e.id, e.language): e for e in loaded}
            self._chunks = [c for e in loaded for c in entry_chunks(e)]
            for lang in ("nl", "en"):
                docs = [e for e in loaded if e.language == lang]
                # Whole entries, title counted twice: entry-level BM25 measured better than
                # section-level on the labelled questions (evals/knowledge.py).
                texts = [
                    "\n".join([e.title, e.title, e.summary, *e.situations, e.body]) for e in docs
                ]
                self._bm25[lang] = (BM25Index(texts, language=lang), docs)
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
        audiences: tuple[str, ...] | None = None,
    ) -> list[KnowledgeHit]:
        """Best entries for a question; one hit per entry, the manager's language first.
        `audiences` keeps entries and sections written for those readers only."""
        if not query.strip():
            return []
        if not self._synced:
            self.sync()
        self.entries()
        language = language if language in self._bm25 else "nl"
        depth = 400
        col = self._collection()
        res = col.query(
            query_embeddings=self.embedder.encode([query])[0].reshape(1, -1),
            n_results=min(depth, max(1, col.count())),
            where=chroma_where("language", "$eq", language),
            include=["metadatas", "distances"],
        )
        by_id = {c.chunk_id: c for c in self._chunks}
        ents = self.entries()

        def for_reader(entry_id: str, heading: str | None = None) -> bool:
            if not audiences:
                return True
            e = ents.get((entry_id, language))
            if e is None:
                return False
            return (e.audience_of(heading) if heading is not None else e.audience) in audiences

        best: dict[str, KnowledgeChunk] = {}
        sims: dict[str, list[float]] = {}
        situation_sim: dict[str, float] = {}
        for cid, dist in zip(res["ids"][0], (res["distances"] or [[]])[0], strict=True):
            ch = by_id.get(cid)
            if (
                ch is None
                or (kinds and ch.kind not in kinds)
                or (topics and ch.topic not in topics)
                or not for_reader(ch.entry_id)
            ):
                continue
            if is_situation(cid):
                situation_sim.setdefault(ch.entry_id, 1.0 - float(dist))
                continue
            sims.setdefault(ch.entry_id, []).append(1.0 - float(dist))
            if ch.entry_id not in best and ch.heading and for_reader(ch.entry_id, ch.heading):
                best[ch.entry_id] = ch
        # An entry that answers from several sections beats one lucky section.
        vector_score = {
            e: v[0] + 0.5 * sum(v[1:3])
            for e, v in ((e, sorted(v, reverse=True)) for e, v in sims.items())
        }
        vector_rank = sorted(vector_score, key=lambda e: -vector_score[e])
        situation_rank = sorted(situation_sim, key=lambda e: -situation_sim[e])
        bm25, docs = self._bm25[language]
        bm25_rank = [
            docs[i].id
            for i, _ in bm25.top(query, depth)
            if not (kinds and docs[i].kind not in kinds)
            and not (topics and docs[i].topic not in topics)
            and for_reader(docs[i].id)
        ]
        hits: list[KnowledgeHit] = []
        ranks = [vector_rank, situation_rank, bm25_rank]
        for entry_id, score in rrf(ranks, k=10)[:k]:
            entry = self.get(entry_id, language)
            if entry is None:
                continue
            ch = best.get(entry_id) or next(
                c for c in self._chunks if c.entry_id == entry_id and c.language == entry.language
            )
            hits.append(
                KnowledgeHit(entry_id, entry.title, entry.language, ch.heading, ch.text, score)
            )
        return hits
