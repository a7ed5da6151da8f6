"""The model as an option: it words the persona's line within the state the rules set.

The rules decide the move, the tension, the phase and the authored line; a model may only
say that line in its own words (the prompt gives the state, the move, the card, the last
turns and the authored line as the gist). Its line must pass the shared gate and the
persona checks (coach/rehearsal/replies.py) or the authored line is said.

Which models may write: any capable one (ollama, openai, anthropic, an OpenAI-compatible
URL) and the test fake; the embedded `local` model only in a language where its measured
gate pass rate reaches MIN_LOCAL_PASS, measured with `coach eval rehearsal --model local`.
"""

from __future__ import annotations

import re

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from coach.gate import Verdict
from coach.llm import LLMClient, LLMUnavailable
from coach.prompts import get_prompt
from coach.rehearsal.persona import Persona
from coach.rehearsal.replies import ReplyContext, check_reply

HISTORY_TURNS = 6  # a small model keeps the thread better with a short window
MAX_TOKENS = 80
MIN_LOCAL_PASS = 0.9
# Share of the embedded model's persona lines that passed the gate and the persona checks,
# per language, measured with `coach eval rehearsal --model local` on all 32 scripts
# (2 Dec 2026, SmolLM2-135M): nl 36/106, en 71/104. Measured before the echo check joined
# the persona checks, so today's rates can only be lower. Both are far below MIN_LOCAL_PASS:
# `local` never writes persona lines.
LOCAL_PASS_RATE: dict[str, float] = {"nl": 0.34, "en": 0.68}


def provider(llm: LLMClient) -> str:
    return llm.settings.llm.split(":")[0]


def model_may_write(llm: LLMClient | None, language: str) -> bool:
    if llm is None:
        return False
    if provider(llm) == "local":
        return LOCAL_PASS_RATE.get(language, 0.0) >= MIN_LOCAL_PASS
    return True


def situation(description: str) -> str:
    """The scenario description without its closing exercise line ("Oefen om...",
    "Practise..."), which speaks to the manager and would confuse the persona."""
    sentences = re.split(r"(?<=[.!?])\s+", description.strip())
    kept = [x for x in sentences if not re.match(r"(oefen|practi[sc]e)\b", x, re.IGNORECASE)]
    return " ".join(kept or sentences)


def system_prompt(
    persona: Persona,
    *,
    language: str,
    description: str,
    band: str,
    move: str,
    phase: str,
    gist: str,
) -> str:
    """prompts/rehearsal.<lang>.yaml filled in with the persona's card, the scenario's
    description, the state and the gist."""
    prompt = get_prompt("rehearsal", language)

    def part(label: str, text: str) -> str:
        return f"{prompt.part(f'label_{label}')}{text}\n" if text else ""

    system, _ = prompt.render(
        name=persona.name,
        pronouns=f" ({persona.pronouns})" if persona.pronouns else "",
        role=persona.role,
        situation=situation(description),
        background=part("background", persona.background),
        style=part("style", persona.style),
        events=part("events", "; ".join(persona.recent_events)),
        concerns="; ".join(persona.concerns),
        tone=prompt.part(f"tone_{band}"),
        move=prompt.part(f"move_{move}"),
        phase=prompt.part(f"phase_{phase}"),
        gist=gist,
    )
    return system


def messages(system: str, turns: list[tuple[str, str]]) -> list[BaseMessage]:
    """System prompt plus the last turns; the persona is the AI side, the manager human."""
    out: list[BaseMessage] = [SystemMessage(system)]
    for speaker, text in turns[-HISTORY_TURNS:]:
        out.append(HumanMessage(text) if speaker == "manager" else AIMessage(text))
    return out


def write(llm: LLMClient, reply: ReplyContext, turns: list[tuple[str, str]]) -> Verdict:
    """The model's line (asked with `reply.system_prompt` and the last turns) and the gate's
    verdict on it (reason "unavailable" on a failure)."""
    msgs = messages(reply.system_prompt, turns)
    try:
        raw = llm.complete(msgs, max_tokens=MAX_TOKENS)
    except LLMUnavailable:
        return Verdict("", "unavailable")
    manager_text = next((text for who, text in reversed(turns) if who == "manager"), "")
    return check_reply(raw, reply, manager_text=manager_text, context=[text for _, text in turns])
