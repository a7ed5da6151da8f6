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
    service = ChatService.from_container(env["c"], paragraph=True)
    env["model"].replies.append("Vraag Eva wat ze nodig heeft nu ze zich overbelast voelt.")
    draft = service.draft(env["alice"], "Hoe gaat het met Eva?", "nl-NL")
    name = f"Eva Smit · {NOTE_DAY.isoformat()}"
    assert draft.person == "Eva Smit"
    assert draft.intent == "topic_status"
    assert name in draft.body and "ontwerpwerk" in draft.body
    note = next(s for s in draft.sources if s.kind == "note")
    assert note.name == name and "overbelast" in note.text
    assert "Karim" not in draft.body  # only the named person's notes
    text = await _collect(service, draft)
    assert text.startswith(draft.body)
    assert "**Kort gezegd**" in text and text.endswith("nu ze zich overbelast voelt.")
    system = env["model"].prompts[-1][0].content
    assert "Nederlands" in system


async def test_answer_in_english_uses_the_english_prompt(env: dict[str, Any]) -> None:
    service = ChatService.from_container(env["c"], paragraph=True)
    draft = service.draft(env["alice"], "What did Karim say about the release?", "en-US")
    assert draft.intent == "other"
    assert "**From your notes**" in draft.body and "Karim Doe ·" in draft.body
    await _collect(service, draft)
    assert "Answer in English" in env["model"].prompts[-1][0].content


def test_a_question_is_answered_in_its_own_language_not_the_apps(env: dict[str, Any]) -> None:
    service = ChatService.from_container(env["c"])
    draft = service.draft(env["alice"], "Hoe gaat het met Eva?", "en-US")
    assert draft.language == "nl" and draft.intent == "topic_status"
    assert draft.person == "Eva Smit" and "ontwerpwerk" in draft.body
    assert draft.state.language == "nl"
    # A turn that says too little ("Karim?") stays in the conversation's language.
    follow = service.draft(env["alice"], "Karim?", "en-US", draft.state)
    assert follow.language == "nl" and follow.person == "Karim Doe"
    english = service.draft(env["alice"], "How is Eva doing?", "nl-NL", follow.state)
    assert english.language == "en" and english.intent == "topic_status"


def test_a_manager_never_sees_another_managers_notes(env: dict[str, Any]) -> None:
    service = ChatService.from_container(env["c"], paragraph=True)
    draft = service.draft(env["alice"], "Overweegt Eva Jansen ontslag?", "nl")
    assert draft.person is None  # Eva Jansen is not in alice's team
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
    service = ChatService.from_container(broken, paragraph=True)
    draft = service.draft(env["alice"], "Hoe gaat het met Eva?", "nl")
    text = await _collect(service, draft)
    assert text.startswith(draft.body)
    assert f"Eva Smit · {NOTE_DAY.isoformat()}" in text
    assert "De aanvulling van het taalmodel ontbreekt" in text
    assert "cannot be reached" in text
    assert "Kort gezegd" not in text


def test_question_without_matching_notes_says_so(env: dict[str, Any]) -> None:
    service = ChatService.from_container(env["c"], paragraph=True)
    draft = service.draft(env["bob"], "Anything on giving good feedback?", "en")
    assert draft.sources, "the knowledge base should still answer"
    assert "I found no notes" in draft.body or "Eva Jansen ·" in draft.body


def test_a_namesake_of_someone_else_is_unknown_not_our_eva(env: dict[str, Any]) -> None:
    service = ChatService.from_container(env["c"])
    draft = service.draft(env["alice"], "Hoe gaat het met Eva Jansen?", "nl")
    assert draft.unknown == "Eva Jansen" and draft.person is None
    assert draft.sources == [] and "Eva Jansen" in draft.body


async def test_a_paragraph_that_fails_the_gate_is_never_shown(env: dict[str, Any]) -> None:
    service = ChatService.from_container(env["c"], paragraph=True)
    env["model"].replies.append("The World Economic Association is a association association.")
    draft = service.draft(env["alice"], "Hoe gaat het met Eva?", "nl")
    text = await _collect(service, draft)
    assert text == draft.body  # English in a Dutch answer: dropped, the cited answer stands


def test_no_paragraph_by_default_with_the_embedded_model(env: dict[str, Any]) -> None:
    c = env["c"]
    assert ChatService.from_container(c).paragraph is True  # fake/hosted: gated paragraph
    c.settings.llm = "local"
    try:
        assert ChatService.from_container(c).paragraph is False
    finally:
        c.settings.llm = "fake"
