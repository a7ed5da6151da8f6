"""ROUGE-1/2/L F1, implemented here so the eval has no extra dependency.

Tokens are lowercase alphanumeric runs; no stemming and no stop-word removal (published
QMSum figures used Porter stemming, so expect these numbers to be a little lower).
"""

from __future__ import annotations

import re
from collections import Counter

_TOKEN_RE = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _f1(overlap: int, pred_total: int, ref_total: int) -> float:
    if overlap == 0 or pred_total == 0 or ref_total == 0:
        return 0.0
    precision, recall = overlap / pred_total, overlap / ref_total
    return 2 * precision * recall / (precision + recall)


def rouge_n(prediction: str, reference: str, n: int) -> float:
    """F1 of clipped n-gram overlap."""
    p, r = tokenize(prediction), tokenize(reference)
    pc = Counter(tuple(p[i : i + n]) for i in range(len(p) - n + 1))
    rc = Counter(tuple(r[i : i + n]) for i in range(len(r) - n + 1))
    return _f1(sum((pc & rc).values()), sum(pc.values()), sum(rc.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Longest common subsequence length, O(len(a) * len(b)) time, O(len(b)) memory."""
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(prediction: str, reference: str) -> float:
    p, r = tokenize(prediction), tokenize(reference)
    return _f1(lcs_length(p, r), len(p), len(r))


def rouge_scores(prediction: str, reference: str) -> dict[str, float]:
    return {
        "rouge1": rouge_n(prediction, reference, 1),
        "rouge2": rouge_n(prediction, reference, 2),
        "rougeL": rouge_l(prediction, reference),
    }
