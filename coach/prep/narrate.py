"""The one narrative part of a brief a capable LLM may write: a short opening paragraph.

The structure and every line of the brief stay deterministic. With a hosted or served model
(LLMClient.is_capable) the model turns the cited facts of "since last time", the open action
items and the gaps into three or four sentences, keeping the source markers. The result is
checked: it must cite at least one marker and only markers it was given, otherwise it is
dropped. So a narrative never invents a source, and the embedded or fake model (and an
unreachable server) simply leave the brief as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from langchain_core.messages import HumanMessage, SystemMessage

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
    """The narrative when it cites only given markers (at least one), else None."""
    cited = set(_MARKER.findall(text))
    if not text.strip() or not cited or not cited <= allowed:
        return None
    return " ".join(text.split())


def narrate(llm: LLMClient, brief: Brief) -> Brief:
    """The brief with `narrative` set when a capable model wrote a valid one."""
    if not llm.is_capable:
        return brief
    lang = brief.language
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
    return replace(brief, narrative=text) if text else brief
