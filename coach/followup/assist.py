"""A capable LLM may add action items the patterns missed; it can never invent one.

Deterministic extraction (coach.followup.extract) always runs first. With a hosted or served
model (LLMClient.is_capable) the model is asked for the commitments in the notes as JSON,
each with an exact quote. A proposal is kept only when its quote really is in the notes, its
owner is the manager, the employee or a named person, and it is not an item we already have;
its text passes the output gate (coach.gate: language, echo, loops, invented words); its due
date is parsed by our own date parser from the quoted timing, relative to the meeting
date, so an unclear date stays empty and is asked for in the review. Every item still goes
through the manager's review before anything is saved. The embedded and fake models (and an
unreachable server) leave the result untouched.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from typing import Any

from coach.followup.dates import parse_due
from coach.followup.extract import ActionItemDraft, FollowupResult
from coach.gate.policy import check_output
from coach.llm import LLMClient, LLMUnavailable
from coach.prompts import get_prompt
from coach.retrieval.text import tokenize

MAX_TOKENS = 700
MAX_NOTES_CHARS = 12_000
SAME_ITEM = 0.5  # token overlap (Jaccard) above which a proposal repeats a known item
_JSON_ARRAY = re.compile(r"\[.*\]", re.DOTALL)


def _flat(text: str) -> str:
    return " ".join(text.split()).lower()


def parse_proposals(raw: str) -> list[dict[str, Any]]:
    """The JSON array in a model reply (code fences and chatter around it are ignored)."""
    match = _JSON_ARRAY.search(raw)
    if match is None:
        return []
    try:
        data = json.loads(match.group(0))
    except ValueError:
        return []
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


def _overlap(a: str, b: str) -> float:
    x, y = set(tokenize(a)), set(tokenize(b))
    return len(x & y) / len(x | y) if x and y else 0.0


def _owner(raw: object, known: dict[str, str]) -> str | None:
    value = str(raw or "").strip()
    if value.lower() in ("manager", "employee", "both"):
        return value.lower()
    return known.get(value.lower())


def accept(
    proposals: list[dict[str, Any]],
    notes: str,
    have: list[ActionItemDraft],
    meeting_date: date,
    known_people: list[str],
) -> list[ActionItemDraft]:
    """The proposals that pass every check, as drafts for the review."""
    flat_notes = _flat(notes)
    known = {n.lower(): p for p in known_people for n in (p, p.split()[0])}
    kept: list[ActionItemDraft] = []
    for p in proposals:
        text, quote = str(p.get("text") or "").strip(), str(p.get("quote") or "").strip()
        owner = _owner(p.get("owner"), known)
        if not text or not quote or owner is None or _flat(quote) not in flat_notes:
            continue
        if any(_overlap(text, x.text) >= SAME_ITEM for x in [*have, *kept]):
            continue
        due, phrase = parse_due(str(p.get("due") or "") or quote, meeting_date)
        kept.append(ActionItemDraft(text[:300], owner, due, phrase, quote))
    return kept


def assist(
    llm: LLMClient,
    notes: str,
    result: FollowupResult,
    meeting_date: date,
    *,
    employee_name: str,
    known_people: list[str],
) -> FollowupResult:
    """`result` plus the model's checked extra items (unchanged without a capable model)."""
    if not llm.is_capable:
        return result
    from langchain_core.messages import HumanMessage, SystemMessage

    prompt = get_prompt("followup_items", result.language)
    found = "\n".join(f"- {a.text}" for a in result.action_items) or "-"
    system, user = prompt.render(employee=employee_name, notes=notes[:MAX_NOTES_CHARS], found=found)
    try:
        raw = llm.complete([SystemMessage(system), HumanMessage(user)], max_tokens=MAX_TOKENS)
    except LLMUnavailable:
        return result
    proposals = [
        p
        for p in parse_proposals(raw)
        if check_output(
            str(p.get("text") or ""),
            prompt,
            language=result.language,
            inputs=[notes, found, *known_people],
        ).ok
    ]
    extra = accept(proposals, notes, result.action_items, meeting_date, known_people)
    return replace(result, action_items=[*result.action_items, *extra]) if extra else result
