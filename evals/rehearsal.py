"""`coach eval rehearsal`: scripted rehearsals through the real engine, scored on the goals
of the dialogue engine.

Data: evals/data/rehearsal/scripts.yaml (dev, 16 rehearsals) and scripts-heldout.yaml (test,
16 rehearsals, never tuned on; its errors are not printed unless asked). Each is 8 scenarios
x NL/EN x a good and a poor manager; the NL and EN script of one plan count as one item.

Measured per part and language:
- gate failures: persona lines (authored or generated) that the shared output gate rejects
  (role "persona"; goal 0);
- repeats (a line said twice in a session) and echoes (a line mostly made of the manager's
  own words; goal 0);
- tension direction: after each labelled move, did tension go the labelled way (up / down /
  flat; "down" at 0 and "up" at 10 count as right; goal >= 0.9);
- move accuracy: the engine's move against the label (a diagnostic, no goal);
- agreement: good managers who reach the agreement phase (goal >= 0.8), poor managers who do
  not (goal >= 0.8).
Rates come with n and a 95% Wilson interval. `--model local` also lets the embedded model
write (the measurement behind generate.LOCAL_PASS_RATE); without it, the persona lines are
the engine's as the embedded default plays them.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from coach import gate
from coach.rehearsal import new_session, respond
from coach.rehearsal.lines import echoes
from coach.rehearsal.persona import generic_persona
from coach.rehearsal.scenarios import get_scenario
from evals.common import load_yaml

DATA = Path(__file__).parent / "data" / "rehearsal"
DEV, HELDOUT = DATA / "scripts.yaml", DATA / "scripts-heldout.yaml"
SEED = 13
GOALS = {"direction": 0.9, "good_agree": 0.8, "poor_no_agree": 0.8}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


def rate(k: int, n: int) -> dict[str, Any]:
    return {"k": k, "n": n, "rate": round(k / n, 3) if n else None, "ci95": wilson(k, n)}


def _direction_ok(label: str, before: float, after: float) -> bool:
    if label == "up":
        return after > before or before >= 10
    if label == "down":
        return after < before or before <= 0
    return after == before


def play(script: dict[str, Any], llm: Any = None) -> dict[str, Any]:
    """One scripted rehearsal through the engine; what it did, turn by turn."""
    lang = script["language"]
    sc = get_scenario(script["scenario"])
    session = new_session(sc, generic_persona(sc, lang), script["difficulty"], lang, seed=SEED)
    rows = []
    for item in script["turns"]:
        before = session.tension
        reply = respond(llm, session, item["text"], ask_model=llm is not None)
        manager = session.manager_turns[-1]
        earlier = [t.text for t in session.persona_turns[:-1]]
        verdict = gate.check(
            reply.text,
            language=lang,
            question=item["text"],
            context=[session.persona.name, *session.persona.facts.values()],
            role="persona",
            earlier=earlier,
        )
        rows.append(
            {
                "manager": item["text"],
                "label_move": item.get("move"),
                "label_tension": item.get("tension"),
                "move": manager.move,
                "before": before,
                "after": session.tension,
                "phase": session.phase,
                "reply": reply.text,
                "source": reply.source,
                "rejected": reply.rejected,
                "gate": verdict.reason,
                "repeat": reply.text in earlier,
                "echo": echoes(reply.text, item["text"]),
            }
        )
    return {
        "id": script["id"],
        "language": lang,
        "manager": script["manager"],
        "agreement": session.reached_agreement,
        "turns": rows,
    }


def score(scripts: list[dict[str, Any]], llm: Any = None) -> dict[str, Any]:
    played = [play(s, llm) for s in scripts]
    out: dict[str, Any] = {"sessions": len(played), "by_language": {}}
    for lang in ("nl", "en"):
        mine = [p for p in played if p["language"] == lang]
        rows = [r for p in mine for r in p["turns"]]
        labelled = [r for r in rows if r["label_tension"]]
        moved = [r for r in rows if r["label_move"]]
        good = [p for p in mine if p["manager"] == "good"]
        poor = [p for p in mine if p["manager"] == "poor"]
        generated = [r for r in rows if r["source"] == "llm"]
        asked = [r for r in rows if r["rejected"] is not None or r["source"] == "llm"]
        out["by_language"][lang] = {
            "sessions": len(mine),
            "persona_lines": len(rows),
            "gate_failures": sum(r["gate"] is not None for r in rows),
            "repeats": sum(r["repeat"] for r in rows),
            "echoes": sum(r["echo"] for r in rows),
            "direction": rate(
                sum(_direction_ok(r["label_tension"], r["before"], r["after"]) for r in labelled),
                len(labelled),
            ),
            "move_accuracy": rate(sum(r["move"] == r["label_move"] for r in moved), len(moved)),
            "good_agree": rate(sum(p["agreement"] for p in good), len(good)),
            "poor_no_agree": rate(sum(not p["agreement"] for p in poor), len(poor)),
            "model_pass": rate(len(generated), len(asked)) if asked else None,
        }
    out["errors"] = [
        {"id": p["id"], **r}
        for p in played
        for r in p["turns"]
        if r["gate"]
        or r["repeat"]
        or r["echo"]
        or (r["label_tension"] and not _direction_ok(r["label_tension"], r["before"], r["after"]))
        or (r["label_move"] and r["move"] != r["label_move"])
    ]
    out["sessions_detail"] = [
        {"id": p["id"], "agreement": p["agreement"], "manager": p["manager"]} for p in played
    ]
    return out


def run(path: Path | None = None, llm: Any = None) -> dict[str, Any]:
    """Score `path`; without one, the dev scripts plus the held-out ones (under "heldout")."""
    result = score(load_yaml(path or DEV), llm)
    if path is None:
        result["heldout"] = score(load_yaml(HELDOUT), llm)
    return result


def _fmt(r: dict[str, Any] | None) -> str:
    if not r or r["n"] == 0:
        return "–"
    lo, hi = r["ci95"]
    return f"{r['rate']:.2f} ({r['k']}/{r['n']}, 95% CI {lo:.2f}–{hi:.2f})"


def _section(result: dict[str, Any], title: str, show_errors: bool) -> list[str]:
    lines = [f"## {title}: {result['sessions']} scripted rehearsals", ""]
    lines += [
        "| | nl | en | goal |",
        "|---|---|---|---|",
    ]
    nl, en = result["by_language"]["nl"], result["by_language"]["en"]
    for key, label, goal in (
        ("persona_lines", "persona lines", ""),
        ("gate_failures", "lines failing the gate", "0"),
        ("repeats", "repeats", "0"),
        ("echoes", "echoes", "0"),
    ):
        lines.append(f"| {label} | {nl[key]} | {en[key]} | {goal} |")
    for key, label, goal in (
        ("direction", "tension direction per labelled move", ">= 0.9"),
        ("good_agree", "good manager reaches agreement", ">= 0.8"),
        ("poor_no_agree", "poor manager does not", ">= 0.8"),
        ("move_accuracy", "move read as labelled", ""),
        ("model_pass", "model lines passing the gate", ""),
    ):
        lines.append(f"| {label} | {_fmt(nl[key])} | {_fmt(en[key])} | {goal} |")
    if show_errors and result["errors"]:
        lines += ["", "Errors:"]
        for e in result["errors"]:
            lines.append(
                f"- {e['id']}: {e['manager']!r} move {e['move']} (label {e['label_move']}), "
                f"tension {e['before']} -> {e['after']} (label {e['label_tension']}), "
                f"gate {e['gate']}, repeat {e['repeat']}, echo {e['echo']}: {e['reply']!r}"
            )
    return lines


def format_report(
    result: dict[str, Any], show_errors: bool = True, heldout_errors: bool = False
) -> str:
    lines = _section(result, "dev scripts", show_errors)
    if "heldout" in result:
        lines += [
            "",
            *_section(result["heldout"], "held-out scripts (never tuned on)", heldout_errors),
        ]
    lines += [
        "",
        "NL and EN scripts of one scenario follow one plan: read n as 8 items per language, "
        "not 16 independent ones.",
    ]
    return "\n".join(lines)
