"""`coach bench` line for the analytics: 10,000 utterances through `coach analyze`'s path.

Goal (issue 16): under a minute on this machine. The rules alone run in the same process
right after, as the baseline the learned detectors add their cost to. Utterances are
generated from templates with names and numbers so that nearly all are distinct (the encoder
has no cache, but a fair benchmark should not hand it repeats either).
"""

from __future__ import annotations

import random
import time
from typing import Any

from coach.analytics import learned
from coach.analytics.utterance import analyze_many

_TEMPLATES = (
    ("en", "So, um, how did the meeting with {n} go on day {k}?"),
    ("en", "It sounds like the {t} has been weighing on you for {k} weeks."),
    ("en", "Did you send {n} the numbers for sprint {k}?"),
    ("en", "Mm-hmm. You'd rather hand the {t} over to {n} by week {k}."),
    ("en", "I was wondering if you could tell me a bit about the {t} of day {k}, {n}."),
    ("en", "You feel stuck between {n} and the {t} {k}, is that right?"),
    ("nl", "Eh, hoe ging het gesprek met {n} over de {t} van week {k}?"),
    ("nl", "Het klinkt alsof de {t} je al {k} weken bezighoudt."),
    ("nl", "Heb je {n} de cijfers van sprint {k} al gestuurd?"),
    ("nl", "Ja. Je wilt de {t} liever voor dag {k} aan {n} overdragen."),
    ("nl", "Ik vroeg me af of je iets kunt vertellen over de {t} van dag {k}, {n}."),
    ("nl", "Dus je zit klem tussen {n} en de {t} {k}, klopt dat? Wat zou helpen?"),
)
_NAMES = ("Sanne", "Priya", "Joost", "Marta", "Daan", "Noor", "Tom", "Ilse")
_TOPICS = ("planning", "release", "migratie", "roadmap", "review", "deadline", "onboarding")


def utterances(n: int, seed: int = 16) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        lang, template = rnd.choice(_TEMPLATES)
        text = template.format(n=rnd.choice(_NAMES), t=rnd.choice(_TOPICS), k=rnd.randint(1, 2000))
        out.append((lang, text))
    return out


def _timed(items: list[tuple[str, str]], batch: int) -> float:
    t0 = time.perf_counter()
    for i in range(0, len(items), batch):
        chunk = items[i : i + batch]
        analyze_many([t for _, t in chunk], [lang for lang, _ in chunk])
    return time.perf_counter() - t0


def bench_analyze(n: int = 10_000, batch: int = 256) -> dict[str, Any]:
    """Seconds for n utterances with the packaged detectors (load included) and rules only."""
    items = utterances(n)
    learned.reset_default()
    t0, c0 = time.perf_counter(), time.process_time()
    detectors = learned.default_detectors()
    load_s = time.perf_counter() - t0
    total = _timed(items, batch) + load_s
    cpu = time.process_time() - c0
    learned.set_default(None)
    rules = _timed(items, batch)
    learned.reset_default()
    return {
        "utterances": n,
        "distinct": len({t for _, t in items}),
        "detectors": "learned" if detectors is not None else "rules (detectors not installed)",
        "load_s": round(load_s, 2),
        "seconds": round(total, 2),
        "per_s": round(n / total, 1),
        "cpu_seconds": round(cpu, 2),  # on a busy shared machine, wall time overstates cost
        "rules_only_seconds": round(rules, 2),
        "goal_seconds": 60,
    }


def format_line(r: dict[str, Any]) -> str:
    return (
        f"coach analyze: {r['utterances']} utterances ({r['distinct']} distinct, {r['detectors']}) "
        f"in {r['seconds']} s incl. {r['load_s']} s model load ({r['per_s']}/s, CPU "
        f"{r['cpu_seconds']} s; goal < {r['goal_seconds']} s); rules only "
        f"{r['rules_only_seconds']} s"
    )
