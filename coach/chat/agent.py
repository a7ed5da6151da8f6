"""The agent tier of the coach chat, for capable models (ollama:, openai:, anthropic:, any
OpenAI-compatible URL): a tool-calling loop over the same services as the deterministic chat.

The loop is ours, on langchain-core's `bind_tools` (the `langchain`/langgraph packages are
not installed, and the loop is short): the model gets the conversation history and the tools
of coach/chat/tools.py, calls tools until it answers, and its answer is then made honest:
every sentence whose marker no tool returned is removed, and what is left must pass the output
gate (coach.gate) with the markers the tools gave. If nothing survives, or the model fails,
the caller shows its deterministic answer instead. Events stream out as they happen (which
tool is called), the answer itself only once it is checked: a gated text is never half shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from coach.chat.tools import CoachTools, ToolSource
from coach.gate import Verdict
from coach.gate.policy import check_output
from coach.llm import LLMClient, LLMUnavailable
from coach.llm.client import _sentence
from coach.prompts import get_prompt

MAX_STEPS = 6
MAX_HISTORY = 12  # earlier messages the model sees
_MARK = re.compile(r"\[(\d{1,3})\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class AgentEvent:
    """`tool`: a tool is being called (name, args); `answer`: the checked final answer."""

    kind: Literal["tool", "answer"]
    name: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    answer: AgentAnswer | None = None


@dataclass(frozen=True)
class AgentAnswer:
    """`text` is None when nothing passed: show the deterministic answer. `sources`: only the
    cited ones, by marker; `removed`: sentences dropped for a marker no tool returned."""

    text: str | None
    sources: dict[str, ToolSource]
    removed: list[str]
    verdict: Verdict | None
    tool_calls: list[str]


def resolve(text: str, known: set[str]) -> tuple[str, list[str]]:
    """The text without the sentences that cite a marker outside `known`, and those sentences."""
    kept: list[str] = []
    removed: list[str] = []
    for part in _SENTENCE.split(text.strip()):
        if not part.strip():
            continue
        marks = set(_MARK.findall(part))
        (removed if marks - known else kept).append(part.strip())
    return " ".join(kept), removed


def history_messages(history: Sequence[tuple[str, str]]) -> list[BaseMessage]:
    """Earlier turns as (role, text), role 'user' or 'assistant'; the last MAX_HISTORY."""
    out: list[BaseMessage] = []
    for role, text in list(history)[-MAX_HISTORY:]:
        out.append(HumanMessage(text) if role == "user" else AIMessage(text))
    return out


class ChatAgent:
    """One answer: the model with the manager's tools, then the honesty checks."""

    def __init__(self, llm: LLMClient, today: Callable[[], dt.date]) -> None:
        self.llm = llm
        self.today = today

    async def run(
        self,
        tools: CoachTools,
        question: str,
        history: Sequence[tuple[str, str]] = (),
    ) -> AsyncIterator[AgentEvent]:
        lang = tools.language
        prompt = get_prompt("coach_agent", lang)
        system, _ = prompt.render(today=self.today().isoformat())
        lc_tools = {t.name: t for t in tools.langchain_tools()}
        messages: list[BaseMessage] = [
            SystemMessage(system),
            *history_messages(history),
            HumanMessage(question),
        ]
        called: list[str] = []
        try:
            model = self.llm.model.bind_tools(list(lc_tools.values()))
            reply: BaseMessage = AIMessage("")
            for _ in range(MAX_STEPS):
                reply = await model.ainvoke(messages)
                messages.append(reply)
                calls = getattr(reply, "tool_calls", None) or []
                if not calls:
                    break
                for call in calls:
                    name, args = call["name"], dict(call.get("args") or {})
                    called.append(name)
                    yield AgentEvent("tool", name=name, args=args)
                    tool = lc_tools.get(name)
                    output = await tool.ainvoke(args) if tool else f"unknown tool {name}"
                    messages.append(ToolMessage(str(output), tool_call_id=call.get("id") or name))
        except LLMUnavailable:
            raise
        except Exception as e:  # noqa: BLE001 - provider errors vary; one sentence for the user
            raise LLMUnavailable(_sentence(self.llm.settings, e)) from e
        content = reply.content if isinstance(reply.content, str) else _text_of(reply.content)
        known = set(tools.ledger.sources)
        text, removed = resolve(content, known)
        verdict = (
            check_output(
                text,
                prompt,
                language=lang,
                question=question,
                inputs=[str(m.content) for m in messages if isinstance(m, ToolMessage)],
                citations=known,
            )
            if text
            else None
        )
        cited = set(_MARK.findall(text)) if verdict is not None and verdict.ok else set()
        yield AgentEvent(
            "answer",
            answer=AgentAnswer(
                text=verdict.text if verdict is not None and verdict.ok else None,
                sources={k: v for k, v in tools.ledger.sources.items() if k in cited},
                removed=removed,
                verdict=verdict,
                tool_calls=called,
            ),
        )


def _text_of(content: object) -> str:
    """Anthropic-style content blocks: the text parts only."""
    if not isinstance(content, list):
        return ""
    return "".join(str(c.get("text", "")) for c in content if isinstance(c, dict))


__all__ = ["AgentAnswer", "AgentEvent", "ChatAgent", "history_messages", "resolve"]
