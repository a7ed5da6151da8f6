"""Precision, recall and F1 with a 95% bootstrap interval, for item-level label sets.

Shared by the issue-17 evals (signals, topics, prep). Items are resampled with a fixed seed,
so the interval is reproducible; translations never appear twice in our sets, so an item is
the unit.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

SEED = 17
ROUNDS = 1000


def _prf(pairs: Sequence[tuple[set[str], set[str]]], label: str) -> tuple[float, float, float]:
    tp = sum(1 for g, p in pairs if label in g and label in p)
    fp = sum(1 for g, p in pairs if label not in g and label in p)
    fn = sum(1 for g, p in pairs if label in g and label not in p)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _micro(pairs: Sequence[tuple[set[str], set[str]]]) -> tuple[float, float, float]:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _interval(values: list[float]) -> list[float]:
    values = sorted(values)
    lo = values[int(0.025 * (len(values) - 1))]
    hi = values[int(0.975 * (len(values) - 1))]
    return [round(lo, 3), round(hi, 3)]


def scores(pairs: Sequence[tuple[set[str], set[str]]], labels: Sequence[str]) -> dict[str, Any]:
    """Per label P/R/F1 and n (gold positives), micro P/R/F1 and macro F1, each with a 95%
    bootstrap interval over items."""
    rng = random.Random(SEED)
    samples = [[pairs[rng.randrange(len(pairs))] for _ in pairs] for _ in range(ROUNDS)]
    out: dict[str, Any] = {"n_items": len(pairs), "labels": {}}
    for label in labels:
        p, r, f = _prf(pairs, label)
        boot = [_prf(s, label) for s in samples]
        out["labels"][label] = {
            "n": sum(1 for g, _ in pairs if label in g),
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "precision_ci": _interval([b[0] for b in boot]),
            "recall_ci": _interval([b[1] for b in boot]),
        }
    p, r, f = _micro(pairs)
    boot_micro = [_micro(s) for s in samples]
    out["micro"] = {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "precision_ci": _interval([b[0] for b in boot_micro]),
        "recall_ci": _interval([b[1] for b in boot_micro]),
    }
    macro = sum(out["labels"][x]["f1"] for x in labels) / len(labels)
    boot_macro = [sum(_prf(s, x)[2] for x in labels) / len(labels) for s in samples]
    out["macro_f1"] = round(macro, 3)
    out["macro_f1_ci"] = _interval(boot_macro)
    return out


def label_lines(result: dict[str, Any]) -> list[str]:
    lines = []
    for label, m in result["labels"].items():
        lines.append(
            f"  {label:14} n={m['n']:3}  P {m['precision']:.3f} {m['precision_ci']}  "
            f"R {m['recall']:.3f} {m['recall_ci']}  F1 {m['f1']:.3f}"
        )
    mi = result["micro"]
    lines.append(
        f"  {'all (micro)':14} items={result['n_items']:3}  P {mi['precision']:.3f} "
        f"{mi['precision_ci']}  R {mi['recall']:.3f} {mi['recall_ci']}  F1 {mi['f1']:.3f}"
    )
    lines.append(f"  macro-F1 {result['macro_f1']:.3f} {result['macro_f1_ci']}")
    return lines
