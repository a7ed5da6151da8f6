"""Fitting the learned analytics heads (used by scripts/train_analytics.py and the eval's CV).

One training example per sentence: single-sentence turns of our own dev sets (multi-sentence
turns have turn-level labels only, so they are scored but never trained on) and MIBot
counsellor utterances. Each head sees only rows whose label it can use (see
evals.analytics_data). Own rows and MIBot rows get equal total weight, so 6,000 typed English
counselling lines do not drown 800 Dutch and English manager turns. Everything is seeded.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from coach.analytics._text import normalise, sentences
from coach.analytics.learned import HEADS, Heads

SEED = 16
C = 0.05  # L2 strength, chosen by grouped CV on the dev sets (see the eval report)
MIBOT_SHARE = 0.5  # MIBot's part of the total training weight


def trainable(row: dict[str, Any]) -> bool:
    return len(sentences(normalise(row["text"]))) == 1


def targets(row: dict[str, Any]) -> list[float | None]:
    """Per head: 1/0, or None when the row says nothing about that head."""
    q, r = row["question"], row["reflection"]
    question = None if row.get("skip_question") else float(q is not None)
    open_ = None if q in (None, "unknown") else float(q == "open")
    reflection = float(r is not None)
    complex_ = None if r in (None, "unknown") else float(r == "complex")
    return [question, open_, reflection, complex_]


def fit(
    x: np.ndarray, rows: list[dict[str, Any]], c: float = C, mibot_share: float = MIBOT_SHARE
) -> Heads:
    """Standardise, then one L2 logistic regression per head (lbfgs, deterministic)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = np.maximum(x.std(axis=0), 1e-4)
    z = (x - mean) / scale
    is_mibot = np.array([r["source"] == "mibot" for r in rows])
    n_m, n_o = int(is_mibot.sum()), int((~is_mibot).sum())
    base = np.where(
        is_mibot,
        mibot_share / max(n_m, 1),
        (1 - mibot_share if n_m else 1.0) / max(n_o, 1),
    ) * len(rows)
    weights, bias = [], []
    tgt = [targets(r) for r in rows]
    for h in range(len(HEADS)):
        keep = np.array([t[h] is not None for t in tgt])
        y = np.array([t[h] for t in tgt if t[h] is not None], dtype=int)
        model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        model.fit(z[keep], y, sample_weight=base[keep])
        weights.append(model.coef_[0])
        bias.append(model.intercept_[0])
    return Heads(
        mean=mean,
        scale=scale,
        weights=np.array(weights),
        bias=np.array(bias),
        thresholds=np.full(len(HEADS), 0.5),
    )


class CachedEncoder:
    """Embeds each distinct text once (the eval's CV folds re-use the same sentences)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for t, v in zip(missing, self._inner.encode(missing), strict=True):
                self._cache[t] = np.asarray(v, dtype=np.float32)
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def training_set(
    rows: list[dict[str, Any]], encoder: Any
) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Design matrix and rows of the trainable (single-sentence) rows."""
    from coach.analytics.learned import design_matrix
    from coach.analytics.utterance import normalise_language

    keep = [r for r in rows if trainable(r)]
    sents = [sentences(normalise(r["text"]))[0] for r in keep]
    langs = [normalise_language(r.get("language")) or "nl" for r in keep]
    return design_matrix(encoder, sents, langs), keep
