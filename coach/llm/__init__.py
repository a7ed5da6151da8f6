"""LLM runtime: one setting (COACH_LLM) picks the provider; errors become one clear sentence."""

from coach.llm.client import LLMClient, LLMUnavailable, build_chat_model
from coach.llm.fake import ScriptedChatModel

__all__ = ["LLMClient", "LLMUnavailable", "ScriptedChatModel", "build_chat_model"]
