"""Checking a model-written persona line: the shared output gate, then what only a persona has.

The gate (coach.gate.check, role="persona") does the generic work for every model text:
language, echo of the prompt or the manager, loops, repeats, invented words, an AI or
assistant voice. What stays here is what needs the persona card and the state: a line close
to one already said (the gate only catches exact repeats), a relation the card never
mentions (the invented "mother with mental-health problems"), and a cheerful tone from a
persona who is tense. A line that fails is dropped and the authored line is said instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coach import gate
from coach.gate import Verdict, words
from coach.gate.policy import instructions
from coach.prompts import get_prompt
from coach.rehearsal.dialogue import has_marker, markers

MAX_SENTENCES = 3
MAX_CHARS = 320
NEAR_REPEAT = 0.7  # share of content words shared with an earlier persona line
CONTENT_CHARS = 4  # longer words carry the meaning

_ROLE_WORDS = (
    "manager|leidinggevende|medewerker|employee|user|gebruiker|assistant|assistent|coach"
    "|system|systeem"
)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def clean_reply(raw: str, persona_name: str) -> str:
    """Strip quotes and speaker labels, stop where the model starts the other side's line."""
    text = raw.strip().strip("\"“”'").strip()
    names = {persona_name, *persona_name.split()[:1]}
    who = "|".join([_ROLE_WORDS, *(re.escape(n) for n in names if n)])
    label = re.compile(rf"^\s*({who})\s*:\s*", re.IGNORECASE)
    text = label.sub("", text, count=1)
    other_side = re.compile(rf"(^|\n|\s)({who})\s*:", re.IGNORECASE)
    cut = other_side.search(text)
    if cut:
        text = text[: cut.start()]
    text = " ".join(text.split())
    parts = [p for p in _SENTENCE.split(text) if p.strip()][:MAX_SENTENCES]
    if len(parts) > 1 and not parts[-1].rstrip().endswith((".", "!", "?", "…")):
        parts = parts[:-1]  # cut off by the token limit mid-sentence
    return " ".join(parts).strip()


def near_repeat(text: str, earlier: Iterable[str]) -> bool:
    content = [t for t in words(text) if len(t) >= CONTENT_CHARS]
    if len(content) < 3:
        return False
    for line in earlier:
        before = {t for t in words(line) if len(t) >= CONTENT_CHARS}
        if sum(t in before for t in content) / len(content) >= NEAR_REPEAT:
            return True
    return False


def invented_relation(text: str, language: str, card: Iterable[str]) -> bool:
    """A family member or partner the card and the scenario never mention."""
    known = {w for c in card for w in words(c)}
    said = set(words(text))
    for relation in markers("relation", language):
        names = set(relation.split("|"))
        if names & said and not names & known:
            return True
    return False


@dataclass(frozen=True)
class ReplyContext:
    """What a persona's line is checked against, built once per line where the session is:
    who speaks, in which language and mood (`band`), the prompt the model was given, the
    persona card and the persona's own earlier lines."""

    language: str
    persona_name: str
    band: str
    system_prompt: str
    card: Sequence[str] = ()
    earlier_lines: Sequence[str] = ()


def check_reply(
    raw: str, reply: ReplyContext, *, manager_text: str, context: Iterable[str] = ()
) -> Verdict:
    """Clean the model's line and say whether the manager may see it. The echo check looks
    at the prompt file's own instructions; what `reply.system_prompt` filled in (the card,
    the gist: what the line should say) counts as known words, so a line may say it again.
    `manager_text` is the manager's last line; `context` the talk so far."""
    language, persona_name, card = reply.language, reply.persona_name, reply.card
    earlier_lines = reply.earlier_lines
    text = clean_reply(raw, persona_name)
    if len(text) > MAX_CHARS:
        return Verdict(text, "too_long")
    own_words = instructions(get_prompt("rehearsal", language))
    fault = gate.raw_fault(raw, own_words)
    if fault:
        return Verdict(text, fault)
    verdict = gate.check(
        text,
        language=language,
        prompt=own_words,
        question=manager_text,
        context=[persona_name, reply.system_prompt, *card, *context],
        role="persona",
        earlier=earlier_lines,
    )
    if not verdict.ok:
        return verdict
    if near_repeat(text, earlier_lines):
        return Verdict(text, "repeat")
    if invented_relation(text, language, [*card, *context]):
        return Verdict(text, "card")
    if reply.band != "low" and has_marker(text, "cheerful", language):
        return Verdict(text, "tone")
    return Verdict(text, None)
