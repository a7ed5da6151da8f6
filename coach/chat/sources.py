"""What a chat answer cites, and the one way its lines quote text.

A `Source` is what a citation chip opens; its `name` appears verbatim in the answer line, and
its `refs` say which rows it stands for ("note:12", "action:7", "checkin:3",
"knowledge:vragen-energie"), so an eval, the CLI and an agent can check what was cited.
Quotes are whole sentences: a cut in the middle of a sentence is how an agreement got lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from coach.topics import split_sentences

if TYPE_CHECKING:
    from coach.knowledge.entries import Entry
    from coach.storage.models import Note

SourceKind = Literal["note", "checkin", "knowledge"]


@dataclass(frozen=True)
class Source:
    """Something an answer cites; `name` appears verbatim in the answer text."""

    kind: SourceKind
    name: str
    text: str
    note_id: int | None = None
    entry_id: str | None = None
    refs: tuple[str, ...] = ()
    person_id: int | None = None
    audience: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "id": self.name, "text": self.text}
        out["refs"] = list(self.refs)
        if self.person_id is not None:
            out["person_id"] = self.person_id
        if self.entry_id:
            out["entry_id"] = self.entry_id
        if self.audience:
            out["audience"] = self.audience
        return out


@dataclass
class Answer:
    """Lines of Markdown, each citing by a source name, and the sources they cite."""

    lines: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def add(self, source: Source) -> str:
        """Add a source once (by name) and return the name to cite it by."""
        same = [s for s in self.sources if s.name == source.name]
        if same and (same[0].kind, same[0].note_id, same[0].entry_id) != (
            source.kind,
            source.note_id,
            source.entry_id,
        ):
            # Two notes of one person on one day: each keeps its own chip, "(2)" and so on.
            taken = {s.name for s in self.sources}
            i = 2
            while f"{source.name} ({i})" in taken:
                i += 1
            return self.add(replace(source, name=f"{source.name} ({i})"))
        for s in self.sources:
            if s.name == source.name:
                if set(source.refs) - set(s.refs):
                    merged = Source(
                        s.kind,
                        s.name,
                        s.text,
                        s.note_id,
                        s.entry_id,
                        tuple(dict.fromkeys([*s.refs, *source.refs])),
                        s.person_id,
                        s.audience,
                    )
                    self.sources[self.sources.index(s)] = merged
                return s.name
        self.sources.append(source)
        return source.name

    def extend(self, other: Answer) -> None:
        for s in other.sources:
            self.add(s)
        self.lines.extend(other.lines)


def flat(text: str) -> str:
    """One line: list markers and line breaks gone, spaces collapsed."""
    lines = (line.strip().lstrip("-*#>|").strip() for line in text.splitlines())
    return " ".join(" ".join(x for x in lines if x).split())


def sentences(text: str) -> list[str]:
    return [flat(s) for s in split_sentences(text) if flat(s)]


def quote(parts: list[str], limit: int = 320) -> str:
    """Whole sentences, as many as fit in `limit` characters (at least one, never cut)."""
    out: list[str] = []
    size = 0
    for p in parts:
        if out and size + len(p) + 1 > limit:
            break
        out.append(p)
        size += len(p) + 1
    return " ".join(out)


def knowledge_source(entry: Entry) -> Source:
    """A whole knowledge entry as a cited source (its audience shown when it opens)."""
    return Source(
        "knowledge",
        entry.title,
        entry.body,
        entry_id=entry.id,
        refs=(f"knowledge:{entry.id}",),
        audience=entry.audience,
    )


def note_name(person: str, date: dt.date) -> str:
    return f"{person} · {date.isoformat()}"


def note_source(person_name: str, person_id: int, note: Note) -> Source:
    """A whole note as a cited source, named after its person and date."""
    return Source(
        "note",
        note_name(person_name, note.date),
        note.text,
        note.id,
        refs=(f"note:{note.id}",),
        person_id=person_id,
    )


def checkin_name(label: str, person: str, date: dt.date) -> str:
    return f"{label} {person} · {date.isoformat()}"
