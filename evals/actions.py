"""Action-item eval with strict matching: text, owner, due date, continued items, privacy.

An extracted item counts only when its text matches a gold commitment with token F1 >= 0.8
(lower-case words, articles left out, no stemming) AND its owner and due date are exact.
Pairs are matched one-to-one, best text F1 first. Besides item P/R/F1 the eval reports owner
and due accuracy on the text-matched pairs, the precision and recall of links to open items
(`existing`), and whether any generated follow-up message contains a special-category detail
(the words a case lists under `special`). Every share comes with n and a 95% interval (Wilson;
a case bootstrap for F1).

Two sets: actions-dev.yaml (may be looked at and tuned on) and actions-test.yaml (written and
committed before the issue-18 tuning, never tuned on; its errors are only printed with
`--show-test-errors`). Run: `coach eval actions` or `.venv/bin/python -m evals.actions [FILE]`.
"""

from __future__ import annotations

import math
import random
import re
import sys
from collections import Counter
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from coach.followup.continued import OpenItem
from coach.followup.extract import extract
from coach.followup.message import compose
from evals.common import load_yaml

DEV_PATH = Path(__file__).parent / "data" / "actions-dev.yaml"
TEST_PATH = Path(__file__).parent / "data" / "actions-test.yaml"
TEXT_F1 = 0.8
GOALS = {"item_f1": 0.9, "owner_accuracy": 0.95, "due_accuracy": 0.95, "link_precision": 0.9}
_ARTICLES = frozenset({"de", "het", "een", "the", "a", "an", "'t"})
_WORD_RE = re.compile(r"[a-z0-9à-ÿ]+(?:[-'][a-z0-9à-ÿ]+)*")


def tokens(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text.lower()) if w not in _ARTICLES]


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 of two texts (multiset overlap)."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def match_items(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) pairs whose text F1 >= TEXT_F1, best F1 first."""
    pairs = [
        (token_f1(str(g["text"]), str(p["text"])), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
    ]
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for f1, gi, pi in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if f1 >= TEXT_F1 and gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def wilson(k: int, n: int) -> tuple[float, float]:
    """95% Wilson interval of k successes in n."""
    if n == 0:
        return (0.0, 1.0)
    z = 1.96
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _bootstrap_f1(rows: list[tuple[int, int, int]], rounds: int = 1000) -> tuple[float, float]:
    """95% interval of item F1 from resampling cases (seeded, so a run is repeatable)."""
    if not rows:
        return (0.0, 1.0)
    rng = random.Random(18)
    values = []
    for _ in range(rounds):
        sample = [rows[rng.randrange(len(rows))] for _ in rows]
        values.append(_f1(*(sum(col) for col in zip(*sample, strict=True))))
    values.sort()
    return (values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1])


def _as_date(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _open_items(case: dict[str, Any]) -> list[OpenItem]:
    return [
        OpenItem(
            int(o["id"]),
            str(o["text"]),
            str(o.get("owner") or ""),
            date.fromisoformat(_as_date(o.get("due")) or "") if o.get("due") else None,
        )
        for o in case.get("open_items") or []
    ]


def _message_leaks(case: dict[str, Any], result: Any, meeting: date) -> bool:
    first = str(case.get("employee") or "").split()[0] if case.get("employee") else ""
    manager = str(case.get("manager") or "").split()[0] if case.get("manager") else ""
    body = compose(
        result,
        language=result.language,
        employee_first_name=first,
        manager_first_name=manager,
        next_meeting=datetime.combine(meeting, time(10, 0)),
    ).text.lower()
    return any(str(word).lower() in body for word in case.get("special") or [])


def score(data: dict[str, Any]) -> dict[str, Any]:
    """All figures for one data file, with per-case details."""
    tp = n_gold = n_pred = text_pairs = owner_ok = due_ok = 0
    links_pred = links_gold = links_ok = 0
    special_cases = leaks = 0
    rows: list[tuple[int, int, int]] = []
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
            open_items=_open_items(case),
        )
        pred = result.to_dict()["action_items"]
        gold = case.get("action_items") or []
        pairs = match_items(gold, pred)
        strict = 0
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            o = str(g.get("owner") or "") == str(p.get("owner") or "")
            d = _as_date(g.get("due")) == p.get("due")
            owner_ok += o
            due_ok += d
            strict += o and d
            if p.get("existing") is not None and p.get("existing") == g.get("existing"):
                links_ok += 1
        text_pairs += len(pairs)
        tp += strict
        n_gold += len(gold)
        n_pred += len(pred)
        rows.append((strict, len(pred), len(gold)))
        links_pred += sum(1 for p in pred if p.get("existing") is not None)
        links_gold += sum(1 for g in gold if g.get("existing") is not None)
        leaked = False
        if case.get("special"):
            special_cases += 1
            leaked = _message_leaks(case, result, meeting)
            leaks += leaked
        per_case.append(
            {
                "id": case["id"],
                "gold": len(gold),
                "pred": len(pred),
                "strict": strict,
                "leaked": leaked,
                "predicted": pred,
                "expected": gold,
            }
        )
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    out: dict[str, Any] = {
        "cases": len(per_case),
        "gold_items": n_gold,
        "predicted_items": n_pred,
        "strict_matches": tp,
        "text_matches": text_pairs,
        "precision": precision,
        "precision_ci": wilson(tp, n_pred),
        "recall": recall,
        "recall_ci": wilson(tp, n_gold),
        "item_f1": _f1(tp, n_pred, n_gold),
        "item_f1_ci": _bootstrap_f1(rows),
        "owner_accuracy": owner_ok / text_pairs if text_pairs else 0.0,
        "owner_accuracy_ci": wilson(owner_ok, text_pairs),
        "due_accuracy": due_ok / text_pairs if text_pairs else 0.0,
        "due_accuracy_ci": wilson(due_ok, text_pairs),
        "links_predicted": links_pred,
        "links_gold": links_gold,
        "links_correct": links_ok,
        "link_precision": links_ok / links_pred if links_pred else 1.0,
        "link_precision_ci": wilson(links_ok, links_pred),
        "link_recall": links_ok / links_gold if links_gold else 1.0,
        "link_recall_ci": wilson(links_ok, links_gold),
        "special_cases": special_cases,
        "messages_with_special": leaks,
        "per_case": per_case,
    }
    out["passed"] = all(out[k] >= v for k, v in GOALS.items()) and out["messages_with_special"] == 0
    return out


