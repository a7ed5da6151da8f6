from __future__ import annotations

from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from coach.chat.service import (
    MAX_MESSAGE_CHARS,
    ChatService,
    check_message,
    excerpt,
    mentioned_person,
)
from coach.container import Overrides, build_container
from coach.errors import UserError
from coach.llm import LLMClient

from .conftest import NOTE_DAY


async def _collect(service: ChatService, draft: Any) -> str:
    return "".join([piece async for piece in service.stream(draft)])


def test_check_message_refuses_empty_and_too_long_without_truncating() -> None:
    with pytest.raises(UserError) as empty:
        check_message("   \n ")
    assert empty.value.key == "chat_message_empty"
    with pytest.raises(UserError) as long:
        check_message("x" * (MAX_MESSAGE_CHARS + 1))
    assert long.value.key == "chat_message_too_long"
    assert long.value.params["count"] == MAX_MESSAGE_CHARS + 1
    assert check_message("y" * MAX_MESSAGE_CHARS) == "y" * MAX_MESSAGE_CHARS


def test_excerpt_cuts_at_a_word_and_drops_list_markers() -> None:
    assert excerpt("- een\n- twee", 100) == "een twee"
    cut = excerpt("woord " * 50, 30)
    assert len(cut) <= 30 and cut.endswith("…") and "woor…" not in cut


def test_mentioned_person_prefers_full_name_then_unique_first_name() -> None:
    people = [
        {"id": 1, "name": "Eva Smit"},
        {"id": 2, "name": "Eva Jansen"},
        {"id": 3, "name": "Karim Doe"},
    ]
    assert mentioned_person("Hoe gaat het met Eva Smit?", people)["id"] == 1  # type: ignore[index]
    assert mentioned_person("En karim?", people)["id"] == 3  # type: ignore[index]
    assert mentioned_person("Hoe gaat het met Eva?", people) is None  # ambiguous
    assert mentioned_person("Hoe gaat het?", people) is None


async def test_answer_cites_the_note_and_streams_the_llm(env: dict[str, Any]) -> None:
    service = ChatService(env["c"])
    env["model"].replies.append("Vraag Eva wat ze nodig heeft.")
    draft = service.draft(env["alice"], "Hoe gaat het met Eva?", "nl-NL")
    name = f"Eva Smit · {NOTE_DAY.isoformat()}"
    assert draft.person == "Eva Smit"
    assert name in draft.body and "ontwerpwerk" in draft.body
    note = next(s for s in draft.sources if s.kind == "note")
    assert note.name == name and "overbelast" in note.text
    assert any(s.kind == "knowledge" and s.name in draft.body for s in draft.sources)
    assert "Karim" not in draft.body  # retrieval was restricted to the named person
    text = await _collect(service, draft)
    assert text.startswith(draft.body)
    assert "**Kort gezegd**" in text and text.endswith("Vraag Eva wat ze nodig heeft.")
    system = env["model"].prompts[-1][0].content
    assert "Nederlands" in system


async def test_answer_in_english_uses_the_english_prompt(env: dict[str, Any]) -> None:
    service = ChatService(env["c"])
    draft = service.draft(env["alice"], "What did Karim say about the release?", "en-US")
    assert "**From your notes**" in draft.body and "Karim Doe ·" in draft.body
    await _collect(service, draft)
    assert "Answer in English" in env["model"].prompts[-1][0].content


def test_a_manager_never_sees_another_managers_notes(env: dict[str, Any]) -> None:
    service = ChatService(env["c"])
    draft = service.draft(env["alice"], "Overweegt Eva Jansen ontslag?", "nl")
    assert "Geheim" not in draft.body
    assert all("Geheim" not in s.text for s in draft.sources)
    own = service.draft(env["bob"], "Overweegt Eva ontslag?", "nl")
    assert "Geheim" in own.body


async def test_unavailable_llm_keeps_the_deterministic_answer(env: dict[str, Any]) -> None:
    c = env["c"]

    class Broken(FakeListChatModel):
        def _call(self, *args: Any, **kwargs: Any) -> str:
            raise ConnectionError("connection refused")

        def _stream(self, *args: Any, **kwargs: Any) -> Any:
            raise ConnectionError("connection refused")

    broken = build_container(
        c.settings,
        Overrides(
            llm=LLMClient(c.settings, Broken(responses=["x"])),
            embedder=c.embedder,
            chroma_client=c.chroma,
        ),
    )
    broken.__dict__["knowledge"] = c.knowledge
    service = ChatService(broken)
    draft = service.draft(env["alice"], "Hoe gaat het met Eva?", "nl")
    text = await _collect(service, draft)
    assert text.startswith(draft.body)
    assert f"Eva Smit · {NOTE_DAY.isoformat()}" in text
    assert "De aanvulling van het taalmodel ontbreekt" in text
    assert "cannot be reached" in text
    assert "Kort gezegd" not in text


def test_question_without_matching_notes_says_so(env: dict[str, Any]) -> None:
    service = ChatService(env["c"])
    draft = service.draft(env["bob"], "Hoe geef ik goede feedback?", "en")
    assert draft.sources, "the knowledge base should still answer"
    assert "I found no notes" in draft.body or "Eva Jansen ·" in draft.body


async def test_a_paragraph_the_gate_rejects_is_never_shown(env: dict[str, Any]) -> None:
    service = ChatService(env["c"])
    bad = (
        "Geef in twee of drie zinnen een concreet advies voor het volgende gesprek.",
        "The World Economic Association is a great organization for research and news.",
    )
    for reply in bad:
        env["model"].replies.append(reply)
        draft = service.draft(env["alice"], "Hoe gaat het met Eva?", "nl")
        text = await _collect(service, draft)
        assert text == draft.body, reply
