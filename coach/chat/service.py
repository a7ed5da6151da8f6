"""The coach chat pipeline: understand the turn, compose the cited answer, gate model text.

1. `understand` (coach/chat/understand.py) reads who, what and which topic, filling in a
   follow-up from the conversation state the caller keeps in the thread.
2. One composer of `Answers` (coach/chat/answers.py) per intent writes the answer from the
   right rows, every line cited. A name we do not know is said so; a near miss is asked
   about ("Bedoel je Sanne?") and cites nobody's data.
3. A model paragraph is added only when enabled (never by default with the embedded model,
   which writes nonsense Dutch) and only after `coach.gate.check` passed it.

The agent tier for capable models plugs in at `ChatService.agent` (see `AgentTier`): it gets
the same understanding and the same composers as tools.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from coach.chat.answers import Answers
from coach.chat.language import reply_language
from coach.chat.paragraph import gated_paragraph
from coach.chat.phrasing import phrasing_check
from coach.chat.sources import Answer, Source, flat, note_name, quote, sentences
from coach.chat.understand import ConversationState, Understanding, next_state, understand
from coach.errors import UserError
from coach.i18n import normalise_language, t
from coach.llm import LLMUnavailable
from coach.prompts import get_prompt
from coach.storage import repo
from coach.team.lookup import PersonRef, mention_in, team_refs
from coach.team.rows import PersonRow

if TYPE_CHECKING:
    from coach.knowledge.service import KnowledgeBase
    from coach.llm import LLMClient
    from coach.retrieval.service import Retriever
    from coach.settings import Settings
    from coach.storage.db import Database


class Stores(Protocol):
    """Where answers come from: the manager's rows, their notes' index and the knowledge base."""

    @property
    def db(self) -> Database: ...
    @property
    def retriever(self) -> Retriever: ...
    @property
    def knowledge(self) -> KnowledgeBase: ...


class Parts(Stores, Protocol):
    """What the wiring hands over (the app's container satisfies it; features never import
    the container itself)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def llm(self) -> LLMClient: ...
    @property
    def now(self) -> Callable[[], dt.datetime]: ...


MAX_MESSAGE_CHARS = 20_000
NOTE_EXCERPT = 240
KNOWLEDGE_EXCERPT = 360
NEEDS_PERSON = ("agreements",)

__all__ = [
    "MAX_MESSAGE_CHARS",
    "AgentTier",
    "ChatService",
    "Draft",
    "Source",
    "check_message",
    "excerpt",
    "mentioned_person",
    "note_name",
]


@dataclass(frozen=True)
class Draft:
    question: str
    language: str
    body: str
    sources: list[Source] = field(default_factory=list)
    messages: list[BaseMessage] = field(default_factory=list)
    person: str | None = None
    person_id: int | None = None
    intent: str = "other"
    topic: str | None = None
    suggestions: tuple[PersonRef, ...] = ()  # "did you mean" buttons
    unknown: str | None = None
    state: ConversationState = field(default_factory=ConversationState)


class AgentTier(Protocol):
    """A capable model's tool-calling agent (issue 12, line 4); the lead wires it in."""

    def astream(self, draft: Draft, manager_id: int) -> AsyncIterator[str]: ...


def check_message(text: str | None) -> str:
    """The message as typed, or a UserError: empty, or too long to handle (never truncated)."""
    value = (text or "").strip()
    if not value:
        raise UserError("chat_message_empty")
    if len(value) > MAX_MESSAGE_CHARS:
        raise UserError("chat_message_too_long", count=len(value), limit=MAX_MESSAGE_CHARS)
    return value


