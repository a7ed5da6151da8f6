"""The persona the manager rehearses against: a scenario's generic character, or a team member.

A Persona is plain data so the UI can show it as an editable card and hand it back with
`Persona.from_dict`. With a team member, the name, role and communication style come from the
person's profile and the latest notes become "recent events"; the concerns always come from
the scenario, because they are what the exercise is about. RehearsalService.persona
(coach/rehearsal/service.py) reads the team member from the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from coach.i18n import t
from coach.rehearsal.scenarios import Scenario
from coach.storage import repo
from coach.storage.db import Database

MAX_EVENTS = 5
EVENT_CHARS = 140
STYLE_CHARS = 300


@dataclass
class Persona:
    """Who the LLM plays. Editable: every field is plain text or a list of text."""

    scenario_id: str
    language: str
    name: str
    role: str
    background: str = ""
    style: str = ""
    recent_events: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    person_id: int | None = None
    pronouns: str = ""  # "zij/haar", "he/him"; empty: not filled in on the person's record
    facts: dict[str, str] = field(default_factory=dict)  # the dialogue's slots ({tenure})

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    def slot_values(self) -> dict[str, str]:
        """What the authored lines may name: the card's name and role, and its facts."""
        role = self.role[:1].lower() + self.role[1:] if self.role else ""
        return {**self.facts, "name": self.first_name, "role": role}

    @property
    def label(self) -> str:
        """Shown on the card so nobody mistakes the role-play for the real person."""
        return t("rehearsal_simulation_label", self.language)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["label"] = self.label
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Persona:
        """Accepts a card edited in the UI; unknown keys (like `label`) are ignored."""
        return cls(
            scenario_id=str(data["scenario_id"]),
            language=str(data.get("language", "nl")),
            name=str(data.get("name", "")).strip(),
            role=str(data.get("role", "")).strip(),
            background=str(data.get("background", "")).strip(),
            style=str(data.get("style", "")).strip(),
            recent_events=[str(e).strip() for e in data.get("recent_events", []) if str(e).strip()],
            concerns=[str(c).strip() for c in data.get("concerns", []) if str(c).strip()],
            person_id=int(data["person_id"]) if data.get("person_id") is not None else None,
            pronouns=str(data.get("pronouns", "")).strip(),
            facts={
                str(k): " ".join(str(v).split())
                for k, v in dict(data.get("facts") or {}).items()
                if str(v).strip()
            },
        )


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word, with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def shorten(text: str, limit: int = EVENT_CHARS) -> str:
    """The first sentence of a note, clipped: enough for the model, little to leak."""
    flat = " ".join(text.split())
    return clip(re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0], limit)


def scenario_facts(scenario: Scenario, language: str) -> dict[str, str]:
    from coach.rehearsal.dialogue import get_dialogue

    return get_dialogue(scenario.id).facts(language)


def tenure(start: dt.date | None, today: dt.date, language: str) -> str | None:
    """ "vier jaar" / "four years" from a start date; None under a year or when unknown."""
    if start is None:
        return None
    years = today.year - start.year - ((today.month, today.day) < (start.month, start.day))
    if years < 1:
        return None
    words = _YEARS_NL if language == "nl" else _YEARS_EN
    count = words[years] if years < len(words) else str(years)
    unit = "jaar" if language == "nl" else ("year" if years == 1 else "years")
    return f"{count} {unit}"


_YEARS_NL = "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf".split()
_YEARS_EN = "zero one two three four five six seven eight nine ten eleven twelve".split()


def generic_persona(scenario: Scenario, language: str) -> Persona:
    p = scenario.persona
    return Persona(
        scenario_id=scenario.id,
        language=language,
        name=p.name.get(language),
        role=p.role.get(language),
        background=p.background.get(language),
        concerns=p.concerns.get(language),
        pronouns=p.pronouns.get(language),
        facts=scenario_facts(scenario, language),
    )


def save_pronouns(db: Database, manager_id: int, person_id: int, pronouns: str) -> None:
    """Pronouns edited on the card go to the person's record, so the next card has them."""
    with db.session() as s:
        repo.get_person(s, manager_id, person_id).pronouns = " ".join(pronouns.split())[:40]
