"""Eval of question and reflection detection on labelled manager utterances.

Data: evals/data/analytics.jsonl, one {"text", "language", "question", "reflection"} per line;
the rules were developed against it. evals/data/analytics-heldout.jsonl (72 utterances, NL/EN)
was written and labelled afterwards without looking at the output, and is never tuned on: its
figures are the honest estimate of how the detectors generalise.
Run: `coach eval analytics` (both sets) or `.venv/bin/python -m evals.analytics [FILE]`.
Goals (see GOALS) are checked in `run`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from coach.analytics import analyze
from evals.common import report_with_heldout, score_with_heldout

DEFAULT_PATH = Path(__file__).parent / "data" / "analytics.jsonl"
HELDOUT_PATH = Path(__file__).parent / "data" / "analytics-heldout.jsonl"
GOALS = {
    "question_detection_f1": 0.93,
    "open_closed_accuracy": 0.85,
    "reflection_detection_f1": 0.70,
}


def _prf(pairs: list[tuple[bool, bool]]) -> dict[str, float | int]:
    """Precision, recall and F1 for (gold, predicted) booleans."""
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def load(path: Path | None = None) -> list[dict[str, Any]]:
    with (path or DEFAULT_PATH).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run(path: Path | None = None) -> dict[str, Any]:
    """Score the detectors on `path`, or on the main set plus the held-out set (`heldout`)."""
    return score_with_heldout(path, DEFAULT_PATH, HELDOUT_PATH, load, score)


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-class P/R/F1, open/closed accuracy, goals and errors for labelled rows."""
    gold_q: list[str | None] = []
    pred_q: list[str | None] = []
    gold_r: list[str | None] = []
    pred_r: list[str | None] = []
    errors: list[dict[str, Any]] = []
    for row in rows:
        result = analyze(row["text"], row.get("language"))
        gold_q.append(row["question"])
        pred_q.append(result.question)
        gold_r.append(row["reflection"])
        pred_r.append(result.reflection)
        if (row["question"], row["reflection"]) != (result.question, result.reflection):
            errors.append(
                {
                    "text": row["text"],
                    "gold": [row["question"], row["reflection"]],
                    "pred": [result.question, result.reflection],
                }
            )

    def pairs(gold: list[str | None], pred: list[str | None], label: str | None):
        if label is None:
            return [(g is not None, p is not None) for g, p in zip(gold, pred, strict=True)]
        return [(g == label, p == label) for g, p in zip(gold, pred, strict=True)]

    metrics = {
        "question": _prf(pairs(gold_q, pred_q, None)),
        "open": _prf(pairs(gold_q, pred_q, "open")),
        "closed": _prf(pairs(gold_q, pred_q, "closed")),
        "reflection": _prf(pairs(gold_r, pred_r, None)),
        "simple": _prf(pairs(gold_r, pred_r, "simple")),
        "complex": _prf(pairs(gold_r, pred_r, "complex")),
    }
    true_q = [(g, p) for g, p in zip(gold_q, pred_q, strict=True) if g is not None]
    oc_acc = sum(g == p for g, p in true_q) / len(true_q) if true_q else 0.0
    scores = {
        "question_detection_f1": float(metrics["question"]["f1"]),
        "open_closed_accuracy": oc_acc,
        "reflection_detection_f1": float(metrics["reflection"]["f1"]),
    }
    goals = {
        name: {"threshold": thr, "value": scores[name], "passed": scores[name] >= thr}
        for name, thr in GOALS.items()
    }
    return {
        "n": len(rows),
        "n_questions": len(true_q),
        "metrics": metrics,
        "open_closed_accuracy": oc_acc,
        "goals": goals,
        "passed": all(g["passed"] for g in goals.values()),
        "errors": errors,
    }


def format_report(result: dict[str, Any], show_errors: bool = True) -> str:
    return report_with_heldout(
        result, lambda r, title: _report(r, title, show_errors), "analytics eval"
    )


def _report(result: dict[str, Any], title: str, show_errors: bool) -> list[str]:
    lines = [f"{title}: n={result['n']} (true questions: {result['n_questions']})"]
    lines.append(f"{'class':<12}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for name, m in result["metrics"].items():
        lines.append(
            f"{name:<12}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>6}"
        )
    lines.append(f"open/closed accuracy on true questions: {result['open_closed_accuracy']:.3f}")
    for name, goal in result["goals"].items():
        mark = "PASS" if goal["passed"] else "FAIL"
        lines.append(f"goal {name} >= {goal['threshold']:.2f}: {goal['value']:.3f} {mark}")
    if show_errors and result["errors"]:
        lines.append(f"errors ({len(result['errors'])}):")
        for err in result["errors"]:
            lines.append(f"  gold={err['gold']} pred={err['pred']}  {err['text']}")
    return lines


if __name__ == "__main__":
    outcome = run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(format_report(outcome))
    sys.exit(0 if outcome["passed"] else 1)
