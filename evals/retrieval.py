"""QMSum retrieval eval: our retriever vs a BM25 baseline on 10-turn transcript windows.

Each meeting becomes one manager (its own collection) with each 10-turn window stored as a
note through the real write path; every specific query is searched in its own meeting. A
query scores a hit when a retrieved window overlaps a gold relevant_text_span.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from rank_bm25 import BM25Okapi

from coach.retrieval.text import tokenize
from coach.storage import repo
from evals.common import KS, first_hit_rank, ranking_metrics, scratch_container

WINDOW = 10


def load_meetings(folder: Path, limit: int | None = None) -> list[tuple[str, dict[str, Any]]]:
    files = sorted(folder.glob("*.json"))[:limit] if limit else sorted(folder.glob("*.json"))
    return [(f.stem, json.loads(f.read_text(encoding="utf-8"))) for f in files]


def windows(meeting: dict[str, Any]) -> list[tuple[int, int, str]]:
    turns = meeting["meeting_transcripts"]
    out = []
    for start in range(0, len(turns), WINDOW):
        part = turns[start : start + WINDOW]
        text = "\n".join(f"{t['speaker']}: {t['content']}" for t in part)
        out.append((start, start + len(part) - 1, text))
    return out


def gold_spans(query: dict[str, Any]) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in query.get("relevant_text_span", [])]


def overlaps(win: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(win[0] <= b and a <= win[1] for a, b in spans)


def run(
    folder: Path, *, limit: int | None = None, mode: str = "hybrid", embeddings: str | None = None
) -> dict[str, Any]:
    extra: dict[str, object] = {"retrieval_mode": mode}
    if embeddings:
        extra["embeddings"] = embeddings
    ours: list[int | None] = []
    base: list[int | None] = []
    with scratch_container(**extra) as c:
        for name, meeting in load_meetings(folder, limit):
            wins = windows(meeting)
            with c.db.session() as s:
                m = repo.add_manager(s, f"qmsum-{name}", password_hash=None)
                p = repo.add_person(s, m.id, "Meeting")
                ids = [
                    repo.add_note(s, m.id, p.id, text, date=dt.date(2020, 1, 1)).id
                    for _, _, text in wins
                ]
                mid = m.id
            c.notes.reindex(mid)
            span_of = {nid: (a, b) for nid, (a, b, _) in zip(ids, wins, strict=True)}
            bm25 = BM25Okapi([tokenize(t) for _, _, t in wins])
            for q in meeting.get("specific_query_list", []):
                spans = gold_spans(q)
                if not spans:
                    continue
                hits = c.retriever.search(mid, q["query"], k=max(KS))
                ours.append(first_hit_rank([overlaps(span_of[h.note_id], spans) for h in hits]))
                scores = bm25.get_scores(tokenize(q["query"]))
                order = sorted(range(len(wins)), key=lambda i: -scores[i])[: max(KS)]
                base.append(first_hit_rank([overlaps(wins[i][:2], spans) for i in order]))
        used = c.settings.embeddings
    return {
        "queries": len(ours),
        "mode": mode,
        "embeddings": used,
        "retriever": ranking_metrics(ours),
        "bm25": ranking_metrics(base),
    }


def format_report(r: dict[str, Any]) -> str:
    keys = [f"hit@{k}" for k in KS] + ["mrr"]
    lines = [
        f"QMSum specific queries: {r['queries']} (mode {r['mode']}, embeddings {r['embeddings']})",
        f"{'':<10}" + "".join(f"{k:>9}" for k in keys),
    ]
    for name in ("retriever", "bm25"):
        lines.append(f"{name:<10}" + "".join(f"{r[name][k]:>9.3f}" for k in keys))
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(run(Path(sys.argv[1]))))
