"""The agent tier with a scripted tool-calling model that calls the REAL tools on real data:
SQLite, Chroma and the packaged embedding model in tmp_path, real knowledge entries.

The scripted model reads the tool results it gets (as a real model does) and cites the
markers it finds there; the checks under test are ours: markers resolve to what the tools
returned, a sentence with an invented marker is removed, text that fails the gate is never
returned, another person's or manager's notes never reach the model.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from coach.auth import create_manager
from coach.chat.agent import AgentAnswer, AgentEvent, ChatAgent, resolve
from coach.chat.tools import CoachTools
from coach.container import Container, Overrides, build_container
from coach.knowledge.entries import KNOWLEDGE_DIR
from coach.knowledge.service import KnowledgeBase
from coach.llm import LLMClient
from coach.llm.fake import ScriptedToolModel
from coach.settings import Settings
from coach.storage import repo
from coach.storage.repo import PersonDetails

pytestmark = pytest.mark.integration

TODAY = dt.date(2026, 11, 30)
SAMPLE = ("vragen-energie.md", "playbook-overbelasting-burnout.md", "sbi-feedback.md")
SLEEP = "Sanne vertelde dat ze slecht slaapt en 's avonds nog mails checkt; veel stress."


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    data: Path = tmp_path_factory.mktemp("agent")
    settings = Settings(data_dir=data, llm="openai:scripted")
    model = ScriptedToolModel()
    c: Container = build_container(settings, Overrides(llm=LLMClient(settings, model)))
    c.migrate()
    root = data / "knowledge"
    for lang in ("nl", "en"):
        (root / lang).mkdir(parents=True)
        for entry in SAMPLE:
            shutil.copy(KNOWLEDGE_DIR / lang / entry, root / lang / entry)
    c.__dict__["knowledge"] = KnowledgeBase(c.chroma, c.embedder, root=root)
    alice = create_manager(c.db, "alice", "password-1").id
    bob = create_manager(c.db, "bob", "password-2").id
    team = c.team
    sanne = team.add_person(alice, "Sanne de Vries", PersonDetails(role="data-analist"))["id"]
    team.add_person(alice, "Karim Doe", PersonDetails(role="designer"))
    other = team.add_person(bob, "Sanne Bakker", PersonDetails(role="analist"))["id"]
    note = c.notes.add(alice, "Sanne de Vries", SLEEP, date=dt.date(2026, 11, 2))
    c.notes.add(alice, "Karim Doe", "Karim slaapt slecht door de verbouwing thuis.",
                date=dt.date(2026, 11, 3))  # fmt: skip
    c.notes.add(bob, "Sanne Bakker", "Geheim: Sanne Bakker slaapt slecht en wil weg.",
                date=dt.date(2026, 11, 3))  # fmt: skip
    with c.db.session() as s:
        meeting = repo.add_meeting(s, alice, sanne, dt.datetime(2026, 10, 20, 10))
        action = repo.add_action_item(
            s, alice, sanne, "Budget voor de Python-cursus aanvragen bij HR", owner="manager",
            due_date=dt.date(2026, 11, 20), meeting_id=meeting.id,
        )  # fmt: skip
        action_id = action.id
        repo.add_action_item(s, bob, other, "Geheim gesprek met HR", owner="manager")
    yield {"c": c, "alice": alice, "model": model, "note": note, "action": action_id}


def tools(env: dict[str, Any], language: str = "nl") -> CoachTools:
    return CoachTools(
        parts=env["c"], manager_id=env["alice"], language=language, today=lambda: TODAY
    )


def call(name: str, **args: Any) -> AIMessage:
    return AIMessage("", tool_calls=[{"name": name, "args": args, "id": f"call-{name}"}])


def marker_of(messages: list[BaseMessage], needle: str) -> str:
    """The marker of the first tool-result line that contains `needle` (what a model cites)."""
    for m in messages:
        if isinstance(m, ToolMessage):
            for line in str(m.content).splitlines():
                if needle in line:
                    found = re.match(r"\[(\d+)\]", line)
                    assert found, line
                    return found.group(0)
    raise AssertionError(f"no tool returned {needle!r}")


async def run(env: dict[str, Any], question: str, *turns: Any, **kw: Any) -> list[AgentEvent]:
    env["model"].turns = list(turns)
    env["model"].prompts = []
    agent = ChatAgent(env["c"].llm, today=lambda: TODAY)
    return [e async for e in agent.run(tools(env, kw.pop("language", "nl")), question, **kw)]


def final(events: list[AgentEvent]) -> AgentAnswer:
    assert events[-1].kind == "answer" and events[-1].answer is not None
    return events[-1].answer


def answer_from(write: Callable[[list[BaseMessage]], str]) -> Callable[[Any], AIMessage]:
    return lambda messages: AIMessage(write(messages))


async def test_the_agent_calls_real_tools_and_cites_what_they_returned(
    env: dict[str, Any],
) -> None:
    def write(ms: list[BaseMessage]) -> str:
        sleep, course = marker_of(ms, "slecht slaapt"), marker_of(ms, "Python-cursus")
        return (
            f"Sanne slaapt slecht en heeft veel stress {sleep}. De aanvraag voor het budget "
            f"van haar Python-cursus staat nog open {course}. Ze heeft al ontslag genomen [42]."
        )

    events = await run(
        env,
        "Hoe gaat het met de energie van Sanne?",
        call("search_notes", query="slaap stress energie", person="Sanne"),
        call("agreements", person="Sanne", status="open"),
        answer_from(write),
    )
    assert [(e.name, e.args.get("person")) for e in events if e.kind == "tool"] == [
        ("search_notes", "Sanne"),
        ("agreements", "Sanne"),
    ]
    answer = final(events)
    assert answer.text is not None and answer.verdict is not None and answer.verdict.ok
    assert "[42]" not in answer.text and "ontslag" not in answer.text
    assert answer.removed == ["Ze heeft al ontslag genomen [42]."]
    kinds = {s.kind: s.ref for s in answer.sources.values()}
    assert kinds == {"note": str(env["note"].id), "action": str(env["action"])}
    seen = "\n".join(str(m.content) for m in env["model"].prompts[-1])
    assert "Karim" not in seen and "Geheim" not in seen  # person filter and ownership
    assert set(env["model"].bound) == {
        "search_notes", "agreements", "person_overview", "prep_brief", "search_knowledge",
        "check_phrasing", "cadence_overview",
    }  # fmt: skip


async def test_an_answer_that_fails_the_gate_is_never_returned(env: dict[str, Any]) -> None:
    def write(ms: list[BaseMessage]) -> str:
        mark = marker_of(ms, "slecht slaapt")
        return f"The World Economic Association is a great organization for research {mark}."

    events = await run(
        env,
        "Hoe gaat het met Sanne?",
        call("search_notes", query="slaap", person="Sanne"),
        answer_from(write),
    )
    answer = final(events)
    assert answer.text is None and answer.verdict is not None
    assert answer.verdict.reason == "language" and answer.sources == {}


async def test_history_reaches_the_model_and_tools_cover_knowledge_brief_and_cadence(
    env: dict[str, Any],
) -> None:
    def write(ms: list[BaseMessage]) -> str:
        return f"Vraag hoe ze erin zit op een schaal van één tot tien {marker_of(ms, 'Vragen')}."

    history = [("user", "Hoe gaat het met Sanne?"), ("assistant", "Sanne slaapt slecht.")]
    events = await run(
        env,
        "En wat kan ik haar dan vragen?",
        call("search_knowledge", query="vragen over energie en werkdruk"),
        call("prep_brief", person="Sanne"),
        call("cadence_overview"),
        answer_from(write),
        history=history,
    )
    first = env["model"].prompts[0]
    assert [type(m) for m in first[1:4]] == [HumanMessage, AIMessage, HumanMessage]
    assert first[2].content == "Sanne slaapt slecht."
    answer = final(events)
    assert answer.text is not None
    assert [s.kind for s in answer.sources.values()] == ["knowledge"]
    outputs = [str(m.content) for m in env["model"].prompts[-1] if isinstance(m, ToolMessage)]
    assert "Sanne de Vries" in outputs[1] and "Karim Doe" in outputs[2]


async def test_an_unknown_person_is_told_to_the_model_not_raised(env: dict[str, Any]) -> None:
    events = await run(
        env,
        "Hoe gaat het met Kees?",
        call("agreements", person="Kees"),
        AIMessage("Ik ken niemand die Kees heet in je team."),
    )
    tool_reply = str(
        next(m for m in env["model"].prompts[-1] if isinstance(m, ToolMessage)).content
    )
    assert "Kees" in tool_reply and "[" not in tool_reply
    assert final(events).text == "Ik ken niemand die Kees heet in je team."


def test_resolve_keeps_only_sentences_whose_markers_are_known() -> None:
    text, removed = resolve("Een [1]. Twee [2][3]. Drie zonder bron.\nVier [9].", {"1", "2"})
    assert text == "Een [1]. Drie zonder bron."
    assert removed == ["Twee [2][3].", "Vier [9]."]
