"""Notes retrieval eval on the demo team (Dutch and English): picks the default embedder.

Labelled queries point at notes by (person, days_ago, kind); the demo is installed with a
fixed date so those map to note ids.
- dev: evals/data/dev/notes-queries.yaml (the embedder and retriever were chosen on it).
- test: evals/data/test/notes-*.yaml, written for issue 16, never used to tune.
hit@3 carries a 95% bootstrap interval over queries.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from coach.demo.loader import install_demo, load_team
from coach.storage import repo
from evals.common import (
    DEV,
    TEST,
    first_hit_rank,
    ranking_metrics,
    scratch_container,
    weighted_mean_ci,
)

DATA = DEV / "notes-queries.yaml"
TEST_FILES = sorted(TEST.glob("notes-*.yaml"))
TODAY = dt.date(2026, 6, 1)


def _metrics(ranks: list[int | None]) -> dict[str, Any]:
    out: dict[str, Any] = ranking_metrics(ranks, ks=(1, 3, 5))
    _, out["hit@3_ci"] = weighted_mean_ci(
        [float(r is not None and r <= 3) for r in ranks], [1.0] * len(ranks)
    )
    out["n"] = len(ranks)
    return out


def _load(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def run(
    embeddings: str | None = None, modes: tuple[str, ...] = ("hybrid", "vector", "bm25")
) -> dict[str, Any]:
    sets = {"dev": _load(DATA), "test": [q for f in TEST_FILES for q in _load(f)]}
    team = load_team()
    key_of = {p["name"]: p["key"] for p in team["people"]}
    extra: dict[str, object] = {"embeddings": embeddings} if embeddings else {}
    out: dict[str, Any] = {"queries": {k: len(v) for k, v in sets.items()}, "sets": {}}
    with scratch_container(**extra) as c:
        install_demo(c, today=TODAY)
        with c.db.session() as s:
            mid = repo.get_manager(s, team["manager"]["username"]).id
            people = {key_of[p.name]: p.id for p in repo.list_people(s, mid)}
            note_key = {
                n.id: (key_of[n.person.name], (TODAY - n.date).days, _kind(n.source))
                for n in repo.list_notes(s, mid)
            }
        out["embeddings"] = c.settings.embeddings
        for name, queries in sets.items():
            out["sets"][name] = {}
            for mode in modes:
                c.retriever.mode = mode
                ranks: dict[str, list[int | None]] = {"nl": [], "en": []}
                for q in queries:
                    relevant = {(r["person"], r["days_ago"], r["kind"]) for r in q["relevant"]}
                    hits = c.retriever.search(
                        mid, q["query"], person_id=people.get(q["person"] or ""), k=5
                    )
                    ranks[q["language"]].append(
                        first_hit_rank([note_key[h.note_id] in relevant for h in hits])
                    )
                out["sets"][name][mode] = {
                    "all": _metrics(ranks["nl"] + ranks["en"]),
                    "nl": _metrics(ranks["nl"]),
                    "en": _metrics(ranks["en"]),
                }
    return out


def _kind(source: str) -> str:
    return "meeting" if source == "meeting" else "note"


def format_report(r: dict[str, Any]) -> str:
    lines = [f"Demo-team note queries (embeddings {r['embeddings']})"]
    titles = {"dev": "dev (embedder chosen here)", "test": "test (never tuned on)"}
    for name, s in r["sets"].items():
        lines.append(f"{titles[name]}: {r['queries'][name]} queries")
        for mode in ("hybrid", "vector", "bm25"):
            if mode not in s:
                continue
            for part in ("all", "nl", "en"):
                m = s[mode][part]
                lo, hi = m["hit@3_ci"]
                lines.append(
                    f"  {mode:<7}{part:<4} n={m['n']:<3} hit@1 {m['hit@1']:.3f}  hit@3 "
                    f"{m['hit@3']:.3f} [{lo:.2f}-{hi:.2f}]  hit@5 {m['hit@5']:.3f}  "
                    f"MRR {m['mrr']:.3f}"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(format_report(run(sys.argv[1] if len(sys.argv) > 1 else None)))
