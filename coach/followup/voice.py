"""Turn an item or decision about the employee into words addressed to them.

The notes speak about Sanne ("haar ontwikkelplan", "welke cursus ze wil volgen"); the message
speaks to her ("je ontwikkelplan", "welke cursus je wilt volgen"). When the employee said it
herself in a transcript ("ik stuur je mijn rooster"), first and second person swap, because
the manager writes the message. Small word-level rules: the texts are short to-dos. The words
and forms of each language are content (voice.<lang>.yaml); one set of rules uses them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from coach.i18n import LANGUAGES

_TOKEN_RE = re.compile(r"\w+(?:[-']\w+)*|\W+")


class VoiceRules(BaseModel):
    """One language's words for `second_person` (see voice.nl.yaml for what each means)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    articles: frozenset[str]
    prepositions: frozenset[str]
    subject_pronouns: frozenset[str]
    subject_form: str
    object_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    either_pronouns: frozenset[str]
    object_form: str
    object_form_after_preposition: str
    possessive_form: str
    infinitive_suffix: str | None
    reflexives: dict[str, str]
    name_form: str
    name_form_after_preposition: str
    verbs_after_subject: dict[str, str]
    third_person_s: bool
    speaker_swap: dict[str, str]

    @model_validator(mode="after")
    def _check(self) -> VoiceRules:
        groups = (
            self.subject_pronouns,
            self.object_pronouns,
            self.possessive_pronouns,
            self.either_pronouns,
            frozenset(self.reflexives),
        )
        words = [w for group in groups for w in group]
        if len(words) != len(set(words)):
            raise ValueError("a pronoun stands in more than one group")
        keys = [*words, *self.articles, *self.prepositions, *self.verbs_after_subject]
        keys += list(self.speaker_swap)
        if any(w != w.lower() for w in keys):
            raise ValueError("words to match are written in lower case")
        if self.infinitive_suffix == "":
            raise ValueError("infinitive_suffix is a word ending or null")
        return self

    def pronoun_form(self, low: str, nxt: str, prev: str, words_left: int) -> str:
        """The object or possessive pronoun `low` addressed to the employee, judged by the
        word after it (`nxt`, "" at the end) and the one before it (`prev`)."""
        suffix = self.infinitive_suffix
        last_infinitive = suffix is not None and words_left == 1 and nxt.endswith(suffix)
        objective = low in self.object_pronouns or (
            low in self.either_pronouns
            and (not nxt or nxt in self.articles or nxt in self.prepositions or last_infinitive)
        )
        if not objective:
            return self.possessive_form
        return self.object_form_after_preposition if prev in self.prepositions else self.object_form

    def agreeing_verb(self, low: str, tok: str) -> str:
        """The verb after the subject pronoun, agreeing with "je"/"you"."""
        if low in self.verbs_after_subject:
            return self.verbs_after_subject[low]
        if self.third_person_s and low.endswith("s") and not low.endswith("ss") and len(low) > 3:
            return tok[:-1]
        return tok


@lru_cache(maxsize=len(LANGUAGES))
def rules(language: str) -> VoiceRules:
    """A language's rules, validated once per process (a bad file fails loudly)."""
    path = Path(__file__).with_name(f"voice.{language}.yaml")
    return VoiceRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _is_word(tok: str) -> bool:
    return bool(tok.strip()) and tok[0].isalnum()


def _next_word(tokens: list[str], i: int) -> str:
    for tok in tokens[i + 1 :]:
        if _is_word(tok):
            return tok.lower()
        if tok.strip():
            return ""
    return ""


def _swap_speaker(tokens: list[str], swap: dict[str, str]) -> list[str]:
    swapped = [(swap.get(tok.lower(), tok), tok) for tok in tokens]
    return [_match_case(new, tok) if new != tok else tok for new, tok in swapped]


def _addressed(tokens: list[str], name: str, r: VoiceRules) -> list[str]:
    out: list[str] = []
    after_subject = False  # the verb after "je"/"you" agrees with it
    pronouns = r.object_pronouns | r.possessive_pronouns | r.either_pronouns
    for i, tok in enumerate(tokens):
        low = tok.lower()
        prev = next((t.lower() for t in reversed(out) if t.strip()), "")
        new = tok
        if low in r.subject_pronouns:
            new, after_subject = r.subject_form, True
        elif low in pronouns:
            words_left = sum(1 for t in tokens[i + 1 :] if _is_word(t))
            new = r.pronoun_form(low, _next_word(tokens, i), prev, words_left)
        elif low in r.reflexives:
            new = r.reflexives[low]
        elif name and low == name.lower():
            new = r.name_form_after_preposition if prev in r.prepositions else r.name_form
            tok = tok if i == 0 else low  # a name is capitalised, "jou" only at the start
        elif after_subject and _is_word(tok):
            new, after_subject = r.agreeing_verb(low, tok), False
        out.append(_match_case(new, tok) if new != tok else tok)
    return out


def second_person(
    text: str, language: str, employee_first_name: str, *, voice: str = "manager"
) -> str:
    """`text` about the employee, rewritten as addressed to them."""
    tokens = _TOKEN_RE.findall(text)
    r = rules("en" if language == "en" else "nl")
    if voice == "employee":
        return "".join(_swap_speaker(tokens, r.speaker_swap))
    return "".join(_addressed(tokens, employee_first_name, r))
