"""Eval of the phrasing detectors (question type, leading, why, judging, generalising,
you-statements, stacking, SBI completeness): accuracy per label with a 95% bootstrap interval.

- dev: evals/data/dev/phrasing*.yaml. The rules were developed against phrasing.yaml, and the
  former "held-out" file (phrasing-late.yaml) was written in the same commits as rules it
  matches, so both are dev sets. Its English half translates its Dutch half: a pair counts
  once (`group`).
- test: evals/data/test/phrasing-test.yaml, written before the issue-16 changes, never tuned
  on; its errors are not printed.
sbi_complete is scored on all items (null = "not feedback" must also be predicted as such).
Run: `coach eval phrasing [--errors]` or `.venv/bin/python -m evals.phrasing [--errors]`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from coach.analytics import UtteranceAnalysis
from coach.analytics.utterance import analyze_many
from evals.common import DEV, TEST, item_weights, load_yaml, weighted_mean_ci

DEV_FILES = sorted(DEV.glob("phrasing*.yaml"))
TEST_FILES = sorted(TEST.glob("phrasing*.yaml"))
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


def _load(files: list[Path]) -> list[dict[str, Any]]:
    return [item for f in files for item in load_yaml(f)]


def run(path: Path | None = None, errors: bool = False) -> dict[str, Any]:
    """Score `path` alone, or the dev and test sets; `errors` lists dev mistakes only."""
    if path is not None:
        return {"sets": {path.stem: score(load_yaml(path), errors)}}
    return {"sets": {"dev": score(_load(DEV_FILES), errors), "test": score(_load(TEST_FILES))}}


def score(items: list[dict[str, Any]], errors: bool = False) -> dict[str, Any]:
    """Accuracy per label (a translation pair counting once), optionally with the mismatches."""
    preds = [
        predict(a)
        for a in analyze_many([i["text"] for i in items], [i.get("language") for i in items])
    ]
    w = item_weights(items)
    accuracy: dict[str, dict[str, Any]] = {}
    for label in LABELS:
        hits = [float(p[label] == i["labels"][label]) for i, p in zip(items, preds, strict=True)]
        value, ci = weighted_mean_ci(hits, w)
        accuracy[label] = {"value": value, "ci": ci}
    out: dict[str, Any] = {
        "n": round(sum(w), 1),
        "accuracy": accuracy,
        "macro_accuracy": round(sum(a["value"] for a in accuracy.values()) / len(LABELS), 3),
    }
    if errors:
        out["errors"] = [
            {"text": i["text"], "label": label, "gold": i["labels"][label], "pred": p[label]}
            for i, p in zip(items, preds, strict=True)
            for label in LABELS
            if p[label] != i["labels"][label]
        ]
    return out


def format_report(result: dict[str, Any], show_errors: bool = True) -> str:
    titles = {"dev": "dev (rules tuned here)", "test": "test (never tuned on)"}
    lines = ["phrasing eval"]
    for name, s in result["sets"].items():
        lines += ["", f"{titles.get(name, name)}: n={s['n']:g}"]
        for label, acc in s["accuracy"].items():
            lo, hi = acc["ci"]
            lines.append(f"  {label:<14}{acc['value']:.3f} [{lo:.2f}-{hi:.2f}]")
        lines.append(f"  {'macro':<14}{s['macro_accuracy']:.3f}")
        if show_errors and s.get("errors"):
            lines.append(f"  errors ({len(s['errors'])}):")
            for err in s["errors"]:
                lines.append(
                    f"    {err['label']}: gold={err['gold']} pred={err['pred']}  {err['text']}"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--errors"]
    print(format_report(run(Path(args[0]) if args else None, errors="--errors" in sys.argv)))
