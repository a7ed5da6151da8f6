"""The words of the rewrite suggestions: rewrites.<lang>.yaml, validated when first loaded.

`rewrite.py` decides which technique fits an utterance and fills in its parts (the topic, the
place, the manager's own words); these files say it in each language. Every text takes exactly
the placeholders its slot is filled with, so a typo in a file fails at load, not mid-advice.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict

LANGUAGES = ("nl", "en")


def _takes(*names: str) -> AfterValidator:
    def check(text: str) -> str:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        if used != set(names):
            raise ValueError(f"{text!r} takes {sorted(names)}, not {sorted(used)}")
        return text

    return AfterValidator(check)


Plain = Annotated[str, _takes()]
AboutSubject = Annotated[str, _takes("subject")]


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Suggestion(_Content):
    """A better version of an utterance and why it is better."""

    text: Plain
    reason: Plain


class AboutSuggestion(Suggestion):
    text: Annotated[str, _takes("about")]


class OnUtterance(Suggestion):
    text: Annotated[str, _takes("utterance")]


class ClosedToOpen(_Content):
    reason: Plain
    about: tuple[AboutSubject, AboutSubject]
    plain: tuple[Plain, Plain]


class Accusation(_Content):
    sbi_at: Annotated[str, _takes("place")]
    sbi: Plain
    sbi_reason: Plain
    i_message: Suggestion


class Leading(_Content):
    reason: Plain
    about: AboutSubject
    plain: Plain
    view: Plain


class Why(_Content):
    reason: Plain
    then: Plain


class Stacked(_Content):
    reason: Plain
    broad: Suggestion


class Advice(_Content):
    about: AboutSubject
    tried: AboutSuggestion
    permission: Suggestion


class CompleteSbi(_Content):
    situation: Plain
    behaviour: Plain
    impact: Plain
    reason: Plain
    ask: Plain
    ask_reason: Plain


class Polish(_Content):
    reflect: OnUtterance
    deepen: OnUtterance


class Situation(_Content):
    """Words (regular expressions) of a place in time: "tijdens de meeting van gisteren"."""

    prepositions: tuple[str, ...]
    determiners: tuple[str, ...]
    links: tuple[str, ...]
    times: tuple[str, ...]


class RewriteTexts(_Content):
    """One language's texts, one group per technique."""

    closed_to_open: ClosedToOpen
    accusation: Accusation
    leading: Leading
    why: Why
    stacked: Stacked
    advice: Advice
    complete_sbi: CompleteSbi
    polish: Polish
    situation: Situation


@lru_cache(maxsize=len(LANGUAGES))
def rewrite_texts(language: str) -> RewriteTexts:
    """The texts of `language` ("nl" or "en"), validated once per process."""
    path = Path(__file__).with_name(f"rewrites.{language}.yaml")
    return RewriteTexts.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def situation_pattern() -> re.Pattern[str]:
    """Where something happened, in either language ("in de meeting van gisteren", "during
    the demo on Monday"): a preposition, an optional determiner, a word or two, then an
    optional link and time."""
    words = [rewrite_texts(lang).situation for lang in LANGUAGES]

    def one_of(parts: list[str]) -> str:
        return "|".join(parts)

    preps = one_of([p for w in words for p in w.prepositions])
    dets = one_of([d for w in words for d in w.determiners])
    links = one_of([" " + link for w in words for link in w.links])
    times = one_of([t for w in words for t in w.times])
    return re.compile(
        rf"\b(({preps}) ({dets})? ?[\w'-]+ ?[\w'-]*({links})? ?({times})?)", re.IGNORECASE
    )
