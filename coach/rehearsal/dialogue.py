"""The authored dialogue: what the persona can say, as validated content per language.

Content lives in knowledge/scenarios/: each scenario file has its band lines
(`fallback_lines`, the persona's answers by tension band), and dialogue/<id>.yaml adds the
facts its lines may name, the lines of the exploration, agreement and stalemate phases;
dialogue/moves.yaml holds the reactions to the manager's move that every scenario shares,
plus the markers for the moves coach.analytics has no detector for.

Validated on load, like prompts: both languages complete, every `{slot}` known, at least two
lines per move and band, and every (phase, band, move) the rules can reach has a line.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import model_validator

from coach.rehearsal import rules
from coach.rehearsal.scenarios import (
    BANDS,
    LANGUAGES,
    SCENARIO_DIR,
    BandLines,
    ContentModel,
    LocalizedList,
    load_scenarios,
)

DIALOGUE_DIR = SCENARIO_DIR / "dialogue"
CARD_SLOTS = frozenset({"name", "role"})  # from the persona card; facts add their own keys


Lines = LocalizedList  # the lines of one move, phase or band, in both languages


class Markers(ContentModel):
    proposal: Lines
    off_topic: Lines
    empathy: Lines
    silence: Lines
    relation: Lines
    cheerful: Lines


class MoveBank(ContentModel):
    version: int
    moves: dict[str, BandLines]
    markers: Markers

    @model_validator(mode="after")
    def _complete(self) -> MoveBank:
        missing = set(rules.AUTHORED_MOVES) - set(self.moves)
        if missing:
            raise ValueError(f"moves.yaml lacks the moves {sorted(missing)}")
        unknown = set(self.moves) - set(rules.AUTHORED_MOVES)
        if unknown:
            raise ValueError(f"moves.yaml has unknown moves {sorted(unknown)}")
        for move, bands in self.moves.items():
            bands.check(f"moves.{move}")
        return self


class Facts(ContentModel):
    nl: dict[str, str]
    en: dict[str, str]

    def get(self, language: str) -> dict[str, str]:
        return dict(self.en if language == "en" else self.nl)


class ScenarioDialogue(ContentModel):
    scenario: str
    facts: Facts
    exploration: Lines
    agreement: Lines
    stalemate: Lines

    @model_validator(mode="after")
    def _complete(self) -> ScenarioDialogue:
        if set(self.facts.nl) != set(self.facts.en):
            raise ValueError(f"{self.scenario}: facts differ between nl and en")
        for part in ("exploration", "agreement", "stalemate"):
            lines: Lines = getattr(self, part)
            for lang in LANGUAGES:
                if len(lines.get(lang)) < 2:
                    raise ValueError(f"{self.scenario}.{part}.{lang} needs at least two lines")
        return self


def slots(line: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(line) if name}


@dataclass(frozen=True)
class Dialogue:
    """Everything the engine may say in one scenario, by pool name, band and language."""

    scenario_id: str
    bank: MoveBank
    own: ScenarioDialogue
    band_lines: dict[tuple[str, str], list[str]]  # (band, language) -> the scenario's lines

    def facts(self, language: str) -> dict[str, str]:
        return self.own.facts.get(language)

    def pool(self, name: str, band: str, language: str) -> list[str]:
        """`name`: a move (its shared reactions), "band" (the scenario's band lines), or
        exploration / agreement / stalemate (the scenario's phase lines, any band)."""
        if name == "band":
            return list(self.band_lines[(band, language)])
        if name in ("exploration", "agreement", "stalemate"):
            lines: Lines = getattr(self.own, name)
            return lines.get(language)
        return self.bank.moves[name].get(band, language)

    def all_lines(self, language: str) -> list[str]:
        out = [x for b in BANDS for x in self.band_lines[(b, language)]]
        for part in ("exploration", "agreement", "stalemate"):
            out += self.pool(part, "low", language)
        for bands in self.bank.moves.values():
            out += [x for b in BANDS for x in bands.get(b, language)]
        return out


def _load_yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _check_slots(d: Dialogue) -> None:
    for lang in LANGUAGES:
        known = CARD_SLOTS | set(d.facts(lang))
        for line in d.all_lines(lang):
            unknown = slots(line) - known
            if unknown:
                raise ValueError(f"{d.scenario_id}/{lang}: unknown slot {sorted(unknown)}: {line}")
    for bands in d.bank.moves.values():
        for lang in LANGUAGES:
            for band in BANDS:
                for line in bands.get(band, lang):
                    if slots(line) - CARD_SLOTS:
                        raise ValueError(f"moves.yaml may only use {sorted(CARD_SLOTS)}: {line}")


def _check_reachable(d: Dialogue) -> None:
    """Every phase and band is reachable by the rules, and every (phase, band, move) has
    something to say in both languages (checked for all, reachable or not)."""
    reached = rules.reachable_states()
    phases = {p for p, _ in reached}
    bands = {b for _, b in reached}
    if phases != set(rules.PLAYED_PHASES) or bands != set(BANDS):
        raise ValueError(f"unreachable: {set(rules.PLAYED_PHASES) - phases, set(BANDS) - bands}")
    for phase in rules.PLAYED_PHASES:
        for band in BANDS:
            for move in rules.MOVES:
                for lang in LANGUAGES:
                    chain = rules.pool_chain(phase, band, move)
                    if not any(d.pool(name, b, lang) for name, b in chain):
                        raise ValueError(
                            f"{d.scenario_id}/{lang}: nothing to say in {phase}/{band}/{move}"
                        )


@lru_cache(maxsize=2)
def load_dialogues(root: Path = DIALOGUE_DIR) -> dict[str, Dialogue]:
    """All scenarios' dialogue, validated; a scenario without a dialogue file is an error."""
    bank = MoveBank.model_validate(_load_yaml(root / "moves.yaml"))
    found: dict[str, Dialogue] = {}
    for sc in load_scenarios().values():
        path = root / f"{sc.id}.yaml"
        if not path.exists():
            raise ValueError(f"scenario {sc.id} has no dialogue file {path.name}")
        own = ScenarioDialogue.model_validate(_load_yaml(path))
        if own.scenario != sc.id:
            raise ValueError(f"{path.name} is for {own.scenario}, not {sc.id}")
        band_lines: dict[tuple[str, str], list[str]] = {
            (b, lang): sc.fallback_lines.get(b, lang) for b in BANDS for lang in LANGUAGES
        }
        d = Dialogue(sc.id, bank, own, band_lines)
        _check_slots(d)
        _check_reachable(d)
        found[sc.id] = d
    return found


def get_dialogue(scenario_id: str) -> Dialogue:
    return load_dialogues()[scenario_id]


def markers(kind: str, language: str) -> list[str]:
    bank = next(iter(load_dialogues().values())).bank
    lines: Lines = getattr(bank.markers, kind)
    return lines.get(language)


def has_marker(text: str, kind: str, language: str) -> bool:
    low = " ".join(text.lower().split())
    return any(
        re.search(rf"(?<![\w']){re.escape(m)}(?![\w'])", low) for m in markers(kind, language)
    )


def authored_line_count(language: str) -> int:
    """Distinct authored lines in a language (the issue asks for at least 150)."""
    lines: set[str] = set()
    for d in load_dialogues().values():
        lines.update(d.all_lines(language))
    return len(lines)