_FIGURES = ("item_f1", "owner_accuracy", "due_accuracy", "link_precision", "messages_with_special")


def _by_language(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Figures per language: the English cases translate Dutch ones, and a translation counts
    once, so each language alone is the honest n."""
    out: dict[str, dict[str, Any]] = {}
    for lang in sorted({str(c.get("language")) for c in data["cases"]}):
        part = score({"cases": [c for c in data["cases"] if str(c.get("language")) == lang]})
        out[lang] = {k: part[k] for k in ("cases", "gold_items", *_FIGURES)}
        out[lang]["item_f1_ci"] = part["item_f1_ci"]
    return out


def run(path: Path | str | None = None, *, show_test_errors: bool = False) -> dict[str, Any]:
    """Score `path`, or the dev set plus the test set (under "test", figures only unless
    `show_test_errors`: its items are not there to be read while tuning)."""
    if path is not None:
        return score(load_yaml(Path(path)))
    result = score(load_yaml(DEV_PATH))
    test_data = load_yaml(TEST_PATH)
    test = score(test_data)
    test["by_language"] = _by_language(test_data)
    if not show_test_errors:
        test["per_case"] = [{"id": c["id"], "strict": c["strict"]} for c in test["per_case"]]
    result["test"] = test
    return result


def _ci(result: dict[str, Any], key: str) -> str:
    lo, hi = result[f"{key}_ci"]
    return f"{result[key]:.3f} [{lo:.3f}, {hi:.3f}]"


def _section(result: dict[str, Any], title: str, *, errors: bool) -> list[str]:
    lines = [
        f"{title}: {result['cases']} cases, {result['gold_items']} gold items, "
        f"{result['predicted_items']} predicted, {result['strict_matches']} strict matches",
        f"  item precision {_ci(result, 'precision')}  recall {_ci(result, 'recall')}",
        f"  item F1 {_ci(result, 'item_f1')}  (goal >= {GOALS['item_f1']})",
        f"  owner accuracy {_ci(result, 'owner_accuracy')}  due accuracy "
        f"{_ci(result, 'due_accuracy')}  (n={result['text_matches']} text-matched pairs)",
        f"  links to open items: precision {_ci(result, 'link_precision')} "
        f"(n={result['links_predicted']})  recall {_ci(result, 'link_recall')} "
        f"(n={result['links_gold']})",
        f"  messages with a special-category detail: {result['messages_with_special']} of "
        f"{result['special_cases']} cases with one",
        f"  goals: {'passed' if result['passed'] else 'NOT passed'}",
    ]
    for lang, part in (result.get("by_language") or {}).items():
        lo, hi = part["item_f1_ci"]
        lines.append(
            f"  {lang} only: {part['cases']} cases, {part['gold_items']} items, item F1 "
            f"{part['item_f1']:.3f} [{lo:.3f}, {hi:.3f}], owner {part['owner_accuracy']:.3f}, "
            f"due {part['due_accuracy']:.3f}, link precision {part['link_precision']:.3f}, "
            f"messages with a special detail {part['messages_with_special']}"
        )
    if errors:
        for case in result["per_case"]:
            if case["strict"] != case["gold"] or case["pred"] != case["gold"] or case["leaked"]:
                lines.append(f"  - {case['id']}: expected {case['expected']}")
                lines.append(f"    predicted {case['predicted']}")
    return lines


def format_report(result: dict[str, Any], *, show_test_errors: bool = False) -> str:
    title = "Action-item eval"
    lines = _section(result, f"{title}, dev set", errors=True)
    if "test" in result:
        test = result["test"]
        lines += ["", *_section(test, "test set (written before tuning)", errors=show_test_errors)]
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--show-test-errors" in sys.argv
    report = run(args[0] if args else None, show_test_errors=show)
    print(format_report(report, show_test_errors=show))
