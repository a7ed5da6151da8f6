"""Eval of the phrasing detectors (question type, leading, why, judging, generalising,
you-statements, stacking, SBI completeness) on evals/data/phrasing.yaml.

Run: `.venv/bin/python -m evals.phrasing`. Accuracy per label; sbi_complete is scored on all
items (null = "not feedback" must also be predicted as such).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from coach.analytics import UtteranceAnalysis, analyze

DEFAULT_PATH = Path(__file__).parent / "data" / "phrasing.yaml"
LABELS = (
    "question",
    "leading",
    "why_question",
    "judging",
    "generalising",
    "you_statement",
    "stacked",
    "sbi_complete",
)


def predict(a: UtteranceAnalysis) -> dict[str, Any]:
    """Map an analysis onto the label names used in the data file."""
    return {
        "question": a.question,
        "leading": a.leading,
        "why_question": a.why_question,
        "judging": bool(a.judging_words),
        "generalising": bool(a.generalising_words),
        "you_statement": bool(a.you_statements),
        "stacked": a.stacked,
        "sbi_complete": a.sbi.complete if a.sbi is not None else None,
    }


def run(path: Path | None = None) -> dict[str, Any]:
    """Accuracy per label over all items, plus the mismatches for inspection."""
    items = yaml.safe_load((path or DEFAULT_PATH).read_text(encoding="utf-8"))
    correct = dict.fromkeys(LABELS, 0)
    errors: list[dict[str, Any]] = []
    for item in items:
        pred = predict(analyze(item["text"], item.get("language")))
        for label in LABELS:
            gold = item["labels"][label]
            if pred[label] == gold:
                correct[label] += 1
            else:
                errors.append(
                    {"text": item["text"], "label": label, "gold": gold, "pred": pred[label]}
                )
    n = len(items)
    accuracy = {label: correct[label] / n if n else 0.0 for label in LABELS}
    return {
        "n": n,
        "accuracy": accuracy,
        "macro_accuracy": sum(accuracy.values()) / len(LABELS),
        "errors": errors,
    }


def format_report(result: dict[str, Any], show_errors: bool = True) -> str:
    lines = [f"phrasing eval: n={result['n']}"]
    for label, acc in result["accuracy"].items():
        lines.append(f"  {label:<14}{acc:.3f}")
    lines.append(f"  {'macro':<14}{result['macro_accuracy']:.3f}")
    if show_errors and result["errors"]:
        lines.append(f"errors ({len(result['errors'])}):")
        for err in result["errors"]:
            lines.append(f"  {err['label']}: gold={err['gold']} pred={err['pred']}  {err['text']}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
