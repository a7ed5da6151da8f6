"""A small BM25 (Okapi) index for the knowledge base, and reciprocal rank fusion.

Notes are searched in the database (coach/storage/search.py); the knowledge base is content
that ships with the code, the same in every process, so an in-memory index fits it.

rank-bm25 scores every document for every query term in Python; this version only touches
the postings of the query terms, which keeps a 10k-note query well under a millisecond.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import TypeVar

import numpy as np

from coach.retrieval.text import tokenize


class BM25Index:
    def __init__(
        self,
        docs: Sequence[str],
        *,
        k1: float = 1.5,
        b: float = 0.75,
        language: str | None = None,
    ) -> None:
        self.size = len(docs)
        self.language = language
        self._k1, self._b = k1, b
        lengths = np.zeros(self.size, dtype=np.float32)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, doc in enumerate(docs):
            counts = Counter(tokenize(doc, language))
            lengths[i] = sum(counts.values())
            for term, tf in counts.items():
                ids, tfs = postings.setdefault(term, ([], []))
                ids.append(i)
                tfs.append(tf)
        avg = float(lengths.mean()) if self.size else 1.0
        self._norm = k1 * (1 - b + b * lengths / (avg or 1.0))
        self._postings = {
            t: (np.asarray(ids, dtype=np.int32), np.asarray(tfs, dtype=np.float32))
            for t, (ids, tfs) in postings.items()
        }
        self._idf = {
            t: math.log(1 + (self.size - len(ids) + 0.5) / (len(ids) + 0.5))
            for t, (ids, _) in self._postings.items()
        }

    def scores(self, query: str) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        for term in set(tokenize(query, self.language)):
            hit = self._postings.get(term)
            if hit is None:
                continue
            ids, tfs = hit
            out[ids] += self._idf[term] * tfs * (self._k1 + 1) / (tfs + self._norm[ids])
        return out

    def top(self, query: str, k: int) -> list[tuple[int, float]]:
        if not self.size:
            return []
        s = self.scores(query)
        k = min(k, self.size)
        idx = np.argpartition(-s, k - 1)[:k]
        idx = idx[np.argsort(-s[idx])]
        return [(int(i), float(s[i])) for i in idx if s[i] > 0]


K = TypeVar("K", bound=Hashable)


def rrf(rankings: Sequence[Sequence[K]], k: int = 60) -> list[tuple[K, float]]:
    """Reciprocal rank fusion of several ranked id lists."""
    scores: dict[K, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: -kv[1])
