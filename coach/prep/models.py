"""Typed results of the prep service: a brief of cited lines, and a cited follow-up answer.

Every line carries its sources so the chat can open them; nothing in a brief is uncited
except plain arithmetic on cited rows (agenda minutes, wrap-up).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from coach.team.lookup import PersonRef
from coach.topics import TOPICS

CitationKind = Literal["note", "meeting", "checkin", "knowledge"]

SECTIONS: tuple[str, ...] = (
    "since_last",
    "open_actions",
    "topic_coverage",
    "checkin",
    "cadence",
    "agenda",
    "questions",
)

CORE_TOPICS: tuple[str, ...] = tuple(t for t in TOPICS if t != "collaboration")
"""The themes of 'het goede gesprek' whose coverage the brief tracks (order = display order)."""

GAP_DAYS = 90
"""A theme not discussed in the last 90 days is a gap."""


@dataclass(frozen=True)
class Citation:
    """One source: a SQL row of this manager (note, meeting, check-in) or a knowledge entry."""

    kind: CitationKind
    id: int | str
    date: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id}


@dataclass(frozen=True)
class BriefItem:
    """One line of a section: its text, its sources and structured extras (topic, due...)."""

    text: str
    citations: tuple[Citation, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
        }
        for key, value in self.extra.items():
            data[key] = value.isoformat() if isinstance(value, dt.date) else value
        return data


@dataclass(frozen=True)
class Brief:
    """The pre-meeting brief for one employee, in one language, as of one day."""

    person: PersonRef
    language: str
    generated_for: dt.date
    sections: dict[str, list[BriefItem]]
    narrative: str | None = None  # written by a capable LLM from cited lines (prep.narrate)

    def section(self, name: str) -> list[BriefItem]:
        return self.sections.get(name, [])

    @property
    def gaps(self) -> list[str]:
        """Topics not discussed in the last GAP_DAYS days, in display order."""
        return [i.extra["topic"] for i in self.section("topic_coverage") if i.extra.get("gap")]

    @property
    def covered(self) -> list[str]:
        return [i.extra["topic"] for i in self.section("topic_coverage") if not i.extra.get("gap")]

    def citations(self) -> list[Citation]:
        """Every citation in section order, duplicates removed."""
        seen: set[tuple[str, int | str]] = set()
        out: list[Citation] = []
        for name in SECTIONS:
            for item in self.section(name):
                for c in item.citations:
                    if (c.kind, c.id) not in seen:
                        seen.add((c.kind, c.id))
                        out.append(c)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": {"id": self.person.id, "name": self.person.name},
            "language": self.language,
            "generated_for": self.generated_for.isoformat(),
            "narrative": self.narrative,
            "sections": {
                name: [item.to_dict() for item in self.section(name)] for name in SECTIONS
            },
        }


@dataclass(frozen=True)
class Answer:
    """A follow-up answer: markdown text with markers, and the sources behind them."""

    text: str
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": [c.to_dict() for c in self.citations]}
