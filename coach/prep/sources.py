"""What a citation marker opens: the cited note, meeting, check-in or knowledge entry.

`load_sources` reads the rows behind a list of citations (always filtered on the manager);
`source_panels` is pure: it names each panel exactly like the marker in the text ('n12 · 3 okt')
so the chat can link the two, and writes its content in the manager's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import select

from coach.cadence.core import local_date
from coach.i18n import t
from coach.knowledge.entries import KNOWLEDGE_DIR, Entry, load_entries
from coach.prep.models import Citation, CitationKind
from coach.prep.render import label
from coach.prep.wording import short_date
from coach.storage.models import CheckIn, Meeting, Note, Person

if TYPE_CHECKING:
    from coach.knowledge.service import KnowledgeBase
    from coach.storage.db import Database

SourceKey = tuple[str, int | str]
CHECKIN_ANSWERS: tuple[str, ...] = ("wins", "hard", "discuss", "learn")


@dataclass(frozen=True)
class SourceRecord:
    """The facts behind one citation, as plain values (no ORM objects leave the session)."""

    kind: CitationKind
    id: int | str
    date: dt.date | None = None
    person: str = ""
    title: str = ""
    text: str = ""
    topics: tuple[str, ...] = ()
    scores: dict[str, int | None] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Panel:
    """One openable source: `name` equals the marker text, `content` is Markdown."""

    name: str
    content: str
    kind: CitationKind
    id: int | str


def _unique(citations: Iterable[Citation]) -> list[Citation]:
    seen: set[SourceKey] = set()
    out: list[Citation] = []
    for c in citations:
        if (c.kind, c.id) not in seen:
            seen.add((c.kind, c.id))
            out.append(c)
    return out


def _ids(citations: Sequence[Citation], kind: str) -> list[int]:
    return [int(c.id) for c in citations if c.kind == kind]


def load_sources(
    db: Database,
    timezone: str,
    knowledge: KnowledgeBase | None,
    manager_id: int,
    citations: Sequence[Citation],
    language: str,
) -> dict[SourceKey, SourceRecord]:
    """Blocking: the records behind `citations`; rows of other managers are never returned.
    `knowledge` is the knowledge base when it is loaded (None: read the Markdown files)."""
    out: dict[SourceKey, SourceRecord] = {}
    tz = timezone
    with db.session() as s:
        if ids := _ids(citations, "note"):
            q = (
                select(Note.id, Note.date, Note.text, Person.name)
                .join(Person, Person.id == Note.person_id)
                .where(Note.manager_id == manager_id, Note.id.in_(ids))
            )
            for nid, day, text, name in s.execute(q):
                out[("note", nid)] = SourceRecord("note", nid, day, name, text=text)
        if ids := _ids(citations, "meeting"):
            q2 = (
                select(Meeting.id, Meeting.held_at, Meeting.summary, Meeting.topics, Person.name)
                .join(Person, Person.id == Meeting.person_id)
                .where(Meeting.manager_id == manager_id, Meeting.id.in_(ids))
            )
            for mid, held, summary, topics, name in s.execute(q2):
                day = local_date(held, tz)
                rec = SourceRecord("meeting", mid, day, name, text=summary, topics=tuple(topics))
                out[("meeting", mid)] = rec
        if ids := _ids(citations, "checkin"):
            q3 = (
                select(CheckIn, Person.name)
                .join(Person, Person.id == CheckIn.person_id)
                .where(CheckIn.manager_id == manager_id, CheckIn.id.in_(ids))
            )
            for c, name in s.execute(q3):
                out[("checkin", c.id)] = SourceRecord(
                    "checkin",
                    c.id,
                    local_date(c.submitted_at, tz),
                    name,
                    scores={"energy": c.energy, "werkgeluk": c.werkgeluk},
                    answers={k: getattr(c, k) or "" for k in CHECKIN_ANSWERS},
                )
    for cite in citations:
        if cite.kind == "knowledge":
            entry = knowledge_entry(knowledge, str(cite.id), language)
            if entry is not None:
                out[("knowledge", cite.id)] = SourceRecord(
                    "knowledge", cite.id, title=entry.title, text=entry.body
                )
    return out


def knowledge_entry(kb: KnowledgeBase | None, entry_id: str, language: str) -> Entry | None:
    """kb.get when the knowledge base is loaded; otherwise the Markdown files directly, so
    opening a brief never waits for the embedding model."""
    if kb is not None:
        found: Entry | None = kb.get(entry_id, language)
        return found
    entries = _entries()
    other = "en" if language == "nl" else "nl"
    return entries.get((entry_id, language)) or entries.get((entry_id, other))


@lru_cache(maxsize=1)
def _entries() -> dict[tuple[str, str], Entry]:
    return {(e.id, e.language): e for e in load_entries(KNOWLEDGE_DIR)}


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def panel_content(rec: SourceRecord, lang: str) -> str:
    """The Markdown shown when a marker is opened, in the manager's language."""
    day = short_date(rec.date, lang, dt.date.min) if rec.date else ""
    if rec.kind == "note":
        head = t("prepare_src_note", lang, name=rec.person, date=day)
        return f"**{head}**\n\n{rec.text}"
    if rec.kind == "meeting":
        head = t("prepare_src_meeting", lang, name=rec.person, date=day)
        body = rec.text or t("prepare_src_no_summary", lang)
        lines = [f"**{head}**", "", body]
        if rec.topics:
            lines += ["", t("prepare_src_topics", lang, topics=", ".join(rec.topics))]
        return "\n".join(lines)
    if rec.kind == "checkin":
        head = t("prepare_src_checkin", lang, name=rec.person, date=day)
        energy, happy = rec.scores.get("energy"), rec.scores.get("werkgeluk")
        lines = [f"**{head}**", ""]
        lines.append(t("prepare_src_scores", lang, energy=_score(energy), werkgeluk=_score(happy)))
        for key in CHECKIN_ANSWERS:
            answer = rec.answers.get(key, "").strip()
            if answer:
                lines.append(f"- {t(f'prep_checkin_{key}', lang, answer=answer)}")
        return "\n".join(lines)
    head = t("prepare_src_knowledge", lang, title=rec.title)
    body = rec.text.lstrip()
    if body.startswith("# "):  # the entry's own title line: already in the heading
        body = body.split("\n", 1)[1].lstrip() if "\n" in body else ""
    return f"**{head}**\n\n{body}"


def source_panels(
    citations: Iterable[Citation],
    records: dict[SourceKey, SourceRecord],
    lang: str,
    ref: dt.date | None = None,
) -> list[Panel]:
    """One panel per distinct citation, named like its marker (same `ref` as the text)."""
    panels: list[Panel] = []
    for c in _unique(citations):
        rec = records.get((c.kind, c.id))
        content = panel_content(rec, lang) if rec else t("prepare_src_missing", lang)
        panels.append(Panel(label(c, lang, ref), content, c.kind, c.id))
    return panels
