"""The agent tier in the chat (capable models only): tool calls shown as steps, then the
checked answer with its cited sources. Returns False when the deterministic answer must
stand alone (the model failed, or nothing it wrote passed the checks)."""

from __future__ import annotations

import chainlit as cl
from chainlit.logger import logger

from coach.app import runtime
from coach.app.render import sources_list, tool_source_elements
from coach.i18n import t
from coach.llm import LLMUnavailable


def _history() -> list[tuple[str, str]]:
    """Earlier turns of this thread, from Chainlit's chat context (the current one dropped)."""
    out = [
        (str(m.get("role")), str(m.get("content") or ""))
        for m in cl.chat_context.to_openai()
        if m.get("role") in ("user", "assistant") and m.get("content")
    ]
    return out[:-1] if out and out[-1][0] == "user" else out


async def agent_answer(manager_id: int, language: str, question: str) -> bool:
    tools = runtime.coach_tools(manager_id, language)
    answer = None
    try:
        async for event in runtime.agent().run(tools, question, _history()):
            if event.kind == "tool":
                async with cl.Step(name=t("agent_tool_step", language, tool=event.name)) as step:
                    step.output = ", ".join(f"{k}: {v}" for k, v in event.args.items())
            else:
                answer = event.answer
    except LLMUnavailable as e:
        logger.warning("agent unavailable: %s", e)
        return False
    if answer is None or answer.text is None:
        return False
    elements = tool_source_elements(answer.sources, language)
    content = answer.text + sources_list(answer.sources, language)
    await cl.Message(content=content, elements=elements).send()  # type: ignore[arg-type]
    return True
