"""A Dutch burnout rehearsal against the real embedded model (SmolLM2-135M via llama.cpp)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from coach.analytics import detect_language
from coach.container import build_container
from coach.rehearsal import debrief, render_debrief_markdown, respond, start_rehearsal, store
from coach.rehearsal.scenarios import get_scenario
from coach.settings import Settings
from coach.storage import repo

pytestmark = [pytest.mark.integration, pytest.mark.llm]

TURNS = [
    "Hoe gaat het met je, Mark?",
    "Ik zie dat je al weken tot laat werkt en ik maak me zorgen om je.",
    "Het klinkt alsof je het gevoel hebt dat alles op jouw schouders ligt.",
]
AI_TALK = re.compile(r"\b(ai|assistent|assistant|taalmodel|language model)\b", re.IGNORECASE)


def test_dutch_burnout_rehearsal_with_embedded_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_LLM", "local")
    settings = Settings(data_dir=tmp_path / "data", llm="local", llm_max_tokens=60)
    c = build_container(settings)
    c.migrate()
    with c.db.session() as s:
        mid = repo.add_manager(s, "mira", password_hash=None).id

    session = start_rehearsal(c, mid, "burnout", difficulty="medium", language="nl")
    scripted = {
        line
        for band in ("low", "medium", "high")
        for line in get_scenario("burnout").fallback_lines.get(band, "nl")
    }
    started = time.perf_counter()
    replies = [respond(c.llm, session, turn) for turn in TURNS]
    elapsed = time.perf_counter() - started

    for reply, asked in zip(replies, TURNS, strict=True):
        print(f"{reply.source:8} {reply.rejected or '-':14} {reply.text}")
        assert reply.text.strip()
        assert detect_language(reply.text) == "nl"
        assert not AI_TALK.search(reply.text)
        assert reply.text.strip().lower() != asked.lower()
        assert reply.source in ("llm", "fallback")
        if reply.source == "fallback":
            assert reply.text in scripted
    print(f"3 replies in {elapsed:.1f} s")  # no time assert: CI machines are shared

    result = debrief(session)
    assert result.manager_turns == 3 and len(result.tension) == 4
    assert result.questions >= 1 and result.reflections >= 1
    assert "Nabespreking" in render_debrief_markdown(result, "nl")
    assert store.history(c.db, mid) == []
    store.save(c.db, mid, session, result)
    assert len(store.history(c.db, mid)) == 1
