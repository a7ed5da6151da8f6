"""Prompts are files: prompts/<name>.<lang>.yaml, validated when loaded.

Each file holds system, template, variables and version, and optionally `parts`: named
fragments that code picks and passes in as values (the role-play's tone per tension band, for
example). Parts take no placeholders. A template that uses a variable it does not declare (or
declares one it never uses) fails at start-up, not mid-conversation.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
LANGUAGES = ("nl", "en")


class PromptError(ValueError):
    """A prompt file is malformed or a render call misses a variable."""


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    language: str
    version: int = Field(ge=1)
    system: str
    template: str
    variables: tuple[str, ...]
    parts: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Prompt:
        if self.language not in LANGUAGES:
            raise ValueError(f"language {self.language!r} not in {LANGUAGES}")
        used = _fields(self.template) | _fields(self.system)
        declared = set(self.variables)
        if used - declared:
            raise ValueError(f"undeclared variables {sorted(used - declared)}")
        if declared - used:
            raise ValueError(f"unused variables {sorted(declared - used)}")
        for key, text in self.parts.items():
            if _fields(text):
                raise ValueError(f"part {key!r} may not take placeholders")
        return self

    def part(self, key: str) -> str:
        try:
            return self.parts[key]
        except KeyError:
            raise PromptError(f"prompt {self.name}.{self.language} has no part {key!r}") from None

    def render(self, **values: object) -> tuple[str, str]:
        """(system, user) texts; every declared variable must be given, no others."""
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise PromptError(
                f"prompt {self.name}.{self.language}: missing {sorted(missing)}, "
                f"unexpected {sorted(extra)}"
            )
        return self.system.format(**values), self.template.format(**values)


def load_prompt(path: Path) -> Prompt:
    name, _, lang = path.name.removesuffix(".yaml").rpartition(".")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
        return Prompt(name=name, language=lang, **data)
    except (ValueError, TypeError) as e:
        raise PromptError(f"{path}: {e}") from e


@lru_cache(maxsize=4)
def load_prompts(root: Path = PROMPTS_DIR) -> dict[tuple[str, str], Prompt]:
    """All prompts, keyed by (name, language); every name must exist in every language."""
    files = sorted(f for lang in LANGUAGES for f in root.glob(f"*.{lang}.yaml"))
    prompts = {(p.name, p.language): p for p in map(load_prompt, files)}
    for name in {n for n, _ in prompts}:
        missing = [lang for lang in LANGUAGES if (name, lang) not in prompts]
        if missing:
            raise PromptError(f"prompt {name!r} lacks languages {missing}")
        keys = {lang: set(prompts[name, lang].parts) for lang in LANGUAGES}
        if len({frozenset(k) for k in keys.values()}) > 1:
            raise PromptError(f"prompt {name!r} has different parts per language: {keys}")
    return prompts


def get_prompt(name: str, language: str, root: Path = PROMPTS_DIR) -> Prompt:
    prompts = load_prompts(root)
    prompt = prompts.get((name, language)) or prompts.get((name, "nl"))
    if prompt is None:
        raise PromptError(f"no prompt named {name!r}")
    return prompt
