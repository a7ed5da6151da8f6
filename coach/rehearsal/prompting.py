"""The role-play prompt file (prompts/rehearsal.yaml), validated on load.

A tiny local loader, because no shared prompt loader existed when this feature was written:
`extra="forbid"` rejects unknown keys, and every `{placeholder}` in a template must be a
declared variable (and every declared variable must be used) so a typo fails at start-up,
not in the middle of a conversation.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

PROMPT_FILE = Path(__file__).resolve().parents[2] / "prompts" / "rehearsal.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ByLanguage(_Model):
    nl: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class Tones(_Model):
    low: ByLanguage
    medium: ByLanguage
    high: ByLanguage


class Labels(_Model):
    background: ByLanguage
    style: ByLanguage
    events: ByLanguage


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class RehearsalPrompt(_Model):
    version: int
    variables: list[str]
    system: ByLanguage
    tone: Tones
    labels: Labels

    @model_validator(mode="after")
    def _variables_match(self) -> RehearsalPrompt:
        declared = set(self.variables)
        for lang in ("nl", "en"):
            used = placeholders(self.system.get(lang))
            if used != declared:
                raise ValueError(
                    f"system.{lang}: placeholders {sorted(used)} != variables {sorted(declared)}"
                )
        return self

    def tone_for(self, band: str, language: str) -> str:
        tones: ByLanguage = getattr(self.tone, band)
        return tones.get(language)

    def render_system(self, language: str, **values: str) -> str:
        missing = set(self.variables) - set(values)
        if missing:
            raise KeyError(f"missing prompt variables: {sorted(missing)}")
        return self.system.get(language).format(**values)


def load_prompt(path: Path) -> RehearsalPrompt:
    return RehearsalPrompt.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=2)
def rehearsal_prompt(path: Path = PROMPT_FILE) -> RehearsalPrompt:
    return load_prompt(path)
