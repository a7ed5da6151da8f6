"""The model's short paragraph under a chat answer, shown only when the output gate passes it.

The cited, deterministic answer is always complete on its own. The paragraph is buffered (a
half-streamed paragraph that then fails the gate would already have been read), checked by
coach.gate with the prompt's instructions, the question, the inputs and the allowed markers,
and returned whole or not at all. ChatService.stream calls `gated_paragraph`; the issue-12a
rewrite of the chat service calls it the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from langchain_core.messages import BaseMessage

from coach.gate import Verdict
from coach.gate.policy import check_output, model_may_write
from coach.llm import LLMClient
from coach.prompts import Prompt

MAX_TOKENS = 160


async def gated_paragraph(
    llm: LLMClient,
    messages: Sequence[BaseMessage],
    prompt: Prompt,
    *,
    language: str,
    question: str,
    inputs: Sequence[str] = (),
    citations: Collection[str] | None = None,
) -> Verdict | None:
    """The gate's verdict on the model's paragraph, or None when the configured model is
    not asked in this language (COACH_LOCAL_TEXT_LANGUAGES). Show `text` only if `ok`.
    Raises LLMUnavailable when the model cannot answer."""
    settings = llm.settings
    if not model_may_write(settings.llm, language, settings.local_text_languages):
        return None
    pieces = [p async for p in llm.astream(messages, max_tokens=MAX_TOKENS)]
    return check_output(
        "".join(pieces),
        prompt,
        language=language,
        question=question,
        inputs=inputs,
        citations=citations,
        prose=True,
    )
