"""Action-item extraction eval: precision/recall/F1 against hand-labelled 1:1 notes.

Match rule: same owner and (Jaccard of content words >= 0.3 or one word set contains the
other), greedy one-to-one by best overlap. Run: `coach eval actions` (both sets) or
`.venv/bin/python -m evals.actions [FILE]`.

actions.yaml is the set the extractor was tuned on; actions-heldout.yaml (12 notes, NL/EN) was
written and labelled in session 3 with the same guide and is never tuned on.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from coach.followup.extract import extract
from coach.followup.lexicon import EN_STOPWORDS, NL_STOPWORDS
from evals.common import load_yaml, report_with_heldout, score_with_heldout

DEFAULT_PATH = Path(__file__).parent / "data" / "actions.yaml"
HELDOUT_PATH = Path(__file__).parent / "data" / "actions-heldout.yaml"
GOAL_F1 = 0.7
_SUFFIXES = ("ing", "en", "ed", "es", "s", "e", "t")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_set(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9à-ÿ']+", text.lower())
    return {_stem(w) for w in words if w not in NL_STOPWORDS | EN_STOPWORDS and len(w) > 1}


def overlap(a: str, b: str) -> float:
    """Jaccard of content words; 1.0 when one non-empty set contains the other."""
    sa, sb = content_set(a), content_set(b)
    if not sa or not sb:
        return 0.0
    if sa <= sb or sb <= sa:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def _norm_owner(owner: Any) -> str:
    return str(owner).strip().lower() if owner else ""


def match_items(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best overlap first; same owner and overlap >= 0.3."""
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if _norm_owner(g.get("owner")) != _norm_owner(p.get("owner")):
                continue
            score = overlap(str(g["text"]), str(p["text"]))
            if score >= 0.3:
                pairs.append((score, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    matches: list[tuple[int, int]] = []
    for _score, gi, pi in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matches.append((gi, pi))
    return matches


def _as_date(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def run(path: Path | str | None = None) -> dict[str, Any]:
    """Score `path`, or the tuning set plus the held-out set (under "heldout")."""
    return score_with_heldout(
        Path(path) if path else None, DEFAULT_PATH, HELDOUT_PATH, load_yaml, score
    )


def score(data: dict[str, Any]) -> dict[str, Any]:
    """P/R/F1, owner and due shares, due accuracy and per-case details for one data file."""
    tp = n_gold = n_pred = with_owner = with_due = due_correct = 0
    per_case: list[dict[str, Any]] = []
    for case in data["cases"]:
        meeting = case["meeting_date"]
        meeting = meeting if isinstance(meeting, date) else date.fromisoformat(str(meeting))
        result = extract(
            case["text"],
            meeting,
            language=case.get("language"),
            employee_name=case.get("employee"),
            manager_name=case.get("manager"),
        )
        pred = result.to_dict()["action_items"]
        gold = case.get("action_items") or []
        matches = match_items(gold, pred)
        tp += len(matches)
        n_gold += len(gold)
        n_pred += len(pred)
        with_owner += sum(1 for p in pred if p["owner"])
        with_due += sum(1 for p in pred if p["due"])
        due_correct += sum(
            1 for gi, pi in matches if _as_date(gold[gi].get("due")) == pred[pi]["due"]
        )
        per_case.append(
            {
                "id": case["id"],
                "gold": len(gold),
                "pred": len(pred),
                "matched": len(matches),
                "predicted": pred,
                "expected": gold,
            }
        )
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "cases": len(per_case),
        "gold_items": n_gold,
        "predicted_items": n_pred,
        "matched": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "owner_share": with_owner / n_pred if n_pred else 0.0,
        "due_share": with_due / n_pred if n_pred else 0.0,
        "due_accuracy": due_correct / tp if tp else 0.0,
        "goal_f1": GOAL_F1,
        "passed": f1 >= GOAL_F1,
        "per_case": per_case,
    }


def format_report(result: dict[str, Any]) -> str:
    return report_with_heldout(result, _report, "Action-item extraction eval")


def _report(result: dict[str, Any], title: str) -> list[str]:
    lines = [
        f"{title}: {result['cases']} cases, {result['gold_items']} gold items",
        f"  predicted {result['predicted_items']}, matched {result['matched']}",
        f"  precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"F1 {result['f1']:.3f}  (goal >= {result['goal_f1']}: "
        f"{'passed' if result['passed'] else 'NOT passed'})",
        f"  items with owner {result['owner_share']:.1%}, with due date {result['due_share']:.1%}",
        f"  due-date accuracy on matched items {result['due_accuracy']:.1%}",
    ]
    misses = [c for c in result["per_case"] if c["matched"] != c["gold"] or c["pred"] != c["gold"]]
    if misses:
        lines.append("  cases with differences: " + ", ".join(c["id"] for c in misses))
    return lines


if __name__ == "__main__":
    report = run(sys.argv[1] if len(sys.argv) > 1 else None)
    print(format_report(report))
