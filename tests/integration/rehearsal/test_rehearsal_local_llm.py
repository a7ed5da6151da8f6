"""A Dutch burnout rehearsal on the real embedded default (COACH_LLM=local, SmolLM2-135M).

The embedded model's gate pass rate in Dutch is not above generate.MIN_LOCAL_PASS, so
every persona line is authored: the rehearsal stays in character with no model text.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from coach.analytics import detect_language
from coach.container import build_container
from coach.rehearsal import debrief, render_debrief_markdown, respond, store
from coach.rehearsal.dialogue import get_dialogue
from coach.settings import Settings
from coach.storage import repo

pytestmark = [pytest.mark.integration, pytest.mark.llm]

TURNS = [
    "Hoe gaat het met je, Mark?",
    "Ik zie dat je al weken tot laat werkt en ik maak me zorgen om je.",
    "Het klinkt alsof je het gevoel hebt dat alles op jouw schouders ligt.",
]


def _parts(text: str, authored: set[str]) -> list[str]:
    """An authored reply is one line, or an acknowledgement plus one line."""
    if text in authored:
        return [text]
    heads = [a for a in authored if text.startswith(a + " ")]
    return [heads[0], text[len(heads[0]) + 1 :]] if heads else [text]


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

    session = c.rehearsal.start(mid, "burnout", difficulty="medium", language="nl")
    dialogue = get_dialogue("burnout")
    values = session.persona.slot_values()
    authored = {line.format_map(values) for line in dialogue.all_lines("nl")}
    started = time.perf_counter()
    replies = [respond(c.llm, session, turn) for turn in TURNS]
    elapsed = time.perf_counter() - started

    for reply, asked in zip(replies, TURNS, strict=True):
        print(f"{reply.source:8} {reply.rejected or '-':14} {reply.text}")
        assert reply.text.strip()
        assert detect_language(reply.text) == "nl"
        assert not AI_TALK.search(reply.text)
        assert reply.text.strip().lower() != asked.lower()
        assert reply.source == "authored" and reply.rejected is None
        assert all(part in authored for part in _parts(reply.text, authored)), reply.text
    print(f"3 replies in {elapsed:.1f} s")  # no time assert: CI machines are shared

    result = debrief(session)
    assert result.measures.manager_turns == 3 and len(result.tension) == 4
    assert result.measures.questions >= 1 and result.measures.reflections >= 1
    assert "Nabespreking" in render_debrief_markdown(result, "nl")
    assert store.history(c.db, mid) == []
    store.save(c.db, mid, session, result)
    assert len(store.history(c.db, mid)) == 1
