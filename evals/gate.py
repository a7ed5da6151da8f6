"""Eval of the output gate (coach/gate) on labelled model texts: does it block the bad ones
and pass the good ones?

Run: `coach eval gate` (dev, dev2, dev3 where built, test3, and the held-out test4) or
`.venv/bin/python -m evals.gate [FILE]` (one set, e.g. evals/data/gate/gate-test2.yaml).

Sets (evals/data/gate; how each was made: evals/gate_build.py):
- gate-dev.yaml: the first dev set; tuned on.
- gate-dev2.yaml: the first test set (gate-test.yaml until 6 Dec 2026). Earlier sessions ran
  and read it so often that its misses were known: it is a dev set now and may be tuned on.
- gate-test2.yaml: written and labelled on 6 Dec 2026 before any gate run on it (new people,
  notes, questions and scenario cards; one good text per case). It was the held-out set until
  test3 and has been run and read since: it is dev-like now, no longer part of `coach eval
  gate`; run it as one FILE.
- gate-dev3.yaml (where built): a third dev set made like test2; may be tuned on.
- gate-test3.yaml: made like test2 with all-new cases, written and labelled on 6 Dec 2026
  before any gate run on it. It was the held-out set until test4: run once on 6 Dec (its
  figures are in the README) and read since, so it is dev-like now.
- gate-test4.yaml: the held-out set, made like test3 with all-new cases, written and labelled
  on 6 Dec 2026 before any gate run on it. Never tuned on; its errors are not printed
  (`python -m evals.gate --test-errors` shows them, once).
Items are real outputs of the embedded model on the app's own prompts (labelled by reading
them), hand-written good texts, and bad texts of known kinds (wrong language, invented words,
prompt or question echo, loops, foreign citation markers).

Each item is gated the way the app gates that prompt's text, with its case's context
(`verdict`): the chat paragraph as coach/chat/paragraph.py (question, sources), the prep
narrative as coach/prep/narrate.py (its marker check, then the gate with the facts and the
allowed markers, no question) and a persona line as coach/rehearsal/generate.py (check_reply:
the line cleaned first, at most three sentences, then the gate and the persona checks with the
scenario card). The first sets' cases predate the card: theirs is rebuilt from the demo team.

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

import yaml

from coach.gate.policy import check_output
from coach.prep.narrate import check as narrate_check
from coach.prompts import get_prompt
from coach.rehearsal.replies import ReplyContext, check_reply
from evals.common import load_yaml

DATA = Path(__file__).parent / "data" / "gate"
ROOT = Path(__file__).resolve().parents[1]
DEV_PATHS = {
    "dev": DATA / "gate-dev.yaml",
    "dev2": DATA / "gate-dev2.yaml",
    "dev3": DATA / "gate-dev3.yaml",
    "test3": DATA / "gate-test3.yaml",
}
TEST_PATH = DATA / "gate-test4.yaml"
GOAL_BLOCKED = 0.95
GOAL_PASSED = 0.9
FIRST_PAIRED_CASE = 1000  # cases.jsonl (the first sets) holds 0-127; later sets start here


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
    """Every case of every set: cases.jsonl (the first sets) and cases-<set>.jsonl (test2,
    dev3, test3, test4; their id ranges never overlap)."""
    rows: list[dict[str, Any]] = []
    for path in [DATA / "cases.jsonl", *sorted(DATA.glob("cases-*.jsonl"))]:
        rows += [json.loads(x) for x in path.read_text().splitlines() if x]
    return {r["case"]: _complete(r) for r in rows}


def _band(system: str, language: str) -> str:
    """The tension band a first-set role-play prompt was rendered with (its mood line)."""
    p = get_prompt("rehearsal", language)
    return next((b for b in ("low", "medium", "high") if p.part(f"tone_{b}") in system), "low")


def _complete(case: dict[str, Any]) -> dict[str, Any]:
    """A first-set case with what its gate call needs and cases.jsonl lacks: the inputs, and
    for a role-play the persona's name, band and card (the demo person's role and profile and
    the situation, as the first sets' prompts were rendered from them)."""
    if "inputs" in case:
        return case
    out = dict(case, inputs=[case["user"]])
    if case["prompt"] == "rehearsal":
        people = yaml.safe_load((ROOT / "coach" / "demo" / "team.yaml").read_text("utf-8"))
        p = next(x for x in people["people"] if x["name"].split()[0] == case["person"])
        situation = (
            "een 1-op-1 over werkdruk" if case["language"] == "nl" else "a 1:1 about workload"
        )
        out |= {
            "persona_name": case["person"],
            "band": _band(case["system"], case["language"]),
            "card": [p["name"], p.get("role", ""), p.get("profile", "")[:200], situation],
        }
    return out


def verdict(item: dict[str, Any], case: dict[str, Any]) -> str | None:
    """The gate's reason for the item (None: passed), called as the app calls it."""
    prompt, lang = case["prompt"], case["language"]
    if prompt == "rehearsal":  # coach/rehearsal/generate.write, the first exchange
        reply = ReplyContext(
            language=lang,
            persona_name=case["persona_name"],
            band=case["band"],
            system_prompt=case["system"],
            card=case["card"],
        )
        question = case["question"]
        return check_reply(item["text"], reply, manager_text=question, context=[question]).reason
    if prompt == "prep_narrative":  # coach/prep/narrate.narrate
        allowed = set(case["citations"])
        text = narrate_check(item["text"], allowed)
        if text is None:
            return "no_citation"
        return check_output(
            text,
            get_prompt(prompt, lang),
            language=lang,
            inputs=case["inputs"],
            citations=allowed,
            prose=True,
            particulars=_paired(item, case),
        ).reason
    return check_output(  # coach/chat/paragraph.gated_paragraph
        item["text"],
        get_prompt(prompt, lang),
        language=lang,
        question=case["question"],
        inputs=case["inputs"],
        prose=True,
        particulars=_paired(item, case),
    ).reason


def _paired(item: dict[str, Any], case: dict[str, Any]) -> bool:
    """Was the text written for this case? Not the first sets' written texts (and what was
    derived from them): generic advice paired with a random case of their prompt, so the
    gate's particulars check (does a paragraph name something of its own notes?) is not
    applied to them. Model replies, and every text of the later sets, answer their case."""
    return item.get("kind") == "model" or case["case"] >= FIRST_PAIRED_CASE


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
    """The dev sets, test3 (dev-like) and the held-out test4 set (or one FILE)."""
    if path is not None:
        return {"set": str(path), **score(load_yaml(path))}
    result: dict[str, Any] = {"set": "dev", **score(load_yaml(DEV_PATHS["dev"]))}
    for name in ("dev2", "dev3", "test3"):
        if DEV_PATHS[name].exists():
            result[name] = {"set": name, **score(load_yaml(DEV_PATHS[name]))}
    if TEST_PATH.exists():
        result["heldout"] = {"set": "test4", **score(load_yaml(TEST_PATH))}
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
    if "dev2" in result:
        lines += ["", *_section(result["dev2"], "dev2 set (the first test set)", True)]
    if "dev3" in result:
        lines += ["", *_section(result["dev3"], "dev3 set", True)]
    if "test3" in result:
        lines += ["", *_section(result["test3"], "test3 set (held out until test4)", True)]
    if "heldout" in result:
        title = "test4 set (held out, never tuned on)"
        lines += ["", *_section(result["heldout"], title, show_test_errors)]
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--test-errors"]
    arg = Path(args[0]) if args else None
    print(format_report(run(arg), show_test_errors="--test-errors" in sys.argv))
