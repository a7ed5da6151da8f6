"""Rehearsal scenarios: the YAML files in knowledge/scenarios/, validated on load.

Scenarios are content, not code: a missing language or band fails loudly at load time so a
broken file never surfaces halfway through a rehearsal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from coach.knowledge.entries import KNOWLEDGE_DIR

Language = Literal["nl", "en"]
Band = Literal["low", "medium", "high"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
BANDS: tuple[Band, ...] = ("low", "medium", "high")
SCENARIO_DIR = KNOWLEDGE_DIR / "scenarios"
# The order the UI offers them in (the order).
SCENARIO_IDS = (
    "underperformance",
    "missed-deadlines",
    "declined-promotion",
    "burnout",
    "conflict",
    "bad-news",
    "career-ambition",
    "praise",
)


class ContentModel(BaseModel):
    """Validated content: an unknown key or a change after loading is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(ContentModel):
    nl: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class LocalizedList(ContentModel):
    nl: list[str]
    en: list[str]

    def get(self, language: str) -> list[str]:
        return list(self.en if language == "en" else self.nl)


class ScenarioPersona(ContentModel):
    name: Localized
    pronouns: Localized
    role: Localized
    background: Localized
    concerns: LocalizedList


class BandLines(ContentModel):
    """Lines per tension band, in both languages."""

    low: LocalizedList
    medium: LocalizedList
    high: LocalizedList

    def get(self, band: str, language: str) -> list[str]:
        lines: LocalizedList = getattr(self, band)
        return lines.get(language)

    def check(self, where: str) -> None:
        """ValueError unless every band has at least two lines in each language."""
        for band in BANDS:
            for lang in LANGUAGES:
                if len(self.get(band, lang)) < 2:
                    raise ValueError(f"{where}.{band}.{lang} needs at least two lines")


class FallbackLines(BandLines):
    @model_validator(mode="after")
    def _non_empty(self) -> FallbackLines:
        self.check("fallback_lines")
        return self


class Scenario(ContentModel):
    id: str
    playbook: str
    title: Localized
    description: Localized
    persona: ScenarioPersona
    opening_line: Localized
    fallback_lines: FallbackLines
    hints: LocalizedList


@dataclass(frozen=True)
class ScenarioChoice:
    """What a picker shows: id, title and one-paragraph description in one language."""

    id: str
    title: str
    description: str


class UnknownScenario(LookupError):
    def __init__(self, scenario_id: str) -> None:
        super().__init__(f"unknown scenario: {scenario_id}")
        self.scenario_id = scenario_id


def load_scenario_file(path: Path) -> Scenario:
    return Scenario.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def load_scenarios(root: Path = SCENARIO_DIR) -> dict[str, Scenario]:
    """All scenarios by id, in the issue's order first, then any extra files by id."""
    found = {s.id: s for s in (load_scenario_file(p) for p in sorted(root.glob("*.yaml")))}
    order = [i for i in SCENARIO_IDS if i in found] + sorted(set(found) - set(SCENARIO_IDS))
    return {i: found[i] for i in order}


def get_scenario(scenario_id: str) -> Scenario:
    try:
        return load_scenarios()[scenario_id]
    except KeyError:
        raise UnknownScenario(scenario_id) from None


def list_scenarios(language: str = "nl") -> list[ScenarioChoice]:
    return [
        ScenarioChoice(s.id, s.title.get(language), s.description.get(language))
        for s in load_scenarios().values()
    ]
