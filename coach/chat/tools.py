"""The coach's tools: the services that exist, wrapped in one small typed layer.

The agent tier (coach/chat/agent.py) hands these to a capable model; the deterministic chat
can call the same functions. Every tool returns a `ToolResult`: the text the model reads,
in which each fact carries a marker such as [3], and the sources behind those markers. The
`Ledger` numbers sources across one answer, so a marker in the final text resolves to exactly
one note, action item, knowledge entry or brief, or the claim is removed.

Ownership: every call goes through the manager's id given at construction; a person is
found only within that manager's team (coach.team.lookup).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from coach.chat.service import Stores
from coach.errors import UserError
from coach.i18n import t
from coach.storage import repo
from coach.team.lookup import person_or_error

if TYPE_CHECKING:
    from langchain_core.tools import StructuredTool

    from coach.cadence.service import CadenceService
    from coach.prep.service import PrepService

Kind = Literal["note", "action", "knowledge", "brief", "cadence", "phrasing", "person"]
NOTE_CHARS = 600
MAX_ITEMS = 8


@dataclass(frozen=True)
class ToolSource:
    """What a marker points at: `ref` is the note id, action id or knowledge entry id."""

    kind: Kind
    title: str
    text: str
    ref: str


@dataclass
class Ledger:
    """Sources of one answer, numbered in the order the tools returned them (1, 2, ...)."""

    sources: dict[str, ToolSource] = field(default_factory=dict)

    def add(self, source: ToolSource) -> str:
        for key, have in self.sources.items():
            if (have.kind, have.ref) == (source.kind, source.ref):
                return key
        key = str(len(self.sources) + 1)
        self.sources[key] = source
        return key


@dataclass(frozen=True)
class ToolResult:
    text: str
    keys: tuple[str, ...] = ()


def _flat(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


class ToolParts(Stores, Protocol):
    """What the tools read: the chat's stores and the two services only the tools use (no
    settings, model or clock: a tool's day comes with the tools; the app's container
    satisfies it, and chat never imports the container itself)."""

    @property
    def prep(self) -> PrepService: ...
    @property
    def cadence(self) -> CadenceService: ...


@dataclass(kw_only=True, eq=False)
class CoachTools:
    """One manager's tools for one answer; `ledger` collects what they returned."""

    parts: ToolParts
    manager_id: int
    language: str
    today: Callable[[], dt.date]
    ledger: Ledger = field(default_factory=Ledger, init=False)

    def _person(self, ref: str) -> tuple[int, str]:
        with self.parts.db.session() as s:
            p = person_or_error(s, self.manager_id, ref.strip())
            return p.id, p.name

    def _cite(self, source: ToolSource) -> str:
        return f"[{self.ledger.add(source)}]"

    def _safe(self, fn: Callable[[], ToolResult]) -> ToolResult:
        """A tool never raises into the model loop: a user error becomes its message."""
        try:
            return fn()
        except UserError as e:
            return ToolResult(t(e.key, self.language, **e.params))

    # --- the tools ------------------------------------------------------------------------

    def search_notes(self, query: str, person: str | None = None) -> ToolResult:
        def run() -> ToolResult:
            pid = self._person(person)[0] if person else None
            hits = self.parts.retriever.search(self.manager_id, query, person_id=pid, k=5)
            lines = []
            for h in hits:
                title = f"{h.person} · {h.date.isoformat()}"
                mark = self._cite(ToolSource("note", title, h.text, str(h.note_id)))
                lines.append(f"{mark} {title}: {_flat(h.text, NOTE_CHARS)}")
            return ToolResult("\n".join(lines) or "-", tuple(m[1:-1] for m in _marks(lines)))

        return self._safe(run)

    def agreements(self, person: str, status: str | None = None) -> ToolResult:
        def run() -> ToolResult:
            pid, name = self._person(person)
            with self.parts.db.session() as s:
                items = repo.list_action_items(s, self.manager_id, person_id=pid, status=status)
                rows = [(a.id, a.text, a.owner, a.owner_name, a.status, a.due_date) for a in items]
            lines = []
            for aid, text, owner, owner_name, st, due in rows[-MAX_ITEMS:]:
                who = owner_name or (name if owner == "employee" else "manager")
                when = due.isoformat() if due else "-"
                body = f"{text} (owner: {who}, status: {st}, due: {when})"
                mark = self._cite(ToolSource("action", f"{name}: {text}", body, str(aid)))
                lines.append(f"{mark} {body}")
            return ToolResult("\n".join(lines) or "-", tuple(m[1:-1] for m in _marks(lines)))

        return self._safe(run)

    def person_overview(self, person: str) -> ToolResult:
        def run() -> ToolResult:
            pid, name = self._person(person)
            with self.parts.db.session() as s:
                p = repo.get_person(s, self.manager_id, pid)
                meetings = repo.list_meetings(s, self.manager_id, pid)
                open_items = repo.list_action_items(
                    s, self.manager_id, person_id=pid, status="open"
                )
                role, n_open = p.role or "-", len(open_items)
                last = max((m.held_at.date() for m in meetings), default=None)
            rows = self.parts.cadence.team(self.manager_id)
            cad = next((r.cadence for r in rows if r.person.id == pid), None)
            body = (
                f"{name}, role: {role}; 1:1s on record: {len(meetings)}; last 1:1: "
                f"{last.isoformat() if last else '-'}; open action items: {n_open}; "
                f"next 1:1 due: {cad.next_due if cad else '-'} ({cad.status if cad else '-'})"
            )
            mark = self._cite(ToolSource("person", name, body, str(pid)))
            return ToolResult(f"{mark} {body}", (mark[1:-1],))

        return self._safe(run)

    def prep_brief(self, person: str) -> ToolResult:
        def run() -> ToolResult:
            from coach.prep.render import render_markdown

            pid, name = self._person(person)
            brief = self.parts.prep.build(
                self.manager_id, pid, today=self.today(), language=self.language
            )
            body = render_markdown(brief)
            mark = self._cite(ToolSource("brief", name, body, f"brief:{pid}"))
            return ToolResult(f"{mark} {_flat(body, 2500)}", (mark[1:-1],))

        return self._safe(run)

    def search_knowledge(self, query: str) -> ToolResult:
        def run() -> ToolResult:
            hits = self.parts.knowledge.search(query, language=self.language, k=3)
            lines = []
            for h in hits:
                entry = self.parts.knowledge.get(h.entry_id, self.language)
                audience = entry.audience if entry is not None else None
                title = f"{h.title} ({h.heading})" if h.heading else h.title
                body = entry.body if entry is not None else h.text
                mark = self._cite(ToolSource("knowledge", title, body, h.entry_id))
                who = f" [audience: {audience}]" if audience else ""
                lines.append(f"{mark} {title}{who}: {_flat(h.text, NOTE_CHARS)}")
            return ToolResult("\n".join(lines) or "-", tuple(m[1:-1] for m in _marks(lines)))

        return self._safe(run)

    def check_phrasing(self, text: str) -> ToolResult:
        from coach.prep.phrasing import advise

        advice = advise(text, self.language)
        issues = "; ".join(f"{i.label}: {i.explanation}" for i in advice.issues) or "none"
        better = " | ".join(r["text"] for r in advice.rewrites) or "-"
        return ToolResult(f"issues: {issues}\nbetter phrasings: {better}")

    def cadence_overview(self) -> ToolResult:
        rows = self.parts.cadence.team(self.manager_id)
        lines = []
        for r in rows:
            c = r.cadence
            body = f"{r.person.name}: last 1:1 {c.last or '-'}, next due {c.next_due} ({c.status})"
            mark = self._cite(ToolSource("cadence", r.person.name, body, f"cadence:{r.person.id}"))
            lines.append(f"{mark} {body}")
        return ToolResult("\n".join(lines) or "-", tuple(m[1:-1] for m in _marks(lines)))

    # --- for LangChain --------------------------------------------------------------------

    def langchain_tools(self) -> list[StructuredTool]:
        """The tools with model-facing docstrings (the contract the model reads)."""
        from langchain_core.tools import StructuredTool

        def search_notes(query: str, person: str | None = None) -> str:
            """Search the manager's own notes about team members. `query`: what to look for,
            in the manager's words; `person`: a team member's name to search only their notes.
            Each line starts with a marker like [3]: cite it after every claim you take from
            that line."""
            return self.search_notes(query, person).text

        def agreements(person: str, status: str | None = None) -> str:
            """Action items agreed with a team member in earlier 1:1s, with owner, status
            (open/done) and due date. `status`: 'open' for open items only. Cite the markers."""
            return self.agreements(person, status).text

        def person_overview(person: str) -> str:
            """Role, number of 1:1s, last 1:1, open action items and when the next 1:1 is
            due for one team member. Cite the marker."""
            return self.person_overview(person).text

        def prep_brief(person: str) -> str:
            """The full preparation brief for the next 1:1 with a team member: what happened
            since last time, open items, topics not discussed for long, agenda, questions."""
            return self.prep_brief(person).text

        def search_knowledge(query: str) -> str:
            """Search the knowledge base of good-conversation practice (question banks,
            playbooks, feedback models). Prefer entries whose audience is managers."""
            return self.search_knowledge(query).text

        def check_phrasing(text: str) -> str:
            """Check a sentence the manager plans to say: closed, leading or why questions,
            judging words, incomplete feedback, and better phrasings."""
            return self.check_phrasing(text).text

        def cadence_overview() -> str:
            """The 1:1 rhythm of the whole team: last 1:1, next due date, overdue or not."""
            return self.cadence_overview().text

        fns: list[Callable[..., str]] = [
            search_notes,
            agreements,
            person_overview,
            prep_brief,
            search_knowledge,
            check_phrasing,
            cadence_overview,
        ]
        return [StructuredTool.from_function(f) for f in fns]


def _marks(lines: list[str]) -> list[str]:
    return [line.split(" ", 1)[0] for line in lines]


__all__ = ["CoachTools", "Ledger", "ToolResult", "ToolSource"]
