"""The one narrative part of a brief a capable LLM may write: a short opening paragraph.

The structure and every line of the brief stay deterministic. With a hosted or served model
(LLMClient.is_capable) the model turns the cited facts of "since last time", the open action
items and the gaps into three or four sentences, keeping the source markers. The result is
checked: it must cite at least one marker and only markers it was given, and then pass the
output gate (coach.gate: language, echo, loops, invented words), otherwise it is dropped.
So a narrative never invents a source, and the fake model, the embedded one (unless
COACH_LOCAL_TEXT_LANGUAGES names the language) and an unreachable server leave the brief as
it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from langchain_core.messages import HumanMessage, SystemMessage

from coach.gate.policy import check_output, model_may_write, provider
from coach.llm import LLMClient, LLMUnavailable
from coach.prep.models import Brief
from coach.prep.render import marker
from coach.prompts import get_prompt

NARRATED = ("since_last", "open_actions")
MAX_FACTS = 10
MAX_TOKENS = 220
_MARKER = re.compile(r"\[([^\[\]]+)\]")


def facts(brief: Brief, lang: str) -> list[str]:
    """The cited lines the model may use, each with its markers, plus the uncited gaps."""
    ref = brief.generated_for
    lines: list[str] = []
    for name in NARRATED:
        for item in brief.section(name):
            marks = " ".join(marker(c, lang, ref) for c in item.citations)
            if marks:
                lines.append(f"- {item.text} {marks}")
    return lines[:MAX_FACTS]


def check(text: str, allowed: set[str]) -> str | None:
    """The narrative when it cites only given markers (at least one), else None. Its line
    breaks stay: the gate judges the layout (one paragraph, no headings or lists) and shows
    the text with its white space folded."""
    cited = set(_MARKER.findall(text))
    if not text.strip() or not cited or not cited <= allowed:
        return None
    return text.strip()


def narrate(llm: LLMClient, brief: Brief) -> Brief:
    """The brief with `narrative` set when a capable model wrote one the gate passes."""
    lang = brief.language
    if not may_narrate(llm, lang):
        return brief
    lines = facts(brief, lang)
    if not lines:
        return brief
    allowed = set(_MARKER.findall("\n".join(lines)))
    prompt = get_prompt("prep_narrative", lang)
    system, user = prompt.render(
        name=brief.person.name.split()[0],
        facts="\n".join(lines),
        gaps=", ".join(brief.gaps) or "-",
    )
    try:
        raw = llm.complete([SystemMessage(system), HumanMessage(user)], max_tokens=MAX_TOKENS)
    except LLMUnavailable:
        return brief
    text = check(raw, allowed)
    if text is None:
        return brief
    verdict = check_output(
        text, prompt, language=lang, inputs=[user], citations=allowed, prose=True
    )
    return replace(brief, narrative=verdict.text) if verdict.ok else brief


def may_narrate(llm: LLMClient, lang: str) -> bool:
    """Capable models, and the embedded one only in the languages the setting allows."""
    s = llm.settings
    if provider(s.llm) == "local":
        return model_may_write(s.llm, lang, s.local_text_languages)
    return llm.is_capable
