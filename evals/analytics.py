"""Eval of question and reflection detection: dev (cross-validated), test, MIBot (cross-validated).

Sets (see evals/analytics_data.py):
- dev: evals/data/dev/analytics-*.jsonl. The rules were written against these files and the
  detectors are trained and tuned on them; their figures come from 5-fold cross-validation
  by session (a fold's model never saw the fold's conversations), so they are fit figures of
  a tuned method, not an estimate of generalisation.
- test: evals/data/test/analytics-*.jsonl, written and committed before the issue-16 detector
  work, never used to tune; scored with the packaged model. Its errors are never printed.
- mibot: MIBot counsellor turns (automatic-coder labels, English, typed by an LLM), 5-fold
  cross-validated by transcript together with the dev folds.
Per label: precision, recall, F1, n (gold positives, a translation group counting once) with
95% session-bootstrap intervals; the rules alone are scored beside the learned detectors.
Session level: R:Q and %CR from predicted versus gold codes on every set with sessions.
Run: `coach eval analytics [--errors]` or `.venv/bin/python -m evals.analytics`.
"""

from __future__ import annotations

import sys
from typing import Any

from coach.analytics import learned
from coach.analytics.utterance import analyze_many
from evals import analytics_metrics as am
from evals.analytics_data import DEV_FILES, TEST_FILES, load_mibot, load_own, sessions, weights
from evals.analytics_train import CachedEncoder, fit, training_set

FOLDS = 5
# The issue's goals for the external expert-labelled set (not ours): shown beside our test
# figures for orientation only, they are not a pass mark for this eval.
EXTERNAL_GOALS = {"question F1": 0.93, "open/closed accuracy": 0.85, "reflection F1": 0.70}
MIBOT_LABELS = ("question", "reflection")


def _predict(
    rows: list[dict[str, Any]], detectors: learned.Detectors | None
) -> list[dict[str, Any]]:
    learned.set_default(detectors)
    try:
        out = analyze_many([r["text"] for r in rows], [r.get("language") for r in rows])
    finally:
        learned.reset_default()
    return [{"question": a.question, "reflection": a.reflection} for a in out]


def _folds(rows: list[dict[str, Any]], k: int) -> list[int]:
    import random

    names = [s for s, _ in sessions(rows)]
    random.Random(am.SEED).shuffle(names)
    fold_of = {s: i % k for i, s in enumerate(names)}
    return [fold_of[r["session"]] for r in rows]


def cross_validated(
    rows: list[dict[str, Any]], encoder: CachedEncoder, k: int = FOLDS, **fit_kwargs: float
) -> list[dict[str, Any]]:
    """Out-of-fold predictions: fold i is scored by a model trained on the other folds."""
    x, train_rows = training_set(rows, encoder)
    fold = _folds(rows, k)
    fold_of_session = {r["session"]: f for r, f in zip(rows, fold, strict=True)}
    train_fold = [fold_of_session[r["session"]] for r in train_rows]
    preds: list[dict[str, Any] | None] = [None] * len(rows)
    for i in range(k):
        keep = [j for j, f in enumerate(train_fold) if f != i]
        heads = fit(x[keep], [train_rows[j] for j in keep], **fit_kwargs)
        idx = [j for j, f in enumerate(fold) if f == i]
        for j, p in zip(
            idx, _predict([rows[j] for j in idx], learned.Detectors(heads, encoder)), strict=True
        ):
            preds[j] = p
    return [p for p in preds if p is not None]


def _set(
    rows: list[dict[str, Any]], learned_pred: list[dict[str, Any]], labels: tuple[str, ...]
) -> dict[str, Any]:
    rules_pred = _predict(rows, None)
    w = weights(rows)
    return {
        "n": round(sum(w), 1),
        "rows": len(rows),
        "sessions": len({r["session"] for r in rows}),
        "learned": am.score(rows, learned_pred, w, labels),
        "rules": am.score(rows, rules_pred, w, labels),
        "session_level": {
            "learned": am.session_level(rows, learned_pred),
            "rules": am.session_level(rows, rules_pred),
        },
    }


