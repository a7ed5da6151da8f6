"""Topics eval: which themes of 'het goede gesprek' does a plain note sentence touch?

topics-dev.yaml is for tuning the keyword rules (coach/topics.py) and for training the
learned alternative (evals/topics_learned.py); topics-test.yaml was written before either and
is never tuned on (its errors only with --errors). Per-topic precision/recall/F1 with n and a 95%
bootstrap interval; goal macro-F1 >= 0.85 on test. Run: `coach eval topics`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coach.topics import TOPICS, classify
from evals.prf import label_lines, scores

DATA = Path(__file__).parent / "data"
DEV_PATH = DATA / "topics-dev.yaml"
TEST_PATH = DATA / "topics-test.yaml"
GOAL_MACRO_F1 = 0.85


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score(items: list[dict[str, Any]], predict: Callable[[str], set[str]]) -> dict[str, Any]:
    pairs = [(set(i["labels"]), set(predict(i["text"])) & set(TOPICS)) for i in items]
    result = scores(pairs, TOPICS)
    result["errors"] = [
        {"text": i["text"], "gold": sorted(g), "predicted": sorted(p)}
        for i, (g, p) in zip(items, pairs, strict=True)
        if g != p
    ]
    result["passed"] = result["macro_f1"] >= GOAL_MACRO_F1
    return result


def _predictors() -> dict[str, Callable[[str], set[str]]]:
    """The shipped keyword rules; the learned alternative is measured in evals.topics_learned."""
    return {"keywords": classify}


def run(path: Path | str | None = None, show_errors: bool = False) -> dict[str, Any]:
    """Every predictor on dev and test (or one file); test errors dropped unless asked."""
    result: dict[str, Any] = {}
    for name, predict in _predictors().items():
        if path is not None:
            result[name] = {"file": score(load_yaml(Path(path)), predict)}
            continue
        test = score(load_yaml(TEST_PATH), predict)
        if not show_errors:
            test["errors"] = len(test["errors"])
        result[name] = {"dev": score(load_yaml(DEV_PATH), predict), "test": test}
    return result


def format_report(result: dict[str, Any]) -> str:
    lines: list[str] = []
    for name, splits in result.items():
        for split, r in splits.items():
            lines.append(f"Topics eval, {name}, {split} split ({r['n_items']} sentences)")
            lines += label_lines(r)
            lines.append(
                f"  goal macro-F1 >= {GOAL_MACRO_F1}: {'passed' if r['passed'] else 'NOT passed'}"
            )
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
