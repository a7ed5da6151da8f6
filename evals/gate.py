"""Eval of the output gate (coach/gate) on labelled model texts: does it block the bad ones
and pass the good ones?

Run: `coach eval gate` (dev and test) or `.venv/bin python -m evals.gate [FILE]`.
gate-dev.yaml may be looked at and tuned on; gate-test.yaml was written and committed before
any tuning and is never tuned on (its errors are not printed unless `--errors`). Items are
real outputs of the embedded model on the app's own prompts (labelled by reading them),
hand-written good texts, and bad texts of known kinds (wrong language, invented words, prompt
or question echo, loops, foreign citation markers); see evals/gate_build.py.

Figures: share of bad texts blocked (goal >= 0.95) and of good texts passed (goal >= 0.9),
with n and a Wilson 95% interval, per kind, and the embedded model's pass rate per prompt and
language (the number the `local` default for generated paragraphs is set by).
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from coach.gate.policy import check_output
from coach.prep.narrate import check as narrate_check
from coach.prompts import get_prompt
from evals.common import load_yaml

DATA = Path(__file__).parent / "data" / "gate"
DEV_PATH = DATA / "gate-dev.yaml"
TEST_PATH = DATA / "gate-test.yaml"
GOAL_BLOCKED = 0.95
GOAL_PASSED = 0.9
# The prompts whose callers ask the gate for a paragraph addressed to the manager, as the app
# does (coach/chat/paragraph.py, coach/prep/narrate.py).
PROSE_PROMPTS = {"coach_answer", "prep_narrative"}


def wilson(k: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion k/n (Wilson score; sane at 0 and n)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (round(max(0.0, mid - half), 3), round(min(1.0, mid + half), 3))


def _rate(k: float, n: int) -> dict[str, Any]:
    return {"k": round(k, 1), "n": n, "rate": round(k / n, 3) if n else None, "ci95": wilson(k, n)}


def _grouped(groups: dict[tuple[str, str], list[bool]], label: str) -> dict[str, Any]:
    """A rate over groups: a text and its translation count once (each half a point), so n
    is the number of distinct texts and the interval is not flattered by translations."""
    shares = [sum(v) / len(v) for (lab, _), v in groups.items() if lab == label]
    out = _rate(sum(shares), len(shares))
    out["texts"] = sum(len(v) for (lab, _), v in groups.items() if lab == label)
    return out


def load_cases() -> dict[int, dict[str, Any]]:
    rows = (json.loads(x) for x in (DATA / "cases.jsonl").read_text().splitlines() if x)
    return {r["case"]: r for r in rows}


def verdict(item: dict[str, Any], case: dict[str, Any]) -> str | None:
    """The gate's reason for the item (None: passed), called as the app calls it."""
    v = check_output(
        item["text"],
        get_prompt(case["prompt"], case["language"]),
        language=case["language"],
        question=case["question"],
        inputs=[case["user"]] if case["prompt"] != "rehearsal" else [case["system"]],
        citations=case["citations"],
        role="persona" if case["prompt"] == "rehearsal" else "answer",
        prose=case["prompt"] in PROSE_PROMPTS,
    )
    if (
        v.ok
        and case["prompt"] == "prep_narrative"
        and narrate_check(v.text, set(case["citations"])) is None
    ):
        return "no_citation"  # the app's own rule for the brief: cite at least one marker
    return v.reason


def score(items: list[dict[str, Any]]) -> dict[str, Any]:
    cases = load_cases()
    by_kind: dict[str, list[bool]] = defaultdict(list)
    model: dict[str, list[bool]] = defaultdict(list)
    groups: dict[tuple[str, str], list[bool]] = defaultdict(list)
    errors: list[dict[str, Any]] = []
    for it in items:
        reason = verdict(it, cases[it["case"]])
        passed = reason is None
        right = passed == (it["label"] == "ok")
        by_kind[f"{it['kind']}/{it['label']}"].append(right)
        if it["kind"] == "model":
            model[f"{it['prompt']}.{it['language']}"].append(passed)
        groups[(it["label"], it["group"])].append(right)
        if not right:
            errors.append(
                {"id": it["id"], "label": it["label"], "reason": reason, "text": it["text"][:160]}
            )
    return {
        "n": len(items),
        "bad_blocked": _grouped(groups, "bad"),
        "good_passed": _grouped(groups, "ok"),
        "by_kind": {k: _rate(sum(v), len(v)) for k, v in sorted(by_kind.items())},
        "model_pass_rate": {k: _rate(sum(v), len(v)) for k, v in sorted(model.items())},
        "errors": errors,
    }


def run(path: Path | None = None) -> dict[str, Any]:
    if path is not None:
        return {"set": str(path), **score(load_yaml(path))}
    result = {"set": "dev", **score(load_yaml(DEV_PATH))}
    result["heldout"] = {"set": "test", **score(load_yaml(TEST_PATH))}
    return result


def _fmt(r: dict[str, Any]) -> str:
    lo, hi = r["ci95"]
    texts = f", {r['texts']} texts" if "texts" in r else ""
    return f"{r['rate']} ({r['k']}/{r['n']}{texts}, 95% CI {lo}-{hi})"


def _section(r: dict[str, Any], title: str, show_errors: bool) -> list[str]:
    lines = [
        f"## {title}: {r['n']} texts",
        f"bad blocked: {_fmt(r['bad_blocked'])}  goal >= {GOAL_BLOCKED}",
        f"good passed: {_fmt(r['good_passed'])}  goal >= {GOAL_PASSED}",
        "per kind (share judged right):",
    ]
    lines += [f"  {k}: {_fmt(v)}" for k, v in r["by_kind"].items()]
    lines.append("embedded model (SmolLM2-135M) outputs passed by the gate:")
    lines += [f"  {k}: {_fmt(v)}" for k, v in r["model_pass_rate"].items()]
    if show_errors and r["errors"]:
        lines.append("errors:")
        lines += [f"  {e['id']} [{e['label']}, {e['reason']}] {e['text']}" for e in r["errors"]]
    return lines


def format_report(result: dict[str, Any], show_test_errors: bool = False) -> str:
    lines = _section(result, f"gate eval, {result['set']} set", True)
    if "heldout" in result:
        lines += ["", *_section(result["heldout"], "test set (never tuned on)", show_test_errors)]
    return "\n".join(lines)


if __name__ == "__main__":
    arg = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(format_report(run(arg)))