def run(folds: int = FOLDS, errors: bool = False) -> dict[str, Any]:
    """All three sets; `errors` adds the dev mistakes (never the test set's)."""
    encoder = CachedEncoder(learned.default_encoder())
    dev, mibot, test = load_own(DEV_FILES), load_mibot(), load_own(TEST_FILES)
    oof = cross_validated(dev + mibot, encoder, folds)
    result: dict[str, Any] = {"folds": folds, "sets": {}}
    result["sets"]["dev"] = _set(dev, oof[: len(dev)], am.LABELS)
    packaged = learned.Detectors(learned.Heads.load(learned.ARTEFACT), encoder)
    result["sets"]["test"] = _set(test, _predict(test, packaged), am.LABELS)
    if mibot:
        result["sets"]["mibot"] = _set(mibot, oof[len(dev) :], MIBOT_LABELS)
    if errors:
        result["dev_errors"] = [
            {
                "text": g["text"],
                "gold": [g["question"], g["reflection"]],
                "pred": [p["question"], p["reflection"]],
            }
            for g, p in zip(dev, oof, strict=False)
            if (g["question"], g["reflection"]) != (p["question"], p["reflection"])
        ]
    return result


def _fmt(m: dict[str, Any], key: str) -> str:
    lo, hi = m[f"{key}_ci"]
    return f"{m[key]:.3f} [{lo:.2f}-{hi:.2f}]"


def format_report(result: dict[str, Any], show_errors: bool = True) -> str:
    titles = {
        "dev": f"dev ({result['folds']}-fold CV by session; rules and detectors tuned here)",
        "test": "test (written before the detectors, never tuned on; packaged model)",
        "mibot": f"mibot (automatic-coder labels; {result['folds']}-fold CV by transcript)",
    }
    lines = ["analytics eval"]
    for name, s in result["sets"].items():
        lines += ["", f"{titles[name]}: n={s['n']:g} turns, {s['sessions']} sessions"]
        lines.append(
            f"  {'label':<11}{'':<8}{'P [95% CI]':<20}{'R [95% CI]':<20}{'F1 [95% CI]':<20}{'n':>6}"
        )
        for method in ("learned", "rules"):
            for label, m in s[method].items():
                if label == "open_closed_accuracy":
                    continue
                lines.append(
                    f"  {label:<11}{method:<8}{_fmt(m, 'precision'):<20}{_fmt(m, 'recall'):<20}"
                    f"{_fmt(m, 'f1'):<20}{m['n']:>6g}"
                )
            oc = s[method].get("open_closed_accuracy")
            if oc:
                lines.append(
                    f"  open/closed accuracy ({method}) {oc['value']:.3f} "
                    f"[{oc['ci'][0]:.2f}-{oc['ci'][1]:.2f}] n={oc['n']:g}"
                )
        for method, sl in s["session_level"].items():
            if not sl:
                continue
            for key, title in (("r_q", "R:Q"), ("pct_cr", "%CR")):
                if key in sl:
                    v = sl[key]
                    lines.append(
                        f"  session {title} ({method}): {v['sessions']} sessions, gold mean "
                        f"{v['gold_mean']:.2f}, predicted {v['pred_mean']:.2f}, mean |diff| "
                        f"{v['mean_abs_diff']:.2f}, Pearson r {v['pearson_r']:.2f}"
                    )
    test = result["sets"]["test"]["learned"]
    lines += ["", "issue goals (for an external expert set, shown beside our test figures):"]
    mine = {
        "question F1": test["question"]["f1"],
        "open/closed accuracy": test["open_closed_accuracy"]["value"],
        "reflection F1": test["reflection"]["f1"],
    }
    for name, goal in EXTERNAL_GOALS.items():
        lines.append(f"  {name} >= {goal:.2f}: test {mine[name]:.3f}")
    if show_errors and result.get("dev_errors"):
        lines += ["", f"dev errors ({len(result['dev_errors'])}, cross-validated):"]
        for err in result["dev_errors"]:
            lines.append(f"  gold={err['gold']} pred={err['pred']}  {err['text']}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(run(errors="--errors" in sys.argv)))
