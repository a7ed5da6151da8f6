"""Chat figures for `coach bench`: the deterministic answer's latency on a large history, and
the embedded model's time to first token (figures to read, never a timed test).

The baseline beside them, in the same run, is the bare retrieval search on the same notes:
the composed answer costs that plus understanding, SQL reads and the knowledge search.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import TYPE_CHECKING, Any

from coach.chat.service import ChatService

if TYPE_CHECKING:
    from coach.container import Container
    from coach.settings import Settings

QUESTIONS = (
    "Hoe gaat het met de energie van {n}?",
    "Wat heb ik vorige keer met {n} afgesproken?",
    "En wat kan ik haar dan vragen?",
    "How is {n} doing on her development?",
    "Hoe pak ik een gesprek over overbelasting aan?",
    "Hoe gaat het met {n}?",
    "What did {n} say about the release?",
    "Hoe gaat het met Kees?",
)
GOAL_P95_MS = 1000


def _p(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[
        min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))
    ]


def bench_chat(
    container: Container, manager_id: int, person: str, rounds: int = 5
) -> dict[str, Any]:
    """p50/p95 of ChatService.draft over a mix of intents (follow-ups carry the state), and
    of the bare retriever search on the same questions, alternating so noise hits both."""
    service = ChatService.from_container(container, paragraph=False)
    first = person.split()[0]
    ours: list[float] = []
    bare: list[float] = []
    service.draft(manager_id, QUESTIONS[0].format(n=first), "nl")  # warm up
    for _ in range(rounds):
        state = None
        for q in QUESTIONS:
            text = q.format(n=first)
            t0 = time.perf_counter()
            draft = service.draft(manager_id, text, "nl", state)
            ours.append((time.perf_counter() - t0) * 1000)
            state = draft.state
            t0 = time.perf_counter()
            container.retriever.search(manager_id, text, k=5)
            bare.append((time.perf_counter() - t0) * 1000)
    p50, p95 = _p(ours)
    b50, b95 = _p(bare)
    return {
        "n": len(ours),
        "answer_p50_ms": round(p50, 1),
        "answer_p95_ms": round(p95, 1),
        "search_p50_ms": round(b50, 1),
        "search_p95_ms": round(b95, 1),
        "goal_p95_ms": GOAL_P95_MS,
    }


def time_to_first_token(settings: Settings, runs: int = 3) -> dict[str, Any] | None:
    """The embedded model (COACH_LLM=local) on the chat prompt: load, then first token."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from coach.llm import LLMClient
    from coach.prompts import get_prompt

    local = settings.model_copy(update={"llm": "local"})
    client = LLMClient(local)
    system, user = get_prompt("coach_answer", "nl").render(
        question="Hoe gaat het met de energie van Sanne?",
        notes="- Sanne, 2026-11-07: Ze slaapt slecht en heeft veel stress.",
        knowledge="Vraag naar wat energie geeft en kost.",
    )
    messages = [SystemMessage(system), HumanMessage(user)]

    async def first() -> float:
        t0 = time.perf_counter()
        async for _tok in client.astream(messages, max_tokens=8):
            return (time.perf_counter() - t0) * 1000
        return float("nan")

    try:
        t0 = time.perf_counter()
        _ = client.model
        load_ms = (time.perf_counter() - t0) * 1000
        times = [asyncio.run(first()) for _ in range(runs)]
    except Exception as e:  # noqa: BLE001 - a bench line, not a failure: say why it is missing
        return {"error": f"{type(e).__name__}: {e}"[:200]}
    return {
        "load_ms": round(load_ms, 1),
        "first_token_ms": [round(x, 1) for x in times],
        "median_ms": round(statistics.median(times), 1),
    }
