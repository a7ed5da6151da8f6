"""Rule outputs as features for the learned detectors, one vector per sentence.

The learned detectors (coach.analytics.learned) see a sentence embedding plus these facts
from the rules, so the rules keep helping where they are reliable (a "?" at the end, a
wh-word after fillers, a "so you feel" stem) and the classifier decides where they are not.
The same function feeds training (scripts/train_analytics.py) and inference: any change
here needs a retrain (the artefact stores FEATURE_NAMES and refuses a mismatch).
"""

from __future__ import annotations

import math
import re

from coach.analytics import lexicon as lx
from coach.analytics._text import has_phrase, is_filler, starts_with_phrase, strip_lead, tokens
from coach.analytics.questions import _sentence_questions, clause_form, is_leading
from coach.analytics.reflections import _FEELINGS, _STEMS, ReflectionType, reflection_kind

# A checking question after a reflection: "..., is that right?", "..., klopt dat?"
_CHECK_TAG = re.compile(
    r"[,;:]?\s*\b(is that (right|it|correct|fair)|did i get that right|am i right|right|"
    r"correct|does that fit|klopt dat|klopt het|toch|hè|he|of niet|zie ik dat goed|"
    r"heb ik dat goed|begrijp ik dat goed)\s*\?+\s*$",
    re.IGNORECASE,
)
_FORMS = ("wh", "yn", "prompt", "indirect", "ellipsis", "ellipsis_open")
FEATURE_NAMES: tuple[str, ...] = (
    "ends_q",
    "ends_excl",
    "rule_question",
    "rule_open",
    "rule_closed",
    *(f"form_{f}" for f in _FORMS),
    "form_none",
    "why",
    "fact_wh",
    "tell_verb",
    "leading",
    "check_tag",
    "rule_reflection",
    "rule_complex",
    "log_tokens",
    "filler",
    "you_start",
    "first_person_start",
    "feeling_word",
    "reflection_stem",
    "wh_anywhere",
    "lang_nl",
)


def check_tag_body(sentence: str) -> str | None:
    """The statement before a checking tag ("So you're tired, right?" -> "So you're tired")."""
    match = _CHECK_TAG.search(sentence)
    if match is None or match.start() == 0:
        return None
    body = sentence[: match.start()].rstrip(" ,;:")
    return body if len(tokens(body)) >= 2 else None


def rule_reflection(sentence: str) -> ReflectionType | None:
    """Rule reflection of a sentence; a reflection with a checking tag still counts."""
    if sentence.rstrip().endswith("?"):
        body = check_tag_body(sentence)
        return reflection_kind(body + ".") if body else None
    return reflection_kind(sentence)


def sentence_features(sentence: str, language: str) -> list[float]:
    """The rule facts of one sentence, in FEATURE_NAMES order."""
    raw = tokens(sentence)
    toks = strip_lead(raw)
    joined = " ".join(toks)
    stripped = sentence.rstrip()
    found = _sentence_questions(sentence)
    kinds = {k for _, k in found}
    form = clause_form(sentence.split(",")[0]) if toks else None
    if form is None and toks:
        form = clause_form(sentence)
    refl = rule_reflection(sentence)
    low = sentence.lower()
    feats = [
        float(stripped.endswith("?")),
        float(stripped.endswith("!")),
        float(bool(found)),
        float("open" in kinds),
        float(bool(found) and "open" not in kinds),
        *(float(form == f) for f in _FORMS),
        float(form is None),
        float(bool(toks) and toks[0] in lx.WHY),
        float(starts_with_phrase(toks, lx.FACT_WH)),
        float(has_phrase(joined, lx.TELL_VERBS) is not None),
        float(bool(found) and is_leading(sentence)),
        float(check_tag_body(sentence) is not None),
        float(refl is not None),
        float(refl == "complex"),
        math.log1p(len(raw)) / 3.0,
        float(is_filler(raw)),
        float(bool(toks) and toks[0] in lx.YOU),
        float(bool(toks) and toks[0] in lx.FIRST_PERSON),
        float(any(t in _FEELINGS for t in toks)),
        float(has_phrase(low, _STEMS) is not None),
        float(any(t in lx.WH for t in toks)),
        float(language == "nl"),
    ]
    return feats
