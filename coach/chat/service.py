"""The general coach chat: a deterministic, cited answer skeleton plus a short LLM phrasing.

The embedded model is weak, so the useful part of an answer never depends on it: the
relevant notes and the matching knowledge section are quoted with citations first; the model
only adds a short paragraph, and when it is unavailable its one sentence says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from coach.chat.paragraph import gated_paragraph
from coach.errors import UserError
from coach.i18n import normalise_language, t
from coach.llm import LLMUnavailable
from coach.prompts import get_prompt
from coach.storage import repo

MAX_MESSAGE_CHARS = 20_000
NOTE_EXCERPT = 240
KNOWLEDGE_EXCERPT = 360


@dataclass(frozen=True)
class Source:
    """Something an answer cites; `name` appears verbatim in the answer text."""

    kind: Literal["note", "knowledge"]
    name: str
    text: str
    note_id: int | None = None
    entry_id: str | None = None


@dataclass(frozen=True)
class Draft:
    question: str
    language: str
    body: str
    sources: list[Source] = field(default_factory=list)
    messages: list[BaseMessage] = field(default_factory=list)
    person: str | None = None
    inputs: list[str] = field(default_factory=list)  # what the model read (known words)


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
    lines = (line.strip().lstrip("-*#>|").strip() for line in text.splitlines())
    flat = " ".join(" ".join(x for x in lines if x).split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def note_name(person: str, date: dt.date) -> str:
    return f"{person} · {date.isoformat()}"


def _unique(name: str, taken: set[str]) -> str:
    candidate, i = name, 2
    while candidate in taken:
        candidate, i = f"{name} ({i})", i + 1
    taken.add(candidate)
    return candidate


def mentioned_person(question: str, people: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one team member the question names (full name first, then a unique first name)."""
    low = question.lower()
    full = [p for p in people if p["name"].lower() in low]
    if len(full) == 1:
        return full[0]
    words = set(re.findall(r"\w+", low))
    first = [p for p in people if p["name"].split()[0].lower() in words]
    return first[0] if len(first) == 1 else None


class ChatService:
    """Answers a manager's free question from their own notes and the knowledge base."""

    def __init__(self, container: Any, *, notes_k: int = 3, knowledge_k: int = 1) -> None:
        self.c = container
        self.notes_k = notes_k
        self.knowledge_k = knowledge_k

    def draft(self, manager_id: int, question: str, language: str) -> Draft:
        """Blocking: retrieval and the deterministic answer. Run it in a worker thread."""
        lang = normalise_language(language)
        question = check_message(question)
        from coach.team.service import TeamService

        person = mentioned_person(question, TeamService(self.c).list_people(manager_id))
        passages = self.c.retriever.search(
            manager_id, question, person_id=person["id"] if person else None, k=self.notes_k
        )
        hits = self.c.knowledge.search(question, language=lang, k=self.knowledge_k)
        with self.c.db.session() as s:
            full = repo.notes_by_ids(s, manager_id, [p.note_id for p in passages])
            full_text = {i: n.text for i, n in full.items()}

        taken: set[str] = set()
        sources: list[Source] = []
        lines: list[str] = []
        if person:
            lines.append(t("chat_about_person", lang, name=person["name"]))
        lines.append(f"**{t('chat_notes_heading', lang)}**")
        if not passages:
            lines.append(t("chat_no_notes", lang))
        for p in passages:
            name = _unique(note_name(p.person, p.date), taken)
            lines.append(f'- {name}: "{excerpt(p.text, NOTE_EXCERPT)}"')
            sources.append(
                Source("note", name, full_text.get(p.note_id, p.text), note_id=p.note_id)
            )
        lines.append("")
        lines.append(f"**{t('chat_knowledge_heading', lang)}**")
        if not hits:
            lines.append(t("chat_no_knowledge", lang))
        for h in hits:
            name = _unique(h.title, taken)
            section = f" ({h.heading})" if h.heading else ""
            body = h.text.split("\n", 2)[-1] if h.text.count("\n") >= 2 else h.text
            lines.append(f"- {name}{section}: {excerpt(body, KNOWLEDGE_EXCERPT)}")
            entry = self.c.knowledge.get(h.entry_id, lang)
            text = h.text
            if entry is not None:
                refs = "\n".join(f"- {src}" for src in entry.sources)
                text = f"{entry.body}\n\n**{t('chat_sources_label', lang)}**\n{refs}"
            sources.append(Source("knowledge", name, text, entry_id=h.entry_id))

        prompt = get_prompt("coach_answer", lang)
        system, user = prompt.render(
            question=excerpt(question, 600),
            notes="\n".join(
                f"- {p.person}, {p.date.isoformat()}: {excerpt(p.text, 300)}" for p in passages
            )
            or "-",
            knowledge="\n".join(excerpt(h.text, 400) for h in hits) or "-",
        )
        return Draft(
            question=question,
            language=lang,
            body="\n".join(lines),
            sources=sources,
            messages=[SystemMessage(system), HumanMessage(user)],
            person=person["name"] if person else None,
            inputs=[user, *(s.text for s in sources)],
        )

    async def stream(self, draft: Draft) -> AsyncIterator[str]:
        """The cited skeleton, then the model's paragraph if the output gate passed it."""
        yield draft.body
        try:
            verdict = await gated_paragraph(
                self.c.llm,
                draft.messages,
                get_prompt("coach_answer", draft.language),
                language=draft.language,
                question=draft.question,
                inputs=draft.inputs,
            )
            if verdict is not None and verdict.ok:
                yield f"\n\n**{t('chat_llm_heading', draft.language)}**\n{verdict.text}"
        except LLMUnavailable as e:
            yield "\n\n_" + t("chat_llm_unavailable", draft.language, reason=str(e)) + "_"
