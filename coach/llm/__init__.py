"""LLM runtime: one setting (COACH_LLM) picks the provider; errors become one clear sentence."""

from typing import TYPE_CHECKING

from coach.llm.client import LLMClient, LLMUnavailable, build_chat_model

if TYPE_CHECKING:
    from coach.llm.fake import ScriptedChatModel

__all__ = ["LLMClient", "LLMUnavailable", "ScriptedChatModel", "build_chat_model"]


def __getattr__(name: str) -> "type[ScriptedChatModel]":
    # The scripted test model subclasses LangChain's BaseChatModel; load it (and LangChain)
    # only when asked for, so importing coach.llm stays cheap for the CLI.
    if name == "ScriptedChatModel":
        from coach.llm.fake import ScriptedChatModel

        return ScriptedChatModel
    raise AttributeError(name)
