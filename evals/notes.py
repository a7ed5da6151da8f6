"""Notes retrieval eval on the demo team (Dutch and English): picks the default embedder.

Labelled queries in evals/data/notes_queries.yaml point at notes by (person, days_ago,
kind); the demo is installed with a fixed date so those map to note ids.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from coach.demo.loader import install_demo, load_team
from coach.storage import repo
from evals.common import first_hit_rank, ranking_metrics, scratch_container

DATA = Path(__file__).parent / "data" / "notes_queries.yaml"
TODAY = dt.date(2026, 6, 1)


def run(
    embeddings: str | None = None, modes: tuple[str, ...] = ("hybrid", "vector", "bm25")
) -> dict[str, Any]:
    queries = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    team = load_team()
    key_of = {p["name"]: p["key"] for p in team["people"]}
    extra: dict[str, object] = {"embeddings": embeddings} if embeddings else {}
    out: dict[str, Any] = {"queries": len(queries)}
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
            out[mode] = {
                "all": ranking_metrics(ranks["nl"] + ranks["en"], ks=(1, 3, 5)),
                "nl": ranking_metrics(ranks["nl"], ks=(1, 3, 5)),
                "en": ranking_metrics(ranks["en"], ks=(1, 3, 5)),
            }
    return out


def _kind(source: str) -> str:
    return "meeting" if source == "meeting" else "note"


def format_report(r: dict[str, Any]) -> str:
    lines = [f"Demo-team note queries: {r['queries']} (embeddings {r['embeddings']})"]
    for mode in ("hybrid", "vector", "bm25"):
        if mode not in r:
            continue
        for part in ("all", "nl", "en"):
            m = r[mode][part]
            lines.append(
                f"{mode:<7}{part:<4} hit@1 {m['hit@1']:.3f}  hit@3 {m['hit@3']:.3f}  "
                f"hit@5 {m['hit@5']:.3f}  MRR {m['mrr']:.3f}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(format_report(run(sys.argv[1] if len(sys.argv) > 1 else None)))
