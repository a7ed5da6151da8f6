"""Checking what the model says before the manager sees it, and the scripted fallback.

The embedded 135M model often drifts: wrong language, echoing the question, talking about
being an assistant, or inventing words. A rehearsal is only useful if the persona stays in
character, so every reply passes these checks or is replaced by one of the scenario's own
scripted lines for the current tension band.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from coach.analytics import detect_language
from coach.analytics._text import sentences, tokens
from coach.knowledge.entries import KNOWLEDGE_DIR
from coach.rehearsal.scenarios import Scenario, load_scenarios

MAX_SENTENCES = 3
MAX_CHARS = 320
MIN_TOKENS = 2
ECHO_SHARE = 0.6  # share of reply words taken from the manager's last turn
PROMPT_NGRAM = 5  # a run this long copied from the system prompt is an echo
MAX_UNKNOWN_SHARE = 0.25  # weak models only: invented words ("kieken")

_AI_MARKERS = re.compile(
    r"\b(as an ai|als (een )?ai|an ai\b|ai[- ]model|language model|taalmodel|assistant"
    r"|assistent|chatbot|i'm an ai|i am an ai|ik ben een ai|openai|system prompt|systeemprompt"
    r"|role-?play|rollenspel|simulati\w*|simulation)",
    re.IGNORECASE,
)
# The helpful-assistant register: an employee does not console or coach their manager.
_ASSISTANT_VOICE = re.compile(
    r"(i'm (so )?sorry to hear|i am (so )?sorry to hear|i want you to know|it takes (a lot of )?"
    r"courage|i'm here (to help|for you)|feel free to|i understand your concern|great question"
    r"|happy to help|how can i help|let me know if|het spijt me (dat )?te horen|ik ben er voor je"
    r"|laat het me weten als|hoe kan ik je helpen|goede vraag|i'll try to help|try to help you"
    r"|give you (some )?advice|i'll do my best|ik zal (proberen )?je te helpen|advies geven)",
    re.IGNORECASE,
)
NEAR_REPEAT = 0.7  # share of content words shared with an earlier persona line

_ROLE_WORDS = (
    "manager|leidinggevende|medewerker|employee|user|gebruiker|assistant|assistent|coach"
    "|system|systeem"
)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class Verdict:
    """A cleaned reply and, when it must not be shown, why (a short code for logs/tests)."""

    text: str
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.reason is None


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


@lru_cache(maxsize=2)
def _knowledge_vocabulary(language: str) -> frozenset[str]:
    """Words from our own content in that language: a cheap dictionary for weak-model output."""
    words: set[str] = set()
    for path in sorted((KNOWLEDGE_DIR / language).glob("*.md")):
        words.update(tokens(path.read_text(encoding="utf-8")))
    for sc in load_scenarios().values():
        words.update(tokens(_scenario_text(sc, language)))
    return frozenset(words)


def _scenario_text(sc: Scenario, language: str) -> str:
    lines = [sc.description.get(language), sc.persona.background.get(language)]
    lines += sc.persona.concerns.get(language) + sc.hints.get(language)
    lines.append(sc.opening_line.get(language))
    for band in ("low", "medium", "high"):
        lines += sc.fallback_lines.get(band, language)
    return " ".join(lines)


def unknown_share(text: str, language: str, extra: Iterable[str] = ()) -> float:
    toks = tokens(text)
    if not toks:
        return 1.0
    known = _knowledge_vocabulary(language) | {t for e in extra for t in tokens(e)}
    return sum(t not in known and not t.isdigit() for t in toks) / len(toks)


def _ngrams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def check_reply(
    raw: str,
    *,
    language: str,
    persona_name: str,
    manager_text: str,
    system_prompt: str,
    earlier_lines: Sequence[str] = (),
    strict: bool = True,
    context: Iterable[str] = (),
) -> Verdict:
    """Clean the reply and say whether it may be shown; `strict` adds the weak-model checks."""
    text = clean_reply(raw, persona_name)
    toks = tokens(text)
    if len(toks) < MIN_TOKENS:
        return Verdict(text, "empty")
    if len(text) > MAX_CHARS:
        return Verdict(text, "too_long")
    if _AI_MARKERS.search(text):
        return Verdict(text, "ai_mention")
    if _ASSISTANT_VOICE.search(text):
        return Verdict(text, "assistant_voice")
    if detect_language(text) != language:
        return Verdict(text, "language")
    said = set(tokens(manager_text))
    if len(toks) >= 3 and sum(t in said for t in toks) / len(toks) >= ECHO_SHARE:
        return Verdict(text, "echo")
    asked = {tuple(tokens(s)) for s in sentences(manager_text) if len(tokens(s)) >= 2}
    if any(tuple(tokens(s)) in asked for s in sentences(text)):
        return Verdict(text, "echo")
    if _ngrams(toks, PROMPT_NGRAM) & _ngrams(tokens(system_prompt), PROMPT_NGRAM):
        return Verdict(text, "prompt_echo")
    content = [t for t in toks if len(t) >= 4]  # longer words carry the meaning
    for earlier in earlier_lines:
        if toks == tokens(earlier):
            return Verdict(text, "repeat")
        before = {t for t in tokens(earlier) if len(t) >= 4}
        if len(content) >= 3 and sum(t in before for t in content) / len(content) >= NEAR_REPEAT:
            return Verdict(text, "repeat")
    if strict:
        extra = [persona_name, manager_text, system_prompt, *context]
        if unknown_share(text, language, extra) > MAX_UNKNOWN_SHARE:
            return Verdict(text, "unknown_words")
    return Verdict(text, None)


def pick_fallback(lines: list[str], cursor: int, last: str | None) -> tuple[str, int]:
    """Rotate through the band's lines; never say the same line twice in a row."""
    line = lines[cursor % len(lines)]
    if last is not None and line == last:
        cursor += 1
        line = lines[cursor % len(lines)]
    return line, cursor + 1
