"""Signals eval: do wellbeing, flight-risk and conflict signals fire where they should, and
stay quiet on the same words in another sense ("Ik ga ervoor zorgen dat...", "quit the old
tool", "the new task is difficult")?

signals-dev.yaml is for tuning coach/signals/data; signals-test.yaml was written before the
vocabularies and is never tuned on (its errors are shown only with --errors / show_errors).
Goal on test: micro precision >= 0.9 and recall >= 0.8. Run: `coach eval signals`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from coach.signals import FAMILIES, families_in
from evals.prf import label_lines, scores

DATA = Path(__file__).parent / "data"
DEV_PATH = DATA / "signals-dev.yaml"
TEST_PATH = DATA / "signals-test.yaml"
GOAL_PRECISION = 0.9
GOAL_RECALL = 0.8


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score(items: list[dict[str, Any]]) -> dict[str, Any]:
    pairs = [(set(i["labels"]), set(families_in(i["text"]))) for i in items]
    result = scores(pairs, FAMILIES)
    result["errors"] = [
        {"text": i["text"], "gold": sorted(g), "predicted": sorted(p)}
        for i, (g, p) in zip(items, pairs, strict=True)
        if g != p
    ]
    mi = result["micro"]
    result["passed"] = mi["precision"] >= GOAL_PRECISION and mi["recall"] >= GOAL_RECALL
    return result


def run(path: Path | str | None = None, show_errors: bool = False) -> dict[str, Any]:
    """Score one file, or dev and test; test errors are dropped unless asked for."""
    if path is not None:
        return {"file": score(load_yaml(Path(path)))}
    test = score(load_yaml(TEST_PATH))
    if not show_errors:
        test["errors"] = len(test["errors"])
    return {"dev": score(load_yaml(DEV_PATH)), "test": test}


def format_report(result: dict[str, Any]) -> str:
    lines: list[str] = []
    for split, r in result.items():
        lines.append(f"Signals eval, {split} split ({r['n_items']} sentences)")
        lines += label_lines(r)
        goal = f"goal P >= {GOAL_PRECISION}, R >= {GOAL_RECALL}"
        lines.append(f"  {goal}: {'passed' if r['passed'] else 'NOT passed'}")
        if isinstance(r["errors"], list):
            for e in r["errors"]:
                lines.append(f"    gold {e['gold']} got {e['predicted']}: {e['text']}")
        else:
            lines.append(f"  {r['errors']} errors (not shown: test split)")
        lines.append("")
    return "\n".join(lines).rstrip()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(format_report(run(args[0] if args else None, show_errors="--errors" in sys.argv)))
