"""Scores for the analytics eval: per-label P/R/F1 with session-bootstrap 95% intervals, and
session-level R:Q and %CR from predicted versus gold codes.

The bootstrap resamples sessions, not utterances: turns of one conversation are not
independent, and the sets are split by conversation. Own typed rows are their own session.
"""

from __future__ import annotations

from typing import Any

import numpy as np

BOOTSTRAP = 1000
SEED = 16
LABELS = ("question", "open", "closed", "reflection", "simple", "complex")


def _hit(label: str, value: str | None) -> bool:
    if label == "question" or label == "reflection":
        return value is not None
    return value == label


def _kind(label: str) -> str:
    return "question" if label in ("question", "open", "closed") else "reflection"


def _prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, ...]:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        r = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    return p, r, f


def score(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], w: list[float], labels: tuple[str, ...]
) -> dict[str, Any]:
    """P/R/F1/n per label (+ open/closed accuracy on true questions), 95% session bootstrap."""
    sess = sorted({g["session"] for g in gold})
    index = {s: i for i, s in enumerate(sess)}
    cols = [*labels, "oc"]
    tp = np.zeros((len(sess), len(cols)))
    fp = np.zeros_like(tp)
    fn = np.zeros_like(tp)
    for g, p, weight in zip(gold, pred, w, strict=True):
        i = index[g["session"]]
        for j, label in enumerate(labels):
            gv, pv = g[_kind(label)], p[_kind(label)]
            if gv == "unknown" and label not in ("question", "reflection"):
                continue
            gh, ph = _hit(label, gv), _hit(label, pv)
            tp[i, j] += weight * (gh and ph)
            fp[i, j] += weight * (ph and not gh)
            fn[i, j] += weight * (gh and not ph)
        if g["question"] in ("open", "closed"):  # accuracy as tp / (tp + fn)
            ok = p["question"] == g["question"]
            tp[i, -1] += weight * ok
            fn[i, -1] += weight * (not ok)
    rng = np.random.default_rng(SEED)
    draws = rng.integers(0, len(sess), size=(BOOTSTRAP, len(sess)))
    bt, bf, bn = tp[draws].sum(axis=1), fp[draws].sum(axis=1), fn[draws].sum(axis=1)
    bp, br, bf1 = _prf(bt, bf, bn)
    p, r, f = _prf(tp.sum(0), fp.sum(0), fn.sum(0))

    def ci(a: np.ndarray, j: int) -> list[float]:
        return [
            round(float(np.percentile(a[:, j], 2.5)), 3),
            round(float(np.percentile(a[:, j], 97.5)), 3),
        ]

    out: dict[str, Any] = {}
    for j, label in enumerate(labels):
        out[label] = {
            "precision": round(float(p[j]), 3),
            "recall": round(float(r[j]), 3),
            "f1": round(float(f[j]), 3),
            "n": round(float(tp[:, j].sum() + fn[:, j].sum()), 1),
            "precision_ci": ci(bp, j),
            "recall_ci": ci(br, j),
            "f1_ci": ci(bf1, j),
        }
    n_oc = float(tp[:, -1].sum() + fn[:, -1].sum())
    if n_oc:
        out["open_closed_accuracy"] = {
            "value": round(float(r[-1]), 3),
            "n": round(n_oc, 1),
            "ci": ci(br, len(cols) - 1),
        }
    return out


def _ratios(rows: list[dict[str, Any]]) -> tuple[float, float | None]:
    q = sum(r["question"] is not None for r in rows)
    refl = [r["reflection"] for r in rows if r["reflection"] is not None]
    known = [k for k in refl if k != "unknown"]
    rq = len(refl) / max(q, 1)
    cr = (
        (sum(k == "complex" for k in known) / len(known))
        if known and len(known) == len(refl)
        else None
    )
    return rq, cr


def session_level(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], min_turns: int = 5
) -> dict[str, Any] | None:
    """R:Q and %CR per session from gold and from predicted codes (sessions >= min_turns)."""
    by: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        by.setdefault(g["session"], []).append(i)
    pairs = [
        (_ratios([gold[i] for i in idx]), _ratios([pred[i] for i in idx]))
        for idx in by.values()
        if len(idx) >= min_turns
    ]
    if len(pairs) < 3:
        return None
    out: dict[str, Any] = {"sessions": len(pairs)}
    for name, k in (("r_q", 0), ("pct_cr", 1)):
        both = [(g[k], p[k]) for g, p in pairs if g[k] is not None and p[k] is not None]
        if len(both) < 3:
            continue
        gv, pv = np.array([b[0] for b in both]), np.array([b[1] for b in both])
        corr = float(np.corrcoef(gv, pv)[0, 1]) if gv.std() and pv.std() else float("nan")
        out[name] = {
            "sessions": len(both),
            "gold_mean": round(float(gv.mean()), 3),
            "pred_mean": round(float(pv.mean()), 3),
            "mean_abs_diff": round(float(np.abs(gv - pv).mean()), 3),
            "pearson_r": round(corr, 3),
        }
    return out
