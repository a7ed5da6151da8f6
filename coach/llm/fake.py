"""A scriptable fake chat model for tests: queued replies, records every prompt it gets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


class _RecordingModel(BaseChatModel):
    """A test model that records every prompt and answers with `_reply(messages)`."""

    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    def _reply(self, messages: list[BaseMessage]) -> AIMessage:
        raise NotImplementedError

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.prompts.append(list(messages))
        return ChatResult(generations=[ChatGeneration(message=self._reply(messages))])


class ScriptedChatModel(_RecordingModel):
    """Replies with queued texts, then with `default`; streams word by word."""

    replies: list[str] = Field(default_factory=list)
    default: str = "(fake) Ik heb je vraag ontvangen."

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def _next(self) -> str:
        return self.replies.pop(0) if self.replies else self.default

    def _reply(self, messages: list[BaseMessage]) -> AIMessage:
        return AIMessage(self._next())

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        self.prompts.append(list(messages))
        for i, word in enumerate(self._next().split(" ")):
            yield ChatGenerationChunk(
                message=AIMessageChunk(content=("" if i == 0 else " ") + word)
            )


Turn = AIMessage | Callable[[list[BaseMessage]], AIMessage]


class ScriptedToolModel(_RecordingModel):
    """A tool-calling test model: each turn is a function of the conversation so far that
    returns the next AIMessage (with `tool_calls` to call tools, plain content to answer).
    It reads what the real tools returned, as a real model does; `bind_tools` records the
    tool names it was offered."""

    turns: list[Turn] = Field(default_factory=list)
    bound: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-tools-fake"

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        self.bound = [getattr(t, "name", str(t)) for t in tools]
        return self

    def _reply(self, messages: list[BaseMessage]) -> AIMessage:
        turn = self.turns.pop(0) if self.turns else AIMessage("")
        return turn(messages) if callable(turn) else turn
