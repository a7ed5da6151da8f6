"""Understanding one chat turn, deterministically: who it is about, what it asks, which topic.

The embedded model cannot do this reliably, and a manager must be able to predict it: the
person comes from the one resolver (coach/team/lookup.py), the intent from the cue patterns
in coach/chat/data/intents.yaml, the topic from coach/topics.py. What the question leaves
out ("en haar ambities?", "and what about Priya?") comes from the conversation state, which
the caller keeps in the thread so it survives a restart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Self, cast, get_args

import yaml

from coach.i18n import LANGUAGES
from coach.jsonable import Stored
from coach.team.lookup import Mention, PersonRef, mention_in
from coach.topics import TOPICS, topic_hits

Intent = Literal[
    "agreements",
    "topic_status",
    "what_to_ask",
    "approach",
    "prepare",
    "phrasing",
    "cadence",
    "other",
]
INTENTS: tuple[str, ...] = get_args(Intent)
DATA = Path(__file__).parent / "data" / "intents.yaml"
SHORT_FOLLOW_UP = 4  # words: "en met Thomas?" leans on the previous turn


@dataclass(frozen=True)
class ConversationState(Stored):
    """What the previous turns established; stored in the thread metadata (key "chat")."""

    person_id: int | None = None
    person_name: str | None = None
    intent: str | None = None
    topic: str | None = None
    pending_id: int | None = None  # the person a "did you mean" offered
    pending_question: str | None = None
    language: str | None = None  # the language the last turn was answered in

    @classmethod
    def _read(cls, known: dict[str, Any]) -> Self:
        """Each stored value of the right kind, else None."""
        for key in ("person_id", "pending_id"):
            if not isinstance(known.get(key), int):
                known[key] = None
        for key in ("person_name", "intent", "topic", "pending_question"):
            if not isinstance(known.get(key), str):
                known[key] = None
        if known.get("language") not in LANGUAGES:
            known["language"] = None
        if known.get("intent") not in INTENTS:
            known["intent"] = None
        if known.get("topic") not in TOPICS:
            known["topic"] = None
        return cls(**known)


@dataclass(frozen=True)
class Understanding:
    question: str
    language: str
    intent: Intent
    topic: str | None
    person: PersonRef | None = None
    suggestion: PersonRef | None = None
    unknown: str | None = None
    ambiguous: tuple[PersonRef, ...] = ()
    from_state: bool = False  # the person came from an earlier turn (a pronoun, an ellipsis)
    quoted: str | None = None  # the wording to check, for a phrasing question


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    out: dict[str, Any] = {"order": raw["order"], "follow_up": {}, "confirm": raw["confirm"]}
    for lang in ("nl", "en"):
        out[lang] = {
            intent: [re.compile(p, re.IGNORECASE) for p in raw[lang][intent]]
            for intent in raw["order"]
        }
        out["follow_up"][lang] = [re.compile(p, re.IGNORECASE) for p in raw["follow_up"][lang]]
    return out


def intent_of(question: str, language: str) -> Intent | None:
    """The first intent whose cues match, None when nothing matches."""
    cues = _cues()
    for intent in cues["order"]:
        if any(p.search(question) for p in cues[language][intent]):
            return cast(Intent, intent)
    return None


def topic_of(question: str) -> str | None:
    """The topic with the most keyword hits in the question (ties: the order of TOPICS)."""
    hits = topic_hits(question)
    if not hits:
        return None
    return max(TOPICS, key=lambda t: (hits.get(t, 0), -TOPICS.index(t)))


def is_follow_up(question: str, language: str) -> bool:
    words = re.findall(r"\w+", question)
    if len(words) <= SHORT_FOLLOW_UP:
        return True
    return any(p.search(question) for p in _cues()["follow_up"][language])


def is_yes(question: str) -> bool:
    """A yes to "Bedoel je ...?" in either language: the conversation may be in the other one
    than the word ("yep" in a Dutch conversation, "klopt" in an English one)."""
    text = question.strip().lower().rstrip("!.? ")
    return any(text in words for words in _cues()["confirm"].values())


_QUOTED = re.compile(r"['‘\"“](.{3,}?)['’\"”]\W*$", re.S)
_AFTER_COLON = re.compile(r":\s*(.{3,})$", re.S)


def quoted_part(question: str) -> str | None:
    """The words between quotes (or after a colon) that a phrasing question asks about."""
    text = question.strip()
    m = _QUOTED.search(text) or _AFTER_COLON.search(text)
    if not m:
        return None
    return m.group(1).strip(" '\"‘’“”") or None


def understand(
    question: str,
    language: str,
    people: Sequence[PersonRef],
    state: ConversationState | None = None,
) -> Understanding:
    """Read one turn; `state` fills in what a follow-up leaves out."""
    state = state or ConversationState()
    by_id = {p.id: p for p in people}
    if state.pending_id in by_id and state.pending_question and is_yes(question):
        # "ja" after "Bedoel je Sanne?": answer the original question about Sanne.
        again = understand(
            state.pending_question, language, people, replace(state, pending_id=None)
        )
        return replace(again, person=by_id[state.pending_id], suggestion=None, unknown=None)
    mention: Mention = mention_in(question, people)
    intent = intent_of(question, language)
    topic = topic_of(question)
    follow = is_follow_up(question, language)
    person = mention.person
    from_state = False
    blocked = mention.suggestion or mention.unknown or mention.ambiguous
    if person is None and not blocked and follow and state.person_id in by_id:
        person, from_state = by_id[state.person_id], True  # type: ignore[index]
    if follow and state.intent:
        if intent is None:
            intent = cast(Intent, state.intent)
        if topic is None and intent in ("topic_status", "what_to_ask", "approach"):
            topic = state.topic
    quoted = quoted_part(question) if intent == "phrasing" else None
    return Understanding(
        question=question,
        language=language,
        intent=intent or "other",
        topic=topic,
        person=person,
        suggestion=mention.suggestion,
        unknown=mention.unknown,
        ambiguous=mention.ambiguous,
        from_state=from_state,
        quoted=quoted,
    )


def next_state(turn: Understanding, state: ConversationState) -> ConversationState:
    """The state after answering `turn`: a suggestion waits for a yes, else the turn stands."""
    if turn.suggestion is not None:
        return replace(
            state,
            pending_id=turn.suggestion.id,
            pending_question=turn.question,
            language=turn.language,
        )
    if turn.unknown or turn.ambiguous:
        return replace(state, pending_id=None, pending_question=None, language=turn.language)
    return ConversationState(
        person_id=turn.person.id if turn.person else state.person_id,
        person_name=turn.person.name if turn.person else state.person_name,
        intent=turn.intent,
        topic=turn.topic or (state.topic if turn.person is None or turn.from_state else None),
        language=turn.language,
    )
