"""Text and state for the rehearse flow: the setup steps, the persona card, card edits.

Pure functions (no Chainlit, no database) so the wording and the parsing are unit-tested;
every user-facing string comes from the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from coach.i18n import LANGUAGES, t
from coach.rehearsal import Persona, RehearsalSession, ScenarioChoice
from coach.rehearsal.scenarios import load_scenarios
from coach.retrieval.text import tokenize

METADATA_KEY = "rehearse"
Stage = Literal["scenario", "person", "difficulty", "card", "running", "done"]
STAGES: tuple[Stage, ...] = ("scenario", "person", "difficulty", "card", "running", "done")
GENERIC = {"nl": ("algemeen", "algemene", "generiek", "niemand"), "en": ("generic", "nobody")}


@dataclass
class Setup:
    """Where this thread's rehearsal stands; plain data, kept in the thread metadata."""

    stage: Stage = "scenario"
    scenario_id: str | None = None
    person_id: int | None = None  # None: the scenario's generic persona
    difficulty: str | None = None
    language: str = "nl"
    persona: dict[str, Any] | None = None
    session: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: object, language: str) -> Setup:
        """A stored setup, or a fresh one for anything malformed."""
        if not isinstance(raw, dict) or raw.get("stage") not in STAGES:
            return cls(language=language)
        try:
            setup = cls(**{k: raw[k] for k in asdict(cls()) if k in raw})
            if setup.session is not None:
                RehearsalSession.from_dict(setup.session)
            if setup.persona is not None:
                Persona.from_dict(setup.persona)
        except (TypeError, KeyError, ValueError):
            return cls(language=language)
        if setup.language not in LANGUAGES:
            setup.language = language
        return setup

    def restart(self) -> Setup:
        return Setup(language=self.language)


# --- matching what the manager typed ------------------------------------------------------


def match_scenario(text: str, choices: list[ScenarioChoice]) -> str | None:
    """The scenario a typed line is about ("afgewezen promotie" -> declined-promotion), or None.

    Scores the overlap of stemmed words with each title (double) and id; a tie is no answer.
    """
    words = set(tokenize(text))
    if not words:
        return None
    scores: list[tuple[int, str]] = []
    for c in choices:
        title = set(tokenize(c.title))
        ident = set(tokenize(c.id.replace("-", " ")))
        scores.append((2 * len(words & title) + len(words & ident), c.id))
    scores.sort(reverse=True)
    best = scores[0]
    if best[0] == 0 or (len(scores) > 1 and scores[1][0] == best[0]):
        return None
    return best[1]


def wants_generic(text: str) -> bool:
    words = set(re.findall(r"\w+", text.lower()))
    return bool(words & set(GENERIC["nl"] + GENERIC["en"]))


def match_difficulty(text: str) -> str | None:
    words = re.findall(r"\w+", text.lower())
    aliases = {
        "easy": "easy",
        "makkelijk": "easy",
        "gemakkelijk": "easy",
        "medium": "medium",
        "gemiddeld": "medium",
        "normaal": "medium",
        "hard": "hard",
        "moeilijk": "hard",
        "lastig": "hard",
    }
    found = {aliases[w] for w in words if w in aliases}
    return found.pop() if len(found) == 1 else None


# --- the persona card ---------------------------------------------------------------------

# field -> the words a manager may use for it (Dutch and English), for typed edits
EDITABLE: dict[str, tuple[str, ...]] = {
    "name": ("naam", "name"),
    "pronouns": ("voornaamwoorden", "voornaamwoord", "pronouns", "pronoun"),
    "role": ("rol", "functie", "role"),
    "background": ("achtergrond", "background"),
    "style": ("stijl", "communicatiestijl", "style"),
    "recent_events": ("gebeurtenissen", "gebeurtenis", "events", "recent"),
    "concerns": ("zorgen", "zorg", "concerns", "worries"),
    "facts": ("feiten", "feit", "facts", "fact"),
}
LIST_FIELDS = ("recent_events", "concerns")
FIELD_MAX_CHARS = 600


def parse_edits(text: str) -> dict[str, str | list[str]]:
    """`veld: waarde` lines -> {field: value}; lists are split on ';'. Unknown keys ignored."""
    lookup = {alias: name for name, aliases in EDITABLE.items() for alias in aliases}
    edits: dict[str, str | list[str]] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        name = lookup.get(key.strip().lower().lstrip("-* "))
        if not sep or name is None:
            continue
        value = " ".join(value.split())[:FIELD_MAX_CHARS]
        if name in LIST_FIELDS:
            edits[name] = [x.strip() for x in value.split(";") if x.strip()]
        elif name == "facts":
            edits[name] = value  # "tenure = vijf jaar; colleague = Ilse", merged in apply_edits
        elif value or name not in ("name", "role"):
            edits[name] = value
    return edits


def apply_edits(persona: Persona, edits: dict[str, str | list[str]]) -> Persona:
    """The card with the edits; facts are `key = value` pairs merged into the card's facts
    (only keys the scenario's lines use, so a typo cannot add a slot nobody fills)."""
    changes: dict[str, object] = {k: v for k, v in edits.items() if k != "facts"}
    if isinstance(edits.get("facts"), str):
        facts = dict(persona.facts)
        for pair in str(edits["facts"]).split(";"):
            key, sep, value = pair.partition("=")
            if sep and key.strip() in facts and value.strip():
                facts[key.strip()] = value.strip()
        changes["facts"] = facts
    return replace(persona, **changes)  # type: ignore[arg-type]


def difficulty_label(difficulty: str, lang: str) -> str:
    return t(f"rehearse_difficulty_{difficulty}", lang)


def language_label(language: str, lang: str) -> str:
    return t(f"language_{language}", lang)


def persona_card(persona: Persona, setup: Setup, lang: str) -> str:
    """The card shown before the start: clearly a simulation, every field editable."""
    sc = load_scenarios()[persona.scenario_id]
    none = t("rehearsal_debrief_none", lang)

    def items(values: list[str]) -> str:
        return "".join(f"\n  - {v}" for v in values) if values else f" {none}"

    lines = [
        f"### 🎭 {t('rehearsal_simulation_label', lang)}: {persona.name}",
        "",
        f"**{t('rehearse_card_scenario', lang)}:** {sc.title.get(lang)} · "
        f"**{t('rehearse_card_difficulty', lang)}:** "
        f"{difficulty_label(setup.difficulty or 'medium', lang)} · "
        f"**{t('rehearse_card_language', lang)}:** {language_label(setup.language, lang)}",
        "",
        f"- **{t('rehearse_field_name', lang)}:** {persona.name}",
        f"- **{t('rehearse_field_pronouns', lang)}:** "
        f"{persona.pronouns or t('rehearse_pronouns_unknown', lang)}",
        f"- **{t('rehearse_field_role', lang)}:** {persona.role or none}",
        f"- **{t('rehearse_field_background', lang)}:** {persona.background or none}",
        f"- **{t('rehearse_field_style', lang)}:** {persona.style or none}",
        f"- **{t('rehearse_field_recent_events', lang)}:**{items(persona.recent_events)}",
        f"- **{t('rehearse_field_concerns', lang)}:**{items(persona.concerns)}",
        f"- **{t('rehearse_field_facts', lang)}:**"
        f"{items([f'{k} = {v}' for k, v in persona.facts.items()])}",
        "",
        t("rehearse_card_simulation", lang, name=persona.name),
    ]
    return "\n".join(lines)


def edit_help(lang: str) -> str:
    return t("rehearse_edit_help", lang)
