"""Eval of the phrasing detectors (question type, leading, why, judging, generalising,
you-statements, stacking, SBI completeness) on evals/data/phrasing.yaml.

Run: `coach eval phrasing` (both sets) or `.venv/bin/python -m evals.phrasing [FILE]`.
Accuracy per label; sbi_complete is scored on all items (null = "not feedback" must also be
predicted as such).

phrasing.yaml is the tuning set (the rules were developed against it; its last 60 items were
first written as a blind batch in session 3, scored macro 0.958 before any change, then tuned
on). phrasing-heldout.yaml (42 utterances, NL/EN) was written and labelled afterwards and is
never tuned on: its figures are the honest estimate of how the detectors generalise.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from coach.analytics import UtteranceAnalysis, analyze
from evals.common import load_yaml, report_with_heldout, score_with_heldout

DEFAULT_PATH = Path(__file__).parent / "data" / "phrasing.yaml"
HELDOUT_PATH = Path(__file__).parent / "data" / "phrasing-heldout.yaml"
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
    """Score `path`, or the tuning set plus the held-out set (under "heldout")."""
    return score_with_heldout(path, DEFAULT_PATH, HELDOUT_PATH, load_yaml, score)


def score(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy per label over all items, plus the mismatches for inspection."""
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
    return report_with_heldout(
        result, lambda r, title: _report(r, title, show_errors), "phrasing eval"
    )


def _report(result: dict[str, Any], title: str, show_errors: bool) -> list[str]:
    lines = [f"{title}: n={result['n']}"]
    for label, acc in result["accuracy"].items():
        lines.append(f"  {label:<14}{acc:.3f}")
    lines.append(f"  {'macro':<14}{result['macro_accuracy']:.3f}")
    if show_errors and result["errors"]:
        lines.append(f"errors ({len(result['errors'])}):")
        for err in result["errors"]:
            lines.append(f"  {err['label']}: gold={err['gold']} pred={err['pred']}  {err['text']}")
    return lines


if __name__ == "__main__":
    print(format_report(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
