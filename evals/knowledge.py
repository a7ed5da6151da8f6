"""Knowledge retrieval eval: labelled manager questions -> the entries that answer them.

Goal (from the issue): hit@3 >= 0.9 over all questions, half Dutch and half English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evals.common import first_hit_rank, ranking_metrics, scratch_container

DATA = Path(__file__).parent / "data" / "knowledge"
GOAL_HIT3 = 0.9


def load_questions(folder: Path = DATA) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for f in sorted(folder.glob("*.yaml")):
        for q in yaml.safe_load(f.read_text(encoding="utf-8")):
            out.append({**q, "set": f.stem.removeprefix("questions-")})
    return out


def run(folder: Path = DATA, embeddings: str | None = None) -> dict[str, Any]:
    questions = load_questions(folder)
    extra: dict[str, object] = {"embeddings": embeddings} if embeddings else {}
    per_lang: dict[str, list[int | None]] = {"nl": [], "en": []}
    per_set: dict[str, list[int | None]] = {}
    misses: list[dict[str, Any]] = []
    with scratch_container(**extra) as c:
        c.knowledge.sync()
        for q in questions:
            hits = c.knowledge.search(q["question"], language=q["language"], k=10)
            ids = [h.entry_id for h in hits]
            rank = first_hit_rank([i in q["expected"] for i in ids])
            per_lang[q["language"]].append(rank)
            per_set.setdefault(q["set"], []).append(rank)
            if rank is None or rank > 3:
                misses.append(
                    {"question": q["question"], "expected": q["expected"], "got": ids[:3]}
                )
        used = c.settings.embeddings
    all_ranks = per_lang["nl"] + per_lang["en"]
    overall = ranking_metrics(all_ranks, ks=(1, 3, 5))
    return {
        "questions": len(all_ranks),
        "embeddings": used,
        "overall": overall,
        "nl": ranking_metrics(per_lang["nl"], ks=(1, 3, 5)),
        "en": ranking_metrics(per_lang["en"], ks=(1, 3, 5)),
        "sets": {k: ranking_metrics(v, ks=(1, 3, 5)) for k, v in sorted(per_set.items())},
        "goal_hit@3": GOAL_HIT3,
        "passed": overall["hit@3"] >= GOAL_HIT3,
        "misses": misses,
    }


def format_report(r: dict[str, Any]) -> str:
    lines = [f"Knowledge questions: {r['questions']} (embeddings {r['embeddings']})"]
    for name in ("overall", "nl", "en"):
        m = r[name]
        lines.append(
            f"{name:<8} hit@1 {m['hit@1']:.3f}  hit@3 {m['hit@3']:.3f}  "
            f"hit@5 {m['hit@5']:.3f}  MRR {m['mrr']:.3f}"
        )
    for name, m in r["sets"].items():
        lines.append(f"  set {name:<10} hit@3 {m['hit@3']:.3f}  MRR {m['mrr']:.3f}")
    lines.append(f"goal hit@3 >= {r['goal_hit@3']}: {'met' if r['passed'] else 'NOT met'}")
    for miss in r["misses"][:15]:
        lines.append(f"  miss: {miss['question']} -> {miss['got']} (want {miss['expected']})")
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(run()))
