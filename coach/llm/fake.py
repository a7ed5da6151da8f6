"""A scriptable fake chat model for tests: queued replies, records every prompt it gets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


class ScriptedChatModel(BaseChatModel):
    """Replies with queued texts, then with `default`; streams word by word."""

    replies: list[str] = Field(default_factory=list)
    default: str = "(fake) Ik heb je vraag ontvangen."
    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def _next(self, messages: list[BaseMessage]) -> str:
        self.prompts.append(list(messages))
        return self.replies.pop(0) if self.replies else self.default

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self._next(messages)))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next(messages)
        for i, word in enumerate(text.split(" ")):
            yield ChatGenerationChunk(
                message=AIMessageChunk(content=("" if i == 0 else " ") + word)
            )


class ScriptedToolModel(BaseChatModel):
    """A tool-calling test model: each turn is a function of the conversation so far that
    returns the next AIMessage (with `tool_calls` to call tools, plain content to answer).
    It reads what the real tools returned, as a real model does; `bind_tools` records the
    tool names it was offered."""

    turns: list[Any] = Field(default_factory=list)
    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    bound: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-tools-fake"

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        self.bound = [getattr(t, "name", str(t)) for t in tools]
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.prompts.append(list(messages))
        turn = self.turns.pop(0) if self.turns else (lambda _m: AIMessage(""))
        message = turn(messages) if callable(turn) else turn
        return ChatResult(generations=[ChatGeneration(message=message)])
