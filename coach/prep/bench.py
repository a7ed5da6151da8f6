"""Benchmark of the deterministic brief on a long history (a figure to read, not a test).

Creates (or recreates) manager `bench-prep` with one person, `n_notes` notes, a year of
meetings, open actions and a check-in, in SQL only: the brief never reads the vector index.
No note mentions ambitions, so topic coverage must scan the whole history (worst case).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert

from coach.prep import coverage
from coach.storage import repo
from coach.storage.models import Note

if TYPE_CHECKING:
    from coach.container import Container

USERNAME = "bench-prep"
_TEMPLATES = (
    "Sprint {i} opgeleverd; het dashboard voor klant {k} staat live.",
    "Ze noemde de werkdruk in week {k} hoog, veel overwerk voor release {i}.",
    "Compliment gegeven over de presentatie van analyse {i}.",
    "Wil de cursus {k} volgen om SQL beter te leren (notitie {i}).",
    "Samenwerking met team {k} loopt stroef sinds ticket {i}.",
    "Plezier in het werk aan model {i}, trots op het resultaat voor {k}.",
    "Was een dag ziek (griep), notitie {i}, weer beter in week {k}.",
    "Standup {i}: niets bijzonders, planning voor week {k} besproken.",
)


def _seed(c: Container, n_notes: int, today: dt.date) -> tuple[int, int]:
    with c.db.session() as s:
        old = repo.find_manager(s, USERNAME)
        if old is not None:
            s.delete(old)
            s.flush()
        m = repo.add_manager(s, USERNAME, password_hash=None, language="nl")
        p = repo.add_person(
            s, m.id, "Bench Persoon", repo.PersonDetails(start_date=today - dt.timedelta(days=3000))
        )
        rows = []
        for i in range(n_notes):
            text = _TEMPLATES[i % len(_TEMPLATES)].format(i=i, k=i % 97)
            rows.append(
                {
                    "manager_id": m.id,
                    "person_id": p.id,
                    "date": today - dt.timedelta(days=1 + i % 2500),
                    "source": "typed",
                    "text": text,
                    "content_hash": repo.text_hash(text),
                }
            )
        s.execute(insert(Note), rows)
        for w in range(12):
            day = today - dt.timedelta(days=10 + 28 * w)
            held = dt.datetime.combine(day, dt.time(9, 0))
            mt = repo.add_meeting(s, m.id, p.id, held, summary=f"1:1 {w}: resultaten en energie.")
            repo.add_action_item(
                s, m.id, p.id, f"Actie {w}", due_date=day + dt.timedelta(days=14), meeting_id=mt.id
            )
        repo.add_checkin(s, m.id, p.id, energy=3, werkgeluk=4, wins="Release af.", hard="Druk.")
        return m.id, p.id


def bench_prep(container: Container, n_notes: int = 10_000, runs: int = 5) -> dict[str, Any]:
    """Seed the history, then time PrepService.build: one cold run, median of `runs` warm."""
    today = dt.date(2025, 6, 30)
    t0 = time.perf_counter()
    mid, pid = _seed(container, n_notes, today)
    seed_s = time.perf_counter() - t0
    svc = container.prep
    coverage._cache.clear()
    t0 = time.perf_counter()
    brief = svc.build(mid, str(pid), today=today)
    cold_ms = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        svc.build(mid, str(pid), today=today)
        times.append((time.perf_counter() - t0) * 1000)
    return {
        "n_notes": n_notes,
        "seed_s": round(seed_s, 2),
        "cold_ms": round(cold_ms, 1),
        "median_ms": round(statistics.median(times), 1),
        "runs_ms": [round(x, 1) for x in times],
        "target_ms": 300,
        "gaps": brief.gaps,
    }