def excerpt(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word, list markers dropped."""
    one = flat(text)
    if len(one) <= limit:
        return one
    return one[: limit - 1].rsplit(" ", 1)[0] + "…"


def mentioned_person(question: str, people: Sequence[PersonRow]) -> PersonRow | None:
    """The one team member the question names (the resolver's rules; None when unsure)."""
    found = mention_in(question, [PersonRef(p["id"], p["name"]) for p in people]).person
    return next((p for p in people if found and p["id"] == found.id), None)


def _without_names(question: str, people: list[PersonRef]) -> str:
    """The question with team names removed: a knowledge search should not match on them."""
    out = question
    for p in people:
        for part in p.name.split():
            if len(part) > 2:
                out = re.sub(rf"\b{re.escape(part)}(['’]s)?\b", " ", out, flags=re.IGNORECASE)
    return " ".join(out.split())


def _answer_language(
    people: Sequence[PersonRef], question: str, language: str, state: ConversationState | None
) -> str:
    """The question's language, its team's names left out; else the conversation's or app's."""
    names = [p.name for p in people]
    return reply_language(question, normalise_language(language), state, names)


class ChatService:
    """Answers a manager's free question from their own notes and the knowledge base."""

    def __init__(
        self,
        answers: Answers,
        llm: LLMClient,
        *,
        paragraph: bool = False,
        agent: AgentTier | None = None,
    ) -> None:
        self.answers = answers
        self.llm = llm
        self.paragraph = paragraph
        self.agent = agent

    @classmethod
    def from_container(
        cls, c: Parts, *, paragraph: bool | None = None, agent: AgentTier | None = None
    ) -> ChatService:
        """Wiring: the embedded model adds no paragraph (its Dutch fails the gate)."""
        if paragraph is None:
            paragraph = c.settings.llm != "local"
        answers = Answers(c.db, c.retriever, c.knowledge, c.settings.timezone, c.now)
        return cls(answers, c.llm, paragraph=paragraph, agent=agent)

    @property
    def db(self) -> Database:
        return self.answers.db

    def draft(
        self,
        manager_id: int,
        question: str,
        language: str,
        state: ConversationState | None = None,
        *,
        now: Callable[[], dt.datetime] | None = None,
    ) -> Draft:
        """Blocking: understanding, retrieval and the composed answer. Run it in a thread.
        `language` is the app's: the answer comes in the question's own (coach/chat/language.py)."""
        question = check_message(question)
        state = state or ConversationState()
        with self.db.session() as s:
            people = team_refs(s, manager_id)
        lang = _answer_language(people, question, language, state)
        turn = understand(question, lang, people, state)
        answer = self._compose(manager_id, turn, people)
        new_state = next_state(turn, state)
        suggestions = (turn.suggestion,) if turn.suggestion else turn.ambiguous
        return Draft(
            question=question,
            language=lang,
            body="\n".join(answer.lines),
            sources=answer.sources,
            messages=self._prompt(question, lang, answer),
            person=turn.person.name if turn.person else None,
            person_id=turn.person.id if turn.person else None,
            intent=turn.intent,
            topic=turn.topic,
            suggestions=suggestions,
            unknown=turn.unknown,
            state=new_state,
        )

    def answer_language(
        self,
        manager_id: int,
        question: str,
        language: str,
        state: ConversationState | None = None,
    ) -> str:
        """Blocking: the language `draft` would answer in (for the agent tier and the prep
        follow-ups, which answer through other services)."""
        with self.db.session() as s:
            people = team_refs(s, manager_id)
        return _answer_language(people, question, language, state)

    # --- composing -----------------------------------------------------------------------

    def _compose(self, manager_id: int, u: Understanding, people: list[PersonRef]) -> Answer:
        lang, a = u.language, self.answers
        out = Answer()
        if u.suggestion is not None:
            out.lines.append(t("chat_did_you_mean", lang, name=u.suggestion.name))
            return out
        if u.ambiguous:
            names = " / ".join(p.name for p in u.ambiguous)
            out.lines.append(t("chat_which_of", lang, names=names))
            return out
        if u.unknown is not None:
            team = ", ".join(p.first for p in people) or "-"
            out.lines.append(t("chat_unknown_person", lang, name=u.unknown, team=team))
            return out
        person = u.person
        if person is None and u.intent in NEEDS_PERSON:
            out.lines.append(t("chat_which_person", lang))
            return out
        if person is not None:
            out.lines.append(t("chat_about_person", lang, name=person.name))
        topical = _without_names(u.question, people)
        if u.intent == "agreements" and person:
            out.extend(a.agreements(manager_id, person.id, lang))
        elif u.intent == "topic_status" and person:
            out.extend(a.topic_status(manager_id, person.id, u.topic, u.question, lang))
        elif u.intent == "what_to_ask":
            pid = person.id if person else None
            out.extend(a.questions_for(manager_id, pid, u.topic, topical, lang))
        elif u.intent == "approach" or (u.intent == "prepare" and person is None):
            out.extend(a.approach(topical, lang))
        elif u.intent == "prepare" and person:
            out.extend(a.cadence(manager_id, person.id, lang))
            out.lines.append("")
            out.extend(a.agreements(manager_id, person.id, lang))
            out.lines.append("")
            out.lines.append(t("chat_prepare_hint", lang, name=person.first))
        elif u.intent == "phrasing":
            out.extend(phrasing_check(a.knowledge, u.quoted or u.question, lang))
        elif u.intent == "cadence" and person:
            out.extend(a.cadence(manager_id, person.id, lang))
        elif u.intent == "cadence":
            for p in people:
                out.extend(a.cadence(manager_id, p.id, lang))
        else:
            out.extend(self._general(manager_id, u, person, topical))
        return out

    def _general(
        self, manager_id: int, u: Understanding, person: PersonRef | None, topical: str
    ) -> Answer:
        """Anything else: the closest notes (only the named person's) and knowledge."""
        lang, a = u.language, self.answers
        out = Answer()
        passages = a.retriever.search(
            manager_id, u.question, person_id=person.id if person else None, k=3
        )
        with self.db.session() as s:
            full = repo.notes_by_ids(s, manager_id, [p.note_id for p in passages])
        out.lines.append(f"**{t('chat_notes_heading', lang)}**")
        if not passages:
            out.lines.append(t("chat_no_notes", lang))
        for p in passages:
            note = full.get(p.note_id)
            text = note.text if note else p.text
            name = out.add(
                Source(
                    "note",
                    note_name(p.person, p.date),
                    text,
                    p.note_id,
                    refs=(f"note:{p.note_id}",),
                    person_id=p.person_id,
                )
            )
            out.lines.append(f'- {name}: "{quote(sentences(p.text), NOTE_EXCERPT)}"')
        out.lines.append("")
        out.lines.append(f"**{t('chat_knowledge_heading', lang)}**")
        out.extend(a.approach(topical, lang, k=1))
        return out

    def _prompt(self, question: str, lang: str, answer: Answer) -> list[BaseMessage]:
        prompt = get_prompt("coach_answer", lang)
        notes = [s for s in answer.sources if s.kind != "knowledge"]
        knowledge = [s for s in answer.sources if s.kind == "knowledge"]
        system, user = prompt.render(
            question=excerpt(question, 600),
            notes="\n".join(f"- {s.name}: {excerpt(s.text, 300)}" for s in notes) or "-",
            knowledge="\n".join(excerpt(s.text, 400) for s in knowledge) or "-",
        )
        return [SystemMessage(system), HumanMessage(user)]

    # --- streaming -----------------------------------------------------------------------

    async def stream(self, draft: Draft, manager_id: int | None = None) -> AsyncIterator[str]:
        """The cited answer, then (when enabled) a model paragraph that passed the gate."""
        if self.agent is not None and manager_id is not None:
            async for piece in self.agent.astream(draft, manager_id):
                yield piece
            return
        yield draft.body
        if not self.paragraph or draft.suggestions or draft.unknown or not draft.sources:
            return
        try:
            verdict = await gated_paragraph(
                self.llm,
                draft.messages,
                get_prompt("coach_answer", draft.language),
                language=draft.language,
                question=draft.question,
                inputs=[s.name for s in draft.sources] + [s.text for s in draft.sources],
            )
        except LLMUnavailable as e:
            yield "\n\n_" + t("chat_llm_unavailable", draft.language, reason=str(e)) + "_"
            return
        if verdict is not None and verdict.ok:
            yield f"\n\n**{t('chat_llm_heading', draft.language)}**\n{verdict.text}"
